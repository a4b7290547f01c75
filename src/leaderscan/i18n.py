"""The language of messages, ``--help`` and outputs: Dutch where the locale is Dutch,
English otherwise; ``--lang nl|en`` (or ``LEADERSCAN_LANG``) chooses.

Strings are written in English in the code and marked with ``_()`` (``ngettext`` where
a number decides the form, ``N_()`` for a string translated later, where it is shown);
the Dutch translations live in one gettext catalogue,
``locale/nl/LC_MESSAGES/leaderscan.po``, compiled to the ``.mo`` beside it by
``scripts/make_catalogue.py`` (Babel), which a test keeps in step with the code. The
thesis's terms (Strateeg, Verkenner, Ontwikkelaar, Procesmanager, wijk, lijn) are the
same in both languages; so are the column names of counts.csv and evidence.csv, which
programs read.

The standard library's ``gettext`` does the work at run time: no dependency, and the
catalogue is read once, on the first message.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Sequence
from pathlib import Path

LANGUAGES = ("nl", "en")
DOMAIN = "leaderscan"
LOCALE_DIR = Path(__file__).parent / "locale"
ENVIRONMENT = "LEADERSCAN_LANG"

_translation: gettext.NullTranslations | None = None
_language: str | None = None


def language_of_locale(name: str | None) -> str:
    """'nl' for a Dutch locale name (nl_NL.UTF-8, nl_BE, Dutch_Netherlands.1252,
    Nederlands), 'en' for any other or none."""
    lowered = (name or "").lower()
    if lowered.startswith(("nl", "dutch", "nederlands", "flemish", "vlaams")):
        return "nl"
    return "en"


def language_from_environment() -> str:
    """The language the environment asks for: LEADERSCAN_LANG when it names one of
    ours; else the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set (as
    gettext reads them); else the system's locale (what Windows has instead)."""
    chosen = os.environ.get(ENVIRONMENT, "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return language_of_locale(value.split(":")[0])
    try:
        return language_of_locale(locale.getlocale()[0])
    except ValueError:
        return "en"


def language_in_arguments(args: Sequence[str]) -> str | None:
    """The value of ``--lang X`` or ``--lang=X`` on a command line, before click reads
    it: ``--help`` is made when the commands are defined, so the language must be known
    first. None when absent or not one of ours (click then says what is wrong)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None and value.lower() in LANGUAGES:
            return value.lower()
    return None


def set_language(language: str | None = None) -> str:
    """Use ``language`` ('nl' or 'en'; None: what the environment says) from now on, in
    this process; the language is returned. Workers get it with their settings."""
    global _translation, _language
    chosen = (language or language_from_environment()).lower()
    if chosen not in LANGUAGES:
        raise ValueError(f"language {language!r}: use one of {', '.join(LANGUAGES)}")
    if chosen == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen], fallback=True)
    _language = chosen
    return chosen


def language() -> str:
    """The language in use: 'nl' or 'en'."""
    if _language is None:
        set_language()
    assert _language is not None
    return _language


def _catalogue() -> gettext.NullTranslations:
    if _translation is None:
        set_language()
    assert _translation is not None
    return _translation


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n``, in the language in use."""
    return _catalogue().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here: for strings
    defined once (a table of labels) and translated with ``_()`` where shown."""
    return message


def in_every_language(message: str) -> frozenset[str]:
    """``message`` as each language writes it: to recognise a text that a run stored in
    the language it ran in (a hit's reason in run.json), whatever the language now."""
    forms = {message}
    for chosen in LANGUAGES:
        if chosen != "en":
            catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen], fallback=True)
            forms.add(catalogue.gettext(message))
    return frozenset(forms)
