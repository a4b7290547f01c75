"""The commands on a saved run: appendix, compare, report, export."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..appendix import CSV_COLUMNS as APPENDIX_COLUMNS
from ..appendix import appendix, as_rows
from ..atomic import atomic_open
from ..compare import Comparison, compare_runs, unlisted_of
from ..errors import LeaderscanError
from ..export import beside, export_saved
from ..render.csv import csv_text
from ..render.json import comparison_data, comparison_rows
from ..render.markdown import as_markdown, as_text
from ..render.terminal import print_comparison
from ..runfile import SavedRun
from ..saved import measurement
from .common import BOM, UserError, cli, delimiter_option, kind_option, note, out_console, saved_run


@cli.command(name="appendix")
@click.argument("saved", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "md", "csv"]), default="text", show_default=True
)
@delimiter_option
def appendix_cmd(saved: Path, fmt: str, delimiter: str) -> None:
    """Print the inventory of a saved run like the thesis's Appendices 7 and 8.

    Per organisation and orientation, each competence with the cells it is
    scored in and its sources (document, page).

    Example:

        leaderscan appendix out/ --format md > appendix.md
    """
    data = saved_run(saved)
    entries = appendix(SavedRun.from_data(data))
    if fmt == "csv":
        click.echo(BOM + csv_text(APPENDIX_COLUMNS, as_rows(entries), delimiter), nl=False)
    else:
        click.echo(as_text(entries, markdown=fmt == "md"), nl=False)


@cli.command(name="compare")
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@kind_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "csv", "json"]),
    default="text",
    show_default=True,
)
@delimiter_option
def compare_cmd(base: Path, new: Path, kinds: tuple[str, ...], fmt: str, delimiter: str) -> None:
    """Compare two saved runs: the baseline BASE and a second measurement NEW.

    Prints the table with both measurements (4 → 6 (+2)), N of both, and per
    column the competences gained (+) and lost (−) with their documents. When
    the runs used a different lexicon or pipeline, the baseline's texts are
    re-scored with the new ones and each change is split into what the new
    texts and what the lexicon edit contribute.

    Example:

        leaderscan compare out/baseline-2021 out/2026 --format md > vergelijking.md
    """
    try:
        b, n, found, result = compare_runs(
            measurement(saved_run(base)), measurement(saved_run(new)), kinds, note
        )
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None
    if fmt == "json":
        data = comparison_data(result, b, n, found)
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        header, rows = comparison_rows(result)
        click.echo(BOM + csv_text(header, rows, delimiter), nl=False)
    elif fmt == "md":
        click.echo(as_markdown(result, b, n, found, unlisted_of(n, note)), nl=False)
    else:
        print_comparison(out_console(), result, b, n, unlisted_of(n, note))


@cli.command(name="report")
@click.argument("saved", type=click.Path(path_type=Path))
@click.option(
    "--compare",
    "base",
    type=click.Path(path_type=Path),
    help="A baseline run to compare with (its --out folder or run.json).",
)
@kind_option
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write (default: report.html beside the run).",
)
def report_cmd(saved: Path, base: Path | None, kinds: tuple[str, ...], out: Path | None) -> None:
    """Write one self-contained HTML report of a saved run.

    The table, a bar chart, the evidence behind every number (click a count),
    each document, and where the numbers come from; with --compare, the change
    since the baseline. It needs no network and prints well on A4.

    Example:

        leaderscan report out/2026 --compare out/baseline-2021
    """
    from ..render.html import report_html

    m = measurement(saved_run(saved), kinds)
    comps: list[Comparison] = []
    b = None
    found = None
    if base is not None:
        try:
            b, _, found, comps = compare_runs(measurement(saved_run(base)), m, kinds, note)
        except LeaderscanError as exc:
            raise UserError(str(exc)) from None
    out = out or beside(saved, "report.html")
    with atomic_open(out, "w", encoding="utf-8") as f:
        f.write(report_html(m, comps, b, found, unlisted_of(m, note)))
    out_console().print(f"Rapport geschreven: {out}")


@cli.command(name="export")
@click.argument("saved", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv", "png", "svg"]),
    default="xlsx",
    show_default=True,
    help="xlsx: a workbook (table, counts, evidence, provenance); csv: table.csv, counts.csv "
    "and evidence.csv; png/svg: the bar chart.",
)
@kind_option
@delimiter_option
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    help="File (xlsx, png, svg) or folder (csv) to write; default: beside the run.",
)
def export_cmd(
    saved: Path, fmt: str, kinds: tuple[str, ...], delimiter: str, out: Path | None
) -> None:
    """Export a saved run as an Excel workbook, CSV files or the bar chart.

    Examples:

        leaderscan export out/ --format xlsx

        leaderscan export out/ --format csv --delimiter ';' --out out/excel-nl/

        leaderscan export out/ --format png --kind training
    """
    m = measurement(saved_run(saved), kinds)
    paths = export_saved(m, fmt, saved, out, delimiter)
    out_console().print("Geschreven: " + ", ".join(str(p) for p in paths))
