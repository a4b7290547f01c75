"""The grouped bar chart of a table (matplotlib): orientations x organisation x cell.

``chart_bytes(table, "svg" | "png")`` returns the image; SVG keeps its text as
paths, so it needs no fonts and the HTML report can embed it as it is.
"""

from __future__ import annotations

import io
from typing import Literal

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from ..i18n import _  # noqa: E402
from ..tally import Table  # noqa: E402
from .words import column_heading  # noqa: E402

Format = Literal["svg", "png"]
# Colour-blind safe (Okabe-Ito); a cell's organisations share a hue family.
COLOURS = ["#0072B2", "#56B4E9", "#D55E00", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#999999"]


def chart_bytes(table: Table, fmt: Format = "svg", title: str = "", salt: str = "") -> bytes:
    """The table as a grouped bar chart, one group per orientation, one bar per column.

    ``salt`` makes the SVG's element ids unique when several charts share a page.
    """
    orientations = table.orientations
    columns = table.columns
    width = 0.8 / max(len(columns), 1)
    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=120)
    try:
        for i, col in enumerate(columns):
            xs = [k + (i - (len(columns) - 1) / 2) * width for k in range(len(orientations))]
            ys = [table.count(col.cell, col.organisation, o) for o in orientations]
            bars = ax.bar(
                xs,
                ys,
                width * 0.95,
                label=f"{column_heading(col.cell)} {col.organisation} (N={col.documents})",
                color=COLOURS[i % len(COLOURS)],
            )
            ax.bar_label(bars, fontsize=8, padding=1)
        ax.set_xticks(range(len(orientations)), [table.labels.get(o, o) for o in orientations])
        ax.set_ylabel(_("Number of competences"))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        if title:
            ax.set_title(title, loc="left", fontsize=11)
        if columns:
            ax.legend(frameon=False, fontsize=8, ncols=2, loc="upper left")
            ax.set_ylim(
                0,
                max(
                    [table.count(c.cell, c.organisation, o) for c in columns for o in orientations]
                    + [1]
                )
                * 1.35,
            )
        fig.tight_layout()
        buf = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        with plt.rc_context({"svg.hashsalt": f"leaderscan{salt}", "svg.fonttype": "path"}):
            fig.savefig(buf, format=fmt, metadata=metadata)
        return buf.getvalue()
    finally:
        plt.close(fig)
