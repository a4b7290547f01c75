"""What the cache keeps of a lexicon (compiled.py): compiled patterns and lint findings
give what compiling and linting give; a damaged, foreign or stale entry is ignored and
written anew; an edit of the lexicon is a new entry. And the offline pipeline's reading
of plain words without spaCy (lemmatise.py) gives spaCy's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaderscan.compiled import LexiconStore, lint_for
from leaderscan.lemmatise import Pipeline
from leaderscan.lexicon import DEFAULT_LEXICON, Lexicon, parse_lexicon
from leaderscan.lint import lint
from leaderscan.match import Matcher
from leaderscan.model import Block
from leaderscan.scan import DIRECT, measure
from tests.conftest import ROOT, found, set_patterns


def terms_of(matcher: Matcher) -> list[object]:
    return [
        [cp.competence.id, cp.pattern.text, cp.window, cp.order, list(cp.terms)]
        for cp in [*matcher.patterns, *(e for es in matcher.exclusions.values() for e in es)]
    ]


def entries(root: Path) -> list[Path]:
    return sorted((root / "compiled").glob("*.json"))


def example_sentences(lexicon: Lexicon, pipeline: Pipeline) -> list:
    texts = [t for c in lexicon.competences for t in (*c.examples.match, *c.examples.no_match)]
    return list(pipeline.sentences(Block(1, None, t) for t in texts[::3]))


def matches(matcher: Matcher, sentences: list) -> list[object]:
    out = []
    for s in sentences:
        result = matcher.match(s)
        out.append(
            (
                [(f.competence.id, f.compiled.pattern.text, f.tokens) for f in result.found],
                [(d.found.competence.id, d.reason) for d in result.dropped],
            )
        )
    return out


@pytest.fixture(scope="module")
def default_lexicon() -> Lexicon:
    return parse_lexicon(DEFAULT_LEXICON, DEFAULT_LEXICON.read_text(encoding="utf-8"))


def test_compiled_patterns_from_the_cache_are_the_compiled_patterns(
    tmp_path: Path, pipeline: Pipeline, default_lexicon: Lexicon
) -> None:
    direct = Matcher(default_lexicon)
    first = LexiconStore(tmp_path).matcher(default_lexicon)
    assert terms_of(first) == terms_of(direct)  # compiled, and written
    assert len(entries(tmp_path)) == 1
    second = LexiconStore(tmp_path).matcher(default_lexicon)
    loaded: list[bool] = []
    original = second._load
    assert original is not None
    second._load = lambda: loaded.append(True) or original()  # type: ignore[method-assign]
    assert terms_of(second) == terms_of(direct) and loaded == [True]
    sentences = example_sentences(default_lexicon, pipeline)
    assert matches(second, sentences) == matches(direct, sentences)
    assert second.fingerprints == direct.fingerprints and second.setting == direct.setting


def test_an_edit_compiles_only_the_competences_it_changed(
    tmp_path: Path, default_lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    import leaderscan.compiled as compiled

    LexiconStore(tmp_path).matcher(default_lexicon).made  # noqa: B018 (compiles, keeps)
    at = "      - schakelvermogen\n"
    text = default_lexicon.text.replace(at, f"{at}      - rekbaar\n")
    edited = parse_lexicon(DEFAULT_LEXICON, text)
    calls: list[str] = []
    original = compiled.compile_pattern

    def counted(comp, pattern, window, order):  # type: ignore[no-untyped-def]
        calls.append(comp.id)
        return original(comp, pattern, window, order)

    monkeypatch.setattr(compiled, "compile_pattern", counted)
    matcher = LexiconStore(tmp_path).matcher(edited)
    assert terms_of(matcher) == terms_of(Matcher(edited))
    flexibel = next(c for c in edited.competences if c.id == "flexibel")
    assert calls == ["flexibel"] * (len(flexibel.patterns) + len(flexibel.exclude))


def test_the_cache_knows_a_competence_by_its_fingerprint_and_ignores_damage(
    tmp_path: Path, default_lexicon: Lexicon
) -> None:
    store = LexiconStore(tmp_path)
    matcher = store.matcher(default_lexicon)
    fingerprint = matcher.fingerprints["flexibel"]
    assert store.competence_spec(fingerprint) == matcher.specs["flexibel"]
    [path] = (tmp_path / "competences" / "specs").glob(f"{fingerprint}.json")
    path.write_text(json.dumps(matcher.specs["visie"]), encoding="utf-8")  # another's
    assert store.competence_spec(fingerprint) is None
    path.write_bytes(b"\x00\xff garbage")
    assert store.competence_spec(fingerprint) is None
    assert store.competence_spec("0" * 20) is None


@pytest.mark.parametrize(
    "damage",
    [
        "random bytes",
        "empty file",
        "another key",
        "a pattern's terms missing",
        "a term that is no list",
        "numbers for words",
    ],
)
def test_a_damaged_or_foreign_compiled_entry_is_ignored_and_written_again(
    tmp_path: Path, lexicon: Lexicon, damage: str
) -> None:
    LexiconStore(tmp_path).matcher(lexicon).patterns  # noqa: B018 (compiles, writes)
    [path] = entries(tmp_path)
    good = path.read_text(encoding="utf-8")
    entry = json.loads(good)
    if damage == "random bytes":
        path.write_bytes(b"\x80\x03}q\x00(X\x04\xff\xfe garbage")
    elif damage == "empty file":
        path.write_text("", encoding="utf-8")
    else:
        if damage == "another key":
            entry["key"] = "0" * 64
        elif damage == "a pattern's terms missing":
            entry["data"][0][0].pop()
        elif damage == "a term that is no list":
            entry["data"][0][0][0] = "visie"
        else:
            entry["data"][0][0][0][0] = [1, 2]
        path.write_text(json.dumps(entry), encoding="utf-8")
    matcher = LexiconStore(tmp_path).matcher(lexicon)
    assert terms_of(matcher) == terms_of(Matcher(lexicon))
    assert path.read_text(encoding="utf-8") == good  # written anew


def test_a_lexicon_edit_is_a_new_entry_with_the_new_patterns(
    tmp_path: Path, pipeline: Pipeline, default_lexicon: Lexicon
) -> None:
    store = LexiconStore(tmp_path)
    sentence = pipeline.phrase("zeilmaker")

    def ids(lexicon: Lexicon) -> set[str]:
        return {f.competence.id for f in store.matcher(lexicon).match(sentence).found}

    assert "visie" not in ids(default_lexicon)
    text = set_patterns(default_lexicon.text, "visie", ["visie", "zeilmaker"])
    edited = parse_lexicon(default_lexicon.path, text)
    assert "visie" in ids(edited)
    assert len(entries(tmp_path)) == 2
    assert "visie" not in ids(default_lexicon)  # the unedited lexicon reads its own entry
    # the same lexicon at another path: its findings name that path
    moved = parse_lexicon(tmp_path / "elders.yaml", text)
    assert {f.path for f in lint_for(moved, pipeline, tmp_path)} <= {moved.path}


def test_lint_findings_from_the_cache_are_the_findings(tmp_path: Path, pipeline: Pipeline) -> None:
    """A lexicon with errors and warnings: the cached findings are lint's, in order."""
    text = DEFAULT_LEXICON.read_text(encoding="utf-8")
    text = set_patterns(text, "visie", ["visie", "uitzetten", "daadkrachtig"])
    lexicon = parse_lexicon(tmp_path / "competences.yaml", text)
    expected = lint(lexicon, pipeline)
    assert {f.severity for f in expected} == {"error", "warning"}
    assert lint_for(lexicon, pipeline, tmp_path) == expected
    calls: list[int] = []
    import leaderscan.compiled as compiled

    original = compiled.linted

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    compiled.linted = counted  # type: ignore[assignment]
    try:
        assert lint_for(lexicon, pipeline, tmp_path) == expected
        assert calls == []  # from the cache
        for path in entries(tmp_path):  # damaged: linted again and written anew
            path.write_text('{"key": "x", "data": [["a", "b"]]}', encoding="utf-8")
        assert lint_for(lexicon, pipeline, tmp_path) == expected
        assert calls == [1]
        assert lint_for(lexicon, pipeline, tmp_path) == expected
        assert calls == [1]
    finally:
        compiled.linted = original


def add_pattern(text: str, competence_id: str, pattern: str) -> str:
    """The lexicon text with a pattern line put first in a competence's patterns."""
    at = text.index("\n    patterns:\n", text.index(f"  - id: {competence_id}\n")) + 1
    at = text.index("\n", at) + 1
    return text[:at] + f"      - {json.dumps(pattern, ensure_ascii=False)}\n" + text[at:]


def test_the_lint_of_an_edit_is_the_lint_of_the_edited_lexicon(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    """Edit after edit of one file (a new word, a pattern another competence's words
    shadow, a separable verb, a label renamed, a competence taken out): the findings
    from the record of the lint before are those of linting the edited lexicon anew,
    and an edit of one pattern is linted with a few patterns, not the whole lexicon."""
    text = DEFAULT_LEXICON.read_text(encoding="utf-8")
    path = tmp_path / "competences.yaml"
    store = LexiconStore(tmp_path / "cache")
    lexicon = parse_lexicon(path, text)
    assert store.lint(lexicon, pipeline, at_most=50) is None  # no lint before: all of it
    assert store.lint(lexicon, pipeline) == lint(lexicon, pipeline)
    first = text.index("  - id: ", text.index("  - id: flexibel") + 1)
    edits = [
        add_pattern(text, "flexibel", "rekbaar"),
        add_pattern(text, "visie", "daadkrachtig"),
        add_pattern(text, "visie", "uitzetten"),
        text.replace("label: Flexibel\n", "label: Wendbaar\n", 1),
        text[: text.index("  - id: flexibel")] + text[first:],
    ]
    kinds = set()
    for edited in edits:
        lexicon = parse_lexicon(path, edited)
        expected = lint(lexicon, pipeline)
        kinds |= {f.severity for f in expected}
        assert store.lint(lexicon, pipeline) == expected
    assert kinds == {"error", "warning"}
    small = parse_lexicon(path, add_pattern(edits[-1], "visie", "zeilmaker"))
    assert store.lint(small, pipeline, at_most=50) == lint(small, pipeline)
    # a damaged record: the lexicon is linted anew, with the same findings
    for record in (tmp_path / "cache" / "lints").glob("*.json"):
        data = json.loads(record.read_text(encoding="utf-8"))
        for comp in data["data"][2].values():
            comp["patterns"] = [[1, 2, [["error", "no such kind", {}]]] for _ in comp["patterns"]]
        record.write_text(json.dumps(data), encoding="utf-8")
    again = parse_lexicon(path, add_pattern(edits[-1], "visie", "zeilmakers"))
    assert store.lint(again, pipeline) == lint(again, pipeline)


def test_a_run_gives_the_same_results_with_and_without_the_lexicon_cache(
    tmp_path: Path, pipeline: Pipeline, default_lexicon: Lexicon
) -> None:
    """The bundled corpus measured without a cache, then twice with one (the second
    time with the compiled patterns and lint findings from it)."""
    from leaderscan.cache import Cache
    from leaderscan.gate import checked_lexicon

    corpus = ROOT / "corpus"
    expected = found(measure(corpus, default_lexicon, pipeline, DIRECT))
    cache = Cache(tmp_path)
    for _ in range(2):
        lexicon = checked_lexicon(DEFAULT_LEXICON, pipeline, default_lexicon, cache=cache)
        assert found(measure(corpus, lexicon, pipeline, DIRECT, cache=cache)) == expected
    assert len(entries(tmp_path)) == 2  # the patterns and the findings


@pytest.mark.parametrize(
    "text",
    [
        "zin",
        "Samenwerken",
        "je bent verbindend en resultaatgericht",
        "XD",
        "Straße ªº µ İstanbul",
        "naïeve coöperatie",
        "ʼs avonds",
    ],
)
def test_plain_words_read_without_spacy_as_spacy_reads_them(pipeline: Pipeline, text: str) -> None:
    block = Block(2, "Wie ben jij", text)
    fast = list(pipeline.sentences([block]))
    # the same text through spaCy's tokenizer and leaderscan's sentencizer
    slow = list(pipeline.sentences([Block(2, "Wie ben jij", text + " .")]))
    assert len(fast) == len(slow) == 1
    assert fast[0].words == slow[0].words[:-1]
    assert fast[0].lemmas == slow[0].lemmas[:-1]
    assert fast[0].offsets == slow[0].offsets[:-1]
    assert fast[0].text == text and (fast[0].page, fast[0].section) == (2, "Wie ben jij")


def lexicon_fields(lexicon: Lexicon) -> tuple[object, ...]:
    return (lexicon, lexicon.warnings, lexicon.sources, lexicon.text)


@pytest.mark.parametrize("damage", ["none", "random bytes", "a number as text", "a field short"])
def test_a_parsed_lexicon_from_the_cache_is_the_parsed_lexicon(tmp_path: Path, damage: str) -> None:
    from leaderscan.compiled import load_lexicon_cached
    from leaderscan.lexicon import load_lexicon

    path = tmp_path / "lex" / "competences.yaml"
    path.parent.mkdir()
    # labels, examples, exclusions and windows of its own
    text = DEFAULT_LEXICON.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    expected = lexicon_fields(load_lexicon(path))
    root = tmp_path / "cache"
    assert lexicon_fields(load_lexicon_cached(path, root)) == expected
    [entry] = entries(root)
    good = entry.read_text(encoding="utf-8")
    if damage == "random bytes":
        entry.write_bytes(b"\x00\xff" * 100)
    elif damage != "none":
        data = json.loads(good)
        if damage == "a number as text":
            data["data"][5] = "8"  # the window
        else:
            data["data"][2][0].pop()  # a competence's last field
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert lexicon_fields(load_lexicon_cached(path, root)) == expected
    assert entry.read_text(encoding="utf-8") == good  # read, or written anew
    path.write_text(text.replace("\nwindow: 8\n", "\nwindow: 9\n"), encoding="utf-8")
    assert load_lexicon_cached(path, root).window == 9  # an edit is another entry
    assert len(entries(root)) == 2


def test_an_edited_lexicon_is_parsed_as_a_whole_text_is(tmp_path: Path) -> None:
    """An edit of the lexicon file the cache parsed last is parsed only where it changed
    (lexicon_edit.py): edit after edit, the lexicon, its lines and its warnings, or its
    errors, are those of parsing the whole text."""
    from leaderscan.compiled import load_lexicon_cached
    from leaderscan.errors import LexiconError
    from leaderscan.lexicon import load_lexicon
    from leaderscan.lexicon_edit import _reused

    path = tmp_path / "competences.yaml"
    root = tmp_path / "cache"
    text = DEFAULT_LEXICON.read_text(encoding="utf-8")
    start = text.index("  - id: flexibel\n")
    end = text.index("  - id: ", start + 1)
    block = text[start:end]
    at = text.index("\n      - flexibiliteit\n", start) + 1
    with_word = (
        text[:at] + "      - rekbaar\n      - {words: wendbaar zijn, window: 3}\n" + text[at:]
    )
    edits = {  # each: the text, and whether blocks of the text before it are reused
        "a pattern added, the lines below move": (with_word, True),
        "a label changed": (with_word.replace("label: Flexibel\n", "label: Wendbaar\n", 1), True),
        "a competence taken out": (text[:start] + text[end:], True),
        "a competence moved to the end": (text[:start] + text[end:] + block, True),
        "a competence added": (
            text + "  - id: nieuw\n    label: Nieuw\n    orientation: Strateeg\n"
            "    patterns: [nieuwsgierig]\n",
            True,
        ),
        "the same id twice": (text[:end] + block + text[end:], None),
        "an unknown orientation": (
            text.replace(block, block.replace("Ontwikkelaar", "Ontw")),
            None,
        ),
        "a list not closed": (text[:at] + "      - [rekbaar\n" + text[at:], None),
        "the window changed": (text.replace("\nwindow: 8\n", "\nwindow: 9\n"), False),
        "an anchor": (text[:at] + "      - &woord rekbaar\n" + text[at:], False),
    }
    path.write_text(text, encoding="utf-8")
    previous = load_lexicon(path)
    load_lexicon_cached(path, root)
    for name, (edited, reusable) in edits.items():
        path.write_text(edited, encoding="utf-8")
        if reusable is None:  # an error: the same problems, with the same lines
            with pytest.raises(LexiconError) as whole:
                load_lexicon(path)
            with pytest.raises(LexiconError) as cached:
                load_lexicon_cached(path, root)
            assert cached.value.problems == whole.value.problems, name
            continue
        expected = load_lexicon(path)
        got = load_lexicon_cached(path, root)
        assert lexicon_fields(got) == lexicon_fields(expected), name
        assert [(c.line, [p.line for p in (*c.patterns, *c.exclude)]) for c in got.competences] == [
            (c.line, [p.line for p in (*c.patterns, *c.exclude)]) for c in expected.competences
        ], name
        assert (_reused(path, edited, previous) is not None) == reusable, name
        previous = expected
    # an edited copy under another name: the lexicon parsed last, of any file, serves
    path.write_text(text, encoding="utf-8")
    load_lexicon_cached(path, root)
    copy = tmp_path / "kopie.yaml"
    copy.write_text(text.replace("label: Flexibel\n", "label: Wendbaar\n", 1))
    assert lexicon_fields(load_lexicon_cached(copy, root)) == lexicon_fields(load_lexicon(copy))
    assert _reused(copy, copy.read_text(), load_lexicon(path)) is not None


def test_lint_findings_are_kept_per_language(tmp_path: Path) -> None:
    """A finding read from the cache is in the language of the command that reads it."""
    from leaderscan.cli.language import use_language
    from leaderscan.compiled import _key
    from leaderscan.lexicon import DEFAULT_LEXICON, load_lexicon

    lexicon = load_lexicon(DEFAULT_LEXICON)
    english = _key("lint", lexicon, "p")
    use_language("nl")
    assert _key("lint", lexicon, "p") != english
    assert _key("terms", lexicon) == (use_language("en") and _key("terms", lexicon))
