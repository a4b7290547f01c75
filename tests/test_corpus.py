"""The bundled corpus and default lexicon reproduce Figure 26 and Appendices 7-8.

Checked item by item against tests/data/inventory.yaml (a copy of the thesis
facts) with the readings in tests/data/readings.yaml. On failure, every
disagreement is listed.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from leaderscan.results import Run

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def inventory() -> dict:
    return yaml.safe_load((DATA / "inventory.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def readings() -> dict:
    return yaml.safe_load((DATA / "readings.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run(corpus_run: Run) -> Run:
    return corpus_run


@pytest.fixture(scope="module")
def run_any(corpus_run_any: Run) -> Run:
    """The corpus under the offline pipeline and under the trained stand-in."""
    return corpus_run_any


def pages(cited: str) -> set[int] | None:
    """'2/3' -> {2, 3}; 'Slide 3' -> {3}; '' -> any page (None)."""
    cited = cited.replace("Slide", "").strip()
    return {int(p) for p in cited.split("/")} if cited else None


def expected_items(inventory: dict, readings: dict, run: Run):
    """(organisation, orientation, label, competence id, cells, [(document title, pages)])."""
    lexicon = run.lexicon
    renamed = readings["renamed_documents"]
    added = defaultdict(list)
    for a in readings["added_sources"]:
        added[(a["organisation"], a["competence"])].append([a["document"], a["page"]])
    for org, orientations in inventory["inventory"].items():
        for orientation, items in orientations.items():
            for item in items:
                label = item["competence"]
                ids = [
                    c.id
                    for c in lexicon.competences
                    if c.label_for(org) == label and c.orientation == orientation
                ]
                sources = [
                    (renamed.get(d, d), pages(str(p)))
                    for d, p in item["sources"] + added[(org, label)]
                ]
                yield org, orientation, label, ids, item["cells"], sources


def test_corpus_reproduces_figure_26(run_any: Run, inventory: dict) -> None:
    run = run_any
    fig = inventory["figure_26"]
    got_columns = [(c.cell, c.organisation, c.documents) for c in run.table.columns]
    assert got_columns == [(c["cell"], c["organisation"], c["N"]) for c in fig["columns"]]
    assert {o: counts for o, counts in run.table.rows()} == fig["rows"]


def test_corpus_every_item_found_scored_exactly_in_its_cells(
    run_any: Run, inventory: dict, readings: dict
) -> None:
    run = run_any
    titles = {d.source.title: d.source.document for d in run.documents}
    hits_at = defaultdict(set)  # (org, document, competence id) -> pages
    for h in run.hits:
        hits_at[(h.organisation, h.document, h.competence_id)].add(h.page)
    scored = {(h.organisation, h.cell, h.competence_id) for h in run.hits if h.scored}
    problems: list[str] = []
    expected_scored = set()
    expected_evidence = set()
    for org, orientation, label, ids, cells, sources in expected_items(inventory, readings, run):
        if len(ids) != 1:
            problems.append(
                f"{org} {orientation} '{label}': {len(ids)} lexicon competences carry this label"
            )
            continue
        cid = ids[0]
        scored_orientation = run.lexicon.orientation(
            orientation
        ).scored  # Overig: evidence only (R7)
        for cell in cells if scored_orientation else []:
            expected_scored.add((org, cell, cid))
        for title, want_pages in sources:
            document = titles.get(title)
            if document is None:
                problems.append(f"{org} '{label}': no document titled '{title}' in corpus/")
                continue
            expected_evidence.add((org, document, cid))
            found = hits_at.get((org, document, cid), set())
            if not found:
                problems.append(f"{org} '{label}' not found in {document}")
            elif want_pages is not None and not found & want_pages:
                problems.append(
                    f"{org} '{label}' in {document} on page {sorted(found)}, thesis {sorted(want_pages)}"
                )
    for key in sorted(scored - expected_scored):
        problems.append(f"scored but not in the thesis: {key}")
    for key in sorted(expected_scored - scored):
        problems.append(f"in the thesis but not scored: {key}")
    for key in sorted(set(hits_at) - expected_evidence):
        problems.append(f"evidence the thesis does not list: {key} page {sorted(hits_at[key])}")
    assert not problems, "\n".join(problems)


def test_corpus_documents_are_natural_text_of_250_words(run: Run) -> None:
    short = {d.source.document: d.words for d in run.documents if d.words < 250}
    assert not short
    assert len(run.documents) == 23 and not run.skipped


def test_corpus_unscored_items_appear_as_evidence(run: Run) -> None:
    r4 = [h for h in run.hits if h.competence_id == "eigen-verantwoordelijkheid-versterken"]
    assert [(h.document, h.page, h.scored) for h in r4] == [
        ("Bindkracht10/wijk/Vacature coördinator Stip centrum.docx", 2, False)
    ]
    assert "does not state what the role asks" in r4[0].reason


def test_corpus_appendix_view_lists_cells_and_sources(run: Run, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from leaderscan.cli import cli
    from leaderscan.export import write_outputs

    write_outputs(run, tmp_path)
    text = CliRunner().invoke(cli, ["appendix", str(tmp_path)]).output
    assert (
        "• Verbindend (Wijk & Lijn) (Vacature adviseur Vastgoed, P.1; Vacature adviseur inkoop, P.1; "
        "Vacature manager leefbaarheid, P.1; Vacaturetekst wijkadviseur, P.1)"
    ) in text
    assert "• Coachen (Talis Competentiehuis, P.2)" in text  # Talis's label (R8), untagged
    assert (
        "• Deskundig (Lijn) (Vacature adviseur inkoop, P.1)" in text
    )  # Overig: shown, not counted
    md = CliRunner().invoke(cli, ["appendix", str(tmp_path), "--format", "md"]).output
    assert "## Inventory Talis" in md and "### Overige competenties" in md
    rows = (
        CliRunner().invoke(cli, ["appendix", str(tmp_path), "--format", "csv"]).output.splitlines()
    )
    assert rows[0] == "\ufefforganisation,orientation,competence,cells,sources"  # BOM: Excel
    assert len(rows) == 1 + 114  # one row per inventory item: competence x organisation


def test_corpus_regenerating_gives_the_same_text(tmp_path: Path) -> None:
    """corpus/ is generated from corpus-src/ by scripts/build_corpus.py; it must stay in step."""
    import importlib.util

    from leaderscan.extract import extract

    spec = importlib.util.spec_from_file_location(
        "build_corpus", ROOT / "scripts" / "build_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.build(tmp_path)
    assert len(written) == 23
    for path in written:
        rel = path.relative_to(tmp_path)
        fresh, committed = extract(path), extract(ROOT / "corpus" / rel)
        assert fresh.blocks == committed.blocks, (
            f"corpus/{rel} differs from its source; run scripts/build_corpus.py"
        )
    assert (tmp_path / "manifest.yaml").read_text(encoding="utf-8") == (
        ROOT / "corpus" / "manifest.yaml"
    ).read_text(encoding="utf-8")


def test_corpus_pdf_extraction_repairs_hyphens_and_drops_running_headers() -> None:
    from leaderscan.extract import extract

    ex = extract(ROOT / "corpus" / "Talis" / "lijn" / "Vacature adviseur inkoop.pdf")
    text = " ".join(b.text for b in ex.blocks)
    assert ex.pages == 2
    assert "onderhoudscontracten" in text  # "onderhouds-" at a line end, "contracten" on the next
    assert (
        "Werken bij Talis" not in text and "pagina" not in text
    )  # header and footer on every page


@pytest.mark.parametrize("pdf", sorted((ROOT / "corpus").rglob("*.pdf")), ids=lambda p: p.name)
def test_both_pdf_engines_give_the_same_text(pdf: Path) -> None:
    """Reading order, headings, pages, hyphen repair and running headers: PDFium (the
    default) and pdfplumber agree on every PDF of the corpus (docs/benchmarks.md)."""
    from leaderscan.extract import extract

    fast, slow = extract(pdf, "pdfium"), extract(pdf, "pdfplumber")
    assert (fast.pages, fast.blocks) == (slow.pages, slow.blocks)
