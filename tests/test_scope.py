"""Scope: a hit counts where the role is described, not where the employer speaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaderscan.explain import explain
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import parse_lexicon
from leaderscan.match import Matcher
from leaderscan.results import Run
from leaderscan.scan import measure
from tests.conftest import make_txt

LEXICON = """\
orientations: [Strateeg, Verkenner, Ontwikkelaar, Procesmanager]
unscored_kinds: [organisatie, aanbod, procedure]
competences:
  - {id: samenwerken, label: Samenwerken, orientation: Ontwikkelaar, patterns: ["samen werken", "samenwerk*"]}
  - {id: verbinden, label: Verbinden, orientation: Verkenner, patterns: [verbinden]}
  - {id: ondersteunen, label: Ondersteunen, orientation: Ontwikkelaar, patterns: [ondersteunen]}
"""


@pytest.fixture
def matcher(tmp_path: Path) -> Matcher:
    return Matcher(parse_lexicon(tmp_path / "competences.yaml", LEXICON))


def counted(
    text: str, pipeline: Pipeline, matcher: Matcher, section: str | None = None
) -> list[str]:
    return [
        m.competence.id
        for e in explain(text, pipeline, matcher, section)
        for m in e.matches
        if m.counted
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Daarbij werk je nauw samen met collega's van het wijkteam.",
        "U werkt samen met de wijkagent en de woonconsulent.",
        "Wij zoeken iemand die graag samenwerkt.",
        "Met jou werken we samen aan een sterke buurt.",
        "Voor het nieuwe wijkteam in Noord zoeken we iemand die graag samenwerkt.",
        "In ons team werk je nauw samen met de wijkverpleging.",
        "Het verbinden van de teams in onze werkwijze.",  # the role's own work
        "Het bouwen aan een team waarin we elkaar ondersteunen.",  # a subordinate clause
        "Het verbinden van bewoners en organisaties in de buurt.",
        "Als buurtwerker verbind je bewoners met elkaar.",
        # the role is something in an organisation, not an organisation
        "De buurtwerker is een verbinder in de organisatie die bewoners verbindt.",
        "Wij zoeken iemand die bij ons graag samenwerkt.",
        "Een leider die vanuit waarden als vertrouwen medewerkers ondersteunt.",
        "Bij ons werk je samen met dertig collega's.",
    ],
)
def test_scope_the_role_and_the_candidate_count(
    text: str, any_pipeline: Pipeline, matcher: Matcher
) -> None:
    assert counted(text, any_pipeline, matcher)


@pytest.mark.parametrize(
    "text",
    [
        "Wij werken samen met veertig partners in de regio.",
        "De gemeente verbindt wonen, zorg en welzijn.",
        "Er wordt samengewerkt met scholen en huisartsen.",
        "Je krijgt ruimte om te groeien en we ondersteunen je daarbij.",
        "Bij ons staat de bewoner voorop en werken we samen met de hele wijk.",
        "Daarom werken wij nauw samen met scholen.",
        "Als woonstichting in de regio werken we samen met zorgpartners.",
        # "we zoeken … op" and "we willen … zijn" do not say what the employer looks for
        "We zoeken de samenwerking op met scholen en verenigingen.",
        "We willen een organisatie zijn die samenwerkt met de hele buurt.",
        # the organisation with an adjective, and what an organisation is, by any name
        "De gemeentelijke organisatie werkt nauw samen met de provincie.",
        "De nieuwe welzijnsvereniging verbindt zorg en welzijn.",
        "Lindeland is een kleine, verbindende gemeente aan de kust.",
        "Het Anker is een vereniging die buren met elkaar verbindt.",
        # what happens at the employer's
        "Collega's kunnen bij ons samenwerken in wisselende teams.",
        # the organisation's values named as such
        "Samenwerken, respect en plezier: dat zijn de waarden van de gemeente.",
        'De kernwaarden "verbinden en vertrouwen" worden breed gedragen.',
        # what happens in the employer's organisation, and the values it claims
        "In onze organisatie staan samenwerken en vertrouwen centraal.",
        "Binnen onze stichting is samenwerken vanzelfsprekend.",
        "Open, verbindend en samenwerkend: zo willen we zijn.",
        "Samenwerken over grenzen heen, dat is wie we zijn.",
    ],
)
def test_scope_the_employer_speaking_does_not_count(
    text: str, any_pipeline: Pipeline, matcher: Matcher
) -> None:
    found = [m for e in explain(text, any_pipeline, matcher) for m in e.matches]
    assert found, "the words are found"
    assert not [m for m in found if m.counted]
    assert all("about the organisation" in m.reason for m in found)


def test_scope_sections_by_kind_in_a_vacancy_but_not_in_a_policy_text(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    lexicon = parse_lexicon(tmp_path / "competences.yaml", LEXICON)
    corpus = tmp_path / "corpus"
    text = (
        "Over Welzijn Lindeland\n"
        "Welzijn Lindeland is er voor alle inwoners; samenwerken zit in ons DNA.\n\n"
        "Wat ga je doen?\n"
        "Je verbindt bewoners met elkaar.\n\n"
        "Ons aanbod\n"
        "Een team dat je ondersteunt.\n"
    )
    make_txt(corpus / "Lindeland" / "wijk" / "vacature.txt", text)
    make_txt(corpus / "Lindeland" / "beleid" / "plan.txt", text)
    (corpus / "manifest.yaml").write_text(
        "cells: [wijk]\ndocuments:\n  - {match: 'Lindeland/beleid/*', cell: null, kind: policy}\n",
        encoding="utf-8",
    )
    run = measure(corpus, lexicon, pipeline)
    vacancy = {(h.competence_id, h.scored) for h in run.hits if h.kind == "vacancy"}
    assert vacancy == {("samenwerken", False), ("verbinden", True), ("ondersteunen", False)}
    reasons = {h.competence_id: h.reason for h in run.hits if h.kind == "vacancy"}
    assert "organisatie" in reasons["samenwerken"] and "aanbod" in reasons["ondersteunen"]
    policy = {h.competence_id for h in run.hits if h.kind == "policy"}
    assert policy == {"samenwerken", "verbinden", "ondersteunen"}
    assert all(h.reason == "not in a cell (policy)" for h in run.hits if h.kind == "policy")


def test_scope_a_later_clause_of_the_employers_ask_describes_the_one_asked_for(
    any_pipeline: Pipeline, matcher: Matcher
) -> None:
    text = (
        "Gemeente Oosterwold zoekt een teamleider die rust brengt en een afdeling laat samenwerken."
    )
    assert counted(text, any_pipeline, matcher) == ["samenwerken"]
    # without the ask, the department is the subject of its own sentence
    assert counted("De afdeling werkt samen met de wijkteams.", any_pipeline, matcher) == []
    assert (
        counted(
            "Wij zoeken een collega en wij werken samen met de wijkteams.", any_pipeline, matcher
        )
        == []
    )


def test_scope_a_third_party_at_the_start_of_a_list_item_is_no_employer(
    any_pipeline: Pipeline, matcher: Matcher
) -> None:
    # a list item after "Wij zoeken iemand die:" has no subject of its own
    text = "de huurdersvereniging weet te verbinden met de buurt;"
    assert counted(text, any_pipeline, matcher) == ["verbinden"]
    # partners are other parties, not the employer: after "Van u wordt verwacht dat u:"
    text = "de partners weet te verbinden, ook als hun belangen uiteenlopen;"
    assert counted(text, any_pipeline, matcher) == ["verbinden"]
    # as the subject of a whole sentence they are still about the partners
    text = "De partners ondersteunen elkaar al jaren in het wijkakkoord."
    assert counted(text, any_pipeline, matcher) == []


def one_vacancy(tmp_path: Path, pipeline: Pipeline, organisation: str, text: str) -> Run:
    """A corpus of one vacancy of ``organisation``, scanned with this file's lexicon."""
    corpus = tmp_path / "corpus"
    make_txt(corpus / organisation / "wijk" / "v.txt", text)
    return measure(corpus, parse_lexicon(tmp_path / "competences.yaml", LEXICON), pipeline)


def test_scope_an_article_in_the_organisations_name_is_not_the_employer(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    run = one_vacancy(
        tmp_path,
        pipeline,
        "Stichting Het Buurtlicht",
        "Wat ga je doen?\nHet verbinden van buren die een conflict hebben.\n"
        "Het Buurtlicht verbindt al twintig jaar buren.\n",
    )
    scored = {h.context: h.scored for h in run.hits}
    assert scored["Het verbinden van buren die een conflict hebben."] is True
    assert scored["Het Buurtlicht verbindt al twintig jaar buren."] is False


def test_scope_a_heading_that_is_the_organisations_name_opens_organisation_text(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    run = one_vacancy(
        tmp_path,
        pipeline,
        "Woonstichting De Zuidwaard",
        "WOONSTICHTING DE ZUIDWAARD\nSamenwerken staat hier centraal.\n\n"
        "Wat ga je doen?\nJe verbindt huurders en gemeente.\n",
    )
    assert {(h.competence_id, h.scored) for h in run.hits} == {
        ("samenwerken", False),
        ("verbinden", True),
    }


@pytest.mark.parametrize(
    "text",
    [
        "De gemeenten vragen steeds meer samenwerking tussen welzijn en zorg.",
        "Steeds meer bewoners willen samenwerken aan een groene straat.",
        "Huurders ondersteunen elkaar in de nieuwe buurtkamer.",
        # a team as a whole, and a number of people, are parties too
        "Het team Jeugd werkt samen met scholen en de huisarts.",
        "Het buurtteam ondersteunt gezinnen met opgroeivragen.",
        "Ruim vijftig ervaren vrijwilligers ondersteunen de bewoners thuis.",
        "De vier gemeenten willen meer samenwerking in de regio.",
    ],
)
def test_scope_another_party_as_the_subject_of_the_sentence_does_not_count(
    text: str, any_pipeline: Pipeline, matcher: Matcher
) -> None:
    found = [m for e in explain(text, any_pipeline, matcher) for m in e.matches]
    assert found and not [m for m in found if m.counted]
    assert all("not the role" in m.reason for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "bewoners activeren en groepen ondersteunen bij hun initiatieven;",  # a list item
        "Een leider die medewerkers ruimte geeft en bewoners verbindt.",  # an object
        "Bewoners en partners verbind je met elkaar rond een plan.",  # the candidate acts
        # "Die …" opens a line of a profile list ("Wie zoeken wij? Iemand die …")
        "Die vrijwilligers ondersteunt en ook zelf graag samenwerkt.",
        # the team looks for someone: that is the profile
        "Het team zoekt een collega die graag samenwerkt.",
    ],
)
def test_scope_a_party_as_object_or_in_a_list_item_still_counts(
    text: str, any_pipeline: Pipeline, matcher: Matcher
) -> None:
    assert counted(text, any_pipeline, matcher)


def test_scope_a_name_in_quotation_marks_is_no_ask(
    any_pipeline: Pipeline, matcher: Matcher
) -> None:
    found = [
        m
        for e in explain(
            "Je begeleidt de cursus 'Samen verbinden' voor nieuwe vrijwilligers.",
            any_pipeline,
            matcher,
        )
        for m in e.matches
    ]
    assert found and not [m for m in found if m.counted]
    assert all("quotation marks" in m.reason for m in found)
    # a quoted word in lower case is emphasis: it counts
    assert counted("Je bent een echte 'verbinder' die bewoners verbindt.", any_pipeline, matcher)
