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
from ..i18n import _
from ..render.csv import csv_text
from ..render.json import comparison_data, comparison_rows
from ..render.markdown import as_markdown, as_text
from ..render.terminal import print_comparison
from ..runfile import SavedRun
from ..saved import measurement
from .common import (
    BOM,
    UserError,
    cli,
    delimiter_option,
    format_option,
    kind_option,
    note,
    out_console,
    saved_run,
)


@cli.command(
    name="appendix",
    help=_(
        "Print the inventory of a saved run like the thesis's Appendices 7 and 8.\n\n"
        "Per organisation and orientation, each competence with the cells it is "
        "scored in and its sources (document, page).\n\n"
        "Example:\n\n"
        "    leaderscan appendix out/ --format md > appendix.md"
    ),
)
@click.argument("saved", type=click.Path(path_type=Path))
@format_option("text", "md", "csv")
@delimiter_option
def appendix_cmd(saved: Path, fmt: str, delimiter: str) -> None:
    data = saved_run(saved)
    entries = appendix(SavedRun.from_data(data))
    if fmt == "csv":
        click.echo(BOM + csv_text(APPENDIX_COLUMNS, as_rows(entries), delimiter), nl=False)
    else:
        click.echo(as_text(entries, markdown=fmt == "md"), nl=False)


@cli.command(
    name="compare",
    help=_(
        "Compare two saved runs: the baseline BASE and a second measurement NEW.\n\n"
        "Prints the table with both measurements (4 → 6 (+2)), N of both, and per "
        "column the competences gained (+) and lost (−) with their documents. When "
        "the runs used a different lexicon or pipeline, the baseline's texts are "
        "re-scored with the new ones and each change is split into what the new "
        "texts and what the lexicon edit contribute.\n\n"
        "Example:\n\n"
        "    leaderscan compare out/baseline-2021 out/2026 --format md > vergelijking.md"
    ),
)
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@kind_option
@format_option("text", "md", "csv", "json")
@delimiter_option
def compare_cmd(base: Path, new: Path, kinds: tuple[str, ...], fmt: str, delimiter: str) -> None:
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


@cli.command(
    name="report",
    help=_(
        "Write one self-contained HTML report of a saved run.\n\n"
        "The table, a bar chart, the evidence behind every number (click a count), "
        "each document, and where the numbers come from; with --compare, the change "
        "since the baseline. It needs no network and prints well on A4.\n\n"
        "Example:\n\n"
        "    leaderscan report out/2026 --compare out/baseline-2021"
    ),
)
@click.argument("saved", type=click.Path(path_type=Path))
@click.option(
    "--compare",
    "base",
    type=click.Path(path_type=Path),
    help=_("A baseline run to compare with (its --out folder or run.json)."),
)
@kind_option
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("The HTML file to write (default: report.html beside the run)."),
)
def report_cmd(saved: Path, base: Path | None, kinds: tuple[str, ...], out: Path | None) -> None:
    from ..render.html import report_html

    m = measurement(saved_run(saved), kinds)
    comps: list[Comparison] = []
    b = None
    found = None
    if base is not None:
        try:
            b, _n, found, comps = compare_runs(measurement(saved_run(base)), m, kinds, note)
        except LeaderscanError as exc:
            raise UserError(str(exc)) from None
    out = out or beside(saved, "report.html")
    with atomic_open(out, "w", encoding="utf-8") as f:
        f.write(report_html(m, comps, b, found, unlisted_of(m, note)))
    out_console().print(_("Report written: {path}").format(path=out))


@cli.command(
    name="export",
    help=_(
        "Export a saved run as an Excel workbook, CSV files or the bar chart.\n\n"
        "Examples:\n\n"
        "    leaderscan export out/ --format xlsx\n\n"
        "    leaderscan export out/ --format csv --delimiter ';' --out out/excel-nl/\n\n"
        "    leaderscan export out/ --format png --kind training"
    ),
)
@click.argument("saved", type=click.Path(path_type=Path))
@format_option(
    "xlsx",
    "csv",
    "png",
    "svg",
    help=_(
        "xlsx: a workbook (table, counts, evidence, provenance); csv: table.csv, counts.csv "
        "and evidence.csv; png/svg: the bar chart."
    ),
)
@kind_option
@delimiter_option
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    help=_("File (xlsx, png, svg) or folder (csv) to write; default: beside the run."),
)
def export_cmd(
    saved: Path, fmt: str, kinds: tuple[str, ...], delimiter: str, out: Path | None
) -> None:
    m = measurement(saved_run(saved), kinds)
    paths = export_saved(m, fmt, saved, out, delimiter)
    out_console().print(_("Written: {paths}").format(paths=", ".join(str(p) for p in paths)))
