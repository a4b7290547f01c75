"""The outputs for people in Dutch or in English, one language per line: the report, the
workbook, the Markdown and the terminal's tables, made from the shipped baseline."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from leaderscan.appendix import appendix
from leaderscan.cli.language import use_language
from leaderscan.compare import KindsCompared, compare, same_kinds
from leaderscan.render.html import report_html
from leaderscan.render.markdown import as_markdown, as_text
from leaderscan.render.terminal import print_comparison, table_text
from leaderscan.render.xlsx import write_workbook
from leaderscan.runfile import SavedRun, load_run
from leaderscan.saved import Measurement, measurement
from tests.conftest import ROOT

BASELINE = ROOT / "out" / "baseline-2021"
# unambiguous words of each language; a line of the other language must hold none
WORDS = {
    "en": {"the", "and", "not", "with", "file", "which", "documents"},
    "nl": {"het", "een", "niet", "bestand", "gelezen", "geen", "wordt", "alleen", "soort"},
}
OTHER = {"nl": "en", "en": "nl"}


@pytest.fixture(scope="module")
def baseline() -> Measurement:
    return measurement(load_run(BASELINE))


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    use_language(request.param)
    yield request.param
    use_language("en")


def foreign(lines: list[str], lang: str) -> list[tuple[str, set[str]]]:
    """The lines holding words of the other language (corpus quotes taken out)."""
    out = []
    for line in lines:
        own = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", line)
        words = set(re.findall(r"\w+", own.lower())) & WORDS[OTHER[lang]]
        if words:
            out.append((line, words))
    return out


def html_lines(html: str) -> list[str]:
    """The report's own text: without script, style and chart, and without the quotes of
    the corpus and the reasons of unscored hits (each document's list of hits)."""
    html = re.sub(r"(?s)<(script|style|svg)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<article class=\"evidence.*?</article>", " ", html)
    html = re.sub(r"(?s)(<details class=\"doc\"[^>]*>.*?</p>).*?</details>", r"\1", html)
    text = re.sub(r"<[^>]+>", "\n", html)
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_report_in_one_language(baseline: Measurement, lang: str) -> None:
    comps = [compare(baseline, baseline)]
    html = report_html(baseline, comps, baseline)
    assert f'<html lang="{lang}">' in html
    lines = html_lines(html)
    assert foreign(lines, lang) == []
    if lang == "nl":
        assert "Vergelijking met de basismeting" in lines
        assert "Aantal competenties per leiderschapsoriëntatie" in lines
        assert "Oriëntaties" in lines and "Vacature" in lines  # the kind of a document
    else:
        assert "Comparison with the baseline" in lines
        assert "Number of competences per leadership orientation" in lines
        assert "Orientations" in lines and "Vacancy" in lines


def test_workbook_in_one_language(baseline: Measurement, lang: str, tmp_path: Path) -> None:
    wb = load_workbook(write_workbook(baseline, tmp_path / "x.xlsx"))
    hits = wb.worksheets[2]
    header = [c.value for c in hits[1]]
    cells: list[str] = list(wb.sheetnames) + [str(v) for v in header]
    for ws in (wb.worksheets[0], wb.worksheets[1], wb.worksheets[3]):
        cells += [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert foreign(cells, lang) == []
    kind, scored = header.index("Soort" if lang == "nl" else "Kind"), -2
    kinds = {row[kind] for row in hits.iter_rows(min_row=2, values_only=True)}
    answers = {row[scored] for row in hits.iter_rows(min_row=2, values_only=True)}
    if lang == "nl":
        assert wb.sheetnames == ["Tabel", "Aantallen", "Vondsten", "Herkomst"]
        assert {"vacature", "beleid", "opleiding"} == kinds  # never "Soort: vacancy"
        assert answers <= {"ja", "nee"}
        provenance = [r[0] for r in wb["Herkomst"].iter_rows(values_only=True)]
        assert "Documenten" in provenance
    else:
        assert wb.sheetnames == ["Table", "Counts", "Hits", "Provenance"]
        assert {"vacancy", "policy", "training"} == kinds
        assert answers <= {"yes", "no"}


def test_markdown_and_terminal_in_one_language(baseline: Measurement, lang: str) -> None:
    base, new, _kinds = same_kinds(baseline, baseline, ("vacancy",))
    comps = [compare(base, new)]
    # as when the new measurement holds vacancies only
    kinds = KindsCompared(("vacancy",), ("policy", "training"), (), baseline_differs=True)
    md = as_markdown(comps, base, new, kinds)
    md += as_text(appendix(SavedRun.from_data(load_run(BASELINE))), markdown=True)
    console = Console(file=io.StringIO(), width=200, color_system=None)
    print_comparison(console, comps, base, new)
    terminal = table_text(baseline.table) + console.file.getvalue()  # type: ignore[attr-defined]
    # the appendix's lines quote lexicon labels and document titles: data, left out
    lines = [line for line in (md + terminal).splitlines() if not line.startswith("- ")]
    assert foreign(lines, lang) == []
    if lang == "nl":
        assert "# Vergelijking: " in md and "Inventarisatie Talis" in md
        assert "Oriëntaties" in terminal and "Basismeting:" in terminal
        assert "alleen documenten van de soort vacature (beleid, opleiding alleen" in md
    else:
        assert "# Comparison: " in md and "Inventory Talis" in md
        assert "Orientations" in terminal and "Baseline:" in terminal
        assert "documents of kind vacancy only (policy, training only" in md
