"""What every command shares: the group, the options used by several commands,
the consoles, and how library errors become one line on stderr.

Exit statuses: 0 done (skipped files are reported, not errors); 1 an unexpected
internal error; 2 a usage error, a bad lexicon, manifest or saved run; 3 no
document in the corpus could be read.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from ..cache import default_cache_dir
from ..compiled import load_lexicon_cached
from ..errors import ConfigError, LeaderscanError, ManifestError
from ..export import read_saved
from ..i18n import _, ngettext
from ..lemmatise import CHOICES, Pipeline, load_pipeline
from ..lexicon import LEXICON_NAME, Lexicon
from ..lexicons import find_lexicon, find_lexicons, load_lexicons
from ..model import kind_name
from ..render.csv import default_delimiter
from ..scan import warm_from_cache
from ..version import __version__

EXIT_USAGE = 2


BOM = "\ufeff"  # CSV on stdout starts with one too, as the files do: Excel then reads UTF-8


EXIT_NOTHING_READ = 3


EXIT_INTERRUPTED = 130


class UserError(click.ClickException):
    """One line on stderr, exit status 2."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"leaderscan: {self.message}", err=True)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown(text: object) -> str:
    """Text from the corpus (a file name, a reason quoting one) for the terminal: control
    characters as visible escapes, so that a file name cannot clear the screen or set
    the window title, and brackets as text, not rich markup."""
    return escape(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text)))


def plain(text: object) -> str:
    """Text from the corpus for a plain line on the terminal: control characters as
    visible escapes (``shown`` without rich markup)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def note(text: str) -> None:
    """A warning of the library: one line on stderr."""
    click.echo(plain(text), err=True)


def out_console() -> Console:
    return Console(highlight=False)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def lexicon_path(option: Path | None, corpus: Path | None) -> Path:
    try:
        return find_lexicon(option, corpus)
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None


lexicons_option = click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    metavar=_("FILE|NAME"),
    help=_(
        "The lexicon (default: {name} in the current folder or beside the corpus, "
        "else the one that comes with leaderscan): a file, or 'competences' (2021) or "
        "'uitbreiding' (the extension) that come with leaderscan. Repeat it to put one on top "
        "of another: --lexicon competences --lexicon uitbreiding."
    ).format(name=LEXICON_NAME),
)


def open_lexicons(options: Sequence[Path | str], corpus: Path | None) -> Lexicon:
    """The lexicon of one or more --lexicon (lexicons.find_lexicons, load_lexicons)."""
    try:
        return load_lexicons(find_lexicons(options, corpus), cache_root())
    except ConfigError as exc:
        raise config_error(exc, "lexicon") from None
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None


def _fix(what: str, n: int) -> str:
    """The closing line of ``n`` problems of a YAML file: what to fix, whole sentences
    (one per kind of file: word order differs between languages)."""
    if what == "manifest":
        return ngettext(
            "{path}: fix the manifest ({n} problem above)",
            "{path}: fix the manifest ({n} problems above)",
            n,
        )
    if what == "dictionary":
        return ngettext(
            "{path}: fix the dictionary ({n} problem above)",
            "{path}: fix the dictionary ({n} problems above)",
            n,
        )
    if what == "sheet":
        return ngettext(
            "{path}: fix the sheet's rows ({n} problem above; the lexicon was not changed)",
            "{path}: fix the sheet's rows ({n} problems above; the lexicon was not changed)",
            n,
        )
    return ngettext(
        "{path}: fix the lexicon ({n} problem above)",
        "{path}: fix the lexicon ({n} problems above)",
        n,
    )


def config_error(exc: ConfigError, what: str) -> UserError:
    """Print each problem of a YAML file as file:line: message; return the closing error.
    ``what``: "lexicon", "manifest", "dictionary" or "sheet"."""
    for p in exc.problems:
        click.echo(str(p), err=True)
    n = len(exc.problems)
    return UserError(_fix(what, n).format(path=exc.problems[0].path, n=n))


def user_error(exc: LeaderscanError) -> UserError:
    """A library error as the one line (and, for a YAML file, its problems) the user sees."""
    if isinstance(exc, ConfigError):
        return config_error(exc, "manifest" if isinstance(exc, ManifestError) else "lexicon")
    return UserError(str(exc))


def saved_run(path: Path) -> dict[str, Any]:
    try:
        return read_saved(path, note)
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None


def open_lexicon(path: Path) -> Lexicon:
    try:
        return load_lexicon_cached(path, cache_root())
    except ConfigError as exc:
        raise config_error(exc, "lexicon") from None


def cache_root() -> Path | None:
    """The default cache folder when there is one (what check and try read and add to)."""
    root = default_cache_dir()
    return root if root.is_dir() else None


def open_pipeline(model: str, cached: bool = False) -> Pipeline:
    """The pipeline; ``cached``: with what the default cache knows of lexicon words
    (scan.warm_from_cache)."""
    try:
        pipeline = load_pipeline(model)
    except LeaderscanError as exc:
        raise UserError(str(exc)) from None
    if cached:
        warm_from_cache(pipeline)
    return pipeline


def _delimiter(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    return value or default_delimiter()


delimiter_option = click.option(
    "--delimiter",
    type=click.Choice([",", ";"]),
    default=None,
    callback=_delimiter,
    help=_(
        "CSV delimiter. Default: ';' where the locale writes decimals with a comma "
        "(Dutch, German, French… Excel opens the file in columns), else ','."
    ),
)


model_option = click.option(
    "--model",
    default="auto",
    metavar=_("NAME"),
    show_default=True,
    help=_("spaCy pipeline: {choices}, or the name of another installed Dutch pipeline.").format(
        choices=", ".join(CHOICES)
    ),
)


def _kinds(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for word in value:
        kind = kind_name(word)
        if kind is None:
            raise UserError(
                _(
                    "unknown --kind '{kind}'; use vacancy (vacature), policy (beleid) or "
                    "training (opleiding)"
                ).format(kind=word)
            )
        out.append(kind)
    return tuple(dict.fromkeys(out))


F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str, help: str | None = None) -> Callable[[F], F]:
    """``--format`` with these choices (the first is the default), as ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help or _("Output format."),
    )


kind_option = click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar=_("KIND"),
    callback=_kinds,
    help=_(
        "Only documents of this kind: vacancy, policy or training (or vacature, beleid, "
        "opleiding); repeatable."
    ),
)


class PipeClosed(Exception):
    """The reader of the output stopped reading (``| head``)."""


# the module of cli/ that defines each command: a command loads its own module only
# (click's lazily loaded subcommands), so that ``run`` does not load what ``report`` needs
COMMAND_MODULES = {
    "run": "run",
    "table": "run",
    "appendix": "saved",
    "compare": "saved",
    "report": "saved",
    "export": "saved",
    "lexicon": "lexicon",
    "try": "lexicon",
    "suggest": "lexicon",
    "review": "evaluate",
    "evaluate": "evaluate",
}


def load_commands(modules: Sequence[str] | None = None) -> None:
    """Define the commands of these modules of cli/ (None: all), each with ``--lang``."""
    from .language import add_language_option

    for module in sorted(set(COMMAND_MODULES.values())) if modules is None else modules:
        importlib.import_module(f"{__package__}.{module}")
    add_language_option(cli)


class _Cli(click.Group):
    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            load_commands([COMMAND_MODULES[cmd_name]])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_commands()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise PipeClosed() from None  # past click, which would call it exit status 1


@click.group(
    cls=_Cli,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_(
        "Find network-leadership competences in Dutch vacancy texts.\n\n"
        "Example:\n\n    leaderscan run corpus/ --out out/"
    ),
)
@click.version_option(__version__, prog_name="leaderscan")
def cli() -> None:
    pass  # the commands are added by run.py, saved.py, lexicon.py and evaluate.py
