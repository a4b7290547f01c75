"""OCR on the bundled corpus: word error rate, confidence, time, and Figure 26 from scans.

Every PDF in corpus/ is rendered to page images (as a scanner would give it) and
read again by leaderscan's OCR (Tesseract, Dutch, 300 dpi, ``--ocr auto``):

- clean: rendered at 300 dpi, saved as JPEG (quality 90);
- scanned: rendered at 200 dpi, turned by 1.5° (alternately left and right), with
  grey noise (σ = 20), a slight blur and JPEG quality 75, like a print-out on a
  flatbed scanner;
- scanned, not straightened: the same images, with leaderscan's deskew turned off
  (what Tesseract does with the skew on its own).

The word error rate is the word-level edit distance between the text layer's words
and the OCR's words (lower case, punctuation left out: the words the matcher sees),
divided by the number of text-layer words, over all PDFs. Then the corpus is run with
each PDF replaced by its scanned images, and the table is compared with Figure 26.

    python bench/ocr.py            # all three conditions and the table (a few minutes)
"""

from __future__ import annotations

import io
import re
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from leaderscan.lexicon import DEFAULT_LEXICON

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
CONDITIONS = ("clean", "scanned", "scanned, not straightened")


def scanned_pdf(pdf: bytes, condition: str) -> bytes:
    """The PDF as page images only."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    doc = pdfium.PdfDocument(pdf)
    rng = np.random.default_rng(2021)
    clean = condition == "clean"
    dpi = 300 if clean else 200
    images = []
    for i in range(len(doc)):
        image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if not clean:
            angle = 1.5 if i % 2 == 0 else -1.5
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            a = np.asarray(image, dtype=float) + rng.normal(0, 20, (image.height, image.width))
            image = Image.fromarray(np.clip(a, 0, 255).astype("uint8"))
        images.append(image)
    doc.close()
    buf = io.BytesIO()
    images[0].save(
        buf,
        "PDF",
        resolution=dpi,
        save_all=True,
        append_images=images[1:],
        quality=90 if clean else 75,
    )
    return buf.getvalue()


def words(blocks: list) -> list[str]:
    return [w.lower() for b in blocks for w in WORD.findall(b.text)]


def edit_distance(a: list[str], b: list[str]) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        previous = current
    return previous[-1]


def measure(task: tuple[str, str]) -> dict:
    from leaderscan.extract import extract_bytes, ocr

    name, condition = task
    pdf = (ROOT / "corpus" / name).read_bytes()
    reference = words(extract_bytes(pdf, ".pdf", ocr="never").blocks)
    images = scanned_pdf(pdf, "clean" if condition == "clean" else "scanned")
    ocr.MIN_SKEW = 360.0 if condition == "scanned, not straightened" else 0.3
    start = time.perf_counter()
    result = extract_bytes(images, ".pdf")
    seconds = time.perf_counter() - start
    got = words(result.blocks)
    return {
        "document": name,
        "condition": condition,
        "pages": result.pages,
        "words": len(reference),
        "errors": edit_distance(reference, got),
        "confidence": statistics.fmean(result.ocr.values()) if result.ocr else 0.0,
        "seconds": seconds,
        "images": images if condition == "scanned" else b"",
    }


def figure_26(replacements: dict[str, bytes]) -> tuple[list[str], dict, int, int]:
    """The table's rows, and the hits scored, of the corpus with PDFs replaced."""
    from leaderscan.lemmatise import load_pipeline
    from leaderscan.lexicon import load_lexicon
    from leaderscan.scan import Options
    from leaderscan.scan import measure as measure_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        for name, data in replacements.items():
            (corpus / name).write_bytes(data)
        run = measure_corpus(
            corpus,
            load_lexicon(DEFAULT_LEXICON),
            load_pipeline("simplemma"),
            Options(cache=False, jobs=2),
        )
    columns = run.table.columns
    rows = {
        o: [run.table.count(c.cell, c.organisation, o) for c in columns]
        for o in run.table.orientations
    }
    labels = [f"{c.cell} {c.organisation}" for c in columns]
    return labels, rows, sum(h.scored for h in run.hits), len(run.hits)


def main() -> None:
    from leaderscan.extract import ocr

    if ocr.unavailable():
        sys.exit(f"OCR cannot run here: {ocr.unavailable()}; {ocr.INSTALL}")
    names = sorted(
        p.relative_to(ROOT / "corpus").as_posix() for p in (ROOT / "corpus").rglob("*.pdf")
    )
    tasks = [(n, c) for c in CONDITIONS for n in names]
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(measure, tasks))
    print(f"OCR: {ocr.description()}\n")
    print("| condition | PDFs | pages | words | word errors | WER | mean confidence | s per page |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for c in CONDITIONS:
        rs = [r for r in results if r["condition"] == c]
        pages = sum(r["pages"] for r in rs)
        n, e = sum(r["words"] for r in rs), sum(r["errors"] for r in rs)
        conf = statistics.fmean(r["confidence"] for r in rs)
        per_page = sum(r["seconds"] for r in rs) / pages
        print(
            f"| {c} | {len(rs)} | {pages} | {n} | {e} | {e / n:.1%} | {conf:.1f} | {per_page:.1f} |"
        )
    print("\nWER per document (clean / scanned / scanned, not straightened):\n")
    print("| document | words | clean | scanned | not straightened |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        rs = {r["condition"]: r for r in results if r["document"] == name}
        cells = " | ".join(f"{rs[c]['errors'] / max(1, rs[c]['words']):.1%}" for c in CONDITIONS)
        print(f"| {name} | {rs['clean']['words']} | {cells} |")
    labels, original, scored0, hits0 = figure_26({})
    scans = {r["document"]: r["images"] for r in results if r["condition"] == "scanned"}
    _, rows, scored, hits = figure_26(scans)
    print("\nFigure 26 with every PDF scanned (text layer → scanned):\n")
    print("| orientation | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for o, counts in rows.items():
        cells = " | ".join(
            f"{a}" if a == b else f"{a} → {b}" for a, b in zip(original[o], counts, strict=True)
        )
        print(f"| {o} | {cells} |")
    print(f"\nhits: {hits0} → {hits}; scored: {scored0} → {scored}")


if __name__ == "__main__":
    main()
