"""The Click command and group classes every legalcli command uses: Click's own words
(the usage line, the help option) in the help language, through the message catalogue.

Typer 0.28 vendors a Click whose messages are plain English; the section headings of
help (Options, Commands…) go through gettext and follow `use_catalogue_for_click`.
Only public hooks of Click's classes are overridden (`format_usage`, `get_help_option`).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
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


def typer_app(**settings: Any) -> typer.Typer:
    """A Typer app of legalcli's: the root and every command group share these settings
    (Typer's own completion options are replaced by `legalcli completion`; help is plain
    text, without Rich; failures go to the error boundary, not to Typer's pretty printer)."""
    return typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        **settings,
    )


class Sections(MutableMapping[str, Any]):
    """The root's commands, built from the command groups' Typer apps one group at a
    time, and only when a command of it is named.  Building Click's commands from Typer's
    declarations (signatures, type hints, options) is ~10 ms for all of them; `legalcli
    assess` needs one group of three.  Listing the commands (help, completion scripts, a
    misspelt command's did-you-mean) builds them all, in declaration order."""

    def __init__(self, apps: tuple[typer.Typer, ...]) -> None:
        self._waiting = list(apps)
        self._built: dict[str, Any] = {}

    def _build_next(self) -> bool:
        if not self._waiting:
            return False
        command = typer.main.get_command(self._waiting.pop(0))
        if isinstance(command, TyperGroup) and not command.name:
            self._built.update(command.commands)  # a group of commands, merged into the root
        else:
            self._built[command.name or ""] = command  # one command, or a named group
        return True

    def _build_all(self) -> dict[str, Any]:
        while self._build_next():
            pass
        return self._built

    def __getitem__(self, name: str) -> Any:
        while name not in self._built:
            if not self._build_next():
                raise KeyError(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._build_all())

    def __len__(self) -> int:
        return len(self._build_all())

    def __setitem__(self, name: str, command: Any) -> None:
        self._build_all()[name] = command

    def __delitem__(self, name: str) -> None:
        del self._build_all()[name]


def group_help(ctx: Any) -> None:
    """A group named without a command (`legalcli`, `legalcli rules`) prints its help on
    stderr and exits 2, as Click does for a missing command."""
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        import typer

        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(2)
