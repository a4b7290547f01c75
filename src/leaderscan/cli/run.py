"""leaderscan run and leaderscan table: measure a corpus, print its table."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..errors import LeaderscanError, LintFailed, NothingToRead
from ..extract import DEFAULT_ENGINE, DEFAULT_LIMITS, ENGINES, OCR_MODES, Limits
from ..lexicons import lexicons_name
from ..render.terminal import print_table
from ..results import DocumentResult
from ..saved import measurement
from ..scan import Options, scan
from .common import (
    EXIT_INTERRUPTED,
    EXIT_NOTHING_READ,
    UserError,
    cli,
    delimiter_option,
    err_console,
    kind_option,
    lexicons_option,
    model_option,
    note,
    out_console,
    saved_run,
    shown,
    user_error,
)


def _out_folder(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    if not value.strip():
        raise UserError("--out '' names no folder; give one, e.g. --out out/")
    return Path(value)


@cli.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    callback=_out_folder,
    default="out",
    show_default=True,
    help="Folder for table.csv, counts.csv, evidence.csv and run.json.",
)
@lexicons_option
@model_option
@delimiter_option
@kind_option
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace an earlier, different measurement in --out (default: refuse).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Documents analysed in parallel (default: all cores).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default=None,
    help="Where documents are analysed: processes on this machine (local, the default) or "
    "a Dask cluster (dask: a LocalCluster of --jobs workers, or --scheduler; "
    "pip install 'leaderscan[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask scheduler to run on, e.g. tcp://10.0.0.5:8786 (implies --executor dask).",
)
@click.option(
    "--send-bytes/--no-send-bytes",
    default=None,
    help="With --executor dask: send each file's bytes to the workers (default with "
    "--scheduler); without, workers read the files by path and must see them.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where read and lemmatised documents are kept (default: ~/.cache/leaderscan).",
)
@click.option("--no-cache", is_flag=True, help="Read and lemmatise every document again.")
@click.option(
    "--pdf-engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="How PDFs are read (docs/benchmarks.md compares the two).",
)
@click.option(
    "--ocr",
    type=click.Choice(OCR_MODES),
    default="auto",
    show_default=True,
    help="Read PDF pages by OCR (Tesseract, Dutch): auto, only pages without a readable text layer; always; never.",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0),
    default=DEFAULT_LIMITS.max_mb,
    show_default=True,
    help="Skip files larger than this many MB (0: no limit).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMITS.max_pages,
    show_default=True,
    help="Skip documents with more pages (0: no limit).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--verbose", "-v", is_flag=True, help="One line per document as it is done.")
def run(
    corpus: Path,
    out: Path,
    lexicons: tuple[str, ...],
    model: str,
    delimiter: str,
    kinds: tuple[str, ...],
    overwrite: bool,
    jobs: int | None,
    executor: str | None,
    scheduler: str | None,
    send_bytes: bool | None,
    cache_dir: Path | None,
    no_cache: bool,
    pdf_engine: str,
    ocr: str,
    max_size: float,
    max_pages: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Analyse a folder of vacancy texts and print the Figure 26 table.

    CORPUS holds PDF, DOCX, TXT, HTML, ODT, DOC and RTF files as CORPUS/<Organisation>/<cell>/<file>;
    an optional CORPUS/manifest.yaml adds metadata. Results are written to --out.

    Example:

        leaderscan run corpus/ --out out/ --delimiter ';'

        leaderscan run corpus/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    err = err_console()
    try:
        options = Options(
            lexicon=lexicons,
            model=model,
            pdf_engine=pdf_engine,
            ocr=ocr,
            limits=Limits(max_mb=max_size, max_pages=max_pages),
            cache=False if no_cache else (cache_dir or True),
            jobs=jobs,
            kinds=kinds,
            executor=executor,
            scheduler=scheduler,
            send_bytes=send_bytes,
        )
    except LeaderscanError as exc:
        raise user_error(exc) from None
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet,
    )
    task = progress.add_task("Documenten", total=None)
    done = total = 0

    def on_start(n: int) -> None:  # the bar shows once the documents are known
        nonlocal total
        total = n
        progress.update(task, total=n)
        progress.start()

    def on_document(d: DocumentResult) -> None:
        nonlocal done
        done += 1
        progress.advance(task)
        if d.error:
            progress.console.print(f"skipped {shown(d.source.document)}: {shown(d.error)}")
        for w in d.warnings:
            progress.console.print(f"warning {shown(d.source.document)}: {shown(w)}")
        if verbose and not d.error:
            progress.console.print(
                f"[{done}/{total}] {shown(d.source.document)}: {d.pages} p., "
                f"{sum(1 for h in d.hits if h.scored)} gescoord"
            )

    try:
        result = scan(
            corpus,
            options,
            out=out,
            overwrite=overwrite,
            delimiter=delimiter,
            on_start=on_start,
            on_document=on_document,
            on_note=note,
        )
    except KeyboardInterrupt:
        if progress.live.is_started:
            progress.stop()
        err.print(
            f"Interrupted after {done} of {total} document(s); nothing was written, "
            f"so what {out}/ held before is unchanged."
        )
        sys.exit(EXIT_INTERRUPTED)
    except NothingToRead as exc:
        err.print(shown(exc), markup=True)
        sys.exit(EXIT_NOTHING_READ)
    except LintFailed as exc:
        raise UserError(str(exc)) from None
    except LeaderscanError as exc:
        raise user_error(exc) from None
    finally:
        if progress.live.is_started:
            progress.stop()

    console = out_console()
    used = f"{result.pipeline_description}; lexicon: {shown(lexicons_name(result.lexicon))}"
    print_table(console, result.table, used, result.outside)
    read = [d for d in result.documents if not d.error]
    console.print(
        f"{len(read)} document(en) gelezen, {result.hit_count} vondsten ({result.scored_count} gescoord); "
        f"resultaten in {shown(out)}/ ({', '.join(p.name for p in result.written)})"
    )
    if result.removed:
        click.echo(
            f"Removed {', '.join(result.removed)}: made from the run this one replaced; make "
            f"them again with 'leaderscan report {out}' or 'leaderscan export {out}'",
            err=True,
        )
    if result.stale:
        click.echo(
            f"warning: {', '.join(result.stale)} in {out}/ belong to the run this one replaced "
            "(kept: it may hold your judgements)",
            err=True,
        )
    if result.skipped:
        console.print(f"Overgeslagen: {len(result.skipped)} bestand(en):")
        for doc, why in result.skipped:
            console.print(f"  {shown(doc)}: {shown(why)}")
    if read and not result.table.columns:
        err.print(
            f"No document is in a cell, so the table is empty: put the files in "
            f"{shown(corpus)}/<Organisatie>/<cel>/ (e.g. {shown(corpus)}/Talis/wijk/), or give "
            "'cell' in manifest.yaml"
        )
    if not read:
        sys.exit(EXIT_NOTHING_READ)


@cli.command()
@click.argument("saved", type=click.Path(path_type=Path))
@kind_option
def table(saved: Path, kinds: tuple[str, ...]) -> None:
    """Print the table of a saved run again (a run.json or its --out folder).

    Example:

        leaderscan table out/
    """
    m = measurement(saved_run(saved), kinds)
    print_table(out_console(), m.table, m.pipeline, m.outside)
