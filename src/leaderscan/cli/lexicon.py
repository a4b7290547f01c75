"""The lexicon commands (check, test, schema, import) and the two that try it on
text: try and suggest."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..atomic import atomic_open
from ..cache import Cache
from ..compiled import lint_for, load_lexicon_cached, matcher_for
from ..discover import discover
from ..errors import ConfigError, LeaderscanError, LintFailed
from ..explain import check_examples, explain, explain_blocks
from ..extract import extract
from ..gate import checked_lexicon
from ..i18n import _, ngettext
from ..importers import import_dictionary
from ..lemmatise import installed_pipelines
from ..lexicon import LEXICON_NAME
from ..lexicons import PACKAGED, lexicons_name, schema_text, write_default_copy
from ..render.csv import csv_text
from ..render.terminal import print_example_failure, print_explanation, print_suggestions
from ..scan import suggest_reading
from ..suggest import COLUMNS as SUGGEST_COLUMNS
from ..suggest import suggest
from .common import (
    BOM,
    EXIT_USAGE,
    UserError,
    cache_root,
    cli,
    config_error,
    delimiter_option,
    format_option,
    lexicon_path,
    lexicons_option,
    model_option,
    note,
    open_lexicon,
    open_lexicons,
    open_pipeline,
    out_console,
    shown,
)

lexicon_argument = click.argument(
    "file", required=False, type=click.Path(dir_okay=False, path_type=Path)
)


lexicon_file_option = click.option(
    "--lexicon",
    "lexicon_option",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("The lexicon, as for the other commands (the same as FILE)."),
)


def one_lexicon(file: Path | None, option: Path | None) -> Path:
    if file is not None and option is not None and file != option:
        raise UserError(_("give the lexicon once: as FILE or with --lexicon"))
    return lexicon_path(file or option, None)


@cli.group(
    name="lexicon",
    help=_("Check, test, import and describe lexicons (competences.yaml)."),
)
def lexicon_group() -> None:
    pass  # its commands follow


@lexicon_group.command(
    name="check",
    help=_(
        "Validate a lexicon: every problem as FILE:LINE with what to do.\n\n"
        "Checks the structure (keys, orientations, duplicate ids and labels) and what "
        "the patterns do with the pipeline: patterns that cannot match, patterns "
        "shadowed by another competence, exclusions that remove every match, separable "
        "verbs written joined. Exit status 2 on errors, 0 with warnings only. The same "
        "check runs before every 'leaderscan run'.\n\n"
        "Example:\n\n"
        "    leaderscan lexicon check competences.yaml"
    ),
)
@lexicon_argument
@lexicon_file_option
@model_option
def lexicon_check(file: Path | None, lexicon_option: Path | None, model: str) -> None:
    path = one_lexicon(file, lexicon_option)
    try:
        lexicon = load_lexicon_cached(path, cache_root())
    except ConfigError as exc:
        for p in exc.problems:
            where = f"{p.path}:{p.line}" if p.line else f"{p.path}"
            click.echo(_("{where}: error: {message}").format(where=where, message=p.message))
        sys.exit(EXIT_USAGE)
    pipeline = open_pipeline(model, cached=True)
    findings = lint_for(lexicon, pipeline, cache_root())
    for f in findings:
        click.echo(str(f))
    errors = sum(1 for f in findings if f.severity == "error")
    summary = _(
        "{path}: {competences} competences, {errors} error(s), {warnings} warning(s) ({pipeline})"
    ).format(
        path=path,
        competences=len(lexicon.competences),
        errors=errors,
        warnings=len(findings) - errors,
        pipeline=pipeline.description,
    )
    click.echo(summary, err=True)
    if errors:
        sys.exit(EXIT_USAGE)


@lexicon_group.command(
    name="test",
    help=_(
        "Run the lexicon's example sentences as tests, under every pipeline.\n\n"
        "Each competence may carry 'examples: {match: [...], no_match: [...]}'; each "
        "'match' sentence must find the competence (with the whole lexicon, so "
        "overlap, exclusions and the sense rules count) and each 'no_match' sentence "
        "must not. Failures show the tokens and lemmas involved. Exit status 2 when "
        "any example fails under any pipeline.\n\n"
        "Example:\n\n"
        "    leaderscan lexicon test --model simplemma --model ../models/nl_ud_proxy"
    ),
)
@lexicon_argument
@lexicon_file_option
@click.option(
    "--model",
    "models",
    multiple=True,
    metavar=_("NAME"),
    help=_(
        "A spaCy pipeline to test under (repeatable; default: every one that loads: "
        "the offline pipeline, and nl_core_news_sm when installed)."
    ),
)
def lexicon_test(file: Path | None, lexicon_option: Path | None, models: tuple[str, ...]) -> None:
    path = one_lexicon(file, lexicon_option)
    lexicon = open_lexicon(path)
    names = models or installed_pipelines()
    console = out_console()
    any_failed = False
    for name in names:
        pipeline = open_pipeline(name)
        try:  # what 'lexicon check' rejects fails here too
            root = cache_root()
            checked_lexicon(path, pipeline, lexicon, note, Cache(root) if root else None)
        except LintFailed as exc:
            raise UserError(str(exc)) from None
        results = check_examples(lexicon, pipeline)
        failed = [r for r in results if not r.ok]
        for r in failed:
            print_example_failure(console, r)
        with_examples = len({r.competence.id for r in results})
        click.echo(
            _(
                "{path}: {examples} example(s) of {competences} competence(s), {failed} failed "
                "({pipeline})"
            ).format(
                path=path,
                examples=len(results),
                competences=with_examples,
                failed=len(failed),
                pipeline=pipeline.description,
            ),
            err=True,
        )
        any_failed = any_failed or bool(failed)
    if any_failed:
        sys.exit(EXIT_USAGE)


@lexicon_group.command(
    name="schema",
    help=_(
        "Print the JSON Schema of competences.yaml (for editors that validate YAML).\n\n"
        "Example:\n\n"
        "    leaderscan lexicon schema > competences.schema.json"
    ),
)
def lexicon_schema() -> None:
    click.echo(schema_text(), nl=False)


@lexicon_group.command(
    name="import",
    help=_(
        "Turn a LIWC .dic or quanteda YAML dictionary into a competences.yaml.\n\n"
        "Categories become orientations; terms (with their * globs) become "
        "competences.\n\n"
        "Example:\n\n"
        "    leaderscan lexicon import leiderschap.dic --out competences.yaml"
    ),
)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option(
    "auto",
    "liwc",
    "quanteda",
    help=_("auto: .dic is LIWC, anything else a quanteda/YAML dictionary."),
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Write the lexicon here (default: print it). An existing file is not replaced."),
)
def lexicon_import(source: Path, fmt: str, out: Path | None) -> None:
    try:
        text = import_dictionary(source, fmt)
    except ConfigError as exc:
        raise config_error(exc, "dictionary") from None
    if out is None:
        click.echo(text, nl=False)
        return
    if out.exists():
        raise UserError(
            _("{path}: exists; choose another --out or remove it first").format(path=out)
        )
    with atomic_open(out, "w", encoding="utf-8") as f:
        f.write(text)
    _written(out)


@lexicon_group.command(
    name="init",
    help=_(
        "Write a copy of a lexicon that comes with leaderscan, to edit.\n\n"
        "PATH is the file to write (default: competences.yaml, or uitbreiding.yaml, in "
        "the current folder; a folder: that name in it). An existing file is not "
        "replaced. 'run' uses competences.yaml in the current folder or beside the "
        "corpus before the one that comes with leaderscan.\n\n"
        "Example:\n\n"
        "    leaderscan lexicon init && leaderscan lexicon check competences.yaml\n\n"
        "    leaderscan lexicon init --lexicon uitbreiding"
    ),
)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--lexicon",
    "name",
    type=click.Choice(sorted(PACKAGED)),
    default="competences",
    show_default=True,
    help=_("Which lexicon that comes with leaderscan: the 2021 instrument or the extension."),
)
def lexicon_init(path: Path | None, name: str) -> None:
    try:
        written = write_default_copy(path, name)
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None
    _written(written)


@lexicon_group.command(
    name="add-from-sheet",
    help=_(
        "Add the coded rows of a 'suggest --sheet' sheet to a lexicon.\n\n"
        "Every row with an 'oriëntatie' becomes an entry: its id (or one made of the "
        "label), label, orientation, a pattern per form found, the sentences as "
        "'match' examples and the 'betekenis' as its meaning (a placeholder when "
        "empty). The entries go at the end of the competences list; the rest of the "
        "file, comments included, stays as it was. The new lexicon must pass "
        "'leaderscan lexicon check' before it is written; an id the lexicon has "
        "already is refused unless --replace.\n\n"
        "Example:\n\n"
        "    leaderscan lexicon add-from-sheet kandidaten.xlsx --lexicon competences-extra.yaml"
    ),
)
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--lexicon",
    "lexicon_option",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("The lexicon to add to (default: {name} in the current folder).").format(
        name=LEXICON_NAME
    ),
)
@click.option("--replace", is_flag=True, help=_("Replace entries whose id the sheet gives again."))
@model_option
def lexicon_add_from_sheet(
    sheet: Path, lexicon_option: Path | None, replace: bool, model: str
) -> None:
    from ..codesheet import SheetError, add_from_sheet

    path = lexicon_path(lexicon_option, None)
    try:
        entries, findings = add_from_sheet(
            sheet, path, open_lexicon(path), open_pipeline(model), replace
        )
    except SheetError as exc:
        for f in exc.findings:
            note(str(f))
        raise UserError(str(exc)) from None
    except ConfigError as exc:
        raise config_error(exc, "sheet") from None
    for f in findings:
        note(str(f))
    click.echo(
        ngettext(
            "{path}: {n} competence added from {sheet}: {ids}",
            "{path}: {n} competences added from {sheet}: {ids}",
            len(entries),
        ).format(
            path=path,
            n=len(entries),
            sheet=sheet,
            ids=", ".join(e.competence["id"] for e in entries),
        ),
        err=True,
    )


@cli.command(
    name="try",
    help=_(
        "Why did (not) this count? Show a sentence's tokens, lemmas and matches.\n\n"
        "Each match with the pattern that fired and whether it counts; matches dropped "
        "by an exclusion, by overlap with a more specific match, or because the "
        "section or orientation is not scored.\n\n"
        "Examples:\n\n"
        '    leaderscan try "Je zet de koers uit en bent besluitvaardig."\n\n'
        '    leaderscan try "Wij zijn een sociale organisatie." --section "Wie zijn wij"\n\n'
        "    leaderscan try --file corpus/Talis/wijk/Vacaturetekst\\ wijkbeheerder.pdf"
    ),
)
@click.argument("text", required=False, metavar=_("[SENTENCE]"))
@click.option(
    "--file",
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_("Explain every sentence of this PDF, DOCX or TXT file that finds something."),
)
@click.option(
    "--section",
    metavar=_("HEADING"),
    help=_("The heading the sentence stands under (e.g. 'Wie zijn wij')."),
)
@lexicons_option
@model_option
def try_cmd(
    text: str | None,
    file: Path | None,
    section: str | None,
    lexicons: tuple[str, ...],
    model: str,
) -> None:
    if (text is None) == (file is None):
        raise UserError(_("give a sentence in quotes, or --file FILE"))
    lex = open_lexicons(lexicons, None)
    pipeline = open_pipeline(model, cached=True)
    matcher = matcher_for(lex, cache_root())
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
        console.print(
            ngettext(
                "{n} sentence with a hit in {file}", "{n} sentences with a hit in {file}", shown
            ).format(n=shown, file=file)
        )
    used = _("Pipeline: {pipeline}; lexicon: {lexicon}").format(
        pipeline=pipeline.description, lexicon=lexicons_name(lex)
    )
    console.print(f"[dim]{used}[/dim]")


@cli.command(
    name="suggest",
    help=_(
        "Candidate competences: what the texts ask of the candidate that no entry "
        "covers.\n\n"
        'Found by the ways a vacancy asks ("je bent flexibel en stressbestendig", "een '
        'open houding", adviesvaardig, klantgericht, "in staat om … te", "weet … te", '
        '"kunt goed …", short bullets of the profile, and, ranked low because they are '
        'mostly domains, "ervaring met …" and "kennis van …"), in the scored sections '
        "only and not in the employer's own clauses. Forms of one competence are one "
        "candidate (adviesvaardig, advisering, goed kunnen adviseren). Ranked by the "
        "number of documents and the strength of the cue, each with its forms and "
        "example sentences.\n\n"
        "With --sheet, HR fills in an orientation (and an id and label) per row; "
        "'leaderscan lexicon add-from-sheet SHEET --lexicon FILE' then adds those rows "
        "to the lexicon.\n\n"
        "Examples:\n\n"
        "    leaderscan suggest corpus/ --top 20\n\n"
        "    leaderscan suggest corpus/ --sheet kandidaten.xlsx"
    ),
)
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@lexicons_option
@model_option
@click.option("--top", default=30, show_default=True, metavar="N", help=_("How many candidates."))
@click.option(
    "--min-documents",
    default=1,
    metavar="N",
    show_default=True,
    help=_("Only candidates asked in at least this many documents."),
)
@format_option("text", "csv")
@click.option(
    "--sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_(
        "Write a coding sheet (.xlsx or .csv) with an empty 'oriëntatie' column; "
        "'leaderscan lexicon add-from-sheet' reads it back."
    ),
)
@delimiter_option
def suggest_cmd(
    corpus: Path,
    lexicons: tuple[str, ...],
    model: str,
    top: int,
    min_documents: int,
    fmt: str,
    sheet: Path | None,
    delimiter: str,
) -> None:
    lex = open_lexicons(lexicons, corpus)
    try:
        discovery = discover(corpus)
    except ConfigError as exc:
        raise config_error(exc, "manifest") from None
    pipeline = open_pipeline(model)
    candidates, skipped = suggest(discovery, lex, pipeline, top, min_documents, suggest_reading())
    for doc, why in skipped:
        click.echo(
            _("skipped {document}: {reason}").format(document=shown(doc), reason=shown(why)),
            err=True,
        )
    if sheet is not None:
        from ..codesheet import write_sheet

        write_sheet(sheet, candidates, lex, delimiter)
        click.echo(
            ngettext(
                "Coding sheet written: {sheet} ({n} candidate); fill in 'oriëntatie' and read "
                "it in with 'leaderscan lexicon add-from-sheet {sheet} --lexicon {lexicon}'",
                "Coding sheet written: {sheet} ({n} candidates); fill in 'oriëntatie' and read "
                "it in with 'leaderscan lexicon add-from-sheet {sheet} --lexicon {lexicon}'",
                len(candidates),
            ).format(sheet=sheet, n=len(candidates), lexicon=lex.sources[-1]),
            err=True,
        )
        return
    if fmt == "csv":
        click.echo(
            BOM
            + csv_text([_(c) for c in SUGGEST_COLUMNS], (x.row() for x in candidates), delimiter),
            nl=False,
        )
        return
    console = out_console()
    print_suggestions(console, candidates)
    n = len(discovery.sources)
    used = ngettext(
        "{n} document; pipeline {pipeline}; lexicon {lexicon}",
        "{n} documents; pipeline {pipeline}; lexicon {lexicon}",
        n,
    ).format(n=n, pipeline=pipeline.description, lexicon=lexicons_name(lex))
    console.print(f"[dim]{used}[/dim]")


def _written(path: Path) -> None:
    """The line after a lexicon file is written: where, and how to check it."""
    click.echo(
        _("Written: {path}; check it with 'leaderscan lexicon check {path}'").format(path=path),
        err=True,
    )
