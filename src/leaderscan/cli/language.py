"""``--lang nl|en`` on every command, and click's own words (Usage, Options, its usage
errors) in the same language as leaderscan's (``leaderscan.i18n``).

The language is chosen before the commands are defined (``main`` reads ``--lang`` from
the command line first), because click makes each option's help when it is defined;
the option itself then only checks the value and sets the language of what follows.
"""

from __future__ import annotations

import importlib

import click

from .. import i18n

# the modules of click that translate with a module-level ``_`` / ``ngettext``
_CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "termui",
    "types",
    "utils",
)


def use_language(language: str | None) -> str:
    """Messages, help and outputs in ``language`` (None: as the locale says), click's
    words too; the language is returned."""
    chosen = i18n.set_language(language)
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    return chosen


def _chosen(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None and not ctx.resilient_parsing:
        use_language(value)


def language_option() -> click.Option:
    return click.Option(
        ["--lang"],
        type=click.Choice(i18n.LANGUAGES, case_sensitive=False),
        expose_value=False,
        is_eager=True,
        callback=_chosen,
        help=i18n._(
            "Language of messages and outputs: nl (Dutch) or en (English); default: the "
            "locale's (LEADERSCAN_LANG, LANG)."
        ),
    )


def add_language_option(command: click.Command) -> None:
    """``--lang`` on ``command`` and, for a group, on every command in it; the usage
    line's placeholders ([OPTIONS], COMMAND) in the language too."""
    if not any(p.name == "lang" for p in command.params):
        command.params.append(language_option())
    command.options_metavar = i18n._("[OPTIONS]")
    if isinstance(command, click.Group):
        command.subcommand_metavar = i18n._("COMMAND [ARGS]...")
        for sub in command.commands.values():
            add_language_option(sub)
