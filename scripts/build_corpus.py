"""Build corpus/ from the plain-text sources in corpus-src/ (deterministic).

    python scripts/build_corpus.py            # writes corpus/
    python scripts/build_corpus.py --out DIR  # writes elsewhere (the tests do)

Each source is YAML front matter, a line '---', and the text:

    # Heading               a heading (bold in PDF, a Word heading in DOCX)
    - item                  a list item
    | a | b |               a table row (DOCX)
    ===                     a page break (a new slide in a slide deck)
    blank line              ends a paragraph; a line ending in '-' followed by
                            another line is a word hyphenated at the line end (PDF)

Front matter: output (path under corpus/, .pdf or .docx), title, kind, year,
header (a running page header, PDF), footer (page numbers, PDF), layout
(slides: landscape, one slide per page), sections (manifest section cells).
The script also writes corpus/manifest.yaml from the front matter.
"""

from __future__ import annotations

import argparse
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import yaml
from docx.enum.text import WD_BREAK
from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "corpus-src"
FIXED_DATE = datetime(2021, 6, 1, tzinfo=UTC)

Item = tuple[str, Any]  # ("h", text) ("p", text) ("b", text) ("row", [cells])


def parse(path: Path) -> tuple[dict[str, Any], list[list[Item]]]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = yaml.safe_load(head)
    pages: list[list[Item]] = [[]]
    para: list[str] = []

    def flush() -> None:
        if para:
            pages[-1].append(("p", "\n".join(para)))
            para.clear()

    for line in body.splitlines():
        s = line.strip()
        if not s:
            flush()
        elif s == "===":
            flush()
            pages.append([])
        elif s.startswith("# "):
            flush()
            pages[-1].append(("h", s[2:].strip()))
        elif s.startswith("- "):
            flush()
            pages[-1].append(("b", s[2:].strip()))
        elif s.startswith("|"):
            flush()
            pages[-1].append(("row", [c.strip() for c in s.strip("|").split("|")]))
        else:
            para.append(s)
    flush()
    return meta, pages


def unwrap(text: str) -> str:
    """A paragraph as one line: hyphenated line ends joined, other line ends a space."""
    return re.sub(r"-\n(?=\w)", "", text).replace("\n", " ")


def pdf_text(text: str) -> str:
    """Keep a forced line break only after a hyphen: that is where a word is split."""
    return re.sub(r"(?<!-)\n", " ", text)


def write_pdf(meta: dict[str, Any], pages: list[list[Item]], path: Path) -> None:
    slides = meta.get("layout") == "slides"
    header = meta.get("header")
    footer = bool(meta.get("footer"))

    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
                self.ln(6)

        def footer(self) -> None:
            if footer or slides:
                self.set_y(-15)
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, f"{meta['title']} - pagina {self.page_no()}")

    pdf = Doc(orientation="L" if slides else "P", format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(meta["title"])
    pdf.set_margins(20, 20, 20)
    body, heading = (16, 24) if slides else (10.5, 13)
    for items in pages:
        pdf.add_page()
        for kind, value in items:
            if kind == "h":
                pdf.set_font("Helvetica", "B", heading)
                pdf.multi_cell(0, heading * 0.55, value, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            elif kind == "b":
                pdf.set_font("Helvetica", "", body)
                pdf.multi_cell(0, body * 0.5, "• " + pdf_text(value), new_x="LMARGIN", new_y="NEXT")
            elif kind == "row":
                pdf.set_font("Helvetica", "", body)
                pdf.multi_cell(0, body * 0.5, "   ".join(value), new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("Helvetica", "", body)
                pdf.ln(1.5)
                pdf.multi_cell(0, body * 0.5, pdf_text(value), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2.5)
    pdf.output(str(path))


def write_docx(meta: dict[str, Any], pages: list[list[Item]], path: Path) -> None:
    d = docx.Document()
    props = d.core_properties
    props.title, props.author = meta["title"], meta.get("author", "")
    props.created = props.modified = props.last_printed = FIXED_DATE.replace(tzinfo=None)
    for n, items in enumerate(pages):
        if n:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        rows: list[list[str]] = []

        def flush_table() -> None:
            if rows:
                t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
                t.style = "Table Grid"
                for i, r in enumerate(rows):
                    for j, c in enumerate(r):
                        t.cell(i, j).text = c
                rows.clear()

        for kind, value in items:
            if kind != "row":
                flush_table()
            if kind == "h":
                d.add_heading(value, level=1 if not d.paragraphs else 2)
            elif kind == "b":
                d.add_paragraph(unwrap(value), style="List Bullet")
            elif kind == "row":
                rows.append(value)
            else:
                d.add_paragraph(unwrap(value))
        flush_table()
    d.save(str(path))


def manifest_entry(meta: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "match": meta["output"],
        "title": meta["title"],
        "kind": meta.get("kind", "vacancy"),
    }
    if meta.get("year"):
        entry["year"] = meta["year"]
    if entry["kind"] != "vacancy":
        entry["cell"] = None
    if meta.get("sections"):
        entry["sections"] = meta["sections"]
    return entry


def build(out: Path) -> list[Path]:
    written = []
    entries = []
    for src in sorted(SOURCES.glob("*.txt")):
        meta, pages = parse(src)
        path = out / meta["output"]
        path.parent.mkdir(parents=True, exist_ok=True)
        (write_pdf if path.suffix == ".pdf" else write_docx)(meta, pages, path)
        written.append(path)
        entries.append(manifest_entry(meta))
    manifest = {
        "cells": ["wijk", "lijn"],
        "organisations": ["Bindkracht10", "Talis"],
        "documents": entries,
    }
    text = (
        "# Written by scripts/build_corpus.py from corpus-src/; edit the sources, not this file.\n"
    )
    text += yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=120)
    (out / "manifest.yaml").write_text(text, encoding="utf-8")
    readme = SOURCES / "CORPUS_README.md"
    if readme.exists():
        shutil.copyfile(readme, out / "README.md")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "corpus")
    args = parser.parse_args()
    for p in build(args.out):
        print(p.relative_to(args.out))


if __name__ == "__main__":
    main()
