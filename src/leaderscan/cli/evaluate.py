"""The evaluation commands: review (a sheet to judge the hits) and evaluate."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..evaluate import GoldError, Review, evaluate_file
from ..export import beside, write_review
from ..i18n import _, ngettext
from ..render.json import evaluation_data, review_data
from ..render.terminal import print_evaluation, print_review
from ..saved import measurement
from .common import (
    UserError,
    cli,
    delimiter_option,
    format_option,
    kind_option,
    out_console,
    saved_run,
)


@cli.command(
    name="review",
    help=_(
        "Write a review sheet: one row per scored hit, with an empty 'klopt' column.\n\n"
        "Fill in ja or nee per row, then 'leaderscan evaluate RUN SHEET' reports the "
        "precision per competence.\n\n"
        "Example:\n\n"
        "    leaderscan review out/ --out review.xlsx"
    ),
)
@click.argument("saved", type=click.Path(path_type=Path))
@kind_option
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("The sheet to write, .csv or .xlsx (default: review.xlsx beside the run)."),
)
@delimiter_option
def review_cmd(saved: Path, kinds: tuple[str, ...], out: Path | None, delimiter: str) -> None:
    m = measurement(saved_run(saved), kinds)
    out = out or beside(saved, "review.xlsx")
    count = write_review(m, out, delimiter)
    out_console().print(
        ngettext(
            "Review sheet written: {path} ({n} hit)",
            "Review sheet written: {path} ({n} hits)",
            count,
        ).format(path=out, n=count)
    )


@cli.command(
    name="evaluate",
    help=_(
        "Compare a run with hand coding: precision, recall, F1, Cohen's kappa.\n\n"
        "GOLD is a gold file (document, competence per row; see docs/evaluate.md) or a "
        "filled-in review sheet from 'leaderscan review' (then: precision per "
        "competence).\n\n"
        "Examples:\n\n"
        "    leaderscan evaluate out/baseline-2021 docs/gold/boon-2021.csv\n\n"
        "    leaderscan evaluate out/ review.xlsx"
    ),
)
@click.argument("saved", type=click.Path(path_type=Path))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option("text", "json")
def evaluate_cmd(saved: Path, gold: Path, fmt: str) -> None:
    m = measurement(saved_run(saved))
    try:
        results = evaluate_file(m, gold)
    except GoldError as exc:
        lines = str(exc).splitlines()
        for line in lines[:-1]:
            click.echo(line, err=True)
        raise UserError(lines[-1]) from None
    if isinstance(results, Review):
        if fmt == "json":
            click.echo(json.dumps(review_data(results), ensure_ascii=False, indent=1))
        else:
            print_review(out_console(), results)
    elif fmt == "json":
        click.echo(json.dumps(evaluation_data(results), ensure_ascii=False, indent=1))
    else:
        print_evaluation(out_console(), results)
