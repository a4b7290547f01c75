"""The command line: a thin layer over the library, one module per family of
commands (run.py: run, table; saved.py: appendix, compare, report, export;
lexicon.py: lexicon *, try, suggest; evaluate.py: review, evaluate). Each command
parses its options, calls the library and prints; common.py holds what they share,
language.py the choice of Dutch or English.

The commands are defined on first use, not on import: their ``--help`` is made then,
in the language ``main`` has chosen from ``--lang`` or the locale. A command loads
only the module that defines it (``common.COMMAND_MODULES``).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ..errors import LeaderscanError
from ..i18n import _, language_in_arguments
from .language import add_language_option, use_language

__all__ = ["cli", "main"]


def _commands() -> click.Group:
    from .common import cli, load_commands

    load_commands()
    return cli


def __getattr__(name: str) -> Any:
    if name == "cli":
        return _commands()
    raise AttributeError(name)


def main() -> None:
    use_language(language_in_arguments(sys.argv[1:]))
    from .common import EXIT_INTERRUPTED, EXIT_USAGE, PipeClosed, cli

    add_language_option(cli)  # each command gets its own when it is loaded

    try:
        code = cli.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:  # Ctrl-C outside a run
        click.echo(_("Interrupted."), err=True)
        sys.exit(EXIT_INTERRUPTED)
    except (BrokenPipeError, PipeClosed):
        # the reader of the output stopped early (| head): not an error. Nothing more
        # can be written; stdout goes nowhere, so that the exit does not complain either
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except LeaderscanError as exc:  # library errors that reached here
        click.echo(f"leaderscan: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)
