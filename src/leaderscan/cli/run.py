"""leaderscan run and leaderscan table: measure a corpus, print its table."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..errors import LeaderscanError, LintFailed, NothingToRead
from ..extract import DEFAULT_ENGINE, DEFAULT_LIMITS, ENGINES, OCR_MODES, Limits
from ..i18n import _, ngettext
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
        raise UserError(_("--out '' names no folder; give one, e.g. --out out/"))
    return Path(value)


@cli.command(
    help=_(
        "Analyse a folder of vacancy texts and print the Figure 26 table.\n\n"
        "CORPUS holds PDF, DOCX, TXT, HTML, ODT, DOC and RTF files as "
        "CORPUS/<Organisation>/<cell>/<file>; "
        "an optional CORPUS/manifest.yaml adds metadata. Results are written to --out.\n\n"
        "Example:\n\n"
        "    leaderscan run corpus/ --out out/ --delimiter ';'\n\n"
        "    leaderscan run corpus/ --executor dask --scheduler tcp://10.0.0.5:8786"
    )
)
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    callback=_out_folder,
    default="out",
    show_default=True,
    help=_("Folder for table.csv, counts.csv, evidence.csv and run.json."),
)
@lexicons_option
@model_option
@delimiter_option
@kind_option
@click.option(
    "--overwrite",
    is_flag=True,
    help=_("Replace an earlier, different measurement in --out (default: refuse)."),
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help=_("Documents analysed in parallel (default: all cores)."),
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default=None,
    help=_(
        "Where documents are analysed: processes on this machine (local, the default) or "
        "a Dask cluster (dask: a LocalCluster of --jobs workers, or --scheduler; "
        "pip install 'leaderscan[dask]')."
    ),
)
@click.option(
    "--scheduler",
    metavar=_("ADDRESS"),
    help=_("The Dask scheduler to run on, e.g. tcp://10.0.0.5:8786 (implies --executor dask)."),
)
@click.option(
    "--send-bytes/--no-send-bytes",
    default=None,
    help=_(
        "With --executor dask: send each file's bytes to the workers (default with "
        "--scheduler); without, workers read the files by path and must see them."
    ),
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=_("Where read and lemmatised documents are kept (default: ~/.cache/leaderscan)."),
)
@click.option("--no-cache", is_flag=True, help=_("Read and lemmatise every document again."))
@click.option(
    "--pdf-engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help=_("How PDFs are read (docs/benchmarks.md compares the two)."),
)
@click.option(
    "--ocr",
    type=click.Choice(OCR_MODES),
    default="auto",
    show_default=True,
    help=_(
        "Read PDF pages by OCR (Tesseract, Dutch): auto, only pages without a readable text "
        "layer; always; never."
    ),
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0),
    metavar="MB",
    default=DEFAULT_LIMITS.max_mb,
    show_default=True,
    help=_("Skip files larger than this many MB (0: no limit)."),
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=0),
    metavar="N",
    default=DEFAULT_LIMITS.max_pages,
    show_default=True,
    help=_("Skip documents with more pages (0: no limit)."),
)
@click.option("--quiet", "-q", is_flag=True, help=_("No progress bar."))
@click.option("--verbose", "-v", is_flag=True, help=_("One line per document as it is done."))
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
    task = progress.add_task(_("Documents"), total=None)
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
            progress.console.print(
                _("skipped {document}: {reason}").format(
                    document=shown(d.source.document), reason=shown(d.error)
                )
            )
        for w in d.warnings:
            progress.console.print(
                _("warning {document}: {warning}").format(
                    document=shown(d.source.document), warning=shown(w)
                )
            )
        if verbose and not d.error:
            progress.console.print(
                _("[{done}/{total}] {document}: {pages} p., {scored} scored").format(
                    done=done,
                    total=total,
                    document=shown(d.source.document),
                    pages=d.pages,
                    scored=sum(1 for h in d.hits if h.scored),
                )
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
            ngettext(
                "Interrupted after {done} of {total} document; nothing was written, "
                "so what {out}/ held before is unchanged.",
                "Interrupted after {done} of {total} documents; nothing was written, "
                "so what {out}/ held before is unchanged.",
                total,
            ).format(done=done, total=total, out=shown(out))
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
    used = _("{pipeline}; lexicon: {lexicon}").format(
        pipeline=result.pipeline_description, lexicon=shown(lexicons_name(result.lexicon))
    )
    print_table(console, result.table, used, result.outside)
    read = [d for d in result.documents if not d.error]
    console.print(
        ngettext(
            "{n} document read, {hits} hits ({scored} scored); results in {out}/ ({files})",
            "{n} documents read, {hits} hits ({scored} scored); results in {out}/ ({files})",
            len(read),
        ).format(
            n=len(read),
            hits=result.hit_count,
            scored=result.scored_count,
            out=shown(out),
            files=", ".join(p.name for p in result.written),
        )
    )
    if result.removed:
        click.echo(
            _(
                "Removed {files}: made from the run this one replaced; make them again with "
                "'leaderscan report {out}' or 'leaderscan export {out}'"
            ).format(files=", ".join(result.removed), out=out),
            err=True,
        )
    if result.stale:
        click.echo(
            _(
                "warning: {files} in {out}/ belong to the run this one replaced "
                "(kept: it may hold your judgements)"
            ).format(files=", ".join(result.stale), out=out),
            err=True,
        )
    if result.skipped:
        n = len(result.skipped)
        console.print(ngettext("Skipped: {n} file:", "Skipped: {n} files:", n).format(n=n))
        for doc, why in result.skipped:
            console.print(f"  {shown(doc)}: {shown(why)}")
    if read and not result.table.columns:
        err.print(
            _(
                "No document is in a cell, so the table is empty: put the files in "
                "{corpus}/<Organisation>/<cell>/ (e.g. {corpus}/Talis/wijk/), or give "
                "'cell' in manifest.yaml"
            ).format(corpus=shown(corpus))
        )
    if not read:
        sys.exit(EXIT_NOTHING_READ)


@cli.command(
    help=_(
        "Print the table of a saved run again (a run.json or its --out folder).\n\n"
        "Example:\n\n"
        "    leaderscan table out/"
    )
)
@click.argument("saved", type=click.Path(path_type=Path))
@kind_option
def table(saved: Path, kinds: tuple[str, ...]) -> None:
    m = measurement(saved_run(saved), kinds)
    print_table(out_console(), m.table, m.pipeline, m.outside)
