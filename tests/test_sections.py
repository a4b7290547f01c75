"""Sections of real vacancies: heading kinds, plain-text headings, glued headings."""

from __future__ import annotations

import pytest

from leaderscan.extract.txt import read
from leaderscan.sections import heading_kind, is_heading_text


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Wie zijn wij?", "organisatie"),
        ("Over Woonstichting De Kade", "organisatie"),
        ("Werken bij de gemeente Oosterwold", "organisatie"),
        ("Wie is uw werkgever?", "organisatie"),
        ("Onze kernwaarden", "organisatie"),
        ("Wat ga je doen?", "functie"),
        ("Over de functie", "functie"),
        ("Jobinhoud", "functie"),
        ("Wat zijn uw belangrijkste taken?", "functie"),
        ("Je nieuwe uitdaging", "functie"),
        ("Uw verantwoordelijkheden in het kort", "functie"),
        ("Jouw profiel", "profiel"),
        ("Wat verwachten we van je?", "profiel"),
        ("Wat breng je mee?", "profiel"),
        ("Functievereisten", "profiel"),
        ("Wat bieden wij?", "aanbod"),
        ("Wat biedt Woonkracht jou?", "aanbod"),  # the employer by name
        ("Ons aanbod", "aanbod"),
        ("Arbeidsvoorwaarden", "aanbod"),
        ("Hoe solliciteren?", "procedure"),
        ("Selectieprocedure", "procedure"),
        ("Voorwaarden", "procedure"),
        ("Interesse?", "procedure"),
        ("Meer informatie", "procedure"),
        ("Projectleider Wonen en Zorg (32 uur)", None),
    ],
)
def test_sections_heading_kind_dutch_and_flemish(heading: str, kind: str | None) -> None:
    assert heading_kind(heading) == kind


def test_sections_a_sentence_that_starts_with_a_heading_word_is_no_heading() -> None:
    assert is_heading_text("Ervaring")
    assert not is_heading_text("Ervaring met jongerenwerk is een pré")
    assert not is_heading_text("Over twee jaar willen we verhuizen")


def blocks(text: str) -> list[tuple[str | None, str, bool]]:
    return [(b.section, b.text, b.heading) for b in read(text.encode("utf-8")).blocks]


def sections_of(text: str) -> dict[str, str | None]:
    """Each text block of a TXT file with the section it is in."""
    return {t: s for s, t, h in blocks(text) if not h}


def test_sections_txt_headings_without_blank_lines() -> None:
    text = (
        "Gemeente Oosterwold zoekt een buurtconsulent\n"
        "Over ons\n"
        "Wij zijn een groene gemeente met 40.000 inwoners.\n"
        "Wat ga je doen?\n"
        "Je bent het gezicht van de gemeente in de wijk.\n"
        "JOUW PROFIEL\n"
        "Je hebt een afgeronde hbo-opleiding.\n"
        "Wat wij bieden:\n"
        "Een salaris tot schaal 10.\n"
    )
    got = blocks(text)
    sections = {t: s for s, t, h in got if not h}
    assert sections["Wij zijn een groene gemeente met 40.000 inwoners."] == "Over ons"
    assert sections["Je bent het gezicht van de gemeente in de wijk."] == "Wat ga je doen?"
    assert sections["Je hebt een afgeronde hbo-opleiding."] == "JOUW PROFIEL"
    assert sections["Een salaris tot schaal 10."] == "Wat wij bieden"


def test_sections_a_line_that_addresses_the_candidate_stays_text() -> None:
    text = "Jouw profiel\nBen jij de verbinder die wij zoeken?\nJe bent verantwoordelijk voor:\n• de planning\n"
    got = blocks(text)
    assert [t for s, t, h in got if h] == ["Jouw profiel"]
    text_blocks = " ".join(t for s, t, h in got if not h and s == "Jouw profiel")
    assert "Ben jij de verbinder die wij zoeken? Je bent verantwoordelijk voor:" in text_blocks


def test_sections_heading_glued_to_its_first_sentence_or_to_the_last() -> None:
    text = (
        "Wat ga je doen? Je begeleidt bewoners bij hun eigen initiatieven.\n"
        "• Je organiseert bijeenkomsten in de wijk Wat verwachten we van je?\n"
        "• Je bent communicatief sterk.\n"
    )
    got = blocks(text)
    assert ("Wat ga je doen?", "Je begeleidt bewoners bij hun eigen initiatieven.", False) in got
    assert ("Wat ga je doen?", "Je organiseert bijeenkomsten in de wijk", False) in got
    assert ("Wat verwachten we van je?", "Je bent communicatief sterk.", False) in got


def test_sections_list_numbers_only_of_one_or_two_digits() -> None:
    text = (
        "Het project loopt sinds het voorjaar van\n"
        "2024) uitgebreid met twee wijken.\n\n"
        "1. Je plant de bijeenkomsten.\n"
        "2) Je maakt het verslag.\n"
    )
    got = [t for _, t, h in blocks(text) if not h]
    assert "Het project loopt sinds het voorjaar van 2024) uitgebreid met twee wijken." in got
    assert "Je plant de bijeenkomsten." in got
    assert "Je maakt het verslag." in got


def test_sections_u_form_and_je_form_of_known_headings_and_part_words() -> None:
    assert heading_kind("Je functie") == "functie"
    assert heading_kind("Uw profiel") == "profiel"
    assert heading_kind("Gevraagde competenties") == "profiel"
    text = (
        "Wie zijn wij?\nEen gemeente aan de rivier.\n"
        "Je functie\nU geeft leiding aan de dienst.\n"
        "Gevraagde competenties\nU bent besluitvaardig.\n"
        "Wat wordt er van de nieuwe directeur van de stichting gevraagd?\nEen heldere visie.\n"
    )
    sections = sections_of(text)
    assert sections["U geeft leiding aan de dienst."] == "Je functie"
    assert sections["U bent besluitvaardig."] == "Gevraagde competenties"
    assert (
        sections["Een heldere visie."]
        == "Wat wordt er van de nieuwe directeur van de stichting gevraagd?"
    )


def test_sections_a_short_question_heading_glued_to_its_text() -> None:
    got = blocks("Wat is jouw rol? Je bent eindverantwoordelijk voor de afdeling.\n")
    assert got[0] == ("Wat is jouw rol?", "Wat is jouw rol?", True)
    assert got[1] == ("Wat is jouw rol?", "Je bent eindverantwoordelijk voor de afdeling.", False)


def test_sections_a_question_heading_glued_without_a_space() -> None:
    got = blocks("Wat is jouw rol?Als teamleider ben je het aanspreekpunt.\n")
    assert got[1] == ("Wat is jouw rol?", "Als teamleider ben je het aanspreekpunt.", False)


def test_sections_a_recruiters_name_is_no_procedure_heading() -> None:
    assert heading_kind("Koersvast Werving & Selectie") is None
    assert heading_kind("Selectie") == "procedure"


def test_sections_a_numbered_known_heading_is_a_heading() -> None:
    text = (
        "1. Wat gaat u doen?\n"
        "1. U schrijft de nota.\n"
        "2. U adviseert de wethouder.\n"
        "2. Wie bent u?\n"
        "U bent besluitvaardig.\n"
        "3. Wat bieden wij u?\n"
        "Een goed salaris.\n"
        "4. Interesse?\n"
        "Bel ons.\n"
    )
    sections = sections_of(text)
    assert sections["U schrijft de nota."] == "1. Wat gaat u doen?"
    assert sections["U adviseert de wethouder."] == "1. Wat gaat u doen?"
    assert sections["U bent besluitvaardig."] == "2. Wie bent u?"
    assert sections["Een goed salaris."] == "3. Wat bieden wij u?"
    assert heading_kind("3. Wat bieden wij u?") == "aanbod"
    assert heading_kind("4. Interesse?") == "procedure"


def test_sections_numbered_titles_in_sequence_and_over_items_of_their_own() -> None:
    text = (
        "1. De opdrachtgever\n"
        "Een corporatie in het oosten.\n"
        "2. De positie\n"
        "De manager staat aan het hoofd van de afdeling.\n"
        "TAKEN\n"
        "1. Beleid en koers\n"
        "- Je schrijft het plan.\n"
        "2. Mensen\n"
        "- Je coacht de teamleiders.\n"
    )
    sections = sections_of(text)
    assert sections["Een corporatie in het oosten."] == "1. De opdrachtgever"
    assert sections["De manager staat aan het hoofd van de afdeling."] == "2. De positie"
    # a part of the section above, of its kind
    assert sections["Je schrijft het plan."] == "TAKEN – 1. Beleid en koers"
    assert sections["Je coacht de teamleiders."] == "TAKEN – 2. Mensen"
    assert heading_kind("TAKEN – 2. Mensen") == "functie"
    assert "Beleid en koers" not in {t for s, t, h in blocks(text) if not h}


def test_sections_short_numbered_list_items_stay_items() -> None:
    text = "Wat ga je doen?\n1. Plannen\n2. Coördineren\n3. Rapporteren\n"
    got = blocks(text)
    assert [t for s, t, h in got if h] == ["Wat ga je doen?"]
    assert [t for s, t, h in got if not h] == ["Plannen", "Coördineren", "Rapporteren"]


def test_sections_a_name_in_short_is_the_organisation() -> None:
    assert heading_kind("Vlietmonde in het kort") == "organisatie"
    assert heading_kind("De functie in het kort") == "functie"
    assert heading_kind("Jouw opdracht in een notendop") == "functie"
    sections = sections_of("Lindeland in het kort\nEen stad aan zee.\n")
    assert sections["Een stad aan zee."] == "Lindeland in het kort"


def test_sections_a_known_heading_after_a_possessive_is_a_heading() -> None:
    # every possessive with any known heading, not only the pairs the lists spell out
    assert heading_kind("Uw kerntaken") == heading_kind("Kerntaken") == "functie"
    assert is_heading_text("Jouw verantwoordelijkheden")
    text = (
        "Over de Woonhaven:\nWij verhuren 8.000 woningen.\n\n"
        "Het team:\nHet team telt elf consulenten.\n\n"
        "Uw verantwoordelijkheden:\n- U geeft leiding aan het team.\n"
        "Je kerntaken:\n- Je stuurt op de planning.\n"
    )
    sections = sections_of(text)
    assert sections["U geeft leiding aan het team."] == "Uw verantwoordelijkheden"
    assert sections["Je stuurt op de planning."] == "Je kerntaken"
    # a sentence that starts with a possessive and a heading word stays text
    assert not is_heading_text("Uw ervaring met jongeren is een pré")


def test_sections_a_line_in_capitals_is_a_heading_also_when_it_addresses_the_candidate() -> None:
    text = (
        "OVER DE WOONMAATSCHAPPIJ\nWij verhuren 5.000 woningen.\n\n"
        "WAT JE DOET\nJe loopt dagelijks je ronde door de complexen.\n\n"
        "WIE JE BENT\nJe maakt makkelijk contact.\n"
        "Wat je doet is belangrijk voor de buurt.\n"
    )
    sections = sections_of(text)
    assert sections["Je loopt dagelijks je ronde door de complexen."] == "WAT JE DOET"
    assert heading_kind("WAT JE DOET") == "functie"
    assert heading_kind("Wie u bent") == "profiel"
    # the same words in a sentence stay text, in the section above
    assert "Wat je doet is belangrijk voor de buurt." in " ".join(
        t for t, s in sections.items() if s == "WIE JE BENT"
    )
