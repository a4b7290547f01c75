"""leaderscan.scan(): the library call measures a corpus exactly as `leaderscan run`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import leaderscan
from leaderscan.cli import cli
from leaderscan.lexicon import DEFAULT_LEXICON

ROOT = Path(__file__).resolve().parent.parent
FILES = ("table.csv", "counts.csv", "evidence.csv")


def test_the_library_and_the_cli_write_the_same_files(tmp_path: Path) -> None:
    by_cli, by_library = tmp_path / "cli", tmp_path / "library"
    lexicon = DEFAULT_LEXICON
    r = CliRunner().invoke(
        cli,
        ["run", str(ROOT / "corpus"), "--lexicon", str(lexicon), "--out", str(by_cli)]
        + ["--model", "simplemma", "--no-cache", "--jobs", "1", "--delimiter", ";", "-q"],
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    options = leaderscan.Options(lexicon=lexicon, model="simplemma", cache=False, jobs=1)
    run = leaderscan.scan(ROOT / "corpus", options, out=by_library, delimiter=";")
    assert [p.name for p in run.written] == [*FILES, "run.json"]
    for name in FILES:
        assert (by_cli / name).read_bytes() == (by_library / name).read_bytes(), name
    a, b = (json.loads((d / "run.json").read_text(encoding="utf-8")) for d in (by_cli, by_library))
    a.pop("created"), b.pop("created")
    assert a == b
    # the table printed by the CLI is the one the library returns
    assert leaderscan.table_text(run.table).splitlines()[0] in r.output
    assert leaderscan.table_text(run) == leaderscan.table_text(run.table)  # a run: its table
    assert leaderscan.open_run(by_library).table == run.table


def test_scan_has_the_run_gates(tmp_path: Path) -> None:
    """The lint gate and the overwrite guard hold for the library as for the CLI."""
    text = (DEFAULT_LEXICON).read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace(
            "competences:\n",
            "competences:\n  - {label: Sociaal gezind, orientation: Verkenner, patterns: [sociaal], "
            "exclude: [sociaal]}\n",
            1,
        ),
        encoding="utf-8",
    )
    options = leaderscan.Options(lexicon=bad, model="simplemma", cache=False, jobs=1)
    notes: list[str] = []
    with pytest.raises(leaderscan.LintFailed, match="fix the lexicon"):
        leaderscan.scan(ROOT / "corpus", options, out=tmp_path / "o", on_note=notes.append)
    assert any("removes every match" in n for n in notes)
    assert not (tmp_path / "o").exists()

    out = tmp_path / "out"
    good = leaderscan.Options(lexicon=DEFAULT_LEXICON, model="simplemma", cache=False)
    leaderscan.scan(ROOT / "corpus", good, out=out)
    edited = tmp_path / "edited.yaml"
    edited.write_text(text + "\n# edited\n", encoding="utf-8")
    other = leaderscan.Options(lexicon=edited, model="simplemma", cache=False)
    with pytest.raises(leaderscan.OutputError, match="already holds an earlier measurement"):
        leaderscan.scan(ROOT / "corpus", other, out=out)
    leaderscan.scan(ROOT / "corpus", other, out=out, overwrite=True)
    assert leaderscan.open_run(out).data["lexicon"]["path"] == str(edited)


def test_the_package_names_its_api_and_loads_a_stage_only_when_used() -> None:
    """``import leaderscan`` gives every name of ``__all__``, but loads a stage only when
    its name is first used; ``scan`` and ``compare`` stay the functions, also once their
    modules (scan.py, compare.py) are loaded. In a fresh interpreter: the tests around
    have loaded everything already."""
    probe = """
import sys
import leaderscan
assert "leaderscan.compare" not in sys.modules and "leaderscan.scan" not in sys.modules
import leaderscan.scan, leaderscan.compare
assert callable(leaderscan.scan) and leaderscan.scan.__module__ == "leaderscan.scan"
assert leaderscan.compare.__name__ == "compare_saved"
for name in leaderscan.__all__:
    getattr(leaderscan, name)
from leaderscan import Options, open_run, table_text
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_every_command_is_found_by_the_module_that_defines_it() -> None:
    """A command is loaded on first use from the module ``COMMAND_MODULES`` names: every
    command of the CLI is in it, with the module that defines it."""
    from leaderscan.cli.common import COMMAND_MODULES

    commands = cli.commands  # all loaded (``leaderscan.cli.cli``)
    assert set(commands) == set(COMMAND_MODULES)
    for name, command in commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"leaderscan.cli.{COMMAND_MODULES[name]}", name
