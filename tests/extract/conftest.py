"""What the tests of the readers share: the programs some of them need (Tesseract,
LibreOffice; skipped where missing unless LEADERSCAN_REQUIRE_OCR or
LEADERSCAN_REQUIRE_LIBREOFFICE is set), a vacancy to render, and an RTF written by hand."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from leaderscan.extract import ocr, office
from leaderscan.model import Block

VACANCY = [
    [
        ("h", "Wat ga je doen"),
        ("p", "Je bent communicatief en resultaatgericht in je werk met de wijk."),
        ("h", "Wat bieden wij"),
        ("p", "Een baan van 36 uur in een team dat samenwerkt."),
    ]
]


def _require(ok: bool, env: str, what: str) -> None:
    if ok:
        return
    if os.environ.get(env):
        pytest.fail(f"{what} is required ({env}) but not installed")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def tesseract() -> None:
    _require(ocr.unavailable() is None, "LEADERSCAN_REQUIRE_OCR", "Tesseract with its Dutch model")


@pytest.fixture(scope="session")
def libreoffice() -> None:
    _require(office.command() is not None, "LEADERSCAN_REQUIRE_LIBREOFFICE", "LibreOffice")


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}
{\stylesheet{\s0 Normal;}{\s1\b\fs32 heading 1;}}
{\pard\s1\b\fs32 Wat ga je doen\par}
{\pard Je bent verbindend en co\'f6peratief.\par}
\page
{\pard\b Wie ben jij\b0\par}
{\pard Je bent besluitvaardig.\par}
}"""


def soffice_convert(source: Path, to: str) -> Path:
    """``source`` converted by LibreOffice (to make a DOC fixture)."""
    program = office.command()
    assert program
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(source.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return source.with_suffix(f".{to}")


def leftovers() -> list[str]:
    """LibreOffice processes and temporary folders of leaderscan's conversions."""
    found = [p.name for p in Path(tempfile.gettempdir()).glob("leaderscan-office-*")]
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"leaderscan-office-" in cmdline:
            found.append(cmdline.replace(b"\0", b" ").decode("utf-8", "replace"))
    return found


PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Teamleider wijk | Werken bij Talis</title>
<style>.x { content: "Je bent besluitvaardig"; }</style>
<script>var tekst = "Je bent besluitvaardig en coachend";</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>Wij gebruiken cookies. Je bent coachend als je ze accepteert.</p>
<button>Accepteren</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/vacatures">Vacatures</a></li>
<li><a href="/besluitvaardig">Besluitvaardig leiderschap</a></li></ul></nav></header>
<main><article>
<h1>Teamleider wijk</h1>
<p>Talis zoekt een teamleider voor de wijk Hatert, met 36 uur per week.</p>
<h2>Wat ga je doen</h2>
<p>Je stuurt het team aan en werkt samen met partners in de wijk.</p>
<ul><li>Je bent verbindend.</li><li>Je signaleert ontwikkelingen.</li><li>Je bent communicatief.</li></ul>
<h3>Jouw profiel</h3>
<ol><li>Je hebt een hbo-opleiding.</li><li>Je bent resultaatgericht.</li></ol>
<p><strong>Wat bieden wij</strong></p>
<p>Een salaris van maximaal &euro; 4.500 en een team dat samenwerkt.</p>
<form action="/solliciteer"><label>Motivatie: ik ben coachend</label><input name="m"><button>Verstuur</button></form>
</article></main>
<aside><h3>Andere vacatures</h3><p>Beleidsadviseur: je bent besluitvaardig.</p></aside>
<footer><p>&copy; Talis 2021. Wij zijn coachend en besluitvaardig.</p></footer>
<script>console.log("besluitvaardig")</script>
</body></html>
"""
