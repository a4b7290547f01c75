"""Make the screenshots in docs/img/ of the HTML report, in headless Chromium.

An example second measurement is built from the bundled corpus (one Talis wijk
vacancy replaced, one lexicon entry edited), reported against the shipped
baseline, and photographed: the table with one count opened, and the comparison.

    python scripts/report_screenshots.py          # needs: apt-get install chromium
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from leaderscan.lexicon import DEFAULT_LEXICON

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
NEW_VACANCY = """\
# Wat ga je doen
Je werkt vanuit een heldere visie op de wijk en je bent creatief in oplossingen.

# Wie ben jij
Je bent een netwerker.
"""


def leaderscan(*args: str, cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "leaderscan", *args], check=True, cwd=cwd)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "vacatures-2026"
        shutil.copytree(ROOT / "corpus", corpus)
        for p in (corpus / "Talis" / "wijk").glob("*wijkadviseur*"):
            p.unlink()
        (corpus / "Talis" / "wijk" / "Vacature buurtregisseur.txt").write_text(NEW_VACANCY)
        lexicon = Path(tmp) / "competences.yaml"
        text = (DEFAULT_LEXICON).read_text(encoding="utf-8")
        lexicon.write_text(
            text.replace("patterns: [creatief, creativiteit]", "patterns: [creativiteit]")
        )
        out = Path(tmp) / "meting-2026"
        leaderscan(
            "run", corpus.name, "--out", out.name, "--lexicon", lexicon.name, "-q", cwd=Path(tmp)
        )
        leaderscan(
            "report", out.name, "--compare", str(ROOT / "out" / "baseline-2021"), cwd=Path(tmp)
        )
        IMG.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"))
            page = browser.new_page(viewport={"width": 1100, "height": 1000})
            page.goto((out / "report.html").as_uri())
            button = (
                page.locator('table[data-table="table"] tbody tr').nth(1).locator("button").nth(1)
            )
            button.click()
            panel = page.locator("#" + button.get_attribute("data-evidence"))
            page.evaluate("window.scrollTo(0, 0)")
            box = panel.bounding_box()
            page.set_viewport_size({"width": 1100, "height": int(min(box["y"] + 420, 1800))})
            page.screenshot(path=str(IMG / "report.png"))
            page.locator("#vergelijking").screenshot(path=str(IMG / "report-compare.png"))
            browser.close()
    print(f"written: {IMG / 'report.png'}, {IMG / 'report-compare.png'}")


if __name__ == "__main__":
    main()
