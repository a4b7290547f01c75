"""docs/cli.md (English) and docs/cli.nl.md (Dutch) are made from the commands' --help
and must stay current."""

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
    names = [f"leaderscan {n}" for n in cli.commands]
    names += [f"leaderscan lexicon {n}" for n in cli.commands["lexicon"].commands]  # type: ignore[attr-defined]
    for doc, usage in (("cli.md", "Usage: leaderscan"), ("cli.nl.md", "Gebruik: leaderscan")):
        text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
        missing = [n for n in names if f"## {n}\n" not in text]
        assert not missing, (doc, missing)
        # the help of every command, and of the group, in the file's language
        assert text.count(f"```\n{usage}") == len(names) + 1, doc
