"""Candidate competences: what the vacancies ask of the candidate that no entry covers.

A vacancy asks in a few set ways, and those are the cues (``CUES``):

* a trait after the verb: "je bent / u bent / ben jij flexibel, stressbestendig en
  zelfstandig", "je werkt nauwkeurig", "we zoeken een gedreven collega";
* an ability noun: "een open houding", "analytisch vermogen", "communicatieve
  vaardigheden", "een stevige persoonlijkheid", "oog voor", "affiniteit met";
* a word of a competence suffix anywhere: adviesvaardig, klantgericht(heid),
  kostenbewust(zijn), inlevingsvermogen, politiek sensitief, stressbestendig;
* an ability clause: "in staat om … te X", "weet … te X", "kunt goed X";
* a short bullet of the profile section ("Stressbestendig", "Flexibel en loyaal");
* "ervaring met X", "kennis van X": usually a domain, so ranked well below the rest.

Only sentences that count are read: the scored sections, and in a vacancy not a clause
of the employer (scope.py, the same rules as a run). What a pattern already matches, the
organisations' names, job titles (-werker, -adviseur, …, and the role words of the
documents' own file names), names in capitals and the employer's words are left out.
Forms of one competence are one candidate (``root``): adviesvaardig, adviesvaardigheden,
advisering and "goed kunnen adviseren" share the root "adviser". Candidates are ranked by
documents times the strength of their best cue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .discover import Discovery
from .lemmatise import Pipeline, dictionary_lemma, is_known, sentence_forms
from .lexicon import Lexicon
from .match import Matcher
from .model import VACANCY, Block, Sentence, Source
from .saved import Measurement, saved_lexicon, source_from_dict
from .scan import OUTSIDE_CELLS, PLAIN, Reading, read_document, score
from .scope import _name_words
from .sections import PROFIEL, heading_kind

# cue -> strength: a candidate ranks by documents x the strength of its best cue
CUES = {
    "trait": 1.0,  # je bent X, u bent X, ben jij X
    "ability": 1.0,  # een open houding, analytisch vermogen, oog voor, affiniteit met
    "suffix": 1.0,  # adviesvaardig, klantgericht, stressbestendig
    "sought": 0.9,  # we zoeken een gedreven collega
    "manner": 0.9,  # je werkt zelfstandig
    "able": 0.9,  # in staat om … te X, weet … te X, kunt goed X
    "bullet": 0.8,  # a bullet of one to four words in the profile section
    "task": 0.7,  # u adviseert het college, je coördineert, het organiseren van
    "can": 0.6,  # je kunt zelfstandig werken
    "have": 0.6,  # je hebt geduld
    "domain": 0.3,  # ervaring met X, kennis van X
}
COLUMNS = ["kandidaat", "documenten", "keer", "vormen", "cue", "voorbeelden"]

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
# "affiniteit met", "voeling met", "hart voor": one competence, whatever the object
AFFINITY = {"affiniteit": ("met", "voor"), "voeling": ("met",), "hart": ("voor",)}
AFFINITY_LABEL = "affiniteit met …"
COPULA = (
    ("je", "bent"),
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
SEEKING = frozenset({"zoeken", "zoekt", "zoek", "naar"})
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
DOMAIN_CUES = {"ervaring": ("met", "in"), "kennis": ("van", "over")}
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


@dataclass
class Example:
    document: str
    page: int
    sentence: str


@dataclass
class Candidate:
    """One competence the texts ask and no entry covers, with every form it took."""

    key: tuple[str, ...]
    forms: Counter[str] = field(default_factory=Counter)
    documents: set[str] = field(default_factory=set)
    cues: Counter[str] = field(default_factory=Counter)
    examples: list[Example] = field(default_factory=list)
    fixed_label: str = ""

    @property
    def label(self) -> str:
        return self.fixed_label or self.forms.most_common(1)[0][0]

    @property
    def strength(self) -> float:
        return max(CUES[c] for c in self.cues)

    @property
    def cue(self) -> str:
        return max(self.cues, key=lambda c: (CUES[c], self.cues[c]))

    @property
    def score(self) -> float:
        return len(self.documents) * self.strength

    @property
    def in_documents(self) -> str:
        n = len(self.documents)
        return f"{n} document" if n == 1 else f"{n} documenten"

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    def row(self) -> list[object]:
        return [
            self.label,
            len(self.documents),
            self.count,
            "; ".join(f for f, _ in self.forms.most_common()),
            self.cue,
            " | ".join(f"{e.sentence} ({e.document}, p. {e.page})" for e in self.examples),
        ]


def root(word: str) -> str:
    """The root that derivations of one word share: adviesvaardigheden, advisering,
    adviseren -> adviser; zelfstandigheid -> zelfstandig; flexibiliteit -> flexibel."""
    w = dictionary_lemma(word) if word.isalpha() else word.lower()
    for end, new in ROOT_RULES:
        if w.endswith(end) and len(w) - len(end) >= 3:
            w = w[: -len(end)] + new
            if end in MARKERS | {"vaardigheden", "vaardigheid"}:
                if w.endswith("s") and (w.endswith("ings") or is_known(w[:-1])):
                    w = w[:-1]  # the linking s of inlevingsvermogen
                return root(w)
            break
    if w.endswith("e") and len(w) > 5 and w[:-1].endswith(("ig", "isch", "ief", "eel", "aal")):
        w = w[:-1]
    if w.endswith("ig") and len(w) >= 7 and is_known(w[:-2]):
        w = w[:-2]  # geduldig: geduld
    return w


@dataclass
class _Context:
    lexicon: Lexicon
    matcher: Matcher
    pipeline: Pipeline
    names: set[str]
    titles: set[str]
    covered_forms: dict[str, bool] = field(default_factory=dict)

    def covered(self, form: str) -> bool:
        """Whether an entry of the lexicon matches the form on its own."""
        if form not in self.covered_forms:
            sentence = self.pipeline.phrase(form)
            self.covered_forms[form] = bool(self.matcher.match(sentence).found)
        return self.covered_forms[form]

    def is_title(self, lower: str) -> bool:
        return lower.endswith(TITLE_ENDINGS) or lower in self.titles or lower in self.names


def _is_word(word: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word))


def _content(ctx: _Context, s: Sentence, i: int, covered: set[int]) -> bool:
    """A word that can name (part of) a competence."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    word = s.words[i]
    lower = word.lower()
    return (
        _is_word(word)
        and len(lower) >= MIN_LENGTH
        and lower not in STOP_WORDS
        and lower not in FILLERS
        and i not in covered
        and not (i > 0 and word[0].isupper())  # a name: a place, an organisation
        and not ctx.is_title(lower)
    )


def _span(words: list[str], start: int, limit: int = 14) -> int:
    """The end (exclusive) of what a cue at ``start`` asks: up to the clause's end."""
    end = start
    while end < len(words) and end - start < limit:
        if words[end] in STOPS or words[end] in CLAUSE_WORDS:
            break
        end += 1
    return end


def _finite(word: str) -> bool:
    """A verb that opens a clause of its own: "en werkt met plezier", "en kan …"."""
    if word in FINITE:
        return True
    return word.endswith("t") and word.isalpha() and dictionary_lemma(word).endswith("en")


ADJECTIVE_ENDINGS = (
    "e",
    "isch",
    "ig",
    "eel",
    "aal",
    "ief",
    "lijk",
    "baar",
    "zaam",
    "end",
    "ant",
    "ent",
)
PLAIN_ADJECTIVES = frozenset(
    {"open", "sterk", "scherp", "goed", "groot", "breed", "helder", "nuchter", "flexibel"}
)


def _adjective_like(word: str) -> bool:
    """A word that can stand before an ability noun: "open", "stevige", "analytisch"."""
    if word in PLAIN_ADJECTIVES:
        return True
    return word.endswith(ADJECTIVE_ENDINGS) and not word.endswith("en")


def _items(words: list[str], start: int, end: int) -> Iterator[list[int]]:
    """The parts of a list ("flexibel, stressbestendig en zelfstandig"). A preposition
    ends the list ("nieuwsgierig naar hun verhalen" is "nieuwsgierig"; "in het bezit
    van" is nothing), and so does a new clause ("… en werkt met plezier")."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    item: list[int] = []
    for i in range(start, end):
        w = words[i]
        if w in SPLITS:
            if item:
                yield item
            item = []
            if i + 1 < end and _finite(words[i + 1]):
                return
            continue
        if w in DETERMINERS or w in FILLERS:
            continue
        if w in STOP_WORDS or w in PERSONS or w in DOMAIN_CUES:
            break
        item.append(i)
    if item:
        yield item


@dataclass
class _Occurrence:
    tokens: list[int]
    cue: str
    cue_at: tuple[int, int]
    label: str = ""
    key: tuple[str, ...] | None = None
    form: str = ""  # the form to show, when it is not the tokens' words


def _infinitive(words: list[str], forms: tuple[frozenset[str], ...], v: int) -> str:
    """The infinitive of the finite verb at ``v`` with its particle at the clause's end
    ("je stelt een plan op": opstellen), or '' for a light verb or no verb."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    word = words[v]
    if not word.isalpha() or word in STOP_WORDS or word in FINITE:
        return ""
    verbs = [f for f in forms[v] if f.endswith("en") and f.isalpha() and f != word]
    if not verbs:
        return ""
    from wordfreq import zipf_frequency

    # "zet je": zetten, not zeten; the commoner Dutch word
    verb = max(sorted(verbs), key=lambda f: zipf_frequency(f, "nl"))
    end = _span(words, v + 1)
    particle = words[end - 1] if end - 1 > v else ""
    if particle in PARTICLES and (end >= len(words) or words[end] in STOPS | {","}):
        if is_known(particle + verb):
            return particle + verb
    return "" if verb in LIGHT_VERBS else verb


def _occurrences(s: Sentence, profile: bool) -> Iterator[_Occurrence]:
    """Every place a cue asks something in a sentence, with the tokens of what it asks."""
    words = [w.lower() for w in s.words]
    forms = sentence_forms(s)
    n = len(words)
    seen: set[int] = set()

    def pair(i: int, cues: tuple[tuple[str, str], ...]) -> bool:
        return i + 1 < n and (words[i], words[i + 1]) in cues

    task_at = -1  # the last verb of a task: "u informeert en sensibiliseert inwoners"

    for i in range(n):
        w = words[i]
        # je bent in staat om … te X / weet … te X / kunt goed X
        if w == "staat" and i > 0 and words[i - 1] == "in":
            start = i + 1 + (i + 1 < n and words[i + 1] in ("om", "te"))
            end = _span(words, start)
            yield _Occurrence(
                [j for j in range(start, end) if words[j] != "te"], "able", (i - 1, i)
            )
            seen.update(range(i - 1, end))
            continue
        if w in ("weet", "weten") and i > 0 and words[i - 1] in ("je", "jij", "u", "wij"):
            end = _span(words, i + 1)
            te = [j for j in range(i + 1, end) if words[j] == "te"]
            if te:
                yield _Occurrence(list(range(te[0] + 1, end)), "able", (i - 1, i))
        if w in MODALS:
            j = i + 1
            while j < n and words[j] in ("je", "jij", "u", "ook", "heel", "zeer"):
                j += 1
            good = j < n and words[j] == "goed"
            # up to the first infinitive: "je kan zelfstandig werken en je eigen …"
            last = next(
                (
                    k + 1
                    for k in range(j + good, _span(words, j + good, limit=6))
                    if words[k].endswith("en") and dictionary_lemma(words[k]) == words[k]
                ),
                None,
            )
            if last is not None:
                yield _Occurrence(list(range(j + good, last)), "able" if good else "can", (i, i))
        # what the candidate does: "u adviseert het college", "daarnaast coördineer je"
        if (w in SUBJECTS and i + 1 < n) or (i + 1 < n and words[i + 1] in SUBJECTS and i > 0):
            v = i + 1 if w in SUBJECTS else i
            infinitive = _infinitive(words, forms, v)
            if infinitive:
                task_at = v
                yield _Occurrence(
                    [v], "task", (min(i, v), max(i, v)), key=(root(infinitive),), form=infinitive
                )
        if w in ("en", ",") and task_at == i - 1 and i + 1 < n:
            infinitive = _infinitive(words, forms, i + 1)
            if infinitive:
                task_at = i + 1
                yield _Occurrence(
                    [i + 1], "task", (i, i + 1), key=(root(infinitive),), form=infinitive
                )
        # "het adviseren van het college", "- adviseren van wethouder en directie"
        if (
            i + 1 < n
            and words[i + 1] == "van"
            and w.endswith("en")
            and (i == 0 or words[i - 1] in BULLETS | SPLITS | {"het"})
            and dictionary_lemma(w) == w
            and w not in LIGHT_VERBS
        ):
            yield _Occurrence([i], "task", (i, i), key=(root(w),), form=w)
        # "iemand die onafhankelijk is", "die klantvriendelijk en geduldig is"
        if w == "die" and i + 2 < n:
            verb = next(
                (j for j in range(i + 2, min(n, i + 8)) if words[j] in ("is", "bent", "blijft")),
                None,
            )
            if verb is not None:
                for item in _items(words, i + 1, verb):
                    yield _Occurrence(item, "trait", (i, verb))
        # the tasks as nouns: "je staat in voor de voorbereiding, coördinatie en opvolging"
        if w == "voor" and i > 0 and words[i - 1] in RESPONSIBLE:
            end = _span(words, i + 1)
            for item in _items(words, i + 1, end):
                if len(item) == 1 and words[item[0]].endswith(TASK_NOUNS):
                    noun = words[item[0]]
                    yield _Occurrence(item, "task", (i - 1, i), key=(root(noun),), form=noun)
        # "je bent X", and "… en bent X" after it
        if pair(i, COPULA) or (w == "bent" and i > 1 and words[i - 1] in SPLITS and i + 1 < n):
            start = i + 2 if pair(i, COPULA) else i + 1
            if start < n and words[start] == "in" and start + 1 < n and words[start + 1] == "staat":
                continue
            end = _span(words, start)
            for item in _items(words, start, end):
                yield _Occurrence(item, "trait", (i, i + 1))
        # "je werkt zelfstandig en nauwkeurig": only single words, nothing else
        if pair(i, MANNER):
            end = _span(words, i + 2, limit=5)
            items = list(_items(words, i + 2, end))
            if (
                items
                and items[0][0] == i + 2
                and all(
                    len(item) == 1 and (item[0] + 1 >= n or words[item[0] + 1] in SPLITS | STOPS)
                    for item in items
                )
            ):
                for item in items:
                    yield _Occurrence(item, "manner", (i, i + 1))
        # "je hebt geduld", "u heeft humor": one noun and nothing more
        if pair(i, HAVE):
            end = _span(words, i + 2, limit=4)
            plain = [j for j in range(i + 2, end) if words[j] not in DETERMINERS | FILLERS]
            if len(plain) == 1 and (end >= n or words[end] in STOPS | SPLITS):
                yield _Occurrence(plain, "have", (i, i + 1))
        # "een betrouwbare en gezaghebbende gesprekspartner", "een gedreven consulent":
        # the inflected adjectives before a person ("een maatschappelijk werker" is a title)
        if w.endswith(TITLE_ENDINGS) or w in PERSONS or w in PARTNERS:
            j = i
            while (
                j > 0
                and words[j - 1] not in DETERMINERS
                and (words[j - 1] in SPLITS or words[j - 1].endswith(("e", "en")))
            ):
                j -= 1
            if j < i and j > 0 and words[j - 1] == "een":
                for item in _items(words, j, i):
                    yield _Occurrence(item, "sought", (j - 1, i))
        if w in DOMAIN_CUES and i + 1 < n and words[i + 1] in DOMAIN_CUES[w]:
            end = _span(words, i + 2, limit=6)
            for item in _items(words, i + 2, end):
                yield _Occurrence(item[:3], "domain", (i, i + 1))
        if w in AFFINITY and i + 1 < n and words[i + 1] in AFFINITY[w]:
            end = _span(words, i + 2, limit=6)
            yield _Occurrence(
                list(range(i + 2, end)), "ability", (i, i), AFFINITY_LABEL, ("affiniteit",)
            )
            seen.add(i)
        if w in OBJECT_HEADS and i + 1 < n and words[i + 1] == OBJECT_HEADS[w]:
            end = _span(words, i + 2, limit=6)
            shown = " ".join(x for x in words[i:end] if _is_word(x))
            yield _Occurrence([i, *range(i + 2, end)], "ability", (i, i), form=shown)
            seen.add(i)
        # an ability noun with its adjectives: "een open en participatieve houding"
        if (
            i not in seen
            and any(f in HEADS for f in forms[i])
            and not (w == "gevoel" and i + 1 < n and words[i + 1] == "voor")
        ):
            j = i
            while (
                j > 0
                and i - j < 4
                and (_is_word(s.words[j - 1]) or words[j - 1] == ",")
                and words[j - 1] not in ("een", "de", "het", "je", "jouw", "uw", "over", "met")
            ):
                j -= 1
            mods = [k for k in range(j, i) if words[k] not in SPLITS]
            while mods and not _adjective_like(words[mods[0]]):
                mods = mods[1:]  # "inzicht in de behoeften, vermogen om": no modifier
            if mods:
                yield _Occurrence([*mods, i], "ability", (i, i))
                seen.add(i)
                continue
        attributive = w.endswith("e") and i + 1 < n and _is_word(words[i + 1])
        if (
            i not in seen
            and not attributive
            and any(
                f.endswith(SUFFIXES)
                and not f.endswith(NOT_SUFFIXED)
                and len(f) > len(next(x for x in SUFFIXES if f.endswith(x))) + 2
                for f in forms[i]
            )
        ):
            yield _Occurrence([i], "suffix", (i, i))
    # a bullet of one to four words, or several in one line: "→ analytisch → zelfstandig"
    cuts = [-1, *(j for j in range(n) if words[j] in BULLETS), n]
    for a, b in zip(cuts, cuts[1:], strict=False):
        plain = [j for j in range(a + 1, b) if _is_word(s.words[j])]
        if not 1 <= len(plain) <= 8 or words[b - 1] in ("?", ":"):
            continue
        if not profile:
            continue
        # "Nieuwsgierig naar wat anderen drijft": the words before the preposition
        items = list(_items(words, a + 1, b))
        if any(_finite(words[j]) for item in items for j in item):
            continue
        for item in items:
            yield _Occurrence(item, "bullet", (a + 1, b - 1))


def _key(s: Sentence, tokens: list[int]) -> tuple[str, ...]:
    roots = [root(s.words[t]) for t in tokens]
    kept = [
        r for r, t in zip(roots, tokens, strict=True) if s.words[t].lower() not in GENERIC_VERBS
    ]
    kept = [r for r in kept if r and r not in MARKERS]
    return tuple(sorted(set(kept or roots)))


def _title_words(sources: Iterable[Source]) -> set[str]:
    """The role words of the documents' own file names (05_projectleider_wijkaanpak)."""
    out: set[str] = set()
    for source in sources:
        for part in re.split(r"[\W\d_]+", Path(source.document).stem.lower()):
            if len(part) >= 4:
                out.add(part)
    return out


def candidates_in(
    ctx: _Context, source: Source, sentences: Iterable[Sentence]
) -> Iterator[tuple[tuple[str, ...], str, str, Sentence]]:
    """(key, form, cue, sentence) of each candidate in one document's sentences."""
    lexicon = ctx.lexicon
    for s in sentences:
        if not s.words:
            continue
        cell, scored, reason = score(source, s, True, lexicon)
        if not scored and not reason.startswith(OUTSIDE_CELLS):
            continue
        result = ctx.matcher.match(s)
        covered = {t for f in result.found for t in f.tokens}
        covered |= {t for d in result.dropped for t in d.found.tokens}
        profile = heading_kind(s.section) == PROFIEL
        for occ in _occurrences(s, profile):
            if source.kind == VACANCY and score(source, s, True, lexicon, occ.cue_at)[2] not in (
                "",
                reason,
            ):
                continue  # the employer's clause
            if occ.key is None and occ.tokens and occ.tokens[-1] in covered:
                continue  # "een echte verbinder": the head is an entry's, so is the rest
            tokens = [t for t in occ.tokens if _content(ctx, s, t, covered)]
            if all(s.words[t].lower() in MARKERS for t in tokens):
                tokens = []
            if occ.key is None and not tokens:
                continue
            if occ.key is None and (s.words[tokens[-1]].lower() in NOT_TRAITS or len(tokens) > 4):
                continue
            if occ.form:
                form = occ.form
                if ctx.covered(form) or tokens == [] or occ.tokens[0] in covered:
                    continue
            elif occ.label:  # the cue and its object: "voeling met jongeren"
                last = occ.tokens[-1] if occ.tokens else occ.cue_at[1] + 1
                form = " ".join(w.lower() for w in s.words[occ.cue_at[0] : last + 1] if _is_word(w))
            else:
                form = " ".join(s.words[t].lower() for t in tokens)
                if ctx.covered(form):
                    continue
            key = occ.key or _key(s, tokens)
            if not key or all(len(k) < MIN_LENGTH for k in key):
                continue
            yield key, form, occ.cue, s


def rank(
    sources: list[Source],
    sentences_of: Callable[[Source], list[Sentence] | str],
    lexicon: Lexicon,
    pipeline: Pipeline,
    top: int = 30,
    min_documents: int = 1,
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """Ranked candidates of the documents' sentences (``sentences_of`` gives a
    document's sentences, or why it could not be read), and (document, reason) of the
    documents that could not be read."""
    ctx = _Context(
        lexicon,
        Matcher(lexicon),
        pipeline,
        names=set().union(*(_name_words(s.organisation or "") for s in sources)),
        titles=_title_words(sources),
    )
    found: dict[tuple[str, ...], Candidate] = {}
    skipped = []
    for source in sources:
        sentences = sentences_of(source)
        if isinstance(sentences, str):
            skipped.append((source.document, sentences))
            continue
        for key, form, cue, s in candidates_in(ctx, source, sentences):
            cand = found.setdefault(key, Candidate(key))
            if key == ("affiniteit",):
                cand.fixed_label = AFFINITY_LABEL
            cand.forms[form] += 1
            cand.cues[cue] += 1
            if source.document not in cand.documents and len(cand.examples) < 3:
                cand.examples.append(Example(source.document, s.page, s.text))
            cand.documents.add(source.document)
    kept = [c for c in found.values() if len(c.documents) >= min_documents]
    from wordfreq import zipf_frequency

    # equal otherwise, the rarer word first: "behulpzaam" before "avonds"
    ranked = sorted(
        kept,
        key=lambda c: (
            -c.score,
            -len(c.documents),
            -c.count,
            zipf_frequency(c.label, "nl"),
            c.label,
        ),
    )
    return ranked[:top], skipped


def suggest(
    discovery: Discovery,
    lexicon: Lexicon,
    pipeline: Pipeline,
    top: int = 30,
    min_documents: int = 1,
    reading: Reading = PLAIN,
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """Ranked candidates of a corpus, and (document, reason) of files that could not be
    read. With a cache in ``reading``, documents read before are not read again."""

    def sentences_of(source: Source) -> list[Sentence] | str:
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            return exc.strerror or str(exc)
        entry = read_document(data, source.path.suffix, pipeline, reading)
        return entry.error if entry.error is not None else entry.sentences

    return rank(discovery.sources, sentences_of, lexicon, pipeline, top, min_documents)


def unlisted(m: Measurement, pipeline: Pipeline, top: int = 10) -> list[Candidate]:
    """The commonest candidates of a saved run, from the text and the lexicon its
    run.json keeps (the corpus is not read again): what the lexicon did not count."""
    lexicon = saved_lexicon(m.data)
    documents = {d["document"]: d for d in m.read if "blocks" in d}

    def sentences_of(source: Source) -> list[Sentence]:
        blocks = documents[source.document]["blocks"]
        return list(pipeline.sentences(Block(int(p), s, t, bool(h)) for p, s, t, h in blocks))

    sources = [source_from_dict(d) for d in documents.values()]
    return rank(sources, sentences_of, lexicon, pipeline, top)[0]
