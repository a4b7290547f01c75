"""The words of leaderscan's outputs that stand for a value of the data: the kinds of
document, the two causes of a change and the titles of the tables, in the language in
use.

The data keeps its own values (``vacancy``, ``policy``, ``training`` in run.json and
the CSV files; cells such as ``wijk`` and ``lijn`` as the corpus names them); only what
people read is translated here.
"""

from __future__ import annotations

from ..i18n import N_, _

KIND_WORDS = {"vacancy": N_("vacancy"), "policy": N_("policy"), "training": N_("training")}
# the causes of a change in a comparison (compare.TEXT, compare.LEXICON)
CAUSE_WORDS = {"tekst": N_("text"), "lexicon": N_("lexicon")}


def kind_label(kind: str | None) -> str:
    """A kind of document as a word of the language: vacancy / vacature."""
    value = kind or "vacancy"
    return _(KIND_WORDS[value]) if value in KIND_WORDS else value


def column_heading(cell: str) -> str:
    """A cell or kind as a column heading: ``wijk`` -> ``Wijk``, ``training`` ->
    ``Training`` (Dutch: ``Opleiding``)."""
    return kind_label(cell).capitalize()


def cause_label(cause: str) -> str:
    """The cause of a change (text or lexicon) in the language in use."""
    return _(CAUSE_WORDS[cause]) if cause in CAUSE_WORDS else cause


def page_ref(page: int) -> str:
    """A page as a reference in a quote: p. 3."""
    return _("p. {page}").format(page=page)


TABLE_TITLES: dict[str, str] = {
    "table": N_("Number of competences per leadership orientation"),
    "outside": N_("Documents outside the cells (per kind and organisation)"),
}


def table_title(which: str) -> str:
    """The title of the Figure 26 table ("table") or of the one outside the cells."""
    return _(TABLE_TITLES[which])
