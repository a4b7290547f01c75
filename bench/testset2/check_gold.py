# Checks gold.csv and not_in_lexicon.csv against the corpus and competences.yaml
# (id, label, orientation only). Run from the repository root: python3 bench/testset2/check_gold.py
import collections
import csv
import os
import re

import yaml

base = "bench/testset2"
corp = base + "/corpus"
lex = yaml.safe_load(open("competences.yaml", encoding="utf-8"))
ents = {c["id"]: (c["label"], c["orientation"]) for c in lex["competences"]}
raw = open(base + "/gold.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
errs = 0
rows = list(csv.DictReader(open(base + "/gold.csv", encoding="utf-8-sig")))
assert list(rows[0].keys()) == [
    "document",
    "organisation",
    "cell",
    "orientation",
    "competence_id",
    "competence",
    "quote",
    "section",
]
pairs = collections.Counter()
for r in rows:
    p = os.path.join(corp, r["document"])
    if not os.path.exists(p):
        print("missing doc", r["document"])
        errs += 1
        continue
    org, cell = r["document"].split("/")[:2]
    if (org, cell) != (r["organisation"], r["cell"]):
        print("org/cell mismatch", r)
        errs += 1
    if r["competence_id"] not in ents:
        print("bad id", r["competence_id"])
        errs += 1
        continue
    if ents[r["competence_id"]] != (r["competence"], r["orientation"]):
        print("label/orientation mismatch", r["competence_id"])
        errs += 1
    text = open(p, encoding="utf-8").read()
    qi = text.find(r["quote"])
    if qi < 0:
        print("quote not found", r["document"], "|", r["quote"])
        errs += 1
        continue
    # the section heading must occur before the quote, on a line of its own or glued to the text
    heads = [m.start() for m in re.finditer(r"(?m)^" + re.escape(r["section"]), text)]
    if not heads or min(heads) > qi:
        print("section not before quote", r["document"], "|", r["section"], "|", r["quote"])
        errs += 1
    pairs[(r["document"], r["competence_id"])] += 1
for k, v in pairs.items():
    if v > 1:
        print("duplicate", k)
        errs += 1
for r in csv.DictReader(open(base + "/not_in_lexicon.csv", encoding="utf-8-sig")):
    t = open(os.path.join(corp, r["document"]), encoding="utf-8").read()
    if r["quote"] not in t:
        print("nil quote not found", r)
        errs += 1
print("errors:", errs, "| rows:", len(rows))
