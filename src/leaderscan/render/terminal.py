"""Terminal output with rich: the Figure 26 table and the run summary.

rich stays in this module and the CLI; the library returns data.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from ..compare import (
    LEXICON,
    TABLE_TITLES,
    TEXT,
    UNLISTED_NOTE,
    UNLISTED_TITLE,
    ColumnChange,
    Comparison,
)
from ..evaluate import Evaluation, Review
from ..explain import ExampleResult, Explanation
from ..results import Run
from ..saved import Measurement
from ..suggest import Candidate
from ..tally import Table, column_name

OUTSIDE_TITLE = TABLE_TITLES["outside"]


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
    table: Table, title: str = TABLE_TITLES["table"], columns: list[int] | None = None
) -> RichTable:
    """Cells as column groups, organisations inside them with N, orientations as rows;
    ``columns``: only these (indexes), for a table printed in parts."""
    rt = RichTable(title=title, title_justify="left", show_lines=False, min_width=len(title))
    rows = table.rows()
    labels = [table.labels.get(o, o) for o, _ in rows]
    name, width = _rows_column(labels, "Oriëntaties")
    rt.add_column(name, style="bold", min_width=width, no_wrap=True)
    chosen = list(range(len(table.columns))) if columns is None else columns
    previous = None
    for i in chosen:
        c = table.columns[i]
        group = column_name(c.cell) if c.cell != previous else ""
        previous = c.cell
        lines = [group, c.organisation, f"(N={c.documents})"]
        rt.add_column(
            escape("\n".join(lines)),
            justify="right",
            min_width=max(len(x) for x in lines),
            no_wrap=True,
        )
    for label, (_, counts) in zip(labels, rows, strict=True):
        rt.add_row(label, *[str(counts[i]) for i in chosen])
    return rt


def table_text(table: Table | Run) -> str:
    """The table (of a run: its Figure 26 table) as plain text (``leaderscan.table_text``),
    in parts when wide."""
    if isinstance(table, Run):
        table = table.table
    console = Console(file=io.StringIO(), width=200, color_system=None, highlight=False)
    print_figure(console, table, TABLE_TITLES["table"])
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def figure_widths(table: Table) -> tuple[int, list[int]]:
    labels = [table.labels.get(o, o) for o in table.orientations]
    first = _rows_column(labels, "Oriëntaties")[1]
    widths = [
        max(len(column_name(c.cell)), len(c.organisation), len(f"(N={c.documents})"))
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
        print_figure(console, table, TABLE_TITLES["table"])
    if outside is not None and outside.columns:
        print_figure(console, outside, OUTSIDE_TITLE)
    if not table.columns and not (outside and outside.columns):
        console.print("Geen documenten gelezen: er is niets te tellen.")
        return
    if pipeline:
        console.print(f"[dim]Pipeline: {pipeline}[/dim]")


def _comparison_header(c: ColumnChange) -> list[str]:
    # one line each for cell, organisation and N, as in the table itself
    n = f"N={c.n_base}" if c.n_base == c.n_new else f"N={c.n_base} → {c.n_new}"
    return [column_name(c.cell), c.organisation, f"({n})"]


def comparison_widths(comp: Comparison) -> tuple[int, list[int]]:
    first = _rows_column([label for _, label in comp.orientations], "Oriëntaties")[1]
    widths = [
        max(
            [len(x) for x in _comparison_header(c)]
            + [len(c.counts[o].text()) for o, _ in comp.orientations]
        )
        for c in comp.columns
    ]
    return first, widths


def comparison_table(comp: Comparison, columns: list[int] | None = None) -> RichTable:
    rt = RichTable(title=TABLE_TITLES[comp.which], title_justify="left")
    first, widths = comparison_widths(comp)
    rt.add_column("Oriëntaties", style="bold", min_width=first, no_wrap=True)
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
    console.print(f"Basismeting:   {base.created}  {base.data.get('corpus')}  ({base.pipeline})")
    console.print(f"Nieuwe meting: {new.created}  {new.data.get('corpus')}  ({new.pipeline})")
    method = comparisons[0].method if comparisons else []
    if method:
        console.print("[yellow]De metingen verschillen in methode:[/yellow] " + "; ".join(method))
        console.print(
            f"Elke verandering is gesplitst in [{TEXT} ±n, {LEXICON} ±n]: wat de nieuwe "
            "teksten en wat de lexicon-wijziging bijdragen (de basisteksten opnieuw gescoord).",
            markup=False,
        )
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
                    cause = f" [{item.cause}]" if item.cause else ""
                    line = f"{item.competence} ({item.orientation}){cause}: " + "; ".join(
                        item.documents
                    )
                    console.print(f"  [{style}]{sign}[/{style}] {escape(line)}")
    if unlisted:
        console.print(f"[bold]{UNLISTED_TITLE}[/bold]")
        console.print(UNLISTED_NOTE.replace("`", ""), markup=False)
        for cand in unlisted:
            console.print(f"  {escape(cand.label)} ({cand.in_documents})")


def print_explanation(console: Console, exp: Explanation, tokens: bool = True) -> None:
    s = exp.sentence
    where = f"  [dim](p. {s.page}{', ' + escape(s.section) if s.section else ''})[/dim]"
    console.print(f"[bold]Zin:[/bold] “{escape(s.text)}”{where}")
    if tokens:
        used = {t: m.competence.label for m in exp.matches for t in m.tokens}
        rt = RichTable(show_header=True, box=None, pad_edge=False)
        for name in ("#", "woord", "lemma", "vondst"):
            rt.add_column(name, style="dim" if name == "#" else "")
        for i, (w, lem) in enumerate(zip(s.words, s.lemmas, strict=True)):
            rt.add_row(str(i), escape(w), escape(lem), escape(used.get(i, "")))
        console.print(rt)
    if not exp.matches and not exp.dropped:
        console.print("  Geen competentie gevonden.")
    for m in exp.matches:
        status = (
            "[green]telt[/green]"
            if m.counted
            else f"[yellow]telt niet[/yellow]: {escape(m.reason)}"
        )
        console.print(
            f"  [green]✓[/green] {escape(m.competence.label)} ({escape(m.orientation)}): "
            f"“{escape(m.words)}”, patroon {escape(repr(m.pattern))}, id {m.competence.id} — {status}"
        )
    for d in exp.dropped:
        console.print(
            f"  [red]✗[/red] {escape(d.competence.label)}: “{escape(d.words)}”, patroon "
            f"{escape(repr(d.pattern))} — vervallen: {escape(d.reason)}"
        )


def print_example_failure(console: Console, r: ExampleResult) -> None:
    want = "must match" if r.should_match else "must not match"
    console.print(
        f"[red]FAIL[/red] {escape(r.competence.label)} (line {r.competence.line}) {want}: "
        f"“{escape(r.text)}”"
    )
    for exp in r.explanations:
        print_explanation(console, exp)


def print_evaluation(console: Console, results: list[Evaluation]) -> None:
    for e in results:
        rt = RichTable(title=f"Overeenstemming met de gold, per {e.level}", title_justify="left")
        for name in ("Oriëntatie", "precisie", "recall", "F1", "kappa", "TP", "FP", "FN"):
            rt.add_column(name, justify="left" if name == "Oriëntatie" else "right")
        for label, s in [*e.per_orientation.items(), ("Totaal", e.overall)]:
            rt.add_row(
                label,
                f"{s.precision:.2f}",
                f"{s.recall:.2f}",
                f"{s.f1:.2f}",
                f"{s.kappa:.2f}",
                str(s.tp),
                str(s.fp),
                str(s.fn),
                style="bold" if label == "Totaal" else "",
            )
        console.print(rt)
        if e.disagreements:
            console.print(f"Verschillen ({len(e.disagreements)}):")
            for d in e.disagreements:
                ev = f" — “{escape(d.evidence)}”" if d.evidence else ""
                console.print(
                    f"  {d.kind}: {escape(d.competence)} ({escape(d.orientation)}) in "
                    f"{escape(d.document)}{ev}"
                )
        else:
            console.print("Geen verschillen.")


def print_review(console: Console, review: Review) -> None:
    rt = RichTable(title="Precisie per competentie (beoordelingsblad)", title_justify="left")
    for name in ("Competentie", "ja", "nee", "precisie"):
        rt.add_column(name, justify="left" if name == "Competentie" else "right")
    for label, s in sorted(review.per_competence.items(), key=lambda kv: kv[1].precision):
        rt.add_row(escape(label), str(s.tp), str(s.fp), f"{s.precision:.2f}")
    o = review.overall
    rt.add_row("Totaal", str(o.tp), str(o.fp), f"{o.precision:.2f}", style="bold")
    console.print(rt)
    if review.open:
        console.print(f"{review.open} rij(en) nog niet beoordeeld (kolom klopt leeg).")


def print_suggestions(console: Console, candidates: list[Candidate]) -> None:
    if not candidates:
        console.print("Geen kandidaten: wat de teksten vragen, valt al onder het lexicon.")
        return
    rt = RichTable(title="Kandidaat-competenties (niet in het lexicon)", title_justify="left")
    for name in ("kandidaat", "documenten", "vormen", "cue", "voorbeeld"):
        rt.add_column(name, justify="right" if name == "documenten" else "left")
    for c in candidates:
        e = c.examples[0]
        rt.add_row(
            escape(c.label),
            str(len(c.documents)),
            escape(", ".join(f for f, _ in c.forms.most_common(4))),
            c.cue,
            f"“{escape(e.sentence)}” [dim]({escape(e.document)}, p. {e.page})[/dim]",
        )
    console.print(rt)
