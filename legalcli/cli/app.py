"""The command line, declared once: the Typer app every command hangs from, and the
error boundary it runs inside.

Each command group is a module (`casework`, `reference`, `rules`, `vault`,
`completion`) holding its commands' options, allowed values and help; the shared
options are in `options.py`; what a command does is in `commands.py` or imported by
the command when it runs.  Module tops import only typer and the package's light
modules: yaml, rich and the engine are imported by the commands that use them
(docs/performance.md has the figures).  The command modules do not use `from __future__
import annotations`: Typer reads every parameter's annotation, and string annotations
are evaluated again (each `typer.Option(...)` in them rebuilt) every time Click's
commands are built, which was half of that cost.
"""

import re
import sys
from typing import Annotated, Any

import typer

from legalcli.cli import casework, completion, reference, rules, vault
from legalcli.cli.boundary import fail, guarded, message_lang
from legalcli.cli.options import HELP_LANG, HELP_OPTIONS, h
from legalcli.cli.style import Group, Sections, group_help, typer_app
from legalcli.i18n import Lang, click_text, t

# The command groups, in the order `legalcli --help` lists them.
SECTIONS = (casework.app, reference.app, completion.app, rules.app, vault.app)


class Root(Group):
    """`legalcli`: its commands are the sections', each group built when first named."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = Sections(SECTIONS)


app = typer_app(name="legalcli", cls=Root, help=h("help.app"), context_settings={"help_option_names": HELP_OPTIONS})


def _version(value: bool) -> None:
    if value:
        from legalcli.cli import version_line

        typer.echo(version_line())
        raise typer.Exit()


@app.callback(invoke_without_command=True, help=h("help.cmd.root"))
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=h("help.opt.version"))] = False,
    debug: Annotated[bool, typer.Option("--debug", help=h("help.opt.debug"))] = False,
) -> None:
    group_help(ctx)


def main(argv: list[str] | None = None) -> None:
    """Run the app and turn every failure into a message and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    lang = message_lang(args)

    def run() -> int:
        from legalcli.i18n import use_catalogue_for_click

        # Typer's own help words ("Options", "[default: …]") in the language the help
        # texts were built in, so that one help screen is in one language.
        use_catalogue_for_click(HELP_LANG)
        command = typer.main.get_command(app)
        try:
            code = command.main(args=args, prog_name="legalcli", standalone_mode=False)
        except typer.Abort:
            raise KeyboardInterrupt from None
        except typer.Exit as exc:
            return int(exc.exit_code)
        except typer.TyperException as exc:  # Click's usage errors: the message in the user's language
            english = exc.format_message()
            message = f"legalcli: {t('error_prefix', lang)}: {_with_suggestion(english, click_text(english, lang), lang)}"
            fail(message + _usage_hint(exc, lang), exc.exit_code)
        return code if isinstance(code, int) else 0

    guarded(run, lang=lang, debug="--debug" in args)


_NOT_ONE_OF = re.compile(r"'(?P<value>[^']*)' is not one of (?P<choices>'[^']*'(?:, '[^']*')*)\.$")


def _with_suggestion(english: str, shown: str, lang: Lang) -> str:
    """Click's "'rout' is not one of 'route', …" (shown in the user's language) with our
    did-you-mean, as every other bad value gets one."""
    from legalcli.core.errors import did_you_mean

    match = _NOT_ONE_OF.search(english)
    suggestion = did_you_mean(match["value"], re.findall(r"'([^']*)'", match["choices"])) if match else ""
    if not suggestion:
        return shown
    return shown.removesuffix(".") + t("error.did_you_mean", lang, suggestion=suggestion) + "."


def _usage_hint(exc: typer.TyperException, lang: str) -> str:
    """`Try 'legalcli assess -h' for help.` in the user's language, on the line after the
    error (the first line is the error, as for every failure), when it belongs to a command."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return ""
    return "\n" + click_text(f"Try '{ctx.command_path} {HELP_OPTIONS[0]}' for help.", lang)


__all__ = ["app", "main"]
