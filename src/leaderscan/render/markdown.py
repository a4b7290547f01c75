"""Markdown (and plain text of the same shape): a comparison, and the inventory of
a saved run like the thesis's Appendices 7 and 8."""

from __future__ import annotations

from collections.abc import Sequence

from ..appendix import InventoryEntry
from ..compare import (
    UNLISTED_NOTE,
    UNLISTED_TITLE,
    Comparison,
    KindsCompared,
    method_note,
)
from ..i18n import _
from ..saved import Measurement
from ..suggest import Candidate
from .words import cause_label, table_title


def as_markdown(
    comparisons: list[Comparison],
    base: Measurement,
    new: Measurement,
    kinds: KindsCompared | None = None,
    unlisted: Sequence[Candidate] = (),
) -> str:
    lines = [
        "# " + _("Comparison: {base} → {new}").format(base=base.title, new=new.title),
        "",
        "- "
        + _("Baseline: {created}, pipeline {pipeline}, lexicon {sha256}").format(
            created=base.created, pipeline=base.pipeline, sha256=base.lexicon_sha256[:12]
        ),
        "- "
        + _("New measurement: {created}, pipeline {pipeline}, lexicon {sha256}").format(
            created=new.created, pipeline=new.pipeline, sha256=new.lexicon_sha256[:12]
        ),
    ]
    notes = kinds.lines() if kinds is not None else []
    if notes:
        lines += ["", *(f"> {line}." for line in notes)]
    for comp in comparisons:
        lines += ["", f"## {table_title(comp.which)}", ""]
        if comp.method:
            lines += [
                _("The measurements differ in method: {differences}.").format(
                    differences="; ".join(comp.method)
                ),
                method_note(),
                "",
            ]
        lines.append(
            "| " + _("Orientations") + " | " + " | ".join(c.title for c in comp.columns) + " |"
        )
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
                    cause = f" [{cause_label(item.cause)}]" if item.cause else ""
                    lines.append(
                        f"- {sign} {item.competence} ({item.orientation}){cause}: "
                        + "; ".join(item.documents)
                    )
    if unlisted:
        lines += ["", f"## {_(UNLISTED_TITLE)}", "", _(UNLISTED_NOTE), ""]
        lines += [f"- {c.label} ({c.in_documents})" for c in unlisted]
    return "\n".join(lines) + "\n"


def as_text(entries: list[InventoryEntry], markdown: bool = False) -> str:
    out: list[str] = []
    current: tuple[str, str] | None = None
    for e in entries:
        if current is None or current[0] != e.organisation:
            out.append(
                ("## " if markdown else "")
                + _("Inventory {organisation}").format(organisation=e.organisation)
            )
            current = (e.organisation, "")
        if current[1] != e.orientation:
            out.append(("\n### " if markdown else "\n") + e.orientation)
            current = (e.organisation, e.orientation)
        out.append(("- " + e.line()[2:]) if markdown else e.line())
    return "\n".join(out) + "\n"
