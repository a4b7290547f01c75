"""Compare the two PDF engines on the bundled corpus: speed and the text they give.

For every PDF in corpus/: the time to read it into blocks with PDFium (pypdfium2)
and with pdfplumber (best of 5), and whether the blocks are the same: the same
paragraphs in the same reading order, with the same headings (sections), the
same pages, hyphenated words repaired the same way and running headers dropped.

    python bench/pdf_engines.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from leaderscan.extract import extract_bytes

ROOT = Path(__file__).resolve().parent.parent


def best_of(n: int, data: bytes, engine: str) -> tuple[float, object]:
    times, result = [], None
    for _ in range(n):
        start = time.perf_counter()
        result = extract_bytes(data, ".pdf", engine)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    print("| document | pages | PDFium (ms) | pdfplumber (ms) | ratio | same blocks |")
    print("|---|---:|---:|---:|---:|---|")
    totals = {"pdfium": 0.0, "pdfplumber": 0.0}
    same_all = 0
    pdfs = sorted((ROOT / "corpus").rglob("*.pdf"))
    ratios = []
    for path in pdfs:
        data = path.read_bytes()
        t_pdfium, a = best_of(5, data, "pdfium")
        t_plumber, b = best_of(5, data, "pdfplumber")
        same = a.blocks == b.blocks and a.pages == b.pages  # type: ignore[attr-defined]
        same_all += same
        totals["pdfium"] += t_pdfium
        totals["pdfplumber"] += t_plumber
        ratios.append(t_plumber / t_pdfium)
        print(
            f"| {path.relative_to(ROOT / 'corpus')} | {a.pages} | {t_pdfium * 1000:.1f} | "  # type: ignore[attr-defined]
            f"{t_plumber * 1000:.1f} | {t_plumber / t_pdfium:.0f}× | {'yes' if same else 'NO'} |"
        )
    print(
        f"| **all {len(pdfs)}** | | **{totals['pdfium'] * 1000:.0f}** | "
        f"**{totals['pdfplumber'] * 1000:.0f}** | median {statistics.median(ratios):.0f}× | "
        f"{same_all}/{len(pdfs)} |"
    )


if __name__ == "__main__":
    main()
