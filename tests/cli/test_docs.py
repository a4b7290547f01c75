"""docs/cli.md is made from the commands' --help and must stay current."""

import subprocess
import sys
from pathlib import Path

from leaderscan.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent


def test_docs_cli_md_is_current_and_names_every_command() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    names = [f"leaderscan {n}" for n in cli.commands]
    names += [f"leaderscan lexicon {n}" for n in cli.commands["lexicon"].commands]  # type: ignore[attr-defined]
    missing = [n for n in names if f"## {n}\n" not in text]
    assert not missing, missing
