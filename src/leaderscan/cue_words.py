"""The Dutch words of the cues (cues.py): how vacancies ask something of the candidate
(je bent / beschikt over / in staat om …, ability suffixes and nouns), and the words
that are not what they ask (job titles, fillers, generic verbs). Data only: the rules
that read sentences with them are in cues.py.
"""

from __future__ import annotations

# words ending so name an ability (compounds included), the way a vacancy asks one
SUFFIXES = (
    "vaardigheden",
    "vaardigheid",
    "vaardig",
    "gerichtheid",
    "gericht",
    "bewustzijn",
    "bewust",
    "vermogen",
    "sensitiviteit",
    "sensitief",
    "bestendigheid",
    "bestendig",
    "houding",
    "talent",  # organisatietalent, improvisatietalent
    "management",  # stakeholdermanagement, verwachtingenmanagement, timemanagement
)
# the suffixes that only say "able to": adviesvaardig is the competence 'advising'
MARKERS = frozenset({"vaardig", "vaardigheid", "vaardigheden", "vermogen", "kunnen"})
# nouns an adjective asks an ability by ("een open houding", "sterk analytisch vermogen")
HEADS = frozenset(
    {
        "vaardig",
        "vaardigheid",
        "vaardigheden",
        "vermogen",
        "sensitief",
        "sensitiviteit",
        "houding",
        "instelling",
        "persoonlijkheid",
        "uitstraling",
        "inzicht",
        "gevoel",
        "oor",
        "ruggengraat",
        "karakter",
    }
)
# "oog voor X", "gevoel voor X": the noun and its object
OBJECT_HEADS = {"oog": "voor", "gevoel": "voor", "inzicht": "in", "antenne": "voor", "open": "voor"}
# what may stand between such a noun and its object: "oog en oor hebben voor"
OBJECT_BETWEEN = frozenset({"en", "oor", "oog", "heeft", "hebt", "heb", "hebben", "staat", "staan"})
# "affiniteit met", "voeling met", "hart voor": one competence, whatever the object
AFFINITY = {"affiniteit": ("met", "voor"), "voeling": ("met",), "hart": ("voor",)}
AFFINITY_LABEL = "affiniteit met …"
# "kennis van de Jeugdwet, de Woningwet": one candidate, whichever law
LAW_ENDINGS = ("wet", "wetten", "wetgeving", "regelgeving")
LAW_LABEL = "kennis van wetgeving …"
COPULA = (
    ("je", "bent"),
    ("zij", "is"),  # hij/zij is, hij of zij is: the profile in the third person
    ("hij", "is"),
    ("hij/zij", "is"),
    ("zij/hij", "is"),
    ("jij", "bent"),
    ("u", "bent"),
    ("ben", "jij"),
    ("ben", "je"),
    ("bent", "u"),
)
HAVE = (
    ("je", "hebt"),
    ("u", "heeft"),
    ("u", "hebt"),
    ("heb", "je"),
    ("heeft", "u"),
    ("jij", "hebt"),
)
MANNER = (("je", "werkt"), ("u", "werkt"), ("werk", "je"), ("werkt", "u"), ("jij", "werkt"))
GOING = (("je", "gaat"), ("u", "gaat"), ("ga", "je"), ("gaat", "u"), ("jij", "gaat"))
MODALS = frozenset({"kunt", "kan"})
SUBJECTS = frozenset({"je", "jij", "u"})
# verbs that say little without their object: "je zorgt voor", "je hebt", "je voert uit"
LIGHT_VERBS = frozenset(
    """zijn hebben kunnen willen zullen mogen moeten gaan komen krijgen zorgen maken
    houden staan doen nemen zetten brengen geven voeren leggen stellen zien vinden
    weten werken blijven liggen zitten kennen laten vormen dragen spelen hoeven
    worden krijgen beschikken bezitten houden treden vallen lopen zoeken horen
    herkennen passen voelen halen kijken""".split()
)
RESPONSIBLE = frozenset({"verantwoordelijk", "in", "zorg", "zorgt", "instaan"})
TASK_NOUNS = ("atie", "ering", "ing")
PARTICLES = frozenset(
    {
        "op",
        "uit",
        "aan",
        "mee",
        "af",
        "in",
        "bij",
        "na",
        "over",
        "toe",
        "terug",
        "samen",
        "door",
        "voor",
    }
)
PERSONS = frozenset(
    {
        "collega",
        "kandidaat",
        "iemand",
        "persoon",
        "professional",
        "kracht",
        "teamspeler",
    }
)
# nouns of a role the adjectives before describe: "een betrouwbare gesprekspartner"
PARTNERS = frozenset({"gesprekspartner", "sparringpartner", "partner", "verbinder"})
DOMAIN_CUES = {
    "ervaring": ("met", "in"),
    "kennis": ("van", "over"),
    "beheersing": ("van",),  # beheersing van het Engels
    "bedreven": ("in", "met"),
}
# "je houdt van X", "iemand die houdt van X": what the candidate likes doing
LIKES = frozenset({"houdt", "houd", "houden"})
# words of a qualification, not a competence: a diploma, a level, years of experience
QUALIFICATION_ENDINGS = (
    "opleiding",
    "diploma",
    "niveau",
    "werkervaring",
    "rijbewijs",
    "certificaat",
    "bachelor",
    "master",
    "graad",
)
QUALIFICATION_WORDS = frozenset(
    {"hbo", "mbo", "wo", "jaar", "jaren", "afgeronde", "afgerond", "vergelijkbaar", "vergelijkbare"}
)
# the end of what a cue asks
BULLETS = frozenset("→•▪■●○◦·*-–—✓✔")  # list marks: in one line of text, they part the items
STOPS = frozenset(".;:!?()[]") | BULLETS
CLAUSE_WORDS = frozenset(
    {"die", "dat", "om", "omdat", "wanneer", "als", "want", "maar", "waarbij", "zodat", "wat"}
)
SPLITS = frozenset({",", "en", "of", "/", "&", "én"})
DETERMINERS = frozenset(
    {"een", "de", "het", "echt", "echte", "nog", "wel", "best", "vaak", "uiterst"}
)
FINITE = frozenset(
    {"kan", "kunt", "wil", "wilt", "zal", "zult", "bent", "ben", "heeft", "hebt", "weet", "gaat"}
)
# words that say how much, not what
FILLERS = frozenset(
    {
        "zeer",
        "erg",
        "heel",
        "echt",
        "ook",
        "daarnaast",
        "bovendien",
        "vooral",
        "graag",
        "altijd",
        "goed",
        "goede",
        "sterk",
        "sterke",
        "uitstekend",
        "uitstekende",
        "uiteraard",
        "tevens",
        "natuurlijk",
        "zowel",
        "enorm",
        "bijzonder",
        "nodig",
        "prima",
        "voldoende",
        "aantoonbaar",
        "aantoonbare",
        "ruime",
        "ruim",
        "enige",
        "gedegen",
        "brede",
        "breed",
        "mensen",
        "nieuwe",
        "andere",
    }
)
# what follows "je bent" without being a competence
NOT_TRAITS = frozenset(
    {
        "verantwoordelijk",
        "eindverantwoordelijk",
        "werkzaam",
        "onderdeel",
        "lid",
        "aanspreekpunt",
        "welkom",
        "staat",
        "zoek",
        "bezig",
        "gewend",
        "bekend",
        "houder",
        "titularis",
    }
)
# verbs that only carry the trait: "zelfstandig werken" is "zelfstandig"
GENERIC_VERBS = frozenset(
    {"werken", "functioneren", "handelen", "optreden", "zijn", "blijven", "kunnen", "werk"}
)
TITLE_ENDINGS = (
    "werker",
    "werkster",
    "adviseur",
    "coördinator",
    "coordinator",
    "leider",
    "manager",
    "consulent",
    "medewerker",
    "coach",
    "regisseur",
    "beheerder",
    "functionaris",
    "directeur",
    "bestuurder",
    "specialist",
    "deskundige",
    "assistent",
    "ondersteuner",
    "begeleider",
    "verlener",
    "makelaar",
    "secretaris",
    "trainer",
    "officier",
    "jurist",
    "planner",
    "controller",
    "verpleegkundige",
    "hoofd",
    "leidinggevende",
)
# compounds of a suffix that are not the ability: verhouding is no houding
NOT_SUFFIXED = ("verhouding", "verhoudingen", "onthouding")
ROOT_RULES = (  # (ending, replacement) on a lemma: derivations of one word to one root
    ("iviteit", "ief"),
    ("biliteit", "bel"),
    ("aliteit", "aal"),
    ("bewustzijn", "bewust"),
    ("vaardigheden", ""),
    ("vaardigheid", ""),
    ("vaardig", ""),
    ("vermogen", ""),
    ("heden", ""),
    ("heid", ""),
    ("ytisch", "yser"),
    ("yse", "yser"),
    ("atief", "er"),
    ("atie", "er"),
    ("ering", "er"),
    ("ies", "iser"),
    ("ing", ""),
    ("aar", ""),
    ("end", ""),
    ("eerd", "er"),
    ("en", ""),
)
MIN_LENGTH = 3
