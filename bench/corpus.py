"""Benchmark: leaderscan on N synthetic two-page vacancy texts (half PDF, half DOCX).

For each N it measures, in one go on this machine:

* floor: a bare loop that only extracts the same files' text (PDFium for the PDFs,
  python-docx for the DOCX), in one process;
* cold: ``leaderscan run`` with an empty cache;
* warm: ``leaderscan run`` again after a lexicon edit (one pattern added), with
  the cache of the cold run;
* peak memory: the largest sum of the resident memory (RSS, and PSS, which shares out
  the pages processes share) of leaderscan and its workers, sampled every 50 ms;
* CPU time: user + system of the run and its workers (steadier than the wall time on a
  busy machine).

    pip install -e '.[test,bench]'
    python bench/corpus.py --sizes 100 1000 5000 --workdir /tmp/leaderscan-bench

leaderscan's modules are byte-compiled first, as ``pip install`` does: where
PYTHONDONTWRITEBYTECODE is set (as on the benchmark machine), an editable install
would otherwise compile every module again at each start (some 0.2 s).

Each measurement is taken --repeat times (default 3, each time from an empty
cache) and the median is shown. Prints a Markdown table for docs/benchmarks.md.
Generated corpora are kept in --workdir and reused.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from leaderscan.lexicon import DEFAULT_LEXICON

ROOT = Path(__file__).resolve().parent.parent
ORGS = ["Talis", "Bindkracht10", "Portaal", "Sterker"]
CELLS = ["wijk", "lijn"]
INTRO = [
    "{org} is een organisatie in Nijmegen met ruim {n} medewerkers.",
    "Wij werken elke dag aan goed wonen en samenleven in de wijken van de stad.",
    "Onze medewerkers staan dicht bij bewoners en partners.",
    "In {year} hebben wij een nieuw koersplan vastgesteld.",
]
TASKS = [
    "Je legt verbanden tussen bewoners, gemeente en zorgpartners.",
    "Je bouwt een stevig netwerk op in de wijk en onderhoudt het.",
    "Je werkt samen met collega's van andere afdelingen.",
    "Je signaleert problemen achter de voordeur en schakelt snel.",
    "Je begeleidt vrijwilligers en geeft trainingen over gespreksvoering.",
    "Je stelt jaarlijks een wijkplan op en bewaakt de voortgang.",
    "Je adviseert het managementteam over de strategie voor de komende jaren.",
    "Je voert gesprekken met huurders over overlast en vervuiling.",
    "Je evalueert het gevoerde beleid en stelt het bij waar nodig.",
    "Je zorgt dat projecten binnen tijd en budget worden opgeleverd.",
]
PROFILE = [
    "Je bent communicatief sterk en verbindend.",
    "Je bent resultaatgericht en daadkrachtig.",
    "Je bent flexibel, creatief en stressbestendig.",
    "Je hebt een heldere visie op de wijk.",
    "Je bent coachend en geeft graag feedback.",
    "Je bent besluitvaardig en durft knopen door te hakken.",
    "Je bent integer en betrokken bij de buurt.",
    "Je bent analytisch en werkt methodisch.",
]
NEUTRAL = [
    "De afdeling telt ongeveer twintig collega's en zit in het kantoor aan de rand van het centrum.",
    "In de wijk wonen veel gezinnen, ouderen en studenten door elkaar.",
    "Het werk verschilt per dag: de ene dag zit je op kantoor, de andere dag ben je buiten.",
    "Je rapporteert aan de teamleider en overlegt wekelijks met het team.",
    "De gemeente, de woningcorporaties en de welzijnsorganisatie maken samen afspraken.",
    "Er lopen op dit moment drie projecten voor de renovatie van portiekflats.",
    "Het spreekuur is op dinsdag en donderdag van negen tot twaalf uur.",
    "De functie is ingeschaald in schaal negen van de cao.",
    "Een hbo-opleiding in een sociale of bestuurskundige richting is een vereiste.",
    "Je hebt een rijbewijs en bent bereid om af en toe 's avonds te werken.",
]
OFFER = [
    "Wij bieden een salaris volgens de cao en een goede pensioenregeling.",
    "Je krijgt ruimte voor opleiding en ontwikkeling.",
    "Je werkt 32 tot 36 uur per week, deels thuis.",
]


def text_of(rng: random.Random, org: str) -> list[tuple[str, list[str]]]:
    """Sections of a vacancy of about 900 words, a competence in one sentence of six."""

    def para(pool: list[str], k: int) -> list[str]:
        """k paragraphs of six sentences: one from ``pool``, five neutral ones."""
        out = []
        for _ in range(k):
            sentences = [rng.choice(NEUTRAL) for _ in range(5)]
            sentences.insert(rng.randrange(6), rng.choice(pool))
            out.append(
                " ".join(
                    x.format(org=org, n=rng.randint(100, 900), year=rng.randint(2018, 2026))
                    for x in sentences
                )
            )
        return out

    return [
        ("Wie zijn wij", para(INTRO, 3)),
        ("Wat ga je doen", para(TASKS, 4)),
        ("Wie ben jij", para(PROFILE, 3)),
        ("Wat bieden wij", para(OFFER, 2)),
    ]


def write_pdf(path: Path, title: str, sections: list[tuple[str, list[str]]]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(True, 15)
    for i, (heading, paras) in enumerate(sections):
        if i in (0, 2):
            pdf.add_page()
            if i == 0:
                pdf.set_font("Helvetica", "B", 14)
                pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for p in paras:
            pdf.multi_cell(0, 5, p, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))


def write_docx(path: Path, title: str, sections: list[tuple[str, list[str]]]) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading(title, level=1)
    for i, (heading, paras) in enumerate(sections):
        if i == 2:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        d.add_heading(heading, level=2)
        for p in paras:
            d.add_paragraph(p)
    d.save(str(path))


def make_corpus(folder: Path, n: int) -> Path:
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(n)
    for i in range(n):
        org, cell = ORGS[i % len(ORGS)], CELLS[(i // len(ORGS)) % 2]
        target = folder / org / cell
        target.mkdir(parents=True, exist_ok=True)
        title = f"Vacature {i:05d}"
        sections = text_of(rng, org)
        if i % 2:
            write_docx(target / f"{title}.docx", title, sections)
        else:
            write_pdf(target / f"{title}.pdf", title, sections)
    done.write_text("ok")
    return folder


def floor(folder: Path) -> float:
    """Only extract the text: PDFium for PDFs, python-docx for DOCX, one process."""
    import docx
    import pypdfium2 as pdfium

    start = time.perf_counter()
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".pdf":
            pdf = pdfium.PdfDocument(path.read_bytes())
            for i in range(len(pdf)):
                tp = pdf[i].get_textpage()
                tp.get_text_range()
                tp.close()
            pdf.close()
        elif path.suffix == ".docx":
            d = docx.Document(str(path))
            "\n".join(p.text for p in d.paragraphs)
    return time.perf_counter() - start


def timed_run(args: list[str], cwd: Path) -> tuple[float, float, float, float]:
    """Wall time, CPU time (user + system, workers included), and the peaks of the summed
    RSS and PSS (MB) of a leaderscan run and its workers. RSS counts the pages a worker
    shares with its parent (libraries, and with forked workers the parent's modules) in
    both; PSS shares them out, so its sum is the memory the run takes."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = psutil.Popen(
        [sys.executable, "-m", "leaderscan", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak = peak_pss = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not stop.is_set():
            try:
                procs = [p for p in [proc, *proc.children(recursive=True)] if p.is_running()]
                infos = [p.memory_full_info() for p in procs]
                peak = max(peak, sum(i.rss for i in infos) / 2**20)
                peak_pss = max(peak_pss, sum(getattr(i, "pss", i.rss) for i in infos) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    stop.set()
    t.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"leaderscan failed ({proc.returncode}):\n{err.decode()}")
    return wall, cpu, peak, peak_pss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/leaderscan-bench"))
    ap.add_argument("--jobs", type=int, default=0, help="leaderscan --jobs (0: its default)")
    ap.add_argument("--model", default="auto")
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement; the median is shown"
    )
    args = ap.parse_args()
    # as an installed package has them (pip byte-compiles at install)
    import leaderscan

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(leaderscan.__file__).parent)],
        check=True,
    )
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    lexicon = work / "competences.yaml"
    edited = work / "competences-edited.yaml"  # a pattern with a word never seen before
    known = work / "competences-known.yaml"  # a pattern of words the lexicon already has
    text = (DEFAULT_LEXICON).read_text(encoding="utf-8")
    lexicon.write_text(text, encoding="utf-8")
    # both edits add a pattern to the competence 'flexibel' (found in a third of the texts)
    old = "  - id: flexibel\n"
    at = text.index("\n      - flexibiliteit\n", text.index(old)) + 1
    assert "rekbaar" not in text and '"flexibel werken"' not in text
    edited.write_text(text[:at] + "      - rekbaar\n" + text[at:], encoding="utf-8")
    known.write_text(text[:at] + '      - "flexibel werken"\n' + text[at:], encoding="utf-8")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, model {args.model}")
    print()
    print(
        "| N | floor (s) | cold (s) | cold docs/s | cold ÷ floor | warm, edit with a new word (s) "
        "| cold ÷ warm | warm, edit with known words (s) | cold ÷ warm "
        "| peak memory cold, RSS / PSS (MB) | peak memory warm, RSS / PSS (MB) "
        "| CPU cold (s) | CPU warm, new word (s) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        t0 = time.perf_counter()
        corpus = make_corpus(work / f"corpus-{n}", n)
        print(
            f"<!-- generated {n} documents in {time.perf_counter() - t0:.0f} s -->", file=sys.stderr
        )
        cache = work / f"cache-{n}"
        base = [
            "run",
            str(corpus),
            "-q",
            "--overwrite",
            "--model",
            # a pipeline's folder, as given from here: the runs start in the work folder
            str(Path(args.model).resolve()) if Path(args.model).is_dir() else args.model,
            "--cache-dir",
            str(cache),
            *jobs,
        ]
        runs: dict[str, list[tuple[float, float, float, float]]] = {
            "cold": [],
            "warm": [],
            "known": [],
        }
        floors = []
        for _ in range(args.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            floors.append(floor(corpus))
            for name, lex in (("cold", lexicon), ("warm", edited), ("known", known)):
                out = work / f"out-{n}-{name}"
                runs[name].append(
                    timed_run([*base, "--out", str(out), "--lexicon", str(lex)], work)
                )
        f = statistics.median(floors)
        cold = statistics.median(r[0] for r in runs["cold"])
        warm = statistics.median(r[0] for r in runs["warm"])
        known_run = statistics.median(r[0] for r in runs["known"])

        def memory(name: str) -> str:  # the highest peaks of the runs
            return f"{max(r[2] for r in runs[name]):.0f} / {max(r[3] for r in runs[name]):.0f}"

        cpu_cold = statistics.median(r[1] for r in runs["cold"])
        cpu_warm = statistics.median(r[1] for r in runs["warm"])
        print(
            f"| {n:,} | {f:.1f} | {cold:.1f} | {n / cold:.0f} | {cold / f:.2f} | {warm:.2f} | "
            f"{cold / warm:.1f} | {known_run:.2f} | {cold / known_run:.1f} | {memory('cold')} | "
            f"{memory('warm')} | {cpu_cold:.1f} | {cpu_warm:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
