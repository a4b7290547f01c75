"""Terminal output with rich: the Figure 26 table and the run summary.

rich stays in this module and the CLI; the library returns data.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from .tally import Table


def figure_table(
    table: Table, title: str = "Aantal competenties per leiderschapsoriëntatie"
) -> RichTable:
    """Cells as column groups, organisations inside them with N, orientations as rows."""
    rt = RichTable(title=title, title_justify="left", show_lines=False, min_width=len(title))
    rt.add_column("Oriëntaties", style="bold")
    previous = None
    for c in table.columns:
        group = c.cell.capitalize() if c.cell != previous else ""
        previous = c.cell
        rt.add_column(f"{group}\n{c.organisation}\n(N={c.documents})", justify="right")
    for orientation, counts in table.rows():
        rt.add_row(table.labels.get(orientation, orientation), *[str(n) for n in counts])
    return rt


def print_table(console: Console, table: Table, pipeline: str | None = None) -> None:
    if not table.columns:
        console.print("Geen documenten in een cel (wijk, lijn, …): er is niets te tellen.")
        return
    console.print(figure_table(table))
    if pipeline:
        console.print(f"[dim]Pipeline: {pipeline}[/dim]")
