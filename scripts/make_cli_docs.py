"""Write docs/cli.md, the reference of every command, from the commands' own --help in
English, and docs/cli.nl.md, the same in Dutch.

    python scripts/make_cli_docs.py          # write docs/cli.md and docs/cli.nl.md
    python scripts/make_cli_docs.py --check  # exit 1 when either is not current

The language is set here, not taken from the locale, so that every machine makes the
same files. The help is made when the commands are defined, once per process: each
language is made in a process of its own (``--print LANG``).
tests/cli/test_docs.py fails when a file is stale or misses a command.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click

DOCS = Path(__file__).resolve().parent.parent / "docs"
DOC = {"en": DOCS / "cli.md", "nl": DOCS / "cli.nl.md"}
HEADING = {
    "en": (
        "# Command reference",
        "Made from each command's `--help` by `python scripts/make_cli_docs.py`; do not edit.",
    ),
    "nl": (
        "# Overzicht van de opdrachten",
        "Gemaakt uit de `--help` van elke opdracht door `python scripts/make_cli_docs.py`; "
        "niet bewerken. In het Engels: [cli.md](cli.md).",
    ),
}
WIDTH = 100  # of the help text, so that it reads the same wherever it is made


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The name path of every command below ``group``, in alphabetical order."""
    for name in sorted(group.commands):
        command = group.commands[name]
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


def help_text(cli: click.Group, path: tuple[str, ...]) -> str:
    """The --help of ``leaderscan PATH…`` as the terminal shows it."""
    ctx = click.Context(
        cli,
        info_name="leaderscan",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        help_option_names=["-h", "--help"],
    )
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
        ctx = click.Context(command, info_name=name, parent=ctx, terminal_width=WIDTH)
    return command.get_help(ctx)


def reference(language: str) -> str:
    """The reference in ``language``; in a process that has not defined the commands yet."""
    from leaderscan.cli.language import use_language

    use_language(language)  # before the commands are defined: their help is made then
    from leaderscan.cli import cli

    title, note = HEADING[language]
    lines = [title, "", note, "", "```", help_text(cli, ()), "```"]
    for path in commands(cli):
        lines += ["", f"## leaderscan {' '.join(path)}", "", "```", help_text(cli, path), "```"]
    return "\n".join(lines) + "\n"


def made(language: str) -> str:
    """The reference in ``language``, made in a new process."""
    done = subprocess.run(
        [sys.executable, __file__, "--print", language],
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--print"]:
        sys.stdout.buffer.write(reference(args[1]).encode("utf-8"))
        return
    stale = False
    for language, doc in DOC.items():
        text = made(language)
        if "--check" in args:
            if not doc.is_file() or doc.read_text(encoding="utf-8") != text:
                print(f"{doc}: not current; run 'python scripts/make_cli_docs.py'", file=sys.stderr)
                stale = True
            continue
        doc.write_text(text, encoding="utf-8")
        print(f"Written: {doc}")
    if stale:
        sys.exit(1)


if __name__ == "__main__":
    main()
