"""The hand-coded test sets stay consistent with the lexicon (a renamed competence
would silently drop out of the accuracy measurement otherwise)."""

from __future__ import annotations

import importlib.util

import pytest

from leaderscan.lexicon import DEFAULT_LEXICON
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("check_gold", ROOT / "bench" / "check_gold.py")
assert spec is not None and spec.loader is not None
check_gold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_gold)


@pytest.mark.parametrize(
    "name",
    [
        "testset",
        "testset2",
        "testset3",
        "testset4",
        "testset5",
        "testset6",
        "testset7",
        "testset8",
        "testset9",
        "testset10",
        "testset11",
        "testset12",
        "testset13",
    ],
)
def test_testsets_gold_matches_its_texts_and_the_lexicon(name: str) -> None:
    problems, counts = check_gold.check(ROOT / "bench" / name, DEFAULT_LEXICON)
    assert problems == []
    assert sum(counts.values()) > 150


@pytest.mark.parametrize("name", ["testset9", "testset10"])
def test_second_coding_matches_its_texts_and_the_lexicon(name: str) -> None:
    problems, counts = check_gold.check(
        ROOT / "bench" / name, DEFAULT_LEXICON, "gold-second-coder.csv"
    )
    assert problems == []
    assert sum(counts.values()) > 150
