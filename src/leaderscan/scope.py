"""Scope: whether a sentence states what the role asks, or says something else.

A hit counts when its sentence asks the competence of the candidate or describes the
role, not when the words describe the organisation, a project or a procedure. Two
rules, both visible in ``leaderscan try``:

1. **The section.** A section whose heading is one of the lexicon's
   ``unscored_sections``, or (in a vacancy) of a kind it lists in ``unscored_kinds``
   (sections.py: organisation, offer, procedure, with their many Dutch and Flemish
   headings), does not state what the role asks.
2. **The sentence** (vacancies only: a policy or training text is the organisation
   speaking of what it asks of its staff). In any other section, a clause whose
   subject is the employer
   ("Wij werken samen met veertig partners", "de gemeente ontwikkelt …", "Er wordt
   samengewerkt met …", "Phusis is …") is about the organisation, unless the clause
   addresses the candidate (je, jij, u, de kandidaat) or the employer says what it is
   looking for ("Wij zoeken iemand die …", "We vragen …"). A clause of the employer
   with the candidate as object ("we ondersteunen je daarin") is the employer's too.

Wrong senses of single words (sociale cohesie, betrokken partijen) are the lexicon's
exclusions, per competence.
"""

from __future__ import annotations

import re

from .i18n import N_, _, in_every_language
from .lexicon import Lexicon, normalise_heading
from .model import VACANCY, Sentence, Source
from .sections import ORGANISATIE, heading_kind
from .tally import OUTSIDE_CELLS

CANDIDATE = frozenset(
    {"je", "jij", "jou", "jouw", "u", "uw", "jezelf", "uzelf", "kandidaat", "sollicitant"}
)
EMPLOYER_PRONOUNS = frozenset({"wij", "we", "ons", "onze"})
# what the employer says it looks for is the profile: "Wij zoeken", "We vragen"
ASKING = frozenset(
    {"zoeken", "zoekt", "vragen", "vraagt", "verwachten", "verwacht", "wensen", "willen"}
)
# who the employer looks for: "we zoeken iemand die op …" asks, "we zoeken elkaar op" not
SOUGHT = frozenset({"iemand", "een", "jou", "u", "je", "collega", "kandidaat", "mensen"})
# "… waarin we", "… zodat we": a subordinate clause, not the employer speaking of itself
SUBORDINATORS = frozenset(
    {"waarin", "waar", "waarbij", "waarmee", "waardoor", "dat", "die", "zodat", "als", "wanneer"}
)
ORGANISATION_NOUNS = frozenset(
    {
        "gemeente",
        "organisatie",
        "stichting",
        "corporatie",
        "woningcorporatie",
        "woonstichting",
        "welzijnsorganisatie",
        "vereniging",
        "dienst",
        "afdeling",
        "bestuur",
        "stad",
        "provincie",
        "project",
        "projecten",
        "programma",
        "pilot",
        "werkgever",
        "instelling",
        "directie",
        "raad",
        "opdracht",
        "opdrachtgever",
        "ministerie",
        "regio",
    }
)
# words of an organisation's name that do not name it ("Stichting Het Buurtlicht")
NAME_FILLERS = frozenset(
    {"het", "der", "den", "ter", "ten", "van", "voor", "een", "and", "the", "stichting"}
)
DETERMINERS = frozenset({"de", "het", "deze", "dit", "onze", "ons", "een", "die"})
# compounds of an organisation noun: "de welzijnsvereniging", "een wooncorporatie"
ORGANISATION_ENDINGS = ("organisatie", "corporatie", "stichting", "vereniging", "instelling")
# "X is een … corporatie": the words between "een" and the noun are its adjectives; a
# preposition or relative word ends that ("De wijkcoach is een spil in de organisatie")
NOT_ADJECTIVES = frozenset(
    {
        *("in", "bij", "van", "voor", "met", "binnen", "aan", "op", "naar", "om", "uit"),
        *("die", "dat", "waar", "waarin", "wie", "tussen", "tot", "als"),
    }
)
COPULAS = frozenset({"is", "was"})
# the organisation's values named as such: "Dat zijn de waarden van de gemeente", "De
# kernwaarden zijn moedig, open en verbindend"; not "een leider die vanuit waarden stuurt"
VALUES = frozenset({"kernwaarden", "kernwaarde", "motto", "slogan"})
VALUES_AFTER = {"waarden": frozenset({"de", "onze"})}
# values the employer claims for itself: "…: zo willen we zijn", "dat is wie we zijn",
# "zo werken wij"; a sentence without the candidate in it
CREED = re.compile(
    r"\b(?:(?:zo|dit|dat)\s+(?:willen|zijn|werken)\s+(?:we|wij)|wie\s+(?:we|wij)\s+zijn)\b"
)
# what happens in the employer's organisation: "in onze organisatie", "binnen onze
# gemeente" (not "verbeteringen in onze werkwijze", the role's own work)
IN_EMPLOYER = frozenset({"in", "binnen"})
# Other parties as the subject of a clause: the people the role works for or with, and
# the organisations around it ("De gemeenten vragen meer samenwerking", "Steeds meer
# huurders hebben ondersteuning nodig", "Bewoners voelen zich betrokken"). Their
# competence words are theirs, not the role's. Plural group nouns only: "de wijkcoach"
# or "de adviseur" is the role itself, described in the third person; "medewerkers" and
# "collega's" are the role's own people ("Medewerkers kunnen overzicht creëren").
PARTY_NOUNS = frozenset(
    {
        "gemeenten",
        "organisaties",
        "corporaties",
        "woningcorporaties",
        "instellingen",
        "partners",
        "partijen",
        "ketenpartners",
        "bewoners",
        "buurtbewoners",
        "inwoners",
        "huurders",
        "cliënten",
        "klanten",
        "burgers",
        "jongeren",
        "ouderen",
        "kinderen",
        "gezinnen",
        "ouders",
        "vrijwilligers",
        "deelnemers",
        "mensen",
        "wijken",
        "buurten",
        # a team as a whole is not the role: "Het team werkt samen met …", "Het
        # CJG-team bestaat uit elf coaches" (also every compound: wijkteam, cjg-team)
        "team",
        "teams",
    }
)
PARTY_SUFFIXES = ("team", "teams")
QUANTIFIERS = frozenset(
    {
        *("steeds", "meer", "veel", "alle", "sommige", "meeste", "andere"),
        *("ruim", "bijna", "circa", "ongeveer", "zo'n", "enkele", "tientallen"),
        *("twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"),
        *("twintig", "dertig", "veertig", "vijftig", "honderd", "honderden"),
    }
)
# "Die vrijwilligers ruimte geeft …": at the start of a sentence "die" is mostly the
# relative pronoun of a profile list ("Wie zoeken wij? Iemand die … Die …"), not a
# demonstrative before a party
PARTY_DETERMINERS = DETERMINERS - {"die"}
# clause boundaries: punctuation, and conjunctions that start a new clause
BOUNDARIES = frozenset(
    {",", ";", ":", "(", ")", "–", "-", "en", "maar", "want", "omdat", "terwijl"}
)

# "the organisation, not the role ('wij …')": the words that say so as {words}
_ABOUT_ORGANISATION = N_("about the organisation, not the role ({words})")


def section_reason(
    lexicon: Lexicon,
    section: str | None,
    document_kind: str = VACANCY,
    organisation: str | None = None,
) -> str:
    """Why a section does not count, or ''. Kinds of section apply to vacancies: in a
    policy or training text, "Onze kernwaarden" is what the organisation asks. A
    heading that is the organisation's name ("Woonstichting De Zuidwaard") opens
    organisation text."""
    if not section:
        return ""
    key = normalise_heading(section)
    if any(key == u or key.startswith(u + " ") for u in lexicon.unscored_sections):
        return _("section '{section}' does not state what the role asks").format(section=section)
    kind = heading_kind(section)
    if kind is None and organisation and _names_the_organisation(key, organisation):
        kind = ORGANISATIE
    if kind is not None and kind in lexicon.unscored_kinds and document_kind == VACANCY:
        return _(
            "section '{section}' is {kind} text, not what the role asks (unscored_kinds)"
        ).format(section=section, kind=kind)
    return ""


def _name_words(organisation: str) -> set[str]:
    """The distinctive words of an organisation's name: not "het" of "Stichting Het
    Buurtlicht"."""
    return {
        p.lower()
        for p in re.split(r"[\s_]+", organisation)
        if len(p) > 2 and p.lower() not in NAME_FILLERS
    }


def _names_the_organisation(heading: str, organisation: str) -> bool:
    words = set(heading.split())
    names = _name_words(organisation)
    return bool(names) and names <= words and len(words) <= len(names) + 3


def _clause(words: list[str], start: int, end: int) -> tuple[int, int]:
    """The clause around tokens ``start``..``end``: between boundaries."""
    lo = start
    while lo > 0 and words[lo - 1] not in BOUNDARIES:
        lo -= 1
    hi = end
    while hi + 1 < len(words) and words[hi + 1] not in BOUNDARIES:
        hi += 1
    return lo, hi


def _employer_subject(words: list[str], names: set[str]) -> str:
    """The employer as the first words of a clause ("wij", "de gemeente", "er wordt",
    the organisation's name), or ''."""
    ws = [w for w in words if re.search(r"\w", w)]
    if not ws:
        return ""
    first = ws[0]
    # "Wij zoeken", "we vragen", "Talis zoekt": the employer asks, that is the profile
    if _asks(ws):
        return ""
    if first in EMPLOYER_PRONOUNS:
        return first
    # inverted order, the verb first: "(Bij ons …) werken we samen", "daarom werken wij",
    # "Als woonstichting in de regio werken we …"; "met jou werken we …" addresses the
    # candidate (the caller checks); "Voor deze nieuwe functie zoeken we" asks
    for i in range(1, 7):
        if len(ws) > i and ws[i] in {"we", "wij"}:
            if ws[i - 1] in SUBORDINATORS:  # "een cultuur waarin we elkaar …" is not the employer
                return ""
            return "" if _asks(ws[max(i - 2, 0) :]) else " ".join(ws[: i + 1])
    if first == "er" and len(ws) > 1 and ws[1] in {"wordt", "worden", "werd", "werden"}:
        return f"er {ws[1]}"
    if first in DETERMINERS and len(ws) > 1:
        noun = ws[1]  # the employer's own nouns only: "de huurdersvereniging" is a party
        if noun in ORGANISATION_NOUNS or noun in names:  # "Het Buurtlicht verbindt"
            return f"{first} {noun}"
        # one adjective before the noun: "De gemeentelijke organisatie is daadkrachtig"
        if len(ws) > 2 and _is_organisation(ws[2]) and ws[1] not in NOT_ADJECTIVES:
            return " ".join(ws[:3])
    if first in names:
        return first
    return ""


def _is_organisation(word: str) -> bool:
    return word in ORGANISATION_NOUNS or word.endswith(ORGANISATION_ENDINGS)


def _describes_an_organisation(words: list[str]) -> str:
    """A sentence that says what an organisation is: "Haverzand is een financieel
    gezonde, koersvaste corporatie met …", "Ommerdijk is een gemeente aan het water"
    (the subject is a name the run may not know: a client of a recruiter, a place).
    The words up to the noun, or ''."""
    ws = [w for w in words if re.search(r"\w", w)]
    for k in range(1, min(5, len(ws) - 1)):
        if ws[k] in COPULAS and ws[k + 1] == "een":
            for j in range(k + 2, min(k + 9, len(ws))):
                if _is_organisation(ws[j]):
                    return " ".join(ws[: j + 1])
                if ws[j] in NOT_ADJECTIVES:
                    return ""
            return ""
    return ""


def _asks(ws: list[str]) -> bool:
    """Whether the words after the subject say what the employer looks for ("Wij
    zoeken", "we vragen", "Talis zoekt"): that is the profile. Not "we zoeken de
    samenwerking op" (opzoeken) nor "we willen een open organisatie zijn" (an ambition)."""
    at = next((k for k in range(1, min(4, len(ws))) if ws[k] in ASKING), None)
    if at is None:
        return "zoek" in ws[1:5]
    verb, after = ws[at], ws[at + 1 : at + 5]
    if verb in {"zoeken", "zoekt"} and "op" in after:  # "de samenwerking op", "elkaar op"
        return bool(SOUGHT.intersection(after[: after.index("op")]))
    return not (verb == "willen" and {"zijn", "worden", "blijven"} & set(ws))


def _is_party(word: str) -> bool:
    return word in PARTY_NOUNS or word.endswith(PARTY_SUFFIXES) and len(word) > 6


def _party_subject(words: list[str]) -> str:
    """Another party as the first words of a clause ("de gemeenten", "steeds meer
    huurders", "ruim dertig getrainde vrijwilligers", "het team"), or ''."""
    ws = [w for w in words if re.search(r"\w", w)]
    i = 0
    while i < len(ws) and i < 4 and (ws[i] in PARTY_DETERMINERS or ws[i] in QUANTIFIERS):
        i += 1
    # one adjective after a determiner or number: "drie getrainde vrijwilligers"
    if 0 < i < len(ws) - 1 and _is_party(ws[i + 1]):
        i += 1
    # "Het team zoekt een collega die …" is the profile; "De gemeenten vragen …" is theirs
    if i < len(ws) and _is_party(ws[i]) and not {"zoekt", "zoeken"} & set(ws[i + 1 : i + 3]):
        return " ".join(ws[: i + 1])
    return ""


# quotation marks around the name of a programme, model or course ('Kies je koers')
QUOTES = frozenset({"'", '"', "‘", "’", "“", "”", "«", "»"})
MAX_NAME_WORDS = 6


def _quoted_name(words: list[str], tokens: tuple[int, ...]) -> str:
    """The name in quotation marks that holds every token of a hit, or '': a
    capitalised phrase of a few words between two quotation marks ("groepsbijeenkomsten
    'Kies je koers'", "het sturingsmodel 'Samen aan de opgave'"); a quoted word in
    lower case ("een echte 'verbinder'") is the writer's emphasis, not a name."""
    marks = [i for i, w in enumerate(words) if w in QUOTES]
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        inside = words[a + 1 : b]
        if (
            0 < len(inside) <= MAX_NAME_WORDS
            and inside[0][:1].isupper()
            and a < tokens[0]
            and tokens[-1] < b
        ):
            return " ".join(inside)
    return ""


def sentence_reason(
    sentence: Sentence, tokens: tuple[int, ...], organisation: str | None = None
) -> str:
    """Why the hit on ``tokens`` is about the employer rather than the role, or ''."""
    name = _quoted_name(list(sentence.words), tokens)
    if name:
        return _("a name in quotation marks ('{name}'), not what the role asks").format(name=name)
    words = [w.lower() for w in sentence.words]
    names = _name_words(organisation) if organisation else set()
    lo, hi = _clause(words, tokens[0], tokens[-1])
    clause = words[lo : hi + 1]
    subject = _employer_subject(clause, names)
    if subject and subject not in EMPLOYER_PRONOUNS and lo > 0:
        # "X zoekt een manager die … leidt en een afdeling laat groeien": a later clause
        # of a sentence in which the employer asks for someone describes that someone
        if _asks([w for w in words[:lo] if re.search(r"\w", w)]):
            subject = ""
    if subject and subject in EMPLOYER_PRONOUNS:
        return _(_ABOUT_ORGANISATION).format(words=f"'{subject} …'")
    if subject and CANDIDATE.isdisjoint(clause):
        return _(_ABOUT_ORGANISATION).format(words=f"'{subject} …'")
    if lo > 0 and not subject:  # a clause without its own subject: the sentence's
        head = _employer_subject(words, names)
        if head and CANDIDATE.isdisjoint(words):
            return _(_ABOUT_ORGANISATION).format(words=f"'{head} …'")
    if CANDIDATE.isdisjoint(words) and not _asks([w for w in words if re.search(r"\w", w)]):
        # what an organisation is ("X is een … corporatie"), and what happens at the
        # employer's ("Collega's kunnen bij ons doorgroeien", "bij onze organisatie")
        what = _describes_an_organisation(words)
        if what:
            return _(_ABOUT_ORGANISATION).format(words=f"'{what} …'")
        value = next(
            (
                w
                for i, w in enumerate(words)
                if w in VALUES or (w in VALUES_AFTER and i > 0 and words[i - 1] in VALUES_AFTER[w])
            ),
            None,
        )
        if value:
            return _(_ABOUT_ORGANISATION).format(words=f"'{value} …'")
        at = next(
            (
                i
                for i in range(len(words) - 1)
                if words[i + 1] in {"ons", "onze"}
                and (
                    words[i] == "bij"
                    or words[i] in IN_EMPLOYER
                    and i + 2 < len(words)
                    and _is_organisation(words[i + 2])
                )
            ),
            None,
        )
        if at is not None:
            return _(_ABOUT_ORGANISATION).format(words=f"'{words[at]} {words[at + 1]} …'")
        creed = CREED.search(" ".join(words))
        if creed:
            return _(_ABOUT_ORGANISATION).format(words=f"'{creed.group(0)}'")
    # only as the subject of a whole sentence that starts with a capital: a party at the
    # start of a clause or of a list item is as often the object ("bewoners activeren",
    # "…, die de medewerkers laat groeien")
    starts = sentence.words[0][:1].isupper() if sentence.words else False
    party = _party_subject(words) if starts and not subject else ""
    if party and CANDIDATE.isdisjoint(words):
        return _("about {party}, not the role ('{party} …')").format(party=party)
    return ""


def unscored_reason(
    lexicon: Lexicon,
    sentence: Sentence,
    tokens: tuple[int, ...] = (),
    organisation: str | None = None,
    document_kind: str = VACANCY,
    section_rule: bool = True,
) -> str:
    """Why a hit on ``tokens`` in ``sentence`` does not state what the role asks, or ''
    when it does: the section rule (unless the manifest names the section's cell:
    ``section_rule=False``), then, in a vacancy, the sentence rule."""
    if section_rule:
        reason = section_reason(lexicon, sentence.section, document_kind, organisation)
        if reason:
            return reason
    if not tokens or document_kind != VACANCY:
        # a policy or training text is the organisation speaking of what it asks of
        # its staff (the thesis counts those); a vacancy keeps its own voice apart
        return ""
    return sentence_reason(sentence, tokens, organisation)


# the reason of a hit of an orientation that is not scored, in the language of the run
EVIDENCE_ONLY = N_("evidence only (orientation not scored)")
_EVIDENCE_ONLY_FORMS = in_every_language(EVIDENCE_ONLY)


def is_evidence_only(reason: str) -> bool:
    """Whether ``reason`` (in any language) is that of a hit of an orientation that is
    not scored."""
    return reason in _EVIDENCE_ONLY_FORMS


def _section_matches(section: str | None, heading: str) -> bool:
    if not section:
        return False
    s, h = normalise_heading(section), normalise_heading(heading)
    return s == h or s.startswith(h + " ")


def score(
    source: Source,
    sentence: Sentence,
    orientation_scored: bool,
    lexicon: Lexicon,
    tokens: tuple[int, ...] = (),
) -> tuple[str | None, bool, str]:
    """The cell a hit on ``tokens`` of a sentence counts in, whether it is scored, and
    if not, why (scope.py: the section, and a sentence about the organisation).

    A hit in a document outside the cells gets the reason ``OUTSIDE_CELLS (kind)``
    when it would otherwise count; the per-kind table counts those.
    """
    named = next(
        (
            sc
            for sc in source.sections
            if _section_matches(sentence.section, sc.heading)
            and (sc.page is None or sc.page == sentence.page)
        ),
        None,
    )
    cell = named.cell if named is not None else source.cell
    reason = unscored_reason(
        lexicon, sentence, tokens, source.organisation, source.kind, section_rule=named is None
    )
    if reason:
        return cell, False, reason
    if not orientation_scored:
        return cell, False, _(EVIDENCE_ONLY)
    if not cell:
        return None, False, f"{_(OUTSIDE_CELLS)} ({source.kind})"
    return cell, True, ""
