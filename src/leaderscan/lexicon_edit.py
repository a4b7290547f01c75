"""An edited lexicon parsed again only where it changed.

A lexicon file is mostly its list of competences, one block of lines each. After an
edit, ``parse_edited`` takes each competence whose block of lines is unchanged from the
earlier parse of the file (its lines moved as the block moved) and parses only the
changed blocks, in a text of their own with the same lines before and after the list.
The result is ``lexicon.parse_lexicon`` of the edited text; where that cannot be shown
from the two texts (a warning, an anchor, a duplicate, lines the split does not
recognise, a changed part outside the list), the whole text is parsed.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .errors import LexiconError
from .lexicon import MAX_LEXICON_BYTES, Competence, Lexicon, Pattern, parse_lexicon
from .yamlio import may_have_aliases

_LIST_KEY = re.compile(r"competences:[ \t]*(#.*)?\n?")


@dataclasses.dataclass(frozen=True)
class Blocks:
    """A lexicon text split at its competences: the lines before the first one, each
    competence's lines with the number of its first line, and the lines after."""

    head: str
    blocks: tuple[tuple[int, str], ...]
    tail: str


def competence_blocks(text: str) -> Blocks | None:
    """The text split at the items of its block-style ``competences:`` list, or None
    when its layout is not one this split knows (a flow list, tabs, several
    documents)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _LIST_KEY.fullmatch(line)]
    if len(starts) != 1 or any(line.startswith(("---", "...", "\t")) for line in lines):
        return None
    first = next(
        (
            i
            for i in range(starts[0] + 1, len(lines))
            if lines[i].strip() and not lines[i].lstrip().startswith("#")
        ),
        None,
    )
    if first is None:
        return None
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    if not lines[first][indent:].startswith("- "):
        return None
    begins: list[int] = []
    end = len(lines)
    for i in range(first, len(lines)):
        line = lines[i]
        body = line.lstrip(" ")
        if not body.strip() or body.startswith("#"):
            continue
        if body.startswith("\t"):  # a tab in the indentation: YAML refuses it
            return None
        spaces = len(line) - len(body)
        if spaces == indent and body.startswith("- "):
            begins.append(i)
        elif spaces <= indent:  # a line outside the list: it has ended
            end = i
            break
    blocks = tuple(
        (b + 1, "".join(lines[b:e])) for b, e in zip(begins, [*begins[1:], end], strict=True)
    )
    return Blocks("".join(lines[:first]), blocks, "".join(lines[end:]))


def parse_edited(path: Path, text: str, earlier: Lexicon) -> Lexicon:
    """``parse_lexicon(path, text)`` for a text edited from the one ``earlier`` was
    parsed from (of this file or another), reusing the competences of the blocks the
    edit left as they were."""
    reused = _reused(path, text, earlier)
    return reused if reused is not None else parse_lexicon(path, text)


def _reused(path: Path, text: str, earlier: Lexicon) -> Lexicon | None:
    if earlier.warnings or may_have_aliases(text) or may_have_aliases(earlier.text):
        return None
    if len(text.encode("utf-8")) > MAX_LEXICON_BYTES:
        return None
    old, new = competence_blocks(earlier.text), competence_blocks(text)
    if old is None or new is None or (old.head, old.tail) != (new.head, new.tail):
        return None
    # the split must be the parser's: one competence per block, at the block's first line
    if [line for line, _ in old.blocks] != [c.line for c in earlier.competences]:
        return None
    known: dict[str, tuple[int, Competence]] = {}
    for (line, block), comp in zip(old.blocks, earlier.competences, strict=True):
        known.setdefault(block, (line, comp))
    changed = [(line, block) for line, block in new.blocks if block not in known]
    if len(changed) == len(new.blocks):
        return None  # nothing to reuse
    parsed: dict[int, Competence] = {}
    base = earlier
    if changed:
        head_lines = new.head.count("\n")
        alone = new.head + "".join(block for _, block in changed) + new.tail
        try:
            base = parse_lexicon(path, alone)
        except LexiconError:
            return None  # the whole text says what is wrong, with its own lines
        at, expected = head_lines + 1, []
        for _, block in changed:
            expected.append(at)
            at += block.count("\n")
        if base.warnings or [c.line for c in base.competences] != expected:
            return None
        for (line, _), comp, was in zip(changed, base.competences, expected, strict=True):
            parsed[line] = _moved(comp, line - was)
    competences = []
    for line, block in new.blocks:
        if line in parsed:
            competences.append(parsed[line])
        else:
            was, comp = known[block]
            competences.append(_moved(comp, line - was))
    ids = [c.id for c in competences]
    labels = [(c.label.lower(), c.orientation) for c in competences]
    if len(set(ids)) != len(ids) or len(set(labels)) != len(labels):
        return None  # the whole text names the duplicate, or warns of it
    return dataclasses.replace(base, path=path, text=text, competences=tuple(competences))


def _moved(comp: Competence, by: int) -> Competence:
    """The competence with its lines (its own and its patterns') moved ``by`` lines."""
    if by == 0:
        return comp

    def move(patterns: tuple[Pattern, ...]) -> tuple[Pattern, ...]:
        return tuple(dataclasses.replace(p, line=p.line + by) for p in patterns)

    return dataclasses.replace(
        comp, line=comp.line + by, patterns=move(comp.patterns), exclude=move(comp.exclude)
    )
