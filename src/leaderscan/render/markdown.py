"""Markdown (and plain text of the same shape): a comparison, and the inventory of
a saved run like the thesis's Appendices 7 and 8."""

from __future__ import annotations

from collections.abc import Sequence

from ..appendix import InventoryEntry
from ..compare import (
    LEXICON,
    TABLE_TITLES,
    TEXT,
    UNLISTED_NOTE,
    UNLISTED_TITLE,
    Comparison,
    KindsCompared,
)
from ..saved import Measurement
from ..suggest import Candidate


def as_markdown(
    comparisons: list[Comparison],
    base: Measurement,
    new: Measurement,
    kinds: KindsCompared | None = None,
    unlisted: Sequence[Candidate] = (),
) -> str:
    lines = [
        f"# Vergelijking: {base.title} → {new.title}",
        "",
        f"- Basismeting: {base.created}, pipeline {base.pipeline}, lexicon {base.lexicon_sha256[:12]}",
        f"- Nieuwe meting: {new.created}, pipeline {new.pipeline}, lexicon {new.lexicon_sha256[:12]}",
    ]
    if kinds is not None and kinds.lines_nl():
        lines += ["", *(f"> {line}." for line in kinds.lines_nl())]
    for comp in comparisons:
        lines += ["", f"## {TABLE_TITLES[comp.which]}", ""]
        if comp.method:
            lines += [
                "De metingen verschillen in methode: " + "; ".join(comp.method) + ".",
                f"Elke verandering is gesplitst in [{TEXT} ±n, {LEXICON} ±n]: "
                "wat de nieuwe teksten en wat de lexicon-wijziging bijdragen.",
                "",
            ]
        lines.append("| Oriëntaties | " + " | ".join(c.title for c in comp.columns) + " |")
        lines.append("|---" * (len(comp.columns) + 1) + "|")
        for o, lab in comp.orientations:
            lines.append(
                f"| {lab} | " + " | ".join(c.counts[o].text() for c in comp.columns) + " |"
            )
        for c in comp.columns:
            if not (c.gained or c.lost):
                continue
            lines += ["", f"### {c.title}", ""]
            for sign, items in (("+", c.gained), ("−", c.lost)):
                for item in items:
                    cause = f" [{item.cause}]" if item.cause else ""
                    lines.append(
                        f"- {sign} {item.competence} ({item.orientation}){cause}: "
                        + "; ".join(item.documents)
                    )
    if unlisted:
        lines += ["", f"## {UNLISTED_TITLE}", "", UNLISTED_NOTE, ""]
        lines += [f"- {c.label} ({c.in_documents})" for c in unlisted]
    return "\n".join(lines) + "\n"


def as_text(entries: list[InventoryEntry], markdown: bool = False) -> str:
    out: list[str] = []
    current: tuple[str, str] | None = None
    for e in entries:
        if current is None or current[0] != e.organisation:
            out.append(("## " if markdown else "") + f"Inventarisatie {e.organisation}")
            current = (e.organisation, "")
        if current[1] != e.orientation:
            out.append(("\n### " if markdown else "\n") + e.orientation)
            current = (e.organisation, e.orientation)
        out.append(("- " + e.line()[2:]) if markdown else e.line())
    return "\n".join(out) + "\n"
