"""Candidate competences (suggest), the coding sheet, and the sheet back into a lexicon."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from leaderscan.cli import cli
from leaderscan.cues import root

from .conftest import make_txt

PROFILE = "Wie ben jij\n"
ABOUT = "Wie zijn wij\nTalis werkt al jaren in de wijk. Wij zijn flexibel en klantgericht.\n\n"
OFFER = "\n\nWat bieden wij\nJe bent welkom in een resultaatbewuste en zorgzame organisatie.\n"


def _corpus(tmp_path: Path, profiles: list[str]) -> Path:
    corpus = tmp_path / "corpus"
    for i, text in enumerate(profiles):
        make_txt(
            corpus / "Talis" / "wijk" / f"v{i}_buurtwerker.txt", ABOUT + PROFILE + text + OFFER
        )
    return corpus


def _suggest(corpus: Path, lexicon: Path, *extra: str) -> list[dict[str, str]]:
    r = CliRunner().invoke(
        cli,
        # the Dutch header (kandidaat, documenten, …), as a Dutch user's sheet has it
        [
            "suggest",
            str(corpus),
            "--lexicon",
            str(lexicon),
            "--format",
            "csv",
            "--lang",
            "nl",
            *extra,
        ],
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    return list(csv.DictReader(r.stdout.removeprefix("\ufeff").splitlines()))


def test_suggest_root_groups_derivations() -> None:
    assert root("adviesvaardigheden") == root("adviesvaardig") == root("adviseren")
    assert root("zelfstandigheid") == root("zelfstandig")
    assert root("stressbestendigheid") == root("stressbestendig")
    assert root("flexibiliteit") == root("flexibel")
    assert root("stabiliteit") == root("stabiel")
    assert root("inlevingsvermogen") == root("inleven")
    assert root("stressbestendig") != root("zelfstandig")


def test_suggest_finds_what_the_vacancy_asks_ranked_by_documents(
    tmp_path: Path, lexicon_file: Path
) -> None:
    corpus = _corpus(
        tmp_path,
        [
            "Je bent flexibel, stressbestendig en communicatief. Je bent adviesvaardig. "
            "Je hebt ervaring met huurrecht.",
            "U bent stressbestendig en nieuwsgierig naar de verhalen van bewoners. "
            "U adviseert het bestuur over de buurtaanpak. Je hebt ervaring met huurrecht.",
            "Stressbestendig\nJe hebt sterke adviesvaardigheden en een open houding. "
            "Je hebt ervaring met huurrecht.",
        ],
    )
    rows = _suggest(corpus, lexicon_file)
    labels = [r["kandidaat"] for r in rows]
    assert labels[0] == "stressbestendig" and rows[0]["documenten"] == "3"
    advice = next(r for r in rows if "adviesvaardig" in r["vormen"])
    assert advice["documenten"] == "3"  # adviesvaardig, adviseren, adviesvaardigheden
    assert "adviseren" in advice["vormen"] and "adviesvaardigheden" in advice["vormen"]
    assert "nieuwsgierig" in labels  # not "nieuwsgierig naar de verhalen"
    assert "open houding" in labels
    # in three documents, but a domain: below the traits of two and three documents
    assert labels.index("ervaring met huurrecht") > labels.index(advice["kandidaat"])
    assert "communicatief" not in labels  # the lexicon covers it
    assert "talis" not in labels and "buurtwerker" not in labels  # name and job title
    # the employer's clause ("Wij zijn … klantgericht") and the offer section do not count
    assert not {"klantgericht", "resultaatbewuste", "zorgzame", "welkom"} & set(labels)
    assert "Je bent adviesvaardig." in advice["voorbeelden"]
    assert _suggest(corpus, lexicon_file, "--min-documents", "3")[-1]["documenten"] == "3"


def test_suggest_reads_the_requirement_templates(tmp_path: Path, lexicon_file: Path) -> None:
    """ "houdt van X", "weet je X te Y", a compound ability noun with its adjectives,
    "verantwoordelijk voor de registratie richting …", "oog en oor heeft voor X", and
    "kennis van" a law: each asked in the text's own words."""
    corpus = _corpus(
        tmp_path,
        [
            "Je houdt van afwisseling. Je weet je grenzen te bewaken. "
            "Je hebt een open en nieuwsgierige werkhouding. "
            "Je bent verantwoordelijk voor de registratie richting de gemeente. "
            "Je hebt kennis van de Jeugdwet.",
            "Iemand die houdt van afwisseling en oog en oor heeft voor de zorgen van "
            "huurders. Je hebt affiniteit met kunst en een ruime werkervaring in de zorg."
            "\n- Kennis van de Woningwet\n- Afgeronde hbo-opleiding",
        ],
    )
    rows = _suggest(corpus, lexicon_file)
    by_label = {r["kandidaat"]: r for r in rows}
    labels = [r["kandidaat"] for r in rows]
    assert by_label["houdt van afwisseling"]["documenten"] == "2"
    assert "grenzen bewaken" in labels
    assert "open nieuwsgierige werkhouding" in labels
    assert "registratie" in labels  # not "registratie richting"
    assert "oog en oor heeft voor de zorgen van huurders" in labels
    laws = by_label["kennis van wetgeving …"]
    assert laws["documenten"] == "2"
    assert set(laws["vormen"].split("; ")) == {"kennis van de jeugdwet", "kennis van de woningwet"}
    # the object of "affiniteit met" ends where a new phrase begins
    assert "affiniteit met kunst" in by_label["affiniteit met …"]["vormen"]
    assert "werkervaring" not in by_label["affiniteit met …"]["vormen"]
    # a diploma is a qualification: below every ask of one document
    assert labels.index("afgeronde hbo-opleiding") > labels.index("grenzen bewaken")


def test_suggest_ranks_the_profile_above_text_under_no_heading(
    tmp_path: Path, lexicon_file: Path
) -> None:
    corpus = tmp_path / "corpus"
    make_txt(
        corpus / "Talis" / "wijk" / "v0_buurtwerker.txt",
        "Talis zoekt een buurtwerker.\nJe bent punctueel.\n\n" + PROFILE + "Je bent gastvrij.\n",
    )
    labels = [r["kandidaat"] for r in _suggest(corpus, lexicon_file)]
    assert labels.index("gastvrij") < labels.index("punctueel")


def test_suggest_sheet_has_the_orientations_to_choose(tmp_path: Path, lexicon_file: Path) -> None:
    corpus = _corpus(tmp_path, ["Je bent stressbestendig.", "U bent stressbestendig."])
    sheet = tmp_path / "kandidaten.xlsx"
    r = CliRunner().invoke(
        cli,
        ["suggest", str(corpus), "--lexicon", str(lexicon_file), "--sheet", str(sheet)]
        + ["--lang", "nl"],  # a Dutch HR adviser's sheet
    )
    assert r.exit_code == 0, r.output
    ws = load_workbook(sheet).active
    header = [c.value for c in ws[1]]
    assert header[header.index("oriëntatie") + 1 : header.index("oriëntatie") + 3] == [
        "id",
        "label",
    ]
    assert ws.cell(row=2, column=1).value == "stressbestendig"
    assert ws.data_validations.dataValidation[0].formula1 == (
        '"Strateeg,Verkenner,Ontwikkelaar,Procesmanager,Overig"'
    )


def test_suggest_sheet_round_trip_adds_an_entry_the_next_run_counts(
    tmp_path: Path, lexicon_file: Path
) -> None:
    corpus = _corpus(
        tmp_path,
        ["Je bent stressbestendig en geduldig.", "U bent stressbestendig.", "Je bent geduldig."],
    )
    sheet = tmp_path / "kandidaten.csv"
    runner = CliRunner()
    r = runner.invoke(
        cli,
        ["suggest", str(corpus), "--lexicon", str(lexicon_file), "--sheet", str(sheet)]
        + ["--delimiter", ";", "--lang", "nl"],
    )
    assert r.exit_code == 0, r.output
    raw = sheet.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(raw.removeprefix("\ufeff").splitlines(), delimiter=";"))
    for row in rows:
        if row["kandidaat"] == "stressbestendig":
            row["oriëntatie"] = "Procesmanager"
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    before = lexicon_file.read_text(encoding="utf-8")
    # the Dutch sheet read back by an English command: either language's columns are read
    add = ["lexicon", "add-from-sheet", str(sheet), "--lexicon", str(lexicon_file), "--lang", "en"]
    r = runner.invoke(cli, add)
    assert r.exit_code == 0, r.output
    after = lexicon_file.read_text(encoding="utf-8")
    assert after.startswith(before)  # the rest of the file as it was
    assert "id: stressbestendig" in after and "id: geduldig" not in after  # no orientation

    out = tmp_path / "out"
    r = runner.invoke(cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out)])
    assert r.exit_code == 0, r.output
    with (out / "evidence.csv").open(encoding="utf-8-sig", newline="") as f:
        evidence = [h for h in csv.DictReader(f) if h["competence_id"] == "stressbestendig"]
    assert len({h["document"] for h in evidence}) == 2
    assert _suggest(corpus, lexicon_file)[0]["kandidaat"] == "geduldig"  # no longer a candidate

    r = runner.invoke(cli, add)  # the id is there now: refused, the file unchanged
    assert r.exit_code == 2
    assert "id 'stressbestendig' is already in" in r.stderr and "--replace" in r.stderr
    assert lexicon_file.read_text(encoding="utf-8") == after
    r = runner.invoke(cli, [*add, "--replace"])
    assert r.exit_code == 0, r.output
    assert lexicon_file.read_text(encoding="utf-8").count("id: stressbestendig") == 1


def test_suggest_sheet_unknown_orientation_is_one_line(tmp_path: Path, lexicon_file: Path) -> None:
    sheet = tmp_path / "k.csv"
    sheet.write_text(
        "\ufeffkandidaat,vormen,oriëntatie,id,label\r\ngeduldig,geduldig,Verkener,,\r\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        cli, ["lexicon", "add-from-sheet", str(sheet), "--lexicon", str(lexicon_file)]
    )
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        f"leaderscan: {sheet} row 2: unknown orientation 'Verkener'; use one of "
        "Strateeg, Verkenner, Ontwikkelaar, Procesmanager, Overig"
    ]


def test_suggest_report_and_comparison_show_what_the_lexicon_did_not_count(
    tmp_path: Path, lexicon_file: Path
) -> None:
    corpus = _corpus(tmp_path, ["Je bent stressbestendig.", "U bent stressbestendig en geduldig."])
    out = tmp_path / "out"
    runner = CliRunner()
    r = runner.invoke(cli, ["run", str(corpus), "--lexicon", str(lexicon_file), "--out", str(out)])
    assert r.exit_code == 0, r.output
    moved = tmp_path / "corpus-moved"
    corpus.rename(moved)  # from the saved run alone, not the corpus
    r = runner.invoke(cli, ["report", str(out)])
    assert r.exit_code == 0, r.output
    html = (out / "report.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="niet-in-lexicon">') :]
    section = section[: section.index("</section>")]
    assert "stressbestendig (2 documents)" in section
    assert "geduldig (1 document)" in section
    r = runner.invoke(cli, ["compare", str(out), str(out), "--format", "md"])
    assert r.exit_code == 0, r.output
    md = r.stdout[r.stdout.index("## Not in the lexicon") :]
    assert "- stressbestendig (2 documents)\n- geduldig (1 document)\n" in md
    r = runner.invoke(cli, ["compare", str(out), str(out), "--lang", "nl"])
    assert "Niet in het lexicon" in r.stdout and "stressbestendig (2 documenten)" in r.stdout


def test_suggest_and_try_take_the_extension_on_top_of_2021(tmp_path: Path) -> None:
    """With both lexicons, what the extension covers is no longer a candidate, and try
    finds it."""
    corpus = tmp_path / "corpus"
    for name in ("a.txt", "b.txt"):
        make_txt(
            corpus / "Gemeente_Oord" / "wijk" / name, "Wie ben jij?\nJe bent stressbestendig.\n"
        )
    runner = CliRunner()
    alone = runner.invoke(cli, ["suggest", str(corpus), "--model", "simplemma", "--format", "csv"])
    both = runner.invoke(
        cli,
        ["suggest", str(corpus), "--model", "simplemma", "--format", "csv"]
        + ["--lexicon", "competences", "--lexicon", "uitbreiding"],
    )
    assert alone.exit_code == 0 and both.exit_code == 0, (alone.output, both.output)
    assert "stressbestendig" in alone.stdout and "stressbestendig" not in both.stdout
    r = runner.invoke(
        cli,
        ["try", "Je bent stressbestendig.", "--model", "simplemma"]
        + ["--lexicon", "competences", "--lexicon", "uitbreiding"],
    )
    assert r.exit_code == 0 and "Stressbestendig" in r.stdout


def test_suggest_csv_header_follows_the_language(tmp_path: Path, lexicon_file: Path) -> None:
    corpus = _corpus(tmp_path, ["Je bent stressbestendig.", "Je bent stressbestendig."])
    for language, header in (
        ("en", "candidate,documents,times"),
        ("nl", "kandidaat,documenten,keer"),
    ):
        r = CliRunner().invoke(
            cli,
            [
                "suggest",
                str(corpus),
                "--lexicon",
                str(lexicon_file),
                "--format",
                "csv",
                "--lang",
                language,
            ],
        )
        assert r.exit_code == 0, r.output
        assert r.stdout.removeprefix("\ufeff").startswith(header)
