"""Which lexicon: finding it (``find_lexicon``), the one that comes with leaderscan and a
copy of it to edit, the JSON Schema of the format, and several lexicons as one (a
lexicon on top of another, ``load_lexicons``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from .errors import LeaderscanError, LexiconError, OutputError, Problem
from .i18n import _
from .lexicon import (
    DEFAULT_LEXICON,
    LEXICON_NAME,
    Lexicon,
    Orientation,
    parse_lexicon,
)


def combine_lexicons(parts: Sequence[Lexicon]) -> Lexicon:
    """One lexicon of several files, in order: a lexicon on top of another.

    The first file's settings (name, window) lead; orientations are the union in order of
    appearance, and one name must mean the same in every file (scored or not); unscored
    sections and kinds are the union; competences are concatenated, so the earlier file wins
    ties, and an id may occur in one file only. The result's ``text`` is one self-contained
    YAML document (what a run saves and a comparison re-scores with); its ``path`` is the
    first file's, ``sources`` names them all.
    """
    if len(parts) == 1:
        return parts[0]
    problems: list[Problem] = []
    orientations: dict[str, tuple[Orientation, Path]] = {}
    ids: dict[str, Path] = {}
    for part in parts:
        for o in part.orientations:
            first = orientations.setdefault(o.name, (o, part.path))
            if first[0].scored != o.scored:
                problems.append(
                    Problem(
                        part.path,
                        0,
                        (
                            _(
                                "orientation '{name}' is scored here but not scored in {other}; "
                                "make them agree"
                            )
                            if o.scored
                            else _(
                                "orientation '{name}' is not scored here but scored in {other}; "
                                "make them agree"
                            )
                        ).format(name=o.name, other=first[1]),
                    )
                )
        for c in part.competences:
            if c.id in ids:
                problems.append(
                    Problem(
                        part.path,
                        c.line,
                        _(
                            "competence id '{id}' is also in {other}; an id may be in one of "
                            "the combined lexicons only"
                        ).format(id=c.id, other=ids[c.id]),
                    )
                )
            ids.setdefault(c.id, part.path)
    if problems:
        raise LexiconError(problems)
    raw = [yaml.safe_load(part.text) for part in parts]  # validated: no aliases left to fear
    merged: dict[str, Any] = {
        "name": " + ".join(part.name for part in parts),
        "window": parts[0].window,
        "orientations": [],
        "competences": [],
    }
    seen: set[str] = set()
    for data in raw:
        for item in data["orientations"]:
            name = item if isinstance(item, str) else item["name"]
            if name not in seen:
                seen.add(name)
                merged["orientations"].append(item)
        for key in ("unscored_sections", "unscored_kinds"):
            for value in data.get(key) or ():
                if value not in merged.setdefault(key, []):
                    merged[key].append(value)
        merged["competences"].extend(data["competences"])
    text = yaml.safe_dump(merged, allow_unicode=True, sort_keys=False, width=100)
    combined = parse_lexicon(parts[0].path, text)
    return replace(
        combined,
        sources=tuple(p for part in parts for p in part.sources),
        warnings=tuple(w for part in parts for w in part.warnings),
    )


def load_lexicons(paths: Sequence[Path | str], cache_root: Path | None = None) -> Lexicon:
    """Load one lexicon, or several on top of each other (see ``combine_lexicons``);
    ``cache_root``: a cache folder that keeps parsed lexicons (compiled.py)."""
    from .compiled import load_lexicon_cached

    parts: list[Lexicon] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            parts.append(load_lexicon_cached(path, cache_root))
        except LexiconError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LexiconError(problems)
    return combine_lexicons(parts)


# the lexicons that come with leaderscan, by the name a user gives for ``--lexicon``:
# the 2021 instrument, and the extension for a second measurement (alone or on top)
PACKAGED = {
    "competences": DEFAULT_LEXICON,
    "uitbreiding": DEFAULT_LEXICON.parent / "uitbreiding.yaml",
}


def find_lexicons(options: Sequence[Path | str], corpus: Path | None) -> list[Path]:
    """The lexicon files of one or more ``--lexicon``: a file, or the name of one that
    comes with leaderscan ("competences", "uitbreiding") when no file of that name is
    here; none given: ``find_lexicon``'s search."""
    if not options:
        return [find_lexicon(None, corpus)]
    return [find_lexicon(option, corpus) for option in options]


def find_lexicon(option: Path | str | None, corpus: Path | None) -> Path:
    """The lexicon to use: the one given; else competences.yaml in the current
    folder; else beside the corpus (in it or in its parent folder); else the lexicon
    that comes with leaderscan."""
    if option is not None:
        if str(option) in PACKAGED and not Path(option).exists():
            return PACKAGED[str(option)]
        option = Path(option)
        if not option.is_file():
            message = (
                _(
                    "{path}: is a folder, not a lexicon file; check the name of the lexicon "
                    "given (or use one that comes with leaderscan: {names})"
                )
                if option.is_dir()
                else _(
                    "{path}: no such file; check the name of the lexicon given (or use one "
                    "that comes with leaderscan: {names})"
                )
            )
            raise LeaderscanError(message.format(path=option, names=", ".join(PACKAGED)))
        return option
    candidates = [Path(LEXICON_NAME)]
    if corpus is not None:
        candidates += [corpus / LEXICON_NAME, corpus.resolve().parent / LEXICON_NAME]
    for c in candidates:
        if c.is_file():
            return c
    return DEFAULT_LEXICON


def lexicon_name(path: Path) -> str:
    """The lexicon file as the terminal names it: one that comes with leaderscan said to
    be so."""
    for name, packaged in PACKAGED.items():
        if path.resolve() == packaged.resolve():
            if name == "competences":
                return _("{path} (default)").format(path=path)
            return f"{path} ({name})"
    return str(path)


def lexicons_name(lexicon: Lexicon) -> str:
    """The lexicon files of a (combined) lexicon, as the terminal names them."""
    return " + ".join(lexicon_name(p) for p in lexicon.sources)


def write_default_copy(path: Path | None = None, name: str = "competences") -> Path:
    """Write a copy of a lexicon that comes with leaderscan (``name``: competences or
    uitbreiding), to edit: to ``path`` (default: its file name here; a folder: in it).
    An existing file is not replaced (OutputError says so)."""
    source = PACKAGED[name]
    path = path or Path(source.name)
    if path.is_dir():
        path = path / source.name
    try:
        with path.open("x", encoding="utf-8", newline="") as f:
            f.write(source.read_text(encoding="utf-8"))
    except FileExistsError:
        raise OutputError(
            _("{path}: exists; choose another PATH or remove it first").format(path=path)
        ) from None
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot be written ({error}); choose another PATH").format(
                path=path, error=exc.strerror
            )
        ) from None
    return path


def schema_text() -> str:
    """The JSON Schema of competences.yaml, as shipped in the package."""
    from importlib import resources

    return (resources.files("leaderscan") / "schema" / "competences.schema.json").read_text(
        encoding="utf-8"
    )
