"""Agreement with hand coding, per pipeline and per set of texts (docs/accuracy.md).

    python bench/accuracy.py [--model simplemma --model PATH ...] [--lexicon FILE]

Runs ``leaderscan run`` and ``leaderscan evaluate`` (as a user would) on:

- the bundled corpus against the thesis's coding (docs/gold/boon-2021.csv);
- bench/testset … bench/testset10: fictional vacancies in real styles, coded before any
  run, each measured blind first; the first seven then used to find gaps in the lexicon
  (the fifth in round 6, the sixth in round 7, the seventh in round 8), the eighth,
  ninth and tenth never;
- ../shared/realworld-dev when it is there: real vacancies with a hand coding
  (third-party texts, read in place, never copied).

and prints micro precision, recall and F1 over document x competence decisions (the
scored orientations; Overig apart) and over organisation x cell decisions (what
Figure 26 counts), as a Markdown table. Default pipelines: the offline one, the
trained stand-in at ../shared/models/nl_ud_proxy when it is there, and
nl_core_news_sm when it is installed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from leaderscan.lexicon import DEFAULT_LEXICON

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STAND_IN = SHARED / "models" / "nl_ud_proxy"
REALWORLD = SHARED / "realworld-dev"


def sets(tmp: Path) -> list[tuple[str, Path, Path]]:
    own = [  # (number, texts, how it was used)
        ("", 24, "used in development"),
        ("2", 24, "used in development"),
        ("3", 20, "used in development"),
        ("4", 16, "used in development since round 5"),
        ("5", 24, "used in development since round 6"),
        ("6", 24, "blind in round 6, used in development since round 7"),
        ("7", 24, "blind in round 7, used in development since round 8"),
        ("8", 24, "blind until round 9, used in development since round 9"),
        ("9", 12, "blind until round 10, used in development since round 10"),
        ("10", 12, "blind until round 10, used in development since round 10"),
        ("11", 12, "blind until round 11, used in development since round 11"),
        ("12", 12, "blind until round 12, used in development since round 12"),
        ("13", 12, "blind: coded before any run, never used to change leaderscan"),
    ]
    out = [("bundled corpus (thesis coding)", ROOT / "corpus", ROOT / "docs/gold/boon-2021.csv")]
    for n, texts, use in own:
        folder = ROOT / f"bench/testset{n}"
        label = f"own test set {n or 1} ({texts} texts, {use})"
        out.append((label, folder / "corpus", folder / "gold.csv"))
    if (REALWORLD / "gold.yaml").is_file():
        out.append(("realworld-dev (11 real texts)", REALWORLD / "corpus", realworld_gold(tmp)))
    return out


def realworld_gold(tmp: Path) -> Path:
    """The development set's gold.yaml as evaluate's gold CSV (document paths as in a run)."""
    manifest = yaml.safe_load((REALWORLD / "corpus_manifest.yaml").read_text(encoding="utf-8"))
    where = {m["file"]: m for m in manifest["documents"]}
    gold = yaml.safe_load((REALWORLD / "gold.yaml").read_text(encoding="utf-8"))
    path = tmp / "realworld-gold.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["document", "organisation", "cell", "orientation", "competence_id"])
        for d in gold["documents"]:
            m = where[d["file"]]
            doc = f"{m['organisation']}/{m['cell']}/{m['document']}"
            rows = d["competences"] or [{"orientation": "", "competence_id": ""}]
            for c in rows:
                w.writerow(
                    [doc, m["organisation"], m["cell"], c["orientation"], c["competence_id"]]
                )
    return path


def leaderscan(*args: str) -> str:
    cmd = [sys.executable, "-m", "leaderscan", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
    return r.stdout


def measure(model: str, corpus: Path, gold: Path, out: Path, lexicon: Path) -> dict[str, dict]:
    leaderscan(
        "run", str(corpus), "--out", str(out), "--model", model, "--lexicon", str(lexicon),
        "--no-cache", "--overwrite", "-q",
    )  # fmt: skip
    levels = json.loads(leaderscan("evaluate", str(out), str(gold), "--format", "json"))
    return {"document" if e["level"] == "document" else "cell": e["overall"] for e in levels}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", help="a pipeline (repeatable)")
    ap.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    ap.add_argument(
        "--only", action="append", help="only the sets whose label has this text (repeatable)"
    )
    a = ap.parse_args()
    models = a.model or ["simplemma"]
    if not a.model and STAND_IN.is_dir():
        models.append(str(STAND_IN))
    if not a.model and importlib.util.find_spec("nl_core_news_sm") is not None:
        models.append("nl_core_news_sm")
    print(
        f"lexicon: {a.lexicon.relative_to(ROOT) if a.lexicon.is_relative_to(ROOT) else a.lexicon}"
    )
    print()
    print("| texts | pipeline | P | R | F1 | cells P | cells R | cells F1 |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for label, corpus, gold in sets(Path(tmp)):
            if a.only and not any(o in label for o in a.only):
                continue
            for model in models:
                name = Path(model).name if "/" in model else model
                s = measure(model, corpus, gold, Path(tmp) / f"out-{name}", a.lexicon)
                d, c = s["document"], s["cell"]
                print(
                    f"| {label} | {name} | {d['precision']:.2f} | {d['recall']:.2f} | "
                    f"{d['f1']:.2f} | {c['precision']:.2f} | {c['recall']:.2f} | {c['f1']:.2f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
