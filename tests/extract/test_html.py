"""HTML (extract/html.py): the main text, headings and lists in order."""

from __future__ import annotations

from leaderscan.extract import extract_bytes
from tests.extract.conftest import PAGE


def test_html_main_text_with_headings_and_lists_in_order() -> None:
    result = extract_bytes(PAGE.encode("utf-8"), ".html")
    assert result.pages == 1
    got = [(b.section, b.text, b.heading) for b in result.blocks]
    assert got == [
        ("Teamleider wijk", "Teamleider wijk", True),
        (
            "Teamleider wijk",
            "Talis zoekt een teamleider voor de wijk Hatert, met 36 uur per week.",
            False,
        ),
        ("Wat ga je doen", "Wat ga je doen", True),
        ("Wat ga je doen", "Je stuurt het team aan en werkt samen met partners in de wijk.", False),
        ("Wat ga je doen", "Je bent verbindend.", False),
        ("Wat ga je doen", "Je signaleert ontwikkelingen.", False),
        ("Wat ga je doen", "Je bent communicatief.", False),
        ("Jouw profiel", "Jouw profiel", True),
        ("Jouw profiel", "Je hebt een hbo-opleiding.", False),
        ("Jouw profiel", "Je bent resultaatgericht.", False),
        ("Wat bieden wij", "Wat bieden wij", True),
        ("Wat bieden wij", "Een salaris van maximaal € 4.500 en een team dat samenwerkt.", False),
    ]
    text = " ".join(b.text for b in result.blocks).lower()
    for left_out in ("besluitvaardig", "coachend", "cookies", "home", "andere vacatures"):
        assert left_out not in text


def test_html_encoding_line_breaks_and_bullets() -> None:
    page = (
        '<html><head><meta charset="windows-1252"></head><body>'
        "<p><b>Wie ben jij</b></p><p>Je bent co\xf6peratief<br>en je werkt graag samen met "
        "anderen in de wijk.</p><p>Wat wij vragen:<br>- een hbo-opleiding<br>- vijf jaar "
        "ervaring</p></body></html>"
    ).encode("cp1252")
    got = [(b.section, b.text, b.heading) for b in extract_bytes(page, ".htm").blocks]
    assert got == [
        ("Wie ben jij", "Wie ben jij", True),
        (
            "Wie ben jij",
            "Je bent coöperatief en je werkt graag samen met anderen in de wijk.",
            False,
        ),
        ("Wat wij vragen", "Wat wij vragen", True),
        ("Wat wij vragen", "een hbo-opleiding", False),
        ("Wat wij vragen", "vijf jaar ervaring", False),
    ]
