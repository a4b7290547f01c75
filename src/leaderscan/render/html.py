"""The HTML report: one self-contained file HR can open, click through and print.

Everything is inline (CSS, a few lines of JavaScript, the chart as SVG), so the
file works offline and can be mailed. Each count in the table opens the
evidence behind it: the sentences, with the match highlighted, document and
page. With a baseline, the comparison is shown too. Printed (A4), all evidence
and documents are expanded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import i18n
from ..compare import UNLISTED_TITLE, Comparison, KindsCompared, method_note
from ..i18n import _
from ..model import Hit
from ..saved import Measurement, Which
from ..suggest import Candidate
from ..tally import Table
from ..version import __version__
from .chart import chart_bytes
from .words import cause_label, column_heading, kind_label, table_title


@dataclass
class Quote:
    document: str  # title
    doc_id: str
    page: int
    section: str
    before: str
    match: str
    after: str
    ocr: float | None = None  # the OCR confidence of the page, when read by OCR


@dataclass
class Evidence:
    id: str
    title: str
    competences: list[tuple[str, list[Quote]]] = field(default_factory=list)


def quote(h: Hit, title: str, doc_id: str) -> Quote:
    """The sentence split around the first occurrence of the match."""
    i = h.context.find(h.match) if h.match else -1
    if i < 0:
        m = re.search(re.escape(h.match), h.context, re.IGNORECASE) if h.match else None
        i = m.start() if m else -1
    if i < 0:
        return Quote(title, doc_id, h.page, h.section or "", h.context, "", "", h.ocr)
    j = i + len(h.match)
    return Quote(
        title,
        doc_id,
        h.page,
        h.section or "",
        h.context[:i],
        h.context[i:j],
        h.context[j:],
        h.ocr,
    )


def _doc_ids(m: Measurement) -> dict[str, str]:
    return {d["document"]: f"doc-{i}" for i, d in enumerate(m.documents)}


def _titles(m: Measurement) -> dict[str, str]:
    return {d["document"]: d.get("title") or d["document"] for d in m.documents}


def table_view(m: Measurement, which: Which) -> dict[str, Any] | None:
    table: Table = m.table if which == "table" else m.outside
    if not table.columns:
        return None
    counted = m.counted(which)
    titles, ids = _titles(m), _doc_ids(m)
    rows, evidence = [], []
    for j, o in enumerate(table.orientations):
        label = table.labels.get(o, o)
        cells = []
        for i, c in enumerate(table.columns):
            n = table.count(c.cell, c.organisation, o)
            ev = Evidence(
                f"ev-{which}-{i}-{j}", f"{label} · {column_heading(c.cell)} {c.organisation}"
            )
            by_competence: dict[str, list[Quote]] = {}
            for h in sorted(
                counted.get((c.cell, c.organisation, o), []), key=lambda h: (h.document, h.page)
            ):
                by_competence.setdefault(h.competence, []).append(
                    quote(h, titles.get(h.document, h.document), ids.get(h.document, ""))
                )
            ev.competences = sorted(by_competence.items(), key=lambda kv: kv[0].lower())
            evidence.append(ev)
            cells.append({"n": n, "evidence": ev.id})
        rows.append({"label": label, "cells": cells})
    groups: list[dict[str, Any]] = []
    for c in table.columns:
        name = column_heading(c.cell)
        if groups and groups[-1]["name"] == name:
            groups[-1]["span"] += 1
        else:
            groups.append({"name": name, "span": 1})
    return {
        "which": which,
        "title": table_title(which),
        "groups": groups,
        "columns": [{"organisation": c.organisation, "N": c.documents} for c in table.columns],
        "rows": rows,
        "evidence": evidence,
        "chart": _inline_svg(chart_bytes(table, "svg", salt=which)),
    }


def _inline_svg(svg: bytes) -> Markup:
    text = svg.decode("utf-8")
    return Markup(text[text.index("<svg") :])  # noqa: S704 - matplotlib's own output


def documents_view(m: Measurement) -> list[dict[str, Any]]:
    hits: dict[str, list[Hit]] = {}
    for h in m.hits:
        hits.setdefault(h.document, []).append(h)
    ids, out = _doc_ids(m), []
    for d in m.documents:
        title = d.get("title") or d["document"]
        own = sorted(hits.get(d["document"], []), key=lambda h: (h.page, not h.scored))
        out.append(
            {
                "id": ids[d["document"]],
                "title": title,
                "document": d["document"],
                "organisation": d.get("organisation") or "",
                "cell": column_heading(d["cell"]) if d.get("cell") else "—",
                "kind": column_heading(d.get("kind") or "vacancy"),
                "year": d.get("year") or "",
                "pages": d.get("pages", 0),
                "words": d.get("words", 0),
                "status": d.get("status", "read"),
                "reason": d.get("reason") or "",
                "scored": sum(1 for h in own if h.scored),
                "hits": [
                    {
                        "competence": h.competence,
                        "orientation": h.orientation,
                        "scored": h.scored,
                        "reason": h.reason,
                        "quote": quote(h, title, ids[d["document"]]),
                    }
                    for h in own
                ],
            }
        )
    return out


def provenance(m: Measurement) -> list[tuple[str, str]]:
    lex = m.data.get("lexicon", {})
    read = len(m.read)
    return [
        (_("Measurement"), m.created),
        (_("Corpus"), str(m.data.get("corpus", ""))),
        (
            _("Documents"),
            _("{read} read, {skipped} skipped").format(read=read, skipped=len(m.documents) - read),
        ),
        (_("Kinds"), ", ".join(kind_label(k) for k in m.kinds) if m.kinds else _("all")),
        (
            _("Lexicon"),
            f"{lex.get('name') or lex.get('path', '')} (sha256 {str(lex.get('sha256', ''))[:12]})",
        ),
        (_("Pipeline"), m.pipeline),
        (
            "leaderscan",
            _("{version} (report: {report})").format(
                version=m.data.get("leaderscan", "?"), report=__version__
            ),
        ),
    ]


def comparison_view(
    comps: Sequence[Comparison], base: Measurement, kinds: KindsCompared | None = None
) -> dict[str, Any]:
    return {
        "base": provenance(base),
        "kinds": kinds.lines() if kinds is not None else [],
        "method": comps[0].method if comps else [],
        "method_note": method_note(),
        "tables": [
            {
                "title": table_title(c.which),
                "orientations": c.orientations,
                "columns": c.columns,
            }
            for c in comps
        ],
    }


def report_html(
    m: Measurement,
    comparisons: Sequence[Comparison] = (),
    base: Measurement | None = None,
    kinds: KindsCompared | None = None,
    unlisted: Sequence[Candidate] = (),
) -> str:
    """The report; ``unlisted``: the commonest candidates not in the lexicon
    (suggest.unlisted), shown as "Not in the lexicon". In the language in use, which
    the page declares (``<html lang>``)."""
    env = Environment(
        loader=PackageLoader("leaderscan", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        i18n._, i18n.ngettext, newstyle=True
    )
    tables = [t for t in (table_view(m, "table"), table_view(m, "outside")) if t]
    return env.get_template("report.html.j2").render(
        title=_("leaderscan: leadership competences in vacancy texts"),
        lang=i18n.language(),
        provenance=provenance(m),
        tables=tables,
        documents=documents_view(m),
        skipped=m.data.get("skipped", []),
        unsupported=m.data.get("unsupported", []),
        comparison=comparison_view(comparisons, base, kinds) if base is not None else None,
        unlisted=unlisted,
        unlisted_title=_(UNLISTED_TITLE),
        cause_label=cause_label,
    )
