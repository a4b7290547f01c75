"""Write docs/cli.md, the reference of every command, from the commands' own --help.

    python scripts/make_cli_docs.py          # write docs/cli.md
    python scripts/make_cli_docs.py --check  # exit 1 when docs/cli.md is not current

tests/cli/test_docs.py fails when docs/cli.md is stale or misses a command.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from leaderscan.cli import cli

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = 100  # of the help text, so that it reads the same wherever it is made


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The name path of every command below ``group``, in alphabetical order."""
    for name in sorted(group.commands):
        command = group.commands[name]
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


def help_text(path: tuple[str, ...]) -> str:
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


def reference() -> str:
    lines = [
        "# Command reference",
        "",
        "Made from each command's `--help` by `python scripts/make_cli_docs.py`; do not edit.",
        "",
        "```",
        help_text(()),
        "```",
    ]
    for path in commands(cli):
        lines += ["", f"## leaderscan {' '.join(path)}", "", "```", help_text(path), "```"]
    return "\n".join(lines) + "\n"


def main() -> None:
    text = reference()
    if "--check" in sys.argv[1:]:
        if not DOC.is_file() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC}: not current; run 'python scripts/make_cli_docs.py'", file=sys.stderr)
            sys.exit(1)
        return
    DOC.write_text(text, encoding="utf-8")
    print(f"Geschreven: {DOC}")


if __name__ == "__main__":
    main()
