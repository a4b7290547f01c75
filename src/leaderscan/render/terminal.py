"""Terminal output with rich: the Figure 26 table and the run summary.

rich stays in this module and the CLI; the library returns data.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from ..i18n import _, ngettext
from ..results import Run
from ..tally import Table
from .words import cause_label, column_heading, page_ref, table_title

# the Figure 26 table needs none of these: a run loads them only when it prints a
# comparison, an evaluation, an explanation or suggestions
if TYPE_CHECKING:
    from ..compare import ColumnChange, Comparison
    from ..evaluate import Evaluation, Review
    from ..explain import ExampleResult, Explanation
    from ..saved import Measurement
    from ..suggest import Candidate

# what a column takes besides its text: the border and one space of padding on each side
COLUMN_FRAME = 3


def parts(widths: list[int], first: int, room: int) -> list[list[int]]:
    """The columns (their indexes) in groups that fit ``room`` beside the first column:
    a table wider than the terminal is printed in parts, so that no name is cut."""
    groups: list[list[int]] = [[]]
    used = first + COLUMN_FRAME + 1
    for i, w in enumerate(widths):
        if groups[-1] and used + w + COLUMN_FRAME > room:
            groups.append([])
            used = first + COLUMN_FRAME + 1
        groups[-1].append(i)
        used += w + COLUMN_FRAME
    return groups


def _rows_column(labels: list[str], title: str) -> tuple[str, int]:
    return title, max(len(x) for x in [title, *labels])


def figure_table(
    table: Table, title: str | None = None, columns: list[int] | None = None
) -> RichTable:
    """Cells as column groups, organisations inside them with N, orientations as rows;
    ``columns``: only these (indexes), for a table printed in parts."""
    title = table_title("table") if title is None else title
    rt = RichTable(title=title, title_justify="left", show_lines=False, min_width=len(title))
    rows = table.rows()
    labels = [table.labels.get(o, o) for o, _counts in rows]
    name, width = _rows_column(labels, _("Orientations"))
    rt.add_column(name, style="bold", min_width=width, no_wrap=True)
    chosen = list(range(len(table.columns))) if columns is None else columns
    previous = None
    for i in chosen:
        c = table.columns[i]
        group = column_heading(c.cell) if c.cell != previous else ""
        previous = c.cell
        lines = [group, c.organisation, f"(N={c.documents})"]
        rt.add_column(
            escape("\n".join(lines)),
            justify="right",
            min_width=max(len(x) for x in lines),
            no_wrap=True,
        )
    for label, (_o, counts) in zip(labels, rows, strict=True):
        rt.add_row(label, *[str(counts[i]) for i in chosen])
    return rt


def table_text(table: Table | Run) -> str:
    """The table (of a run: its Figure 26 table) as plain text (``leaderscan.table_text``),
    in parts when wide."""
    if isinstance(table, Run):
        table = table.table
    console = Console(file=io.StringIO(), width=200, color_system=None, highlight=False)
    print_figure(console, table, table_title("table"))
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def figure_widths(table: Table) -> tuple[int, list[int]]:
    labels = [table.labels.get(o, o) for o in table.orientations]
    first = _rows_column(labels, _("Orientations"))[1]
    widths = [
        max(len(column_heading(c.cell)), len(c.organisation), len(f"(N={c.documents})"))
        for c in table.columns
    ]
    return first, widths


def print_figure(console: Console, table: Table, title: str) -> None:
    """The table, in parts when it is wider than the terminal."""
    first, widths = figure_widths(table)
    for group in parts(widths, first, console.width):
        console.print(figure_table(table, title, group))


def print_table(
    console: Console, table: Table, pipeline: str | None = None, outside: Table | None = None
) -> None:
    """The Figure 26 table and, when there are any, the documents outside the cells."""
    if table.columns:
        print_figure(console, table, table_title("table"))
    if outside is not None and outside.columns:
        print_figure(console, outside, table_title("outside"))
    if not table.columns and not (outside and outside.columns):
        console.print(_("No documents read: there is nothing to count."))
        return
    if pipeline:
        console.print(f"[dim]Pipeline: {pipeline}[/dim]")


def _comparison_header(c: ColumnChange) -> list[str]:
    # one line each for cell, organisation and N, as in the table itself
    n = f"N={c.n_base}" if c.n_base == c.n_new else f"N={c.n_base} → {c.n_new}"
    return [column_heading(c.cell), c.organisation, f"({n})"]


def comparison_widths(comp: Comparison) -> tuple[int, list[int]]:
    first = _rows_column([label for _o, label in comp.orientations], _("Orientations"))[1]
    widths = [
        max(
            [len(x) for x in _comparison_header(c)]
            + [len(c.counts[o].text()) for o, _label in comp.orientations]
        )
        for c in comp.columns
    ]
    return first, widths


def comparison_table(comp: Comparison, columns: list[int] | None = None) -> RichTable:
    rt = RichTable(title=table_title(comp.which), title_justify="left")
    first, widths = comparison_widths(comp)
    rt.add_column(_("Orientations"), style="bold", min_width=first, no_wrap=True)
    chosen = list(range(len(comp.columns))) if columns is None else columns
    for i in chosen:
        header = _comparison_header(comp.columns[i])
        rt.add_column(escape("\n".join(header)), justify="right", min_width=widths[i], no_wrap=True)
    for o, label in comp.orientations:
        cells = []
        for c in (comp.columns[i] for i in chosen):
            v = c.counts[o]
            # a colour says more or fewer; where N changed too, a raw count does not say
            # that, so no colour there (the header shows both N)
            same_n = c.n_base == c.n_new
            style = ("green" if v.change > 0 else "red" if v.change < 0 else "") if same_n else ""
            text = escape(v.text())
            cells.append(f"[{style}]{text}[/{style}]" if style else text)
        rt.add_row(label, *cells)
    return rt


def print_comparison(
    console: Console,
    comparisons: list[Comparison],
    base: Measurement,
    new: Measurement,
    unlisted: Sequence[Candidate] = (),
) -> None:
    from ..compare import UNLISTED_NOTE, UNLISTED_TITLE, method_note

    for label, m in ((_("Baseline:"), base), (_("New measurement:"), new)):
        width = max(len(_("Baseline:")), len(_("New measurement:")))
        console.print(
            f"{label:<{width}} {m.created}  {m.data.get('corpus')}  ({m.pipeline})",
            markup=False,
        )
    method = comparisons[0].method if comparisons else []
    if method:
        console.print(
            "[yellow]"
            + escape(_("The measurements differ in method:"))
            + "[/yellow] "
            + escape("; ".join(method))
        )
        console.print(method_note(), markup=False)
    for comp in comparisons:
        first, widths = comparison_widths(comp)
        for group in parts(widths, first, console.width):
            console.print(comparison_table(comp, group))
        for c in comp.columns:
            if not (c.gained or c.lost):
                continue
            console.print(f"[bold]{c.title}[/bold]")
            for sign, style, items in (("+", "green", c.gained), ("−", "red", c.lost)):
                for item in items:
                    cause = f" [{cause_label(item.cause)}]" if item.cause else ""
                    line = f"{item.competence} ({item.orientation}){cause}: " + "; ".join(
                        item.documents
                    )
                    console.print(f"  [{style}]{sign}[/{style}] {escape(line)}")
    if unlisted:
        console.print(f"[bold]{escape(_(UNLISTED_TITLE))}[/bold]")
        console.print(_(UNLISTED_NOTE).replace("`", ""), markup=False)
        for cand in unlisted:
            console.print(f"  {escape(cand.label)} ({cand.in_documents})")


def print_explanation(console: Console, exp: Explanation, tokens: bool = True) -> None:
    s = exp.sentence
    where = (
        f"  [dim]({escape(page_ref(s.page))}{', ' + escape(s.section) if s.section else ''})[/dim]"
    )
    sentence = escape(_("Sentence:"))
    console.print(f"[bold]{sentence}[/bold] “{escape(s.text)}”{where}")
    if tokens:
        used = {t: m.competence.label for m in exp.matches for t in m.tokens}
        rt = RichTable(show_header=True, box=None, pad_edge=False)
        for i, name in enumerate(("#", _("word"), _("lemma"), _("hit"))):
            rt.add_column(name, style="dim" if i == 0 else "")
        for i, (w, lem) in enumerate(zip(s.words, s.lemmas, strict=True)):
            rt.add_row(str(i), escape(w), escape(lem), escape(used.get(i, "")))
        console.print(rt)
    if not exp.matches and not exp.dropped:
        console.print("  " + _("No competence found."))
    for m in exp.matches:
        counts, not_counted = escape(_("counts")), escape(_("does not count"))
        status = (
            f"[green]{counts}[/green]"
            if m.counted
            else f"[yellow]{not_counted}[/yellow]: {escape(m.reason)}"
        )
        found = _("“{words}”, pattern {pattern}, id {id}").format(
            words=m.words, pattern=repr(m.pattern), id=m.competence.id
        )
        console.print(
            f"  [green]✓[/green] {escape(m.competence.label)} ({escape(m.orientation)}): "
            f"{escape(found)} — {status}"
        )
    for d in exp.dropped:
        dropped = _("“{words}”, pattern {pattern} — dropped: {reason}").format(
            words=d.words, pattern=repr(d.pattern), reason=d.reason
        )
        console.print(f"  [red]✗[/red] {escape(d.competence.label)}: {escape(dropped)}")


def print_example_failure(console: Console, r: ExampleResult) -> None:
    want = (
        _("{label} (line {line}) must match: “{text}”")
        if r.should_match
        else _("{label} (line {line}) must not match: “{text}”")
    )
    text = want.format(label=r.competence.label, line=r.competence.line, text=r.text)
    fail = escape(_("FAIL"))
    console.print(f"[red]{fail}[/red] {escape(text)}")
    for exp in r.explanations:
        print_explanation(console, exp)


def print_evaluation(console: Console, results: list[Evaluation]) -> None:
    from ..evaluate import DISAGREEMENT_KINDS, LEVEL_TITLES

    for e in results:
        rt = RichTable(title=_(LEVEL_TITLES[e.level]), title_justify="left")
        names = (_("Orientation"), _("precision"), _("recall"), "F1", "kappa", "TP", "FP", "FN")
        for i, name in enumerate(names):
            rt.add_column(name, justify="left" if i == 0 else "right")
        total = _("Total")
        for label, s in [*e.per_orientation.items(), (total, e.overall)]:
            rt.add_row(
                label,
                f"{s.precision:.2f}",
                f"{s.recall:.2f}",
                f"{s.f1:.2f}",
                f"{s.kappa:.2f}",
                str(s.tp),
                str(s.fp),
                str(s.fn),
                style="bold" if label == total else "",
            )
        console.print(rt)
        if e.disagreements:
            console.print(_("Disagreements ({n}):").format(n=len(e.disagreements)))
            for d in e.disagreements:
                ev = f" — “{escape(d.evidence)}”" if d.evidence else ""
                line = _("{kind}: {competence} ({orientation}) in {document}").format(
                    kind=_(DISAGREEMENT_KINDS[d.kind]),
                    competence=d.competence,
                    orientation=d.orientation,
                    document=d.document,
                )
                console.print(f"  {escape(line)}{ev}")
        else:
            console.print(_("No disagreements."))


def print_review(console: Console, review: Review) -> None:
    from ..evaluate import review_column

    rt = RichTable(title=_("Precision per competence (review sheet)"), title_justify="left")
    for i, name in enumerate((_("Competence"), _("yes"), _("no"), _("precision"))):
        rt.add_column(name, justify="left" if i == 0 else "right")
    for label, s in sorted(review.per_competence.items(), key=lambda kv: kv[1].precision):
        rt.add_row(escape(label), str(s.tp), str(s.fp), f"{s.precision:.2f}")
    o = review.overall
    rt.add_row(_("Total"), str(o.tp), str(o.fp), f"{o.precision:.2f}", style="bold")
    console.print(rt)
    if review.open:
        console.print(
            ngettext(
                "{n} row not reviewed yet (column {column} empty).",
                "{n} rows not reviewed yet (column {column} empty).",
                review.open,
            ).format(n=review.open, column=review_column())
        )


def print_suggestions(console: Console, candidates: list[Candidate]) -> None:
    if not candidates:
        console.print(_("No candidates: what the texts ask is already covered by the lexicon."))
        return
    rt = RichTable(title=_("Candidate competences (not in the lexicon)"), title_justify="left")
    for i, name in enumerate((_("candidate"), _("documents"), _("forms"), "cue", _("example"))):
        rt.add_column(name, justify="right" if i == 1 else "left")
    for c in candidates:
        e = c.examples[0]
        rt.add_row(
            escape(c.label),
            str(len(c.documents)),
            escape(", ".join(f for f, _n in c.forms.most_common(4))),
            c.cue,
            f"“{escape(e.sentence)}” [dim]({escape(e.document)}, {escape(page_ref(e.page))})[/dim]",
        )
    console.print(rt)
