"""The parts of a vacancy text, known by their headings.

Dutch and Flemish vacancies are built of the same parts under many headings: the
organisation (with its mission, core values and motto), the role and its tasks, the
profile asked of the candidate, the offer, and the procedure. Readers use the
headings to find sections (extract/layout.py); the lexicon says which kinds of section
state what the role asks (``unscored_kinds``, scope.py). One list, here, for both.

A heading is compared without case and punctuation; it is of a kind when it is one of
the kind's headings or starts with one followed by more words ("Werken bij de gemeente
Oosterwold", "Over Woonstichting De Kade"). The longest heading that fits decides, so
"Over de functie" is the role, "Over ons" the organisation.
"""

from __future__ import annotations

import functools
import re

ORGANISATIE = "organisatie"
FUNCTIE = "functie"
PROFIEL = "profiel"
AANBOD = "aanbod"
PROCEDURE = "procedure"

KINDS: dict[str, tuple[str, ...]] = {
    ORGANISATIE: (
        "wie zijn wij",
        "wie zijn we",
        "wie wij zijn",
        "wie we zijn",
        "over ons",
        "over",
        "over de organisatie",
        "over de werkgever",
        "de organisatie",
        "organisatie",
        "onze organisatie",
        "ons bedrijf",
        "het bedrijf",
        "de werkgever",
        "wie is uw werkgever",
        "wie is je werkgever",
        "wie is jouw werkgever",
        "werken bij",
        "werken voor",
        "waar ga je werken",
        "waar ga jij werken",
        "waar kom je te werken",
        "waar kom jij te werken",
        "waar je gaat werken",
        "waar je komt te werken",
        "je werkplek",
        "jouw werkplek",
        "je werkomgeving",
        "jouw werkomgeving",
        "de werkomgeving",
        "de afdeling",
        "afdeling",
        "over de afdeling",
        "het team",
        "je team",
        "jouw team",
        "over het team",
        "ons team",
        "jouw collega s",
        "je collega s",
        "jouw nieuwe collega s",
        "de gemeente",
        "over de gemeente",
        "het bestuur",
        "over het bestuur",
        "de dienst",
        "over de dienst",
        "onze missie",
        "onze visie",
        "missie en visie",
        "kernwaarden",
        "onze kernwaarden",
        "onze waarden",
        "waar staan wij voor",
        "waar staan we voor",
        "waar wij voor staan",
        "waar we voor staan",
        "ons motto",
        "context",
        "de context",
        "achtergrond",
        "aanleiding",
        "de aanleiding",
        "het project",
        "over het project",
        "de opdrachtgever",
    ),
    FUNCTIE: (
        "wat ga je doen",
        "wat ga jij doen",
        # the order of a dependent clause: "WAT JE DOET", "Wat u gaat doen"
        "wat je doet",
        "wat jij doet",
        "wat u doet",
        "wat u gaat doen",
        "wat je gaat doen",
        "wat jij gaat doen",
        "wat doe je",
        "wat doe jij",
        "wat doet u",
        "wat gaat u doen",
        "wat gaat u precies doen",
        "dit gaat u doen",
        "de opgave",
        "jouw opgave",
        "wat ga je precies doen",
        "dit ga je doen",
        "dit ga jij doen",
        "wat houdt de functie in",
        "wat houdt de job in",
        "jouw taken",
        "je taken",
        "taken",
        "takenpakket",
        "taken en verantwoordelijkheden",
        "verantwoordelijkheden",
        "werkzaamheden",
        "jouw werkzaamheden",
        "de werkzaamheden",
        "de functie",
        "functie",
        "jouw functie",
        "over de functie",
        "functieomschrijving",
        "functiebeschrijving",
        "functie inhoud",
        "functie-inhoud",
        "omschrijving",
        "beschrijving",
        "jouw rol",
        "je rol",
        "de rol",
        "over de rol",
        "jouw uitdaging",
        "de uitdaging",
        "de job",
        "jouw job",
        "jobinhoud",
        "job inhoud",
        "jobomschrijving",
        "jouw opdracht",
        "jouw werk",
        "het werk",
        "wat houdt het werk in",
        "de opdracht",
        "opdracht",
        "doel van de functie",
        "resultaatgebieden",
        "resultaten",
        "kerntaken",
        "de vacature",
        "vacature",
    ),
    PROFIEL: (
        "wie ben jij",
        "wie ben je",
        "wie je bent",
        "wie jij bent",
        "wie u bent",
        "wie bent u",
        "wat brengt u mee",
        "wat vragen wij van u",
        "ben jij",
        "dit ben jij",
        "wie zoeken wij",
        "wie zoeken we",
        "wij zoeken",
        "we zoeken",
        "wie wij zoeken",
        "wie we zoeken",
        "wat vragen wij",
        "wat vragen we",
        "wat wij vragen",
        "wat we vragen",
        "wat vragen wij van jou",
        "wat verwachten wij",
        "wat verwachten we",
        "wat wij verwachten",
        "wat we van je verwachten",
        "wat wij van je verwachten",
        "wat wij van jou verwachten",
        "wat verwachten we van je",
        "wat verwachten we van jou",
        "wat verwachten wij van je",
        "wat verwachten wij van jou",
        "wat verwachten we van u",
        "wat verwachten wij van u",
        "wat vragen we van je",
        "wat vragen wij van je",
        "wat vragen we van jou",
        "wat vragen wij van u",
        "wie zoeken wij precies",
        "wat breng je mee",
        "wat breng jij mee",
        "wat neem je mee",
        "wat neem jij mee",
        "dit breng je mee",
        "dit breng jij mee",
        "wat heb je nodig",
        "wat heb jij nodig",
        "wat heb je in huis",
        "wat jij meebrengt",
        "jouw profiel",
        "je profiel",
        "profiel",
        "het profiel",
        "gezocht profiel",
        "gevraagd profiel",
        "gevraagde competenties",
        "gevraagde kwaliteiten",
        "profielschets",
        "functie-eisen",
        "functie eisen",
        "functievereisten",
        "vereisten",
        "eisen",
        "competenties",
        "vaardigheden",
        "kennis en ervaring",
        "opleiding en ervaring",
        "ervaring",
        "jouw kwaliteiten",
        "kwaliteiten",
        "gevraagd",
        "wij vragen",
        "we vragen",
        "jij bent",
    ),
    AANBOD: (
        "wat bieden wij",
        "wat bieden we",
        "wat wij bieden",
        "wat we bieden",
        "wat bieden wij jou",
        "wat bieden wij u",
        "wat bieden we u",
        "wat bieden we jou",
        "wij bieden",
        "we bieden",
        "ons aanbod",
        "aanbod",
        "het aanbod",
        "arbeidsvoorwaarden",
        "onze arbeidsvoorwaarden",
        "wat krijg je",
        "wat krijg jij",
        "wat krijg je van ons",
        "wat krijg jij van ons",
        "wat mag je verwachten",
        "wat mag jij verwachten",
        "wat mag je van ons verwachten",
        "wat staat er tegenover",
        "wat zit er voor jou in",
        "wat levert het je op",
        "salaris",
        "beloning",
        "salaris en arbeidsvoorwaarden",
        "voordelen",
        "verloning",
        "verloning en voordelen",
        "wat bieden we je",
        "wat bieden wij je",
        "extra s",
        "waarom werken bij",
        "waarom kiezen voor",
        "wat hebben wij te bieden",
        "wat hebben we te bieden",
    ),
    PROCEDURE: (
        "solliciteren",
        "herken jij jezelf",
        "herken je jezelf",
        "sollicitatie",
        "sollicitatieprocedure",
        "hoe solliciteren",
        "hoe solliciteer je",
        "zo solliciteer je",
        "direct solliciteren",
        "solliciteer",
        "interesse",
        "geinteresseerd",
        "geïnteresseerd",
        "enthousiast geworden",
        "ben je enthousiast",
        "ben jij enthousiast",
        "spreekt deze vacature je aan",
        "spreekt deze functie je aan",
        "meer informatie",
        "meer weten",
        "wil je meer weten",
        "informatie",
        "informatie en sollicitatie",
        "procedure",
        "de procedure",
        "selectieprocedure",
        "selectie",
        "de selectie",
        "selectie en aanwerving",
        "aanwerving",
        "hoe aanvragen",
        "hoe kandidaat stellen",
        "kandidaatstelling",
        "kandidatuur",
        "kandidatuur indienen",
        "aanstelling",
        "indiensttreding",
        "startdatum",
        "voorwaarden",
        "aanwervingsvoorwaarden",
        "toelatingsvoorwaarden",
        "deelnemingsvoorwaarden",
        "contact",
        "contactgegevens",
        "contactinformatie",
        "contactpersoon",
        "vragen",
        "heb je vragen",
        "heb je nog vragen",
        "reageren",
        "reageer",
        "planning",
        "tijdpad",
        "goed om te weten",
        "acquisitie",
        "screening",
        "assessment",
    ),
}

KIND_NAMES = tuple(KINDS)

# a heading that asks starts with one of these ("Wat is jouw rol?", "Wie ben jij?")
QUESTION_WORDS = frozenset({"wat", "wie", "waar", "waarom", "hoe", "welke", "wanneer"})

# words that name the part in a heading none of the above starts ("Wat zijn uw
# belangrijkste taken?", "Wat wij je bieden"); the first such word decides. Not
# "selectie": recruiters are called "… Werving & Selectie"
KEYWORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "taken",
            "taak",
            "takenpakket",
            "functie",
            "rol",
            "job",
            "werkzaamheden",
            "verantwoordelijkheden",
            "opdracht",
            "opgave",
            "uitdaging",  # "Je nieuwe uitdaging", "Uw uitdaging in het kort"
        ),
        FUNCTIE,
    ),
    **dict.fromkeys(
        (
            "profiel",
            "vragen",
            "verwachten",
            "zoeken",
            "vereisten",
            "eisen",
            "competenties",
            "gevraagd",
            "gevraagde",
            "kwaliteiten",
        ),
        PROFIEL,
    ),
    **dict.fromkeys(
        ("bieden", "biedt", "aanbod", "arbeidsvoorwaarden", "salaris", "verloning", "voordelen"),
        AANBOD,
    ),
    **dict.fromkeys(
        (
            "solliciteren",
            "sollicitatie",
            "procedure",
            "kandidatuur",
            "contact",
            "aanstelling",
            "aanwerving",
        ),
        PROCEDURE,
    ),
    **dict.fromkeys(("werkgever", "organisatie", "kernwaarden", "missie"), ORGANISATIE),
}


# the number of a numbered heading ("1. Wat gaat u doen?", "2) Het profiel")
NUMBER_RE = re.compile(r"^\s*\d{1,2}[.)]\s+")
# "Vlietmonde in het kort", "De functie in een notendop": the part before says what
IN_SHORT = ("in het kort", "in een notendop", "in cijfers", "in een oogopslag")
# a numbered title of its own ("1. Strategie en beleid") addresses no one
_ADDRESS = frozenset({"je", "jij", "jou", "jouw", "u", "uw", "jezelf", "wij", "we"})


def heading_key(text: str) -> str:
    """A heading without its number, case, punctuation and extra spaces ("Wat ga je
    doen?" -> "wat ga je doen", "2. Het profiel" -> "het profiel"); apostrophes split
    words, so "collega's" is "collega s"."""
    text = NUMBER_RE.sub("", text)
    return " ".join(re.sub(r"[^\w\s-]", " ", text.lower()).split())


def _in_short(key: str) -> str | None:
    """The part of "X in het kort" before the phrase, or None."""
    for tail in IN_SHORT:
        if key.endswith(" " + tail):
            return key[: -len(tail) - 1]
    return None


def numbered_heading(text: str, before_sub_items: bool, in_sequence: bool = False) -> bool:
    """Whether a numbered line ("1. Wat gaat u doen?", "4. Het profiel", "3.
    Procedure") is a heading rather than a list item: the text after the number is a
    known heading or a question that names a part; or a short title that addresses no
    one and ends without a full stop, when the lines after it are items of a list of
    their own (``before_sub_items``: "1. Strategie en beleid" over "- Je …") or its
    number follows that of a numbered heading (``in_sequence``: "1. De opdrachtgever",
    then "2. De positie")."""
    m = NUMBER_RE.match(text)
    if m is None:
        return False
    rest = text[m.end() :].strip()
    if not rest or not rest[0].isupper():
        return False
    words = heading_key(rest).split()
    if rest[-1] == "?":  # "2. Wie bent u?", "5. Wat biedt Haverzand?", "4. Interesse?"
        question = words[0] in QUESTION_WORDS and heading_kind(rest) is not None
        return question or is_heading_text(rest)
    if rest[-1] in ".,;!" or len(words) > 6:
        return False
    if is_heading_text(rest):
        return True
    return (before_sub_items or in_sequence) and len(words) <= 5 and _ADDRESS.isdisjoint(words)


_POSSESSIVES = ("jouw", "je", "uw")


@functools.cache
def _index() -> dict[str, str]:
    """Every known heading (its key) and its kind; "jouw taken" also as "je taken" and
    "uw taken" (the formal u-form of municipal and Flemish texts)."""
    out: dict[str, str] = {}
    for kind, headings in KINDS.items():
        for h in headings:
            key = heading_key(h)
            out.setdefault(key, kind)
            first, _, rest = key.partition(" ")
            if first in _POSSESSIVES and rest:
                for other in _POSSESSIVES:
                    out.setdefault(f"{other} {rest}", kind)
    return out


def _after_possessive(text: str) -> str:
    """The rest of a heading that starts with a possessive ("Uw kerntaken" ->
    "kerntaken"), else "": read as the heading it names, so every possessive goes with
    every known heading, not only the pairs the lists spell out."""
    first, _, rest = text.strip().partition(" ")
    return rest.strip() if heading_key(first) in _POSSESSIVES else ""


def names_a_part(text: str) -> bool:
    """Whether a short line (four words at most) names a part of a vacancy by one of
    its words ("Gevraagde competenties", "Je taken", "Salaris"): a heading even when
    no list knows it."""
    words = heading_key(text).split()
    return 0 < len(words) <= 4 and any(w in KEYWORDS for w in words)


def heading_kind(text: str | None) -> str | None:
    """The kind of section a heading opens, or None when it is not a known heading."""
    if not text:
        return None
    key = heading_key(text)
    if not key or len(key.split()) > 10:
        return None
    index = _index()
    short = _in_short(key)
    if short is not None:  # "Vlietmonde in het kort" is the organisation, by its name
        return heading_kind(short) or (ORGANISATIE if len(short.split()) <= 3 else None)
    words = key.split()
    for n in range(len(words), 0, -1):  # the longest known start decides
        kind = index.get(" ".join(words[:n]))
        if kind is not None:
            return kind
    rest = _after_possessive(key)
    kind = heading_kind(rest) if rest else None  # "Uw kerntaken" as "Kerntaken"
    if kind is not None:
        return kind
    for word in words:  # "Wat zijn uw belangrijkste taken?": a word that names the part
        kind = KEYWORDS.get(word)
        if kind is not None:
            return kind
    return None


def starts_with_heading(text: str) -> tuple[str, str] | None:
    """A known heading glued to the text after it ("Wat ga je doen? Je bent ...",
    "Profiel: je hebt ..."): (heading, rest), or None. Only a heading closed by '?'
    or by ':' after two words or more is split off, so a sentence that starts with a
    heading word stays whole, and so does a term with its explanation ("Visie: je geeft
    richting")."""
    # a space after the mark, or none before a capital ("Wat is jouw rol?Als ...")
    m = re.match(r"^\s*([^?:.!]{2,60}?)\s*([?:])(?:\s+|(?<=\?)(?=[A-Z]))(\S.*)$", text)
    if m is None or (m.group(2) == ":" and len(m.group(1).split()) < 2):
        return None
    head, mark, rest = m.group(1).strip(), m.group(2), m.group(3)
    known = heading_kind(head) is not None and _whole_heading(head)
    # "Wat is jouw rol? Je ...": a short question that opens a part, glued to its text
    question = (
        mark == "?"
        and heading_key(head).split()[0] in QUESTION_WORDS
        and len(head.split()) <= 8
        and rest[:1].isupper()
        and heading_kind(head) is not None
    )
    if known or question:
        return head + ("?" if mark == "?" else ""), rest
    return None


def ends_with_heading(text: str) -> tuple[str, str] | None:
    """A known question heading glued to the end of a line ("... te stimuleren Wat
    verwachten we van je?"): (text before, heading), or None."""
    m = re.match(r"^(.*\S)\s+([A-Z][^?.!:]{2,60}\?)\s*$", text)
    if m and len(m.group(1).split()) >= 3:
        heading = m.group(2)
        if heading_kind(heading) is not None and _whole_heading(heading.rstrip("?")):
            return m.group(1), heading
    return None


def is_heading_text(text: str) -> bool:
    """Whether a short line is a known heading as a whole (not a sentence that starts
    with a heading word: "Ervaring met jongeren is een pré" is text)."""
    t = text.strip().rstrip(":?").strip()
    return bool(t) and len(t.split()) <= 10 and _whole_heading(t)


def _whole_heading(text: str) -> bool:
    """Whether every word of ``text`` belongs to a known heading (not one that merely
    starts with a heading word: "Over twee jaar …" is no heading)."""
    key = heading_key(text)
    index = _index()
    if key in index:
        return True
    named = _after_possessive(text)
    if named:  # "Uw verantwoordelijkheden", "Jouw kerntaken"
        return _whole_heading(named)
    short = _in_short(key)
    if short is not None:  # "De functie in het kort", "Vlietmonde in het kort"
        return short in index or (0 < len(short.split()) <= 3 and text[:1].isupper())
    words = key.split()
    # a known start followed by a name or object of a few words: "Werken bij X", "Over X"
    for n in range(len(words) - 1, 0, -1):
        if " ".join(words[:n]) in index:
            rest = words[n:]
            return len(rest) <= 4 and text.split()[-1][:1].isupper()
    return False
