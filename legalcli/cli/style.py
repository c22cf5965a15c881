"""The Click command and group classes every legalcli command uses: Click's own words
(the usage line, the help option) in the help language, through the message catalogue.

Typer 0.28 vendors a Click whose messages are plain English; the section headings of
help (Options, Commands…) go through gettext and follow `use_catalogue_for_click`.
Only public hooks of Click's classes are overridden (`format_usage`, `get_help_option`).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup

from legalcli.cli.options import HELP_LANG
from legalcli.i18n import click_word


class _Ours:
    """What both classes change: Click's words in the help language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = click_word("[OPTIONS]", HELP_LANG)
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=click_word("Usage: ", HELP_LANG))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = click_word("Show this message and exit.", HELP_LANG)
        return option


class Command(_Ours, TyperCommand):
    pass


class Group(_Ours, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["subcommand_metavar"] = click_word("COMMAND [ARGS]...", HELP_LANG)
        super().__init__(*args, **kwargs)


def group_help(ctx: Any) -> None:
    """A group named without a command (`legalcli`, `legalcli rules`) prints its help on
    stderr and exits 2, as Click does for a missing command."""
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        import typer

        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(2)
