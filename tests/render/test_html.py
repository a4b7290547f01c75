"""The HTML report in a real browser (Debian's Chromium), the workbook and the charts.

The browser test needs Chromium; it is skipped when none is installed, unless
LEADERSCAN_REQUIRE_BROWSER=1 (CI sets it), when a missing browser is a failure.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from leaderscan.cli import cli
from tests.conftest import ROOT

BASELINE = ROOT / "out" / "baseline-2021"
CHROMIUM = next(
    (
        p
        for p in (
            "/usr/bin/chromium",
            shutil.which("chromium") or "",
            shutil.which("chromium-browser") or "",
        )
        if p and Path(p).exists()
    ),
    None,
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the baseline run folder, to write reports and exports into."""
    out = tmp_path_factory.mktemp("run") / "baseline"
    shutil.copytree(BASELINE, out)
    return out


@pytest.fixture(scope="module")
def report(saved: Path) -> Path:
    r = CliRunner().invoke(cli, ["report", str(saved), "--compare", str(BASELINE)])
    assert r.exit_code == 0, r.output
    return saved / "report.html"


def counts_csv(folder: Path) -> dict[tuple[str, str, str], int]:
    with (folder / "counts.csv").open(encoding="utf-8-sig", newline="") as f:
        return {
            (r["organisation"], r["cell"], r["orientation"]): int(r["count"])
            for r in csv.DictReader(f)
        }


def test_report_is_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<svg" in html  # the chart is inline
    # no external fetches: no src/href to another host, no stylesheet links, no url()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<link" not in html and "@import" not in html
    assert not re.search(r"url\((?!#)", html)  # only the chart's own clip paths
    assert "Comparison with the baseline" in html
    assert html.count('class="evidence') == 4 * 4 + 4 * 3  # a panel per count: 4 + 3 columns


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("LEADERSCAN_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (LEADERSCAN_REQUIRE_BROWSER) but not installed")
        pytest.skip("no Chromium installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


def test_report_in_chromium_shows_numbers_and_opens_evidence(
    browser, report: Path, saved: Path, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: errors.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
    )
    page.goto(report.as_uri())
    table = page.locator('table[data-table="table"]')
    header = table.locator("thead tr").nth(1).inner_text()
    assert "Bindkracht10" in header and "(N=5)" in header
    expected = counts_csv(saved)
    columns = [
        ("Bindkracht10", "wijk"),
        ("Talis", "wijk"),
        ("Bindkracht10", "lijn"),
        ("Talis", "lijn"),
    ]
    for row in table.locator("tbody tr").all():
        orientation = row.locator("th").inner_text()
        buttons = row.locator("button.count")
        for i, (org, cell) in enumerate(columns):
            assert buttons.nth(i).is_visible()
            assert int(buttons.nth(i).inner_text()) == expected[(org, cell, orientation)]
    # click Verkenner x Wijk Talis (6): its six competences appear, each quote highlighted
    button = table.locator("tbody tr").nth(1).locator("button.count").nth(1)
    panel = page.locator("#" + button.get_attribute("data-evidence"))
    assert not panel.is_visible()
    button.click()
    assert panel.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    assert panel.locator("h4").count() == 6
    marks = panel.locator("mark")
    assert marks.count() >= 6 and marks.first.is_visible()
    assert "Vacaturetekst wijkadviseur" in panel.inner_text()
    assert re.search(r"p\. 1", panel.inner_text())
    # a document link opens that document's view
    panel.locator("a[href^='#doc-']").first.click()
    assert page.locator("details.doc[open]").count() == 1
    page.screenshot(path=str(tmp_path / "report.png"))
    # printed to A4, the evidence is expanded
    page.emulate_media(media="print")
    assert page.locator(".evidence:not(.empty)").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert errors == []


def test_xlsx_holds_the_numbers_of_counts_csv(saved: Path) -> None:
    # a Dutch reader's workbook
    r = CliRunner().invoke(cli, ["export", str(saved), "--format", "xlsx", "--lang", "nl"])
    assert r.exit_code == 0, r.output
    wb = load_workbook(saved / "leaderscan.xlsx")
    assert wb.sheetnames == ["Tabel", "Aantallen", "Vondsten", "Herkomst"]
    counts = wb["Aantallen"]
    assert counts.freeze_panes == "A2"
    header = [c.value for c in counts[1]]
    assert header[:4] == ["Organisatie", "Cel", "Oriëntatie", "Aantal"]
    got = {
        (row[0], row[1], row[2]): row[3] for row in counts.iter_rows(min_row=2, values_only=True)
    }
    assert got == counts_csv(saved)
    table = wb["Tabel"]
    assert table["A2"].value == "Oriëntaties" and table["B2"].value == "Wijk Bindkracht10 (N=5)"
    assert [c.value for c in table[3]] == ["Strateeg", 0, 0, 8, 8]
    evidence = wb["Vondsten"]
    assert evidence.freeze_panes == "A2"
    with (saved / "evidence.csv").open(encoding="utf-8-sig", newline="") as f:
        assert evidence.max_row - 1 == len(list(csv.DictReader(f)))
    assert any(r[0] == "Lexicon" for r in wb["Herkomst"].iter_rows(values_only=True))


def test_xlsx_stores_formula_like_text_as_text(tmp_path: Path) -> None:
    from leaderscan.render.xlsx import write_workbook
    from leaderscan.runfile import load_run
    from leaderscan.saved import measurement

    data = load_run(BASELINE)
    data["hits"][0]["context"] = '=HYPERLINK("http://example.org")'
    path = write_workbook(measurement(data), tmp_path / "x.xlsx")
    cell = load_workbook(path)["Hits"].cell(row=2, column=11)
    assert cell.data_type == "s"


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_chart_export(saved: Path, fmt: str) -> None:
    r = CliRunner().invoke(cli, ["export", str(saved), "--format", fmt])
    assert r.exit_code == 0, r.output
    data = (saved / f"figuur.{fmt}").read_bytes()
    assert data.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in data


def test_export_csv_with_semicolons(saved: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(
        cli, ["export", str(saved), "--format", "csv", "--delimiter", ";", "--out", str(tmp_path)]
    )
    assert r.exit_code == 0, r.output
    raw = (tmp_path / "table.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"Strateeg;0;0;8;8" in raw


def test_report_colours_a_change_only_where_n_is_the_same() -> None:
    from leaderscan.compare import Cell, ColumnChange, Comparison
    from leaderscan.render.html import report_html
    from leaderscan.runfile import load_run
    from leaderscan.saved import measurement

    m = measurement(load_run(BASELINE))
    comp = Comparison(
        "table",
        [("Strateeg", "Strateeg")],
        [
            ColumnChange("wijk", "Talis", 5, 5, {"Strateeg": Cell(4, 6)}),
            ColumnChange("lijn", "Talis", 5, 2, {"Strateeg": Cell(4, 2)}),
        ],
        [],
    )
    html = report_html(m, [comp], m)
    assert '<td class="n up">4 → 6 (+2)</td>' in html
    assert '<td class="n ">4 → 2 (-2)</td>' in html  # N fell from 5 to 2: not red
