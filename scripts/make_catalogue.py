"""The Dutch catalogue: find the strings that lack a translation, compile the .mo.

    python scripts/make_catalogue.py            # compile; list what is missing
    python scripts/make_catalogue.py --add src/leaderscan/locale/nl/cli.po src/leaderscan/cli
                                                # append the missing strings of those
                                                # files to cli.po, to translate there

The strings are marked in the code (``_()``, ``ngettext``, ``N_()``; see
``leaderscan.i18n``) and in the Jinja templates (``_()``, ``ngettext``, ``{% trans %}``;
jinja2's i18n extension), and extracted with Babel (the templates with Jinja's own
extractor). Their Dutch is written in the .po files of
``src/leaderscan/locale/nl/`` — one per part of the program, so that work on one part
does not touch another's — and click's own strings (``Usage:``, ``Options``, its
errors) in ``click.po``. They are compiled into the one catalogue gettext reads,
``locale/nl/LC_MESSAGES/leaderscan.mo``. ``tests/test_i18n.py`` checks that every
string of the code has its Dutch and that the .mo holds the .po files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import click
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "leaderscan"
SOURCES = PACKAGE / "locale" / "nl"
COMPILED = SOURCES / "LC_MESSAGES" / "leaderscan.mo"
# "gettext": what Jinja's extractor calls a {% trans %} block
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "gettext": None}
METHODS = [
    ("**.py", "python"),
    ("**/templates/**.j2", "jinja2.ext:babel_extract"),
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
]
# as the report's Environment is made (render/html.py)
OPTIONS = {
    "**/templates/**": {
        "extensions": "jinja2.ext.i18n",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
        "newstyle_gettext": "true",
    }
}
# a fixed date: the compiled file changes only when a translation does
STAMP = datetime(2026, 1, 1, tzinfo=UTC)

Key = str | tuple[str, str]


def extracted(root: Path) -> Iterator[tuple[Key, str]]:
    """(msgid, "file:line") of every marked string under ``root``."""
    for filename, lineno, message, _comments, _context in extract_from_dir(
        root, method_map=METHODS, options_map=OPTIONS, keywords=KEYWORDS
    ):
        yield (
            (message if isinstance(message, str) else tuple(message[:2])),
            (
                f"{(root / filename).relative_to(ROOT) if root.is_relative_to(ROOT) else filename}:{lineno}"
            ),
        )


def code_strings() -> dict[Key, list[str]]:
    """leaderscan's marked strings with where each is used."""
    found: dict[Key, list[str]] = {}
    for key, where in extracted(PACKAGE):
        found.setdefault(key, []).append(where)
    return found


def click_strings() -> set[Key]:
    """click's own marked strings (those of the click installed here)."""
    return {key for key, _where in extracted(Path(click.__file__).parent)}


def read_sources() -> dict[Path, Catalog]:
    catalogues = {}
    for path in sorted(SOURCES.glob("*.po")):
        with path.open("rb") as f:
            catalogues[path] = read_po(f, locale="nl")
    return catalogues


def translated(message: Message) -> bool:
    if isinstance(message.string, str):
        return bool(message.string)
    return all(message.string)


def combined(catalogues: dict[Path, Catalog]) -> tuple[Catalog, list[str]]:
    """One catalogue of all the .po files, and the conflicts between them."""
    catalogue = Catalog(locale="nl", domain="leaderscan", creation_date=STAMP, revision_date=STAMP)
    where: dict[Key, Path] = {}
    conflicts = []
    for path, source in catalogues.items():
        for message in source:
            if not message.id or not translated(message):
                continue
            key: Key = message.id if isinstance(message.id, str) else tuple(message.id[:2])
            if key in where and catalogue[message.id].string != message.string:
                conflicts.append(
                    f"{path.name} and {where[key].name} translate {message.id!r} differently"
                )
                continue
            where[key] = path
            catalogue.add(message.id, message.string, flags=message.flags)
    return catalogue, conflicts


def missing(catalogue: Catalog, wanted: Iterable[Key]) -> list[Key]:
    return [key for key in wanted if not (catalogue.get(key) and translated(catalogue[key]))]


def add_missing(po: Path, paths: list[Path], catalogue: Catalog) -> int:
    """Append to ``po`` the strings of the code under ``paths`` that have no Dutch yet."""
    found = code_strings()
    wanted = [
        key
        for key, places in found.items()
        if any(
            str(ROOT / place.rpartition(":")[0]).startswith(str(p.resolve()))
            for p in paths
            for place in places
        )
    ]
    todo = missing(catalogue, wanted)
    target = Catalog(locale="nl", domain="leaderscan")
    if po.exists():
        with po.open("rb") as f:
            target = read_po(f, locale="nl")
    added = 0
    for key in todo:
        if key in target:
            continue
        target.add(
            key,
            "" if isinstance(key, str) else ("", ""),
            locations=[(p.rpartition(":")[0], int(p.rpartition(":")[2])) for p in found[key]],
        )
        added += 1
    with po.open("wb") as f:
        write_po(f, target, width=100, omit_header=False, sort_output=False)
    return added


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--add",
        nargs="+",
        metavar=("PO", "PATH"),
        help="append the untranslated strings of PATH… to PO",
    )
    args = parser.parse_args()
    catalogue, conflicts = combined(read_sources())
    if args.add:
        po, *paths = (Path(a) for a in args.add)
        n = add_missing(po, paths or [PACKAGE], catalogue)
        print(f"{po}: {n} string(s) added; translate them there, then run this script again")
        return 0
    for line in conflicts:
        print(line, file=sys.stderr)
    found = code_strings()
    lacking = missing(catalogue, found)
    for key in lacking:
        print(f"no Dutch: {key!r} ({', '.join(found[key])})", file=sys.stderr)
    click_lacking = missing(catalogue, click_strings())
    COMPILED.parent.mkdir(parents=True, exist_ok=True)
    with COMPILED.open("wb") as f:
        write_mo(f, catalogue, use_fuzzy=False)
    print(
        f"{COMPILED.relative_to(ROOT)}: {len(catalogue)} translations; "
        f"{len(lacking)} of leaderscan's {len(found)} strings and "
        f"{len(click_lacking)} of click's without Dutch"
    )
    return 1 if lacking or conflicts else 0


if __name__ == "__main__":
    sys.exit(main())
