"""The ways a Dutch vacancy asks something of the candidate, and the words they ask.

``occurrences`` finds, in one sentence, every place a cue asks something (the tokens of
what it asks, and the cue); ``root`` gives the root that the forms of one competence
share; ``key_of`` the key a candidate is grouped by. The word lists are Dutch and say
how vacancies are written, not what one text says. suggest.py ranks what these find.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .cue_words import (
    AFFINITY,
    AFFINITY_LABEL,
    BULLETS,
    CLAUSE_WORDS,
    COPULA,
    DETERMINERS,
    DOMAIN_CUES,
    FILLERS,
    FINITE,
    GENERIC_VERBS,
    GOING,
    HAVE,
    HEADS,
    LAW_ENDINGS,
    LAW_LABEL,
    LIGHT_VERBS,
    LIKES,
    MANNER,
    MARKERS,
    MODALS,
    NOT_SUFFIXED,
    OBJECT_BETWEEN,
    OBJECT_HEADS,
    PARTICLES,
    PARTNERS,
    PERSONS,
    QUALIFICATION_ENDINGS,
    QUALIFICATION_WORDS,
    RESPONSIBLE,
    ROOT_RULES,
    SPLITS,
    STOPS,
    SUBJECTS,
    SUFFIXES,
    TASK_NOUNS,
    TITLE_ENDINGS,
)
from .forms import sentence_forms
from .lemma_table import dictionary_lemma, is_known
from .model import Sentence


def root(word: str) -> str:
    """The root that derivations of one word share: adviesvaardigheden, advisering,
    adviseren -> adviser; zelfstandigheid -> zelfstandig; flexibiliteit -> flexibel."""
    w = dictionary_lemma(word) if word.isalpha() else word.lower()
    for end, new in ROOT_RULES:
        if w.endswith(end) and len(w) - len(end) >= 3:
            w = w[: -len(end)] + new
            if end == "biliteit" and not is_known(w) and is_known(w[:-2] + "iel"):
                w = w[:-2] + "iel"  # stabiliteit: stabiel (flexibiliteit: flexibel)
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


def is_word(word: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word))


def _span(words: list[str], start: int, limit: int = 14) -> int:
    """The end (exclusive) of what a cue at ``start`` asks: up to the clause's end."""
    end = start
    while end < len(words) and end - start < limit:
        if words[end] in STOPS or words[end] in CLAUSE_WORDS:
            break
        end += 1
    return end


def _object_end(words: list[str], start: int, limit: int = 6) -> int:
    """The end of the object of "oog voor", "affiniteit met": like ``_span``, and before
    a new phrase ("met kunst en een ruime …", "voor de wijk en kunt …")."""
    end = _span(words, start, limit)
    for j in range(start + 1, end - 1):
        if words[j] in SPLITS and (words[j + 1] in ("een", *SUBJECTS) or _finite(words[j + 1])):
            return j
    return end


def _shown(words: list[str], cue_at: tuple[int, int], item: list[int]) -> str:
    """The cue with one item of its object: "kennis van de sociale kaart"."""
    start = item[0]
    while start > cue_at[1] + 1 and words[start - 1] in DETERMINERS:
        start -= 1
    cue = words[cue_at[0] : cue_at[1] + 1]
    return " ".join(w for w in cue + words[start : item[-1] + 1] if is_word(w))


def is_law(word: str) -> bool:
    """The name of a law: de Jeugdwet, de Wet gemeentelijke schuldhulpverlening."""
    return word.lower().endswith(LAW_ENDINGS)


def _infinitive_form(word: str) -> bool:
    """An infinitive as it stands: "werken", "omgaan", "staan"."""
    return word.endswith(("en", "aan")) and dictionary_lemma(word) == word


def is_qualification(word: str) -> bool:
    """A word of a diploma, a level or years of experience: not a competence."""
    return word in QUALIFICATION_WORDS or word.endswith(QUALIFICATION_ENDINGS)


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
# compounds of an ability noun: "een open werkhouding", "sterk doorzettingsvermogen"
COMPOUND_HEADS = ("houding", "instelling", "persoonlijkheid", "uitstraling", "vermogen")
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
class Occurrence:
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


def occurrences(s: Sentence, profile: bool) -> Iterator[Occurrence]:
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
            yield Occurrence([j for j in range(start, end) if words[j] != "te"], "able", (i - 1, i))
            seen.update(range(i - 1, end))
            continue
        # "je weet je grenzen te bewaken", "… en weet u partijen te verbinden"
        inverted = w == "weet" and i + 1 < n and words[i + 1] in ("je", "jij", "u")
        if w in ("weet", "weten") and (
            inverted or (i > 0 and words[i - 1] in ("je", "jij", "u", "wij"))
        ):
            end = _span(words, i + 1)
            te = [j for j in range(i + 1, end) if words[j] == "te"]
            if te:
                tokens = [j for j in range(i + 1 + inverted, end) if j != te[0]]
                yield Occurrence(tokens, "able", (i - 1 + inverted, i + inverted))
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
                    if _infinitive_form(words[k])
                ),
                None,
            )
            if last is not None:
                yield Occurrence(list(range(j + good, last)), "able" if good else "can", (i, i))
        # what the candidate does: "u adviseert het college", "daarnaast coördineer je"
        if (w in SUBJECTS and i + 1 < n) or (i + 1 < n and words[i + 1] in SUBJECTS and i > 0):
            v = i + 1 if w in SUBJECTS else i
            infinitive = _infinitive(words, forms, v)
            if infinitive:
                task_at = v
                yield Occurrence(
                    [v], "task", (min(i, v), max(i, v)), key=(root(infinitive),), form=infinitive
                )
        if (
            w in ("en", ",")
            and i + 1 < n
            and (task_at == i - 1 or (w == "en" and task_at >= 0 and _finite(words[i + 1])))
        ):
            infinitive = _infinitive(words, forms, i + 1)
            if infinitive:
                task_at = i + 1
                yield Occurrence(
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
            yield Occurrence([i], "task", (i, i), key=(root(w),), form=w)
        # "iemand die onafhankelijk is", "die klantvriendelijk en geduldig is"
        if w == "die" and i + 2 < n:
            verb = next(
                (j for j in range(i + 2, min(n, i + 8)) if words[j] in ("is", "bent", "blijft")),
                None,
            )
            if verb is not None:
                for item in _items(words, i + 1, verb):
                    yield Occurrence(item, "trait", (i, verb))
        # the tasks as nouns: "je staat in voor de voorbereiding, coördinatie en opvolging"
        if w == "voor" and i > 0 and words[i - 1] in RESPONSIBLE:
            end = _span(words, i + 1)
            for item in _items(words, i + 1, end):
                # "de registratie richting de gemeente": the noun, not what follows
                if words[item[0]].endswith(TASK_NOUNS) and not is_qualification(words[item[0]]):
                    noun = words[item[0]]
                    yield Occurrence(item[:1], "task", (i - 1, i), key=(root(noun),), form=noun)
        # "je bent X", and "… en bent X" after it
        if pair(i, COPULA) or (w == "bent" and i > 1 and words[i - 1] in SPLITS and i + 1 < n):
            start = i + 2 if pair(i, COPULA) else i + 1
            if start < n and words[start] == "in" and start + 1 < n and words[start + 1] == "staat":
                continue
            end = _span(words, start)
            for item in _items(words, start, end):
                yield Occurrence(item, "trait", (i, i + 1))
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
                    yield Occurrence(item, "manner", (i, i + 1))
        # "je gaat discreet om met …", "u gaat respectvol om met …"
        if pair(i, GOING):
            end = _span(words, i + 2, limit=4)
            if end < n and words[end] == "om" and end == i + 3 and is_word(words[i + 2]):
                yield Occurrence([i + 2], "manner", (i, i + 1))
        # "je hebt geduld", "u heeft humor": one noun and nothing more
        if pair(i, HAVE):
            end = _span(words, i + 2, limit=4)
            plain = [j for j in range(i + 2, end) if words[j] not in DETERMINERS | FILLERS]
            if len(plain) == 1 and (end >= n or words[end] in STOPS | SPLITS):
                yield Occurrence(plain, "have", (i, i + 1))
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
                    yield Occurrence(item, "sought", (j - 1, i))
        if w in DOMAIN_CUES and i + 1 < n and words[i + 1] in DOMAIN_CUES[w]:
            end = _span(words, i + 2, limit=6)
            for item in _items(words, i + 2, end):
                shown = _shown(words, (i, i + 1), item[:3])
                if any(is_law(words[j]) for j in item):
                    yield Occurrence(
                        item[:3], "domain", (i, i + 1), LAW_LABEL, ("wetgeving",), shown
                    )
                else:
                    yield Occurrence(item[:3], "domain", (i, i + 1), form=shown)
        # "je houdt van afwisseling", "iemand die houdt van structuur"
        if (
            w in LIKES
            and i + 1 < n
            and words[i + 1] == "van"
            and i > 0
            and words[i - 1] in SUBJECTS | {"die", "jij"}
        ):
            end = _object_end(words, i + 2, limit=6)
            for item in _items(words, i + 2, end):
                if not any(_finite(words[j]) for j in item):
                    yield Occurrence(
                        item, "ability", (i, i + 1), form=_shown(words, (i, i + 1), item)
                    )
        if w in AFFINITY and i + 1 < n and words[i + 1] in AFFINITY[w]:
            end = _object_end(words, i + 2, limit=6)
            yield Occurrence(
                list(range(i + 2, end)), "ability", (i, i), AFFINITY_LABEL, ("affiniteit",)
            )
            seen.add(i)
        # "oog voor de lange termijn", "oog en oor hebben voor de buurt"
        at = i + 1
        while at < min(n, i + 4) and w in OBJECT_HEADS and words[at] in OBJECT_BETWEEN:
            at += 1
        if w in OBJECT_HEADS and at < n and words[at] == OBJECT_HEADS[w]:
            end = _object_end(words, at + 1, limit=6)
            shown = " ".join(x for x in words[i:end] if is_word(x))
            yield Occurrence([i, *range(at + 1, end)], "ability", (i, i), form=shown)
            seen.update(range(i, at))
        # an ability noun with its adjectives: "een open en participatieve houding"
        if (
            i not in seen
            and any(
                f in HEADS or (f.endswith(COMPOUND_HEADS) and not f.endswith(NOT_SUFFIXED))
                for f in forms[i]
            )
            and not (w == "gevoel" and i + 1 < n and words[i + 1] == "voor")
        ):
            j = i
            while (
                j > 0
                and i - j < 4
                and (is_word(s.words[j - 1]) or words[j - 1] == ",")
                and words[j - 1] not in ("een", "de", "het", "je", "jouw", "uw", "over", "met")
            ):
                j -= 1
            mods = [k for k in range(j, i) if words[k] not in SPLITS]
            while mods and not _adjective_like(words[mods[0]]):
                mods = mods[1:]  # "inzicht in de behoeften, vermogen om": no modifier
            if mods:
                yield Occurrence([*mods, i], "ability", (i, i))
                seen.add(i)
                continue
        attributive = w.endswith("e") and i + 1 < n and is_word(words[i + 1])
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
            yield Occurrence([i], "suffix", (i, i))
    # a bullet of one to four words, or several in one line: "→ analytisch → zelfstandig"
    cuts = [-1, *(j for j in range(n) if words[j] in BULLETS), n]
    for a, b in zip(cuts, cuts[1:], strict=False):
        plain = [j for j in range(a + 1, b) if is_word(s.words[j])]
        if not 1 <= len(plain) <= 10 or words[b - 1] in ("?", ":"):
            continue
        if not profile:
            continue
        # "Nieuwsgierig naar wat anderen drijft": the words before the preposition
        items = list(_items(words, a + 1, b))
        if any(_finite(words[j]) for item in items for j in item):
            continue
        # "Afgeronde hbo-opleiding", "Minimaal drie jaar werkervaring": a qualification
        cue = "qualification" if any(is_qualification(words[j]) for j in plain) else "bullet"
        for item in items:
            yield Occurrence(item, cue, (a + 1, b - 1))


def key_of(s: Sentence, tokens: list[int]) -> tuple[str, ...]:
    roots = [root(s.words[t]) for t in tokens]
    kept = [
        r for r, t in zip(roots, tokens, strict=True) if s.words[t].lower() not in GENERIC_VERBS
    ]
    kept = [r for r in kept if r and r not in MARKERS]
    return tuple(sorted(set(kept or roots)))
