"""Compare two measurements: what changed per organisation x cell x orientation, and why.

``compare(base, new)`` lines up the two tables (columns and orientations of both),
gives each count as ``4 → 6 (+2)``, and per column the competences gained and
lost with the documents that carry them. When the two runs used a different
lexicon or pipeline, pass ``rescored``: the baseline's texts scored with the new
run's lexicon and pipeline. The change then splits in two:

* lexicon (method): ``rescored - base``, same texts, new lexicon/pipeline;
* texts: ``new - rescored``, same lexicon/pipeline, new texts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import LeaderscanError
from .i18n import N_, _
from .lemmatise import load_pipeline
from .render.words import column_heading, kind_label
from .runfile import SavedRun, open_run
from .saved import Measurement, Which, measurement, order_of, rescore, saved_lexicon
from .tally import Table, column_order

if TYPE_CHECKING:
    from .suggest import Candidate

# the causes of a change, as run.json and the JSON output keep them (shown in the
# language in use: render.words.cause_label)
TEXT, LEXICON = "tekst", "lexicon"


def arrow(base: int, new: int) -> str:
    """``4 → 6 (+2)``; ``4 → 4`` when nothing changed."""
    d = new - base
    return f"{base} → {new}" + (f" ({d:+d})" if d else "")


def contributing(m: Measurement, which: Which) -> dict[tuple[str, str, str], dict[str, set[str]]]:
    """(column, organisation, orientation) -> competence id -> titles of the documents."""
    titles = {d["document"]: d.get("title") or d["document"] for d in m.documents}
    out: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key, hits in m.counted(which).items():
        for h in hits:
            out[key][h.competence_id].add(titles.get(h.document, h.document))
    return out


@dataclass
class Item:
    """A competence gained or lost in one column."""

    orientation: str  # label
    competence: str
    documents: list[str]
    cause: str = ""  # TEXT or LEXICON when the runs differ in method


@dataclass
class Cell:
    base: int
    new: int
    rescored: int | None = None

    @property
    def change(self) -> int:
        return self.new - self.base

    @property
    def by_lexicon(self) -> int | None:
        return None if self.rescored is None else self.rescored - self.base

    @property
    def by_text(self) -> int | None:
        return None if self.rescored is None else self.new - self.rescored

    def text(self) -> str:
        s = arrow(self.base, self.new)
        if self.rescored is not None and self.by_lexicon:
            s += " " + _("[text {by_text:+d}, lexicon {by_lexicon:+d}]").format(
                by_text=self.by_text, by_lexicon=self.by_lexicon
            )
        return s


@dataclass
class ColumnChange:
    cell: str
    organisation: str
    n_base: int
    n_new: int
    counts: dict[str, Cell]  # orientation name -> counts
    gained: list[Item] = field(default_factory=list)
    lost: list[Item] = field(default_factory=list)

    @property
    def title(self) -> str:
        n = f"N={self.n_base}" if self.n_base == self.n_new else f"N={self.n_base} → {self.n_new}"
        return f"{column_heading(self.cell)} {self.organisation} ({n})"


@dataclass
class Comparison:
    which: Which
    orientations: list[tuple[str, str]]  # (name, label)
    columns: list[ColumnChange]
    method: list[str]  # how the runs differ in lexicon or pipeline; empty when the same

    @property
    def split(self) -> bool:
        return bool(self.method)

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.which,
            "method_differs": self.method,
            "columns": [
                {
                    "cell": c.cell,
                    "organisation": c.organisation,
                    "N": {"base": c.n_base, "new": c.n_new},
                    "counts": {
                        o: {
                            "base": v.base,
                            "new": v.new,
                            "change": v.change,
                            **(
                                {"by_text": v.by_text, "by_lexicon": v.by_lexicon}
                                if v.rescored is not None
                                else {}
                            ),
                        }
                        for o, v in c.counts.items()
                    },
                    "gained": [item.__dict__ for item in c.gained],
                    "lost": [item.__dict__ for item in c.lost],
                }
                for c in self.columns
            ],
        }

    def long_rows(self) -> list[dict[str, Any]]:
        labels = dict(self.orientations)
        rows = []
        for c in self.columns:
            for o, v in c.counts.items():
                rows.append(
                    {
                        "organisation": c.organisation,
                        "cell": c.cell,
                        "orientation": labels.get(o, o),
                        "base": v.base,
                        "new": v.new,
                        "change": v.change,
                        "by_text": v.by_text,
                        "by_lexicon": v.by_lexicon,
                        "N_base": c.n_base,
                        "N_new": c.n_new,
                    }
                )
        return rows


LONG_COLUMNS = [
    "organisation",
    "cell",
    "orientation",
    "base",
    "new",
    "change",
    "by_text",
    "by_lexicon",
    "N_base",
    "N_new",
]


@dataclass
class KindsCompared:
    """Which kinds of document a comparison holds, and which it leaves out: a kind only
    one of the two runs holds is left out, never counted as lost."""

    compared: tuple[str, ...] = ()  # empty: all, the same in both runs
    only_base: tuple[str, ...] = ()
    only_new: tuple[str, ...] = ()
    # the baseline narrowed to ``compared`` differs from its own saved table: sections of
    # documents of other kinds (manifest 'sections') counted in its cells
    baseline_differs: bool = False

    def lines(self) -> list[str]:
        """What a reader must know about what is compared, in the language in use (the
        terminal, the report, the Markdown)."""

        def kinds(names: tuple[str, ...]) -> str:
            return ", ".join(kind_label(k) for k in names)

        out = []
        parts = []
        if self.only_base:
            parts.append(_("{kinds} only in the baseline").format(kinds=kinds(self.only_base)))
        if self.only_new:
            parts.append(
                _("{kinds} only in the new measurement").format(kinds=kinds(self.only_new))
            )
        if parts:
            out.append(
                _(
                    "Compared: documents of kind {kinds} only ({left_out}: left out, not "
                    "counted as lost); choose with --kind"
                ).format(kinds=kinds(self.compared), left_out="; ".join(parts))
            )
        if self.baseline_differs:
            out.append(
                _(
                    "The baseline with {kinds} only differs from its own saved table: sections "
                    "of documents of other kinds (manifest 'sections') counted in its cells"
                ).format(kinds=kinds(self.compared))
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "compared": list(self.compared),
            "only_base": list(self.only_base),
            "only_new": list(self.only_new),
            "baseline_differs": self.baseline_differs,
        }


def kinds_of(m: Measurement) -> set[str]:
    return {d.get("kind") or "vacancy" for d in m.data["documents"]}


def same_kinds(
    base: Measurement, new: Measurement, kinds: tuple[str, ...] = ()
) -> tuple[Measurement, Measurement, KindsCompared]:
    """The two measurements narrowed to the kinds of document both hold (of ``kinds``,
    when given), and what was left out. Raises ValueError when no kind is left."""
    kb, kn = kinds_of(base), kinds_of(new)
    wanted = set(kinds) if kinds else kb | kn
    common = tuple(sorted(kb & kn & wanted))
    if not common:
        raise ValueError(
            _("the two runs hold no documents of the same kind among {kinds}").format(
                kinds=", ".join(kind_label(k) for k in kinds)
            )
            if kinds
            else _("the two runs hold no documents of the same kind")
        )
    if not kinds and kb == kn:
        return base, new, KindsCompared()
    found = KindsCompared(
        common, tuple(sorted((kb - kn) & wanted)), tuple(sorted((kn - kb) & wanted))
    )
    narrowed = measurement(base.data, common), measurement(new.data, common)
    found.baseline_differs = narrowed[0].table.long() != measurement(base.data).table.long()
    return *narrowed, found


def method_differences(base: Measurement, new: Measurement) -> list[str]:
    out = []
    if base.lexicon_sha256 != new.lexicon_sha256:
        out.append(
            _("lexicon changed ({base} → {new})").format(
                base=base.lexicon_sha256[:12], new=new.lexicon_sha256[:12]
            )
        )
    if base.pipeline != new.pipeline:
        out.append(
            _("another pipeline ({base} → {new})").format(base=base.pipeline, new=new.pipeline)
        )
    return out


def _table(m: Measurement, which: Which) -> Table:
    return m.table if which == "table" else m.outside


def _union(a: list[Any], b: list[Any]) -> list[Any]:
    return a + [x for x in b if x not in a]


def compare(
    base: Measurement,
    new: Measurement,
    rescored: Measurement | None = None,
    which: Which = "table",
) -> Comparison:
    """Line up ``base`` and ``new``; with ``rescored``, split each change by cause."""
    method = method_differences(base, new)
    if not method:
        rescored = None
    tb, tn = _table(base, which), _table(new, which)
    tr = _table(rescored, which) if rescored else None
    orientations = _union(
        [(o, tb.labels[o]) for o in tb.orientations], [(o, tn.labels[o]) for o in tn.orientations]
    )
    labels = dict(orientations)
    n_base = {(c.cell, c.organisation): c.documents for c in tb.columns}
    n_new = {(c.cell, c.organisation): c.documents for c in tn.columns}
    # the order of the new run's table (as its report shows it; tally.column_order)
    (cells_new, orgs_new), (cells_base, orgs_base) = order_of(new.data), order_of(base.data)
    keys = column_order(
        _union(list(n_new), list(n_base)),
        _union(cells_new, cells_base),
        _union(orgs_new, orgs_base),
    )
    docs_base, docs_new = contributing(base, which), contributing(new, which)
    in_rescored = contributing(rescored, which) if rescored else {}

    def label(m: Measurement, cid: str, org: str) -> str:
        return m.competence_label(cid, org)

    columns = []
    for cell, org in keys:
        counts = {
            o: Cell(
                tb.count(cell, org, o),
                tn.count(cell, org, o),
                tr.count(cell, org, o) if tr else None,
            )
            for o, _label in orientations
        }
        col = ColumnChange(cell, org, n_base.get((cell, org), 0), n_new.get((cell, org), 0), counts)
        for o, _label in orientations:
            b, n = docs_base.get((cell, org, o), {}), docs_new.get((cell, org, o), {})
            r = in_rescored.get((cell, org, o), {})
            for cid in sorted(set(n) - set(b)):
                cause = (LEXICON if cid in r else TEXT) if rescored else ""
                col.gained.append(Item(labels[o], label(new, cid, org), sorted(n[cid]), cause))
            for cid in sorted(set(b) - set(n)):
                cause = (TEXT if cid in r else LEXICON) if rescored else ""
                col.lost.append(Item(labels[o], label(base, cid, org), sorted(b[cid]), cause))
        columns.append(col)
    return Comparison(which, orientations, columns, method)


# shown with _() where used, so that the language in use is the one shown
UNLISTED_TITLE = N_("Not in the lexicon")
UNLISTED_NOTE = N_(
    "What the new measurement asks and no competence of the lexicon covers, the most "
    "frequent first (candidates of `leaderscan suggest`; not counted in the table):"
)


def method_note() -> str:
    """How a change is split when the two measurements differ in method."""
    return _(
        "Each change is split into [text ±n, lexicon ±n]: what the new texts and what the "
        "change of lexicon contribute (the baseline's texts scored again)."
    )


Note = Callable[[str], None]


def rescored_baseline(base: Measurement, new: Measurement, on_note: Note) -> Measurement | None:
    """The baseline's texts scored with the new run's lexicon and pipeline (None when
    both used the same); what stands in the way goes to ``on_note``."""
    if not method_differences(base, new):
        return None
    name = new.data.get("pipeline", {}).get("name", "auto")
    try:
        pipeline = load_pipeline(name)
    except LeaderscanError:
        pipeline = load_pipeline("auto")
        on_note(
            _("{name} is not installed here; re-scoring the baseline with {pipeline}").format(
                name=name, pipeline=pipeline.description
            )
        )
    try:
        return rescore(base, saved_lexicon(new.data), pipeline)
    except LeaderscanError as exc:
        on_note(_("cannot split the change into texts and lexicon: {error}").format(error=exc))
        return None


def comparisons(base: Measurement, new: Measurement, on_note: Note) -> list[Comparison]:
    """The comparisons of both tables that have columns: the Figure 26 table, and the
    one outside the cells when either run has it."""
    rescored = rescored_baseline(base, new, on_note)
    out = [compare(base, new, rescored, "table")]
    if base.outside.columns or new.outside.columns:
        out.append(compare(base, new, rescored, "outside"))
    return [c for c in out if c.columns]


def compare_runs(
    base: Measurement, new: Measurement, kinds: tuple[str, ...] = (), on_note: Note | None = None
) -> tuple[Measurement, Measurement, KindsCompared, list[Comparison]]:
    """Two saved runs compared on the kinds of document both hold (of ``kinds``, when
    given): the two measurements as compared, which kinds that is, and the comparisons.
    What a reader must know (kinds left out, a baseline that cannot be re-scored) goes to
    ``on_note``. Raises LeaderscanError when the runs hold no kind in common."""
    note = on_note or (lambda _note: None)
    try:
        b, n, found = same_kinds(base, new, kinds)
    except ValueError as exc:
        raise LeaderscanError(
            _("{error}; nothing to compare (see --kind)").format(error=exc)
        ) from None
    for line in found.lines():
        note(line)
    return b, n, found, comparisons(b, n, note)


def compare_saved(
    base: Path | str | SavedRun,
    new: Path | str | SavedRun,
    kinds: tuple[str, ...] = (),
    on_note: Note | None = None,
) -> list[Comparison]:
    """Two saved runs (folders, run.json files or ``open_run`` results) compared as
    ``leaderscan compare`` compares them: the tables of both, each change split into
    texts and lexicon when the method differs."""
    b, n = (measurement((r if isinstance(r, SavedRun) else open_run(r)).data) for r in (base, new))
    return compare_runs(b, n, kinds, on_note)[3]


def unlisted_of(m: Measurement, on_note: Note | None = None) -> list[Candidate]:
    """The commonest candidates not in the lexicon of a saved run, read with its pipeline
    (or, when that is not installed here, the default one)."""
    from .suggest import unlisted

    name = m.data.get("pipeline", {}).get("name", "auto")
    try:
        pipeline = load_pipeline(name)
    except LeaderscanError:
        pipeline = load_pipeline("auto")
    try:
        return unlisted(m, pipeline)
    except LeaderscanError as exc:
        (on_note or (lambda _note: None))(
            _("cannot list what the lexicon did not count: {error}").format(error=exc)
        )
        return []
