"""The command line: a thin layer over the library, one module per family of
commands (run.py: run, table; saved.py: appendix, compare, report, export;
lexicon.py: lexicon *, try, suggest; evaluate.py: review, evaluate). Each command
parses its options, calls the library and prints; common.py holds what they share.
"""

from __future__ import annotations

import os
import sys

import click

from ..errors import LeaderscanError
from . import evaluate, lexicon, run, saved
from .common import EXIT_INTERRUPTED, EXIT_USAGE, PipeClosed, cli

__all__ = ["cli", "main"]
_COMMANDS = (run, saved, lexicon, evaluate)  # imported for the commands they add to ``cli``


def main() -> None:
    try:
        code = cli.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:  # Ctrl-C outside a run
        click.echo("Interrupted.", err=True)
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
