"""The command line: a thin layer over the library.

Exit statuses: 0 done (skipped files are reported, not errors); 1 an unexpected
internal error; 2 a usage error, a bad lexicon, manifest or saved run; 3 no
document in the corpus could be read.
"""

from __future__ import annotations

import json
import os
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__
from .appendix import CSV_COLUMNS as APPENDIX_COLUMNS
from .appendix import appendix, as_rows, as_text
from .atomic import atomic_open
from .cache import Cache, default_cache_dir, unusable
from .compare import (
    LONG_COLUMNS,
    Comparison,
    KindsCompared,
    as_markdown,
    compare,
    method_differences,
    same_kinds,
)
from .discover import discover
from .errors import ConfigError, LeaderscanError
from .evaluate import (
    REVIEW_COLUMNS,
    GoldError,
    evaluate,
    is_review_sheet,
    read_review,
    read_table,
    review_rows,
)
from .executor import ExecutorError, from_options
from .explain import check_examples, explain, explain_blocks
from .export import (
    OutputWriter,
    csv_text,
    mixed_files,
    rewritten,
    write_csv_file,
    write_tables,
)
from .extract import DEFAULT_ENGINE, DEFAULT_LIMITS, ENGINES, OCR_MODES, TYPES, Limits, extract
from .importers import import_dictionary
from .lemmatise import (
    CHOICES,
    FALLBACK,
    TRAINED,
    Pipeline,
    load_pipeline,
    save_lemma_table,
    trained_available,
    use_lemma_table,
)
from .lexicon import DEFAULT_LEXICON, LEXICON_NAME, Lexicon, load_lexicon
from .lint import lint
from .match import Matcher
from .model import KIND_CHOICES, Source, kind_name
from .render import (
    print_comparison,
    print_evaluation,
    print_example_failure,
    print_explanation,
    print_review,
    print_suggestions,
    print_table,
)
from .saved import Measurement, load_run, measurement, rescore, same_measurement, saved_lexicon
from .scan import DocumentResult, Reading, default_jobs, scan, sha256_file
from .suggest import COLUMNS as SUGGEST_COLUMNS
from .suggest import Candidate, suggest, unlisted

EXIT_USAGE = 2
BOM = "\ufeff"  # CSV on stdout starts with one too, as the files do: Excel then reads UTF-8
EXIT_NOTHING_READ = 3
EXIT_INTERRUPTED = 130


class UserError(click.ClickException):
    """One line on stderr, exit status 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"leaderscan: {self.message}", err=True)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown(text: object) -> str:
    """Text from the corpus (a file name, a reason quoting one) for the terminal: control
    characters as visible escapes, so that a file name cannot clear the screen or set
    the window title, and brackets as text, not rich markup."""
    return escape(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text)))


def out_console() -> Console:
    return Console(highlight=False)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def find_lexicon(option: Path | None, corpus: Path | None) -> Path:
    """The lexicon to use: ``--lexicon FILE``; else competences.yaml in the current
    folder; else beside the corpus (in it or in its parent folder); else the lexicon
    that comes with leaderscan."""
    if option is not None:
        if not option.is_file():
            what = "is a folder, not a lexicon file" if option.is_dir() else "no such file"
            raise UserError(f"{option}: {what}; check the name of the lexicon given")
        return option
    candidates = [Path(LEXICON_NAME)]
    if corpus is not None:
        candidates += [corpus / LEXICON_NAME, corpus.resolve().parent / LEXICON_NAME]
    for c in candidates:
        if c.is_file():
            return c
    return DEFAULT_LEXICON


def lexicon_name(path: Path) -> str:
    """The lexicon file as the terminal names it: the default one said to be so."""
    return f"{path} (default)" if path.resolve() == DEFAULT_LEXICON.resolve() else str(path)


def config_error(exc: ConfigError, what: str) -> UserError:
    """Print each problem of a YAML file as file:line: message; return the closing error."""
    for p in exc.problems:
        click.echo(str(p), err=True)
    return UserError(
        f"{exc.problems[0].path}: fix the {what} ({len(exc.problems)} problem(s) above)"
    )


def guard_earlier_measurement(
    out: Path, lexicon: Lexicon, pipeline: Pipeline, sources: list[Source], overwrite: bool
) -> None:
    """Refuse to replace an earlier, different measurement in ``out`` unless asked to."""
    earlier = out / "run.json"
    if overwrite or not earlier.exists():
        return
    try:
        data = load_run(earlier)
    except LeaderscanError:
        data = {}
    hashes = {}
    for s in sources:
        try:
            hashes[s.document] = sha256_file(s.path)
        except OSError:
            hashes[s.document] = ""
    if data and same_measurement(
        data,
        lexicon.sha256,
        f"{pipeline.name} {pipeline.version}",
        {d: h for d, h in hashes.items()},
    ):
        return  # the same files measured the same way: replacing it loses nothing
    when = f" of {data.get('created')}" if data else ""
    raise UserError(
        f"{out}/ already holds an earlier measurement{when}; "
        "choose another --out to keep both, or pass --overwrite to replace it"
    )


class WriteFailed(Exception):
    """Writing the results failed (not reading a document)."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


def unwritable(out: Path, exc: OSError) -> UserError:
    return UserError(
        f"{out}/: cannot write the results ({exc.strerror or exc}); free some space or choose "
        f"another --out (what {out}/ held before is unchanged)"
    )


def saved_run(path: Path) -> dict[str, Any]:
    try:
        data = load_run(path)
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None
    folder = Path(data["_path"]).parent
    mixed = mixed_files(folder)
    if mixed:
        fix = (
            "run the measurement again into this folder"
            if "run.json" in mixed
            else f"'leaderscan export {folder} --format csv' writes them again from run.json"
        )
        click.echo(
            f"warning: {folder}/: {', '.join(mixed)} not from the run that wrote the folder "
            f"last (changed since, or a run was stopped while moving its files); {fix}",
            err=True,
        )
    return data


def open_lexicon(path: Path) -> Lexicon:
    try:
        return load_lexicon(path)
    except ConfigError as exc:
        raise config_error(exc, "lexicon") from None


def open_pipeline(model: str, cached: bool = False) -> Pipeline:
    """The pipeline; ``cached``: with what the default cache knows of lexicon words and
    phrases (a lexicon a run has seen is checked without loading spaCy or lemma data)."""
    try:
        pipeline = load_pipeline(model)
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None
    root = default_cache_dir()
    if cached and root.is_dir():  # read only: a check writes nothing
        pipeline.memo.update(Cache(root).load_phrases(pipeline.fingerprint))
        use_lemma_table(root)
    return pipeline


def checked_lexicon(path: Path, pipeline: Pipeline, lexicon: Lexicon | None = None) -> Lexicon:
    """Load and lint the lexicon: errors stop here (file:line each), warnings are shown."""
    lexicon = lexicon or open_lexicon(path)
    findings = lint(lexicon, pipeline)
    errors = [f for f in findings if f.severity == "error"]
    for f in findings:
        click.echo(str(f), err=True)
    if errors:
        raise UserError(
            f"{path}: fix the lexicon ({len(errors)} error(s) above; "
            "'leaderscan lexicon check' explains them)"
        )
    return lexicon


# where decimals are written with a comma, Excel separates CSV fields with ';'
COMMA_DECIMAL = {
    "nl", "de", "fr", "es", "it", "pt", "da", "sv", "fi", "nb", "nn", "no", "pl", "cs", "ru",
    "tr", "id", "ca", "el", "hu", "ro", "sk", "sl", "hr", "lt", "lv", "et", "uk", "af",
    "dutch", "german", "french", "spanish", "italian", "portuguese", "danish", "swedish",
    "finnish", "norwegian", "polish", "czech", "russian", "turkish",
}  # fmt: skip


def default_delimiter() -> str:
    """';' where the locale writes decimals with a comma (Dutch Excel opens such a CSV in
    columns), else ','. From LC_ALL, LC_NUMERIC or LANG, or the system's locale."""
    import locale

    name = next((os.environ[v] for v in ("LC_ALL", "LC_NUMERIC", "LANG") if os.environ.get(v)), "")
    if not name:
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:
            name = ""
    language = re.split(r"[_.@-]", name.lower(), maxsplit=1)[0]
    return ";" if language in COMMA_DECIMAL else ","


def _delimiter(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    return value or default_delimiter()


delimiter_option = click.option(
    "--delimiter",
    type=click.Choice([",", ";"]),
    default=None,
    callback=_delimiter,
    help="CSV delimiter. Default: ';' where the locale writes decimals with a comma "
    "(Dutch, German, French… Excel opens the file in columns), else ','.",
)


model_option = click.option(
    "--model",
    default="auto",
    show_default=True,
    help=f"spaCy pipeline: {', '.join(CHOICES)}, or the name of another installed Dutch pipeline.",
)


def _kinds(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for word in value:
        kind = kind_name(word)
        if kind is None:
            raise UserError(f"unknown --kind '{word}'; use {KIND_CHOICES}")
        out.append(kind)
    return tuple(dict.fromkeys(out))


kind_option = click.option(
    "--kind",
    "kinds",
    multiple=True,
    callback=_kinds,
    help="Only documents of this kind: vacancy, policy or training (or vacature, beleid, "
    "opleiding); repeatable.",
)


class PipeClosed(Exception):
    """The reader of the output stopped reading (``| head``)."""


class _Cli(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise PipeClosed() from None  # past click, which would call it exit status 1


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leaderscan")
def cli() -> None:
    """Find network-leadership competences in Dutch vacancy texts.

    Example:

        leaderscan run corpus/ --out out/
    """


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
@click.option(
    "--lexicon",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The lexicon (default: {LEXICON_NAME} in the current folder or beside the corpus, "
    "else the one that comes with leaderscan).",
)
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
    lexicon: Path | None,
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
        runner = from_options(executor, scheduler, send_bytes, jobs or default_jobs())
    except ExecutorError as exc:
        raise UserError(str(exc)) from None
    lexicon_path = find_lexicon(lexicon, corpus)
    loaded = open_lexicon(lexicon_path)  # structural problems first, before the pipeline
    try:
        discovery = discover(corpus)
    except ConfigError as exc:
        raise config_error(exc, "manifest") from None
    pipeline = open_pipeline(model)
    cache = None if no_cache else Cache(cache_dir or default_cache_dir())
    why = unusable(cache.root) if cache is not None else None
    if cache is not None and why is not None:
        click.echo(
            f"warning: the cache folder {cache.root} cannot be used ({why}); running without "
            "a cache (choose another with --cache-dir)",
            err=True,
        )
        cache = None
    if cache is not None:
        pipeline.memo.update(cache.load_phrases(pipeline.fingerprint))
        use_lemma_table(cache.root)
    known_phrases = len(pipeline.memo)
    lex = checked_lexicon(lexicon_path, pipeline, loaded)
    if cache is not None and (jobs or default_jobs()) == 1:
        save_lemma_table(cache.root)  # once per cache (with --jobs, a worker does it)
    if model == "auto" and pipeline.name == FALLBACK and not trained_available():
        err.print(f"{TRAINED} is not installed; using the offline pipeline {pipeline.description}")
    if discovery.unsupported:
        exts = sorted({Path(d).suffix.lower() or "(none)" for d in discovery.unsupported})
        err.print(
            f"Not analysed: {len(discovery.unsupported)} file(s) of unsupported type ({shown(', '.join(exts))}); use {TYPES}"
        )
    for doc, why in discovery.skipped:
        err.print(f"skipped {shown(doc)}: {shown(why)}")
    for warning in discovery.warnings:
        click.echo(warning, err=True)

    sources = [s for s in discovery.sources if not kinds or s.kind in kinds]
    if not sources:
        what = f"of kind {', '.join(kinds)} " if kinds and discovery.sources else ""
        err.print(
            f"No PDF, DOCX or TXT file {what}in {shown(corpus)}/; expected "
            f"{shown(corpus)}/<Organisatie>/<cel>/<bestand>, e.g. {shown(corpus)}/Talis/wijk/vacature.pdf. "
            f"Nothing was written to {shown(out)}/.",
            markup=True,
        )
        sys.exit(EXIT_NOTHING_READ)
    try:
        writer = OutputWriter(out, delimiter)  # holds --out until the run is done
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(
            f"{out}/: cannot write there ({exc.strerror or exc}); choose another --out"
        ) from None
    try:
        guard_earlier_measurement(out, lex, pipeline, sources, overwrite)
    except BaseException:
        writer.abort()
        raise
    total = len(sources)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("Documenten", total=total)
        done = 0

        def on_document(d: DocumentResult) -> None:
            nonlocal done
            done += 1
            try:
                writer.add(d)
            except OSError as exc:
                raise WriteFailed(exc) from exc
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
                lex,
                pipeline,
                on_document=on_document,
                discovery=discovery,
                kinds=kinds or None,
                jobs=jobs or default_jobs(),
                engine=pdf_engine,
                limits=Limits(max_mb=max_size, max_pages=max_pages),
                cache=cache,
                keep=False,
                ocr=ocr,
                executor=runner,
            )
        except KeyboardInterrupt:
            writer.abort()
            err.print(
                f"Interrupted after {done} of {total} document(s); nothing was written, "
                f"so what {out}/ held before is unchanged."
            )
            sys.exit(EXIT_INTERRUPTED)
        except WriteFailed as exc:  # a full disk, a folder made read-only
            writer.abort()
            raise unwritable(out, exc.error) from None
        except ExecutorError as exc:  # the Dask cluster cannot be reached or used
            writer.abort()
            raise UserError(str(exc)) from None
        except BaseException:
            writer.abort()
            raise
    if cache is not None and len(pipeline.memo) > known_phrases:
        cache.save_phrases(pipeline.fingerprint, pipeline.memo)
    if cache is not None:
        save_lemma_table(cache.root)  # if no worker did (all documents came from the cache)

    console = out_console()
    used = f"{pipeline.description}; lexicon: {shown(lexicon_name(lexicon_path))}"
    print_table(console, result.table, used, result.outside)
    try:
        paths = writer.commit(result)
    except OSError as exc:
        writer.abort()
        raise unwritable(out, exc) from None
    read = [d for d in result.documents if not d.error]
    console.print(
        f"{len(read)} document(en) gelezen, {writer.hits} vondsten ({writer.scored} gescoord); "
        f"resultaten in {shown(out)}/ ({', '.join(p.name for p in paths)})"
    )
    if writer.removed:
        click.echo(
            f"Removed {', '.join(writer.removed)}: made from the run this one replaced; make "
            f"them again with 'leaderscan report {out}' or 'leaderscan export {out}'",
            err=True,
        )
    if writer.stale:
        click.echo(
            f"warning: {', '.join(writer.stale)} in {out}/ belong to the run this one replaced "
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
    entries = appendix(data)
    if fmt == "csv":
        click.echo(BOM + csv_text(APPENDIX_COLUMNS, as_rows(entries), delimiter), nl=False)
    else:
        click.echo(as_text(entries, markdown=fmt == "md"), nl=False)


def rescored_baseline(base: Measurement, new: Measurement) -> Measurement | None:
    """The baseline's texts scored with the new run's lexicon and pipeline."""
    if not method_differences(base, new):
        return None
    err = err_console()
    name = new.data.get("pipeline", {}).get("name", "auto")
    try:
        pipeline = load_pipeline(name)
    except LeaderscanError:
        pipeline = load_pipeline("auto")
        err.print(
            f"{name} is not installed here; re-scoring the baseline with {pipeline.description}"
        )
    try:
        return rescore(base, saved_lexicon(new.data), pipeline)
    except LeaderscanError as exc:
        err.print(f"cannot split the change into texts and lexicon: {exc}")
        return None


def common_kinds(
    base: Measurement, new: Measurement, kinds: tuple[str, ...]
) -> tuple[Measurement, Measurement, KindsCompared]:
    """compare.same_kinds, its notes on stderr, and no kind in common as a usage error."""
    try:
        b, n, found = same_kinds(base, new, kinds)
    except ValueError as exc:
        raise UserError(f"{exc}; nothing to compare (see --kind)") from None
    for line in found.lines():
        click.echo(line, err=True)
    return b, n, found


def unlisted_of(m: Measurement) -> list[Candidate]:
    """The commonest candidates not in the lexicon of a saved run, read with its pipeline
    (or, when that is not installed here, the default one)."""
    name = m.data.get("pipeline", {}).get("name", "auto")
    try:
        pipeline = load_pipeline(name)
    except LeaderscanError:
        pipeline = load_pipeline("auto")
    try:
        return unlisted(m, pipeline)
    except LeaderscanError as exc:
        err_console().print(f"cannot list what the lexicon did not count: {exc}")
        return []


def comparisons(base: Measurement, new: Measurement) -> list[Comparison]:
    rescored = rescored_baseline(base, new)
    out = [compare(base, new, rescored, "table")]
    if base.outside.columns or new.outside.columns:
        out.append(compare(base, new, rescored, "outside"))
    return [c for c in out if c.columns]


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
    b, n, found = common_kinds(measurement(saved_run(base)), measurement(saved_run(new)), kinds)
    result = comparisons(b, n)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "base": {
                        "created": b.created,
                        "corpus": b.data.get("corpus"),
                        "pipeline": b.pipeline,
                    },
                    "new": {
                        "created": n.created,
                        "corpus": n.data.get("corpus"),
                        "pipeline": n.pipeline,
                    },
                    "kinds": found.to_dict(),
                    "comparisons": [c.to_dict() for c in result],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    elif fmt == "csv":
        rows = [dict(r, table=c.which) for c in result for r in c.long_rows()]
        header = ["table", *LONG_COLUMNS]
        click.echo(
            BOM + csv_text(header, ([r[k] for k in header] for r in rows), delimiter), nl=False
        )
    elif fmt == "md":
        click.echo(as_markdown(result, b, n, found, unlisted_of(n)), nl=False)
    else:
        print_comparison(out_console(), result, b, n, unlisted_of(n))


def default_output(saved: Path, name: str) -> Path:
    """A file beside the saved run: in its --out folder, or beside its run.json."""
    return (saved if saved.is_dir() else saved.parent) / name


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
    from .report import report_html

    m = measurement(saved_run(saved), kinds)
    comps: list[Comparison] = []
    b = None
    found = None
    if base is not None:
        b, compared, found = common_kinds(measurement(saved_run(base)), m, kinds)
        comps = comparisons(b, compared)
    out = out or default_output(saved, "report.html")
    with atomic_open(out, "w", encoding="utf-8") as f:
        f.write(report_html(m, comps, b, found, unlisted_of(m)))
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
    from .chart import chart_bytes
    from .workbook import write_workbook

    m = measurement(saved_run(saved), kinds)
    if fmt == "xlsx":
        paths = [write_workbook(m, out or default_output(saved, "leaderscan.xlsx"))]
    elif fmt == "csv":
        folder = out or default_output(saved, "")
        if folder.exists() and not folder.is_dir():
            raise UserError(f"{folder}: --out must be a folder for --format csv")
        paths = write_tables(folder, m.table, m.hits, delimiter)
        if not m.kinds and folder.resolve() == Path(m.data["_path"]).parent.resolve():
            rewritten(folder, [p.name for p in paths])
    else:
        table = m.table if m.table.columns else m.outside
        path = out or default_output(saved, f"figuur.{fmt}")
        with atomic_open(path, "wb") as f:
            f.write(chart_bytes(table, fmt))  # type: ignore[arg-type]
        paths = [path]
    out_console().print("Geschreven: " + ", ".join(str(p) for p in paths))


lexicon_argument = click.argument(
    "file", required=False, type=click.Path(dir_okay=False, path_type=Path)
)
lexicon_file_option = click.option(
    "--lexicon",
    "lexicon_option",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The lexicon, as for the other commands (the same as FILE).",
)


def one_lexicon(file: Path | None, option: Path | None) -> Path:
    if file is not None and option is not None and file != option:
        raise UserError("give the lexicon once: as FILE or with --lexicon")
    return find_lexicon(file or option, None)


@cli.group(name="lexicon")
def lexicon_group() -> None:
    """Check, test, import and describe lexicons (competences.yaml)."""


@lexicon_group.command(name="check")
@lexicon_argument
@lexicon_file_option
@model_option
def lexicon_check(file: Path | None, lexicon_option: Path | None, model: str) -> None:
    """Validate a lexicon: every problem as FILE:LINE with what to do.

    Checks the structure (keys, orientations, duplicate ids and labels) and what
    the patterns do with the pipeline: patterns that cannot match, patterns
    shadowed by another competence, exclusions that remove every match,
    separable verbs written joined. Exit status 2 on errors, 0 with warnings only.
    The same check runs before every 'leaderscan run'.

    Example:

        leaderscan lexicon check competences.yaml
    """
    path = one_lexicon(file, lexicon_option)
    try:
        lexicon = load_lexicon(path)
    except ConfigError as exc:
        for p in exc.problems:
            where = f"{p.path}:{p.line}" if p.line else f"{p.path}"
            click.echo(f"{where}: error: {p.message}")
        sys.exit(EXIT_USAGE)
    pipeline = open_pipeline(model, cached=True)
    findings = lint(lexicon, pipeline)
    for f in findings:
        click.echo(str(f))
    errors = sum(1 for f in findings if f.severity == "error")
    summary = (
        f"{path}: {len(lexicon.competences)} competences, {errors} error(s), "
        f"{len(findings) - errors} warning(s) ({pipeline.description})"
    )
    click.echo(summary, err=True)
    if errors:
        sys.exit(EXIT_USAGE)


@lexicon_group.command(name="test")
@lexicon_argument
@lexicon_file_option
@click.option(
    "--model",
    "models",
    multiple=True,
    help="A spaCy pipeline to test under (repeatable; default: every one that loads: "
    "the offline pipeline, and nl_core_news_sm when installed).",
)
def lexicon_test(file: Path | None, lexicon_option: Path | None, models: tuple[str, ...]) -> None:
    """Run the lexicon's example sentences as tests, under every pipeline.

    Each competence may carry 'examples: {match: [...], no_match: [...]}'; each
    'match' sentence must find the competence (with the whole lexicon, so overlap,
    exclusions and the sense rules count) and each 'no_match' sentence must not.
    Failures show the tokens and lemmas involved. Exit status 2 when any example
    fails under any pipeline.

    Example:

        leaderscan lexicon test --model simplemma --model ../models/nl_ud_proxy
    """
    path = one_lexicon(file, lexicon_option)
    lexicon = open_lexicon(path)
    names = models or ((FALLBACK, TRAINED) if trained_available() else (FALLBACK,))
    console = out_console()
    any_failed = False
    for name in names:
        pipeline = open_pipeline(name)
        checked_lexicon(path, pipeline, lexicon)  # what 'lexicon check' rejects fails here too
        results = check_examples(lexicon, pipeline)
        failed = [r for r in results if not r.ok]
        for r in failed:
            print_example_failure(console, r)
        with_examples = len({r.competence.id for r in results})
        click.echo(
            f"{path}: {len(results)} example(s) of {with_examples} competence(s), "
            f"{len(failed)} failed ({pipeline.description})",
            err=True,
        )
        any_failed = any_failed or bool(failed)
    if any_failed:
        sys.exit(EXIT_USAGE)


@lexicon_group.command(name="schema")
def lexicon_schema() -> None:
    """Print the JSON Schema of competences.yaml (for editors that validate YAML).

    Example:

        leaderscan lexicon schema > competences.schema.json
    """
    click.echo(SCHEMA_TEXT(), nl=False)


@lexicon_group.command(name="import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "liwc", "quanteda"]),
    default="auto",
    show_default=True,
    help="auto: .dic is LIWC, anything else a quanteda/YAML dictionary.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the lexicon here (default: print it). An existing file is not replaced.",
)
def lexicon_import(source: Path, fmt: str, out: Path | None) -> None:
    """Turn a LIWC .dic or quanteda YAML dictionary into a competences.yaml.

    Categories become orientations; terms (with their * globs) become competences.

    Example:

        leaderscan lexicon import leiderschap.dic --out competences.yaml
    """
    try:
        text = import_dictionary(source, fmt)
    except ConfigError as exc:
        raise config_error(exc, "dictionary") from None
    if out is None:
        click.echo(text, nl=False)
        return
    if out.exists():
        raise UserError(f"{out}: exists; choose another --out or remove it first")
    with atomic_open(out, "w", encoding="utf-8") as f:
        f.write(text)
    click.echo(f"Geschreven: {out}; check it with 'leaderscan lexicon check {out}'", err=True)


@lexicon_group.command(name="init")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def lexicon_init(path: Path | None) -> None:
    """Write a copy of the lexicon that comes with leaderscan, to edit.

    PATH is the file to write (default: competences.yaml in the current folder;
    a folder: competences.yaml in it). An existing file is not replaced. 'run'
    uses competences.yaml in the current folder or beside the corpus before the
    one that comes with leaderscan.

    Example:

        leaderscan lexicon init && leaderscan lexicon check competences.yaml
    """
    path = path or Path(LEXICON_NAME)
    if path.is_dir():
        path = path / LEXICON_NAME
    try:
        with path.open("x", encoding="utf-8", newline="") as f:
            f.write(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    except FileExistsError:
        raise UserError(f"{path}: exists; choose another PATH or remove it first") from None
    except OSError as exc:
        raise UserError(
            f"{path}: cannot be written ({exc.strerror}); choose another PATH"
        ) from None
    click.echo(f"Geschreven: {path}; check it with 'leaderscan lexicon check {path}'", err=True)


@lexicon_group.command(name="add-from-sheet")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--lexicon",
    "lexicon_option",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The lexicon to add to (default: {LEXICON_NAME} in the current folder).",
)
@click.option("--replace", is_flag=True, help="Replace entries whose id the sheet gives again.")
@model_option
def lexicon_add_from_sheet(
    sheet: Path, lexicon_option: Path | None, replace: bool, model: str
) -> None:
    """Add the coded rows of a 'suggest --sheet' sheet to a lexicon.

    Every row with an 'oriëntatie' becomes an entry: its id (or one made of the
    label), label, orientation, a pattern per form found, the sentences as 'match'
    examples and the 'betekenis' as its meaning (a placeholder when empty). The
    entries go at the end of the competences list; the rest of the file, comments
    included, stays as it was. The new lexicon must pass 'leaderscan lexicon check'
    before it is written; an id the lexicon has already is refused unless --replace.

    Example:

        leaderscan lexicon add-from-sheet kandidaten.xlsx --lexicon competences-extra.yaml
    """
    from .codesheet import SheetError, add_entries, read_sheet
    from .lexicon import parse_lexicon

    path = find_lexicon(lexicon_option, None)
    lexicon = open_lexicon(path)
    try:
        entries = read_sheet(sheet, lexicon)
        if not entries:
            raise UserError(f"{sheet}: no row has an 'oriëntatie'; choose one per row to add")
        text = add_entries(lexicon, entries, replace, sheet)
    except SheetError as exc:
        raise UserError(str(exc)) from None
    try:
        new = parse_lexicon(path, text)
    except ConfigError as exc:
        raise config_error(exc, "sheet's rows (the lexicon was not changed)") from None
    try:
        checked_lexicon(path, open_pipeline(model), new)
    except UserError:
        raise UserError(
            f"{sheet}: its rows would not pass 'leaderscan lexicon check' (errors above); "
            f"{path} was not changed"
        ) from None
    with atomic_open(path, "w", encoding="utf-8") as f:
        f.write(text)
    click.echo(
        f"{path}: {len(entries)} competentie(s) toegevoegd uit {sheet}: "
        f"{', '.join(e.competence['id'] for e in entries)}",
        err=True,
    )


@cli.command(name="try")
@click.argument("text", required=False)
@click.option(
    "--file",
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Explain every sentence of this PDF, DOCX or TXT file that finds something.",
)
@click.option("--section", help="The heading the sentence stands under (e.g. 'Wie zijn wij').")
@click.option(
    "--lexicon",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The lexicon (default: {LEXICON_NAME} in the current folder, else the one that "
    "comes with leaderscan).",
)
@model_option
def try_cmd(
    text: str | None, file: Path | None, section: str | None, lexicon: Path | None, model: str
) -> None:
    r"""Why did (not) this count? Show a sentence's tokens, lemmas and matches.

    Each match with the pattern that fired and whether it counts; matches dropped
    by an exclusion, by overlap with a more specific match, or because the section
    or orientation is not scored.

    Examples:

        leaderscan try "Je zet de koers uit en bent besluitvaardig."

        leaderscan try "Wij zijn een sociale organisatie." --section "Wie zijn wij"

        leaderscan try --file corpus/Talis/wijk/Vacaturetekst\ wijkbeheerder.pdf
    """
    if (text is None) == (file is None):
        raise UserError("give a sentence in quotes, or --file FILE")
    lex = open_lexicon(find_lexicon(lexicon, None))
    pipeline = open_pipeline(model, cached=True)
    matcher = Matcher(lex)
    console = out_console()
    if text is not None:
        for exp in explain(text, pipeline, matcher, section):
            print_explanation(console, exp)
    else:
        assert file is not None
        try:
            blocks = extract(file).blocks
        except LeaderscanError as exc:
            raise UserError(f"{file}: {exc}") from None
        shown = 0
        for exp in explain_blocks(blocks, pipeline, matcher):
            if exp.matches or exp.dropped:
                print_explanation(console, exp, tokens=False)
                shown += 1
        console.print(f"{shown} zin(nen) met een vondst in {file}")
    console.print(f"[dim]Pipeline: {pipeline.description}; lexicon: {lex.path}[/dim]")


@cli.command(name="suggest")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--lexicon", type=click.Path(dir_okay=False, path_type=Path))
@model_option
@click.option("--top", default=30, show_default=True, help="How many candidates.")
@click.option(
    "--min-documents",
    default=1,
    show_default=True,
    help="Only candidates asked in at least this many documents.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "csv"]), default="text", show_default=True
)
@click.option(
    "--sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a coding sheet (.xlsx or .csv) with an empty 'oriëntatie' column; "
    "'leaderscan lexicon add-from-sheet' reads it back.",
)
@delimiter_option
def suggest_cmd(
    corpus: Path,
    lexicon: Path | None,
    model: str,
    top: int,
    min_documents: int,
    fmt: str,
    sheet: Path | None,
    delimiter: str,
) -> None:
    """Candidate competences: what the texts ask of the candidate that no entry covers.

    Found by the ways a vacancy asks ("je bent flexibel en stressbestendig", "een
    open houding", adviesvaardig, klantgericht, "in staat om … te", "weet … te",
    "kunt goed …", short bullets of the profile, and, ranked low because they are
    mostly domains, "ervaring met …" and "kennis van …"), in the scored sections
    only and not in the employer's own clauses. Forms of one competence are one
    candidate (adviesvaardig, advisering, goed kunnen adviseren). Ranked by the
    number of documents and the strength of the cue, each with its forms and
    example sentences.

    With --sheet, HR fills in an orientation (and an id and label) per row;
    'leaderscan lexicon add-from-sheet SHEET --lexicon FILE' then adds those rows
    to the lexicon.

    Examples:

        leaderscan suggest corpus/ --top 20

        leaderscan suggest corpus/ --sheet kandidaten.xlsx
    """
    lex = open_lexicon(find_lexicon(lexicon, corpus))
    try:
        discovery = discover(corpus)
    except ConfigError as exc:
        raise config_error(exc, "manifest") from None
    pipeline = open_pipeline(model)
    cache = Cache(default_cache_dir())
    reading = Reading(cache=None if unusable(cache.root) else cache)
    candidates, skipped = suggest(discovery, lex, pipeline, top, min_documents, reading)
    for doc, why in skipped:
        click.echo(f"skipped {shown(doc)}: {shown(why)}", err=True)
    if sheet is not None:
        from .codesheet import write_sheet

        write_sheet(sheet, candidates, lex, delimiter)
        click.echo(
            f"Codeerblad geschreven: {sheet} ({len(candidates)} kandidaten); vul 'oriëntatie' "
            f"in en lees het in met 'leaderscan lexicon add-from-sheet {sheet} --lexicon {lex.path}'",
            err=True,
        )
        return
    if fmt == "csv":
        click.echo(
            BOM + csv_text(SUGGEST_COLUMNS, (x.row() for x in candidates), delimiter), nl=False
        )
        return
    console = out_console()
    print_suggestions(console, candidates)
    console.print(
        f"[dim]{len(discovery.sources)} document(en); pipeline {pipeline.description}; "
        f"lexicon {lex.path}[/dim]"
    )


@cli.command(name="review")
@click.argument("saved", type=click.Path(path_type=Path))
@kind_option
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The sheet to write, .csv or .xlsx (default: review.xlsx beside the run).",
)
@delimiter_option
def review_cmd(saved: Path, kinds: tuple[str, ...], out: Path | None, delimiter: str) -> None:
    """Write a review sheet: one row per scored hit, with an empty 'klopt' column.

    Fill in ja or nee per row, then 'leaderscan evaluate RUN SHEET' reports the
    precision per competence.

    Example:

        leaderscan review out/ --out review.xlsx
    """
    m = measurement(saved_run(saved), kinds)
    out = out or default_output(saved, "review.xlsx")
    rows = review_rows(m)
    if out.suffix.lower() == ".xlsx":
        from .workbook import write_review_workbook

        write_review_workbook(rows, out)
    else:
        write_csv_file(out, REVIEW_COLUMNS, rows, delimiter)
    out_console().print(f"Beoordelingsblad geschreven: {out} ({len(rows)} vondsten)")


@cli.command(name="evaluate")
@click.argument("saved", type=click.Path(path_type=Path))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def evaluate_cmd(saved: Path, gold: Path, fmt: str) -> None:
    """Compare a run with hand coding: precision, recall, F1, Cohen's kappa.

    GOLD is a gold file (document, competence per row; see docs/evaluate.md) or a
    filled-in review sheet from 'leaderscan review' (then: precision per
    competence).

    Examples:

        leaderscan evaluate out/baseline-2021 docs/gold/boon-2021.csv

        leaderscan evaluate out/ review.xlsx
    """
    m = measurement(saved_run(saved))
    try:
        header, _ = read_table(gold)
        if is_review_sheet(header):
            review = read_review(gold)
            if fmt == "json":
                click.echo(
                    json.dumps(
                        {
                            "overall": review.overall.to_dict(),
                            "open": review.open,
                            "per_competence": {
                                k: v.to_dict() for k, v in review.per_competence.items()
                            },
                        },
                        ensure_ascii=False,
                        indent=1,
                    )
                )
            else:
                print_review(out_console(), review)
            return
        results = evaluate(m, gold)
    except GoldError as exc:
        lines = str(exc).splitlines()
        for line in lines[:-1]:
            click.echo(line, err=True)
        raise UserError(lines[-1]) from None
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "level": e.level,
                        "overall": e.overall.to_dict(),
                        "per_orientation": {k: v.to_dict() for k, v in e.per_orientation.items()},
                        "disagreements": [d.__dict__ for d in e.disagreements],
                    }
                    for e in results
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        print_evaluation(out_console(), results)


def SCHEMA_TEXT() -> str:  # noqa: N802 - read lazily from the package
    return (resources.files("leaderscan") / "schema" / "competences.schema.json").read_text(
        encoding="utf-8"
    )


def main() -> None:
    try:
        code = cli.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:  # Ctrl-C outside a run
        click.echo("Interrupted.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except (BrokenPipeError, PipeClosed):
        # the reader of the output stopped early (| head): not an error. Nothing more
        # can be written; stdout goes nowhere, so that the exit does not complain either
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except LeaderscanError as exc:  # library errors that reached here
        click.echo(f"leaderscan: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)
