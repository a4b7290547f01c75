"""Where `leaderscan suggest` ranks the competences a coder found outside the lexicon.

    python bench/suggest_rank.py bench/testset bench/testset2 ../shared/realworld-dev
    python bench/suggest_rank.py bench/testset --model simplemma --misses

A set is a folder with ``corpus/`` and either ``not_in_lexicon.csv`` (document,
competence, quote; the test sets) or ``gold.yaml`` with a ``not_in_lexicon`` list per
file and ``corpus_manifest.yaml`` naming each file's document (the real-vacancies set).

An expected competence is its label with the documents it was coded in. A candidate is
that competence when (1) it was found in one of those documents and (2) a word of the
candidate (its key or a word of one of its forms) has the same root as a word of the
label (``leaderscan.cues.root``: stressbestendigheid = stressbestendig, advisering =
adviesvaardig = adviseren; label words in brackets or after '/' count as alternatives),
leaving out words that name no competence on their own (werken, houding, goed, …). Its
rank is the place of the first such candidate among all candidates, by suggest's order.

Printed per set: how many expected competences are in two or more documents and how many
of them are in the first 30, how many are in one and how many of those in the first 60
(the targets: all, and most), and with --misses the rank of each.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import yaml

from leaderscan.cues import root
from leaderscan.discover import discover
from leaderscan.lemmatise import load_pipeline
from leaderscan.lexicon import DEFAULT_LEXICON, load_lexicon
from leaderscan.suggest import Candidate, suggest

ROOT = Path(__file__).resolve().parent.parent
# words of a label that name no competence on their own
UNSPECIFIC = frozenset(
    {
        "werken",
        "omgaan",
        "houding",
        "instelling",
        "vermogen",
        "vaardigheid",
        "kunnen",
        "zijn",
        "goed",
        "hebben",
        "mensen",
        "tijd",
        "eigen",
        "staan",
        "blijven",
        "maken",
        "kennis",
        "ervaring",
    }
)


def label_roots(label: str) -> set[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    words = re.findall(r"[^\W\d_]+", label.lower())
    return {root(w) for w in words if len(w) >= 4 and w not in STOP_WORDS and w not in UNSPECIFIC}


def candidate_roots(c: Candidate) -> set[str]:
    out = set(c.key)
    for form in c.forms:
        out |= {root(w) for w in re.findall(r"[^\W\d_]+", form) if len(w) >= 4}
    return out - {root(w) for w in UNSPECIFIC}


def expected(folder: Path) -> dict[str, set[str]]:
    """competence label -> the documents (as suggest names them) it was coded in."""
    out: dict[str, set[str]] = {}
    csv_file = folder / "not_in_lexicon.csv"
    if csv_file.is_file():
        with csv_file.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                out.setdefault(row["competence"].strip().lower(), set()).add(row["document"])
        return out
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    manifest = yaml.safe_load((folder / "corpus_manifest.yaml").read_text(encoding="utf-8"))
    document = {d["file"]: d["path"].removeprefix("corpus/") for d in manifest["documents"]}
    for d in gold["documents"]:
        for item in d.get("not_in_lexicon") or []:
            out.setdefault(item["competence"].strip().lower(), set()).add(document[d["file"]])
    return out


def ranks(candidates: list[Candidate], wanted: dict[str, set[str]]) -> dict[str, int | None]:
    roots = [candidate_roots(c) for c in candidates]
    out: dict[str, int | None] = {}
    for label, documents in wanted.items():
        want = label_roots(label)
        out[label] = next(
            (
                i + 1
                for i, c in enumerate(candidates)
                if c.documents & documents and roots[i] & want
            ),
            None,
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    ap.add_argument("--model", default="simplemma")
    ap.add_argument("--misses", action="store_true", help="print the rank of every competence")
    args = ap.parse_args()
    lexicon = load_lexicon(args.lexicon)
    pipeline = load_pipeline(args.model)
    print(f"{'set':<28} {'multi':>6} {'in 30':>6} {'single':>7} {'in 60':>6}  candidates")
    for folder in args.sets:
        wanted = expected(folder)
        candidates, _ = suggest(discover(folder / "corpus"), lexicon, pipeline, top=10**6)
        found = ranks(candidates, wanted)
        multi = [k for k, docs in wanted.items() if len(docs) >= 2]
        single = [k for k, docs in wanted.items() if len(docs) == 1]
        in30 = sum(1 for k in multi if (found[k] or 10**9) <= 30)
        in60 = sum(1 for k in single if (found[k] or 10**9) <= 60)
        print(
            f"{str(folder):<28} {len(multi):>6} {in30:>6} {len(single):>7} {in60:>6}  {len(candidates)}"
        )
        if args.misses:
            for k in sorted(wanted, key=lambda k: (found[k] or 10**9, k)):
                where = found[k]
                shown = candidates[where - 1].label if where else "-"
                print(f"    {where or '-':>5}  {len(wanted[k])} doc  {k}  <- {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
