"""What several commands share, declared once: the options' names, types, allowed values,
environment variables and help texts, and the formats each command writes.

Allowed values are `Literal` types: Typer turns them into Click choices, so `--help`
lists them, completion offers them and Click refuses anything else with the usual
usage error; the code behind a command never checks them again.

Help is built when the module loads, before --lang is parsed: it follows LEGALCLI_LANG
or the locale (docs/decisions.md).
"""

import os
from typing import Annotated, Literal

import typer

from legalcli.i18n import Lang, choose_lang, t

HELP_LANG: Lang = choose_lang(None)


def h(key: str) -> str:
    """A help text in the help language."""
    return t(key, HELP_LANG)


# --- the formats each command writes -------------------------------------------------
AssessFormat = Literal["text", "json", "markdown", "html", "pdf"]
BatchFormat = Literal["csv", "jsonl"]
ImpactFormat = Literal["text", "json", "csv"]
TreeFormat = Literal["text", "mermaid", "dot"]
ReportFormat = Literal["text", "json"]  # rules check/test/diff/review, routes, explain, countries, facts

# `-o FILE` without --format: the format its extension names (text otherwise).
EXTENSIONS: dict[str, AssessFormat] = {".json": "json", ".md": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def format_for(fmt: AssessFormat | None, output: str | None) -> AssessFormat:
    """--format if given, else the one -o's extension names, else text."""
    if fmt is not None:
        return fmt
    if output:
        return EXTENSIONS.get(os.path.splitext(output)[1].lower(), "text")
    return "text"


# --- options -------------------------------------------------------------------------
HELP_OPTIONS = ["-h", "--help"]
MAX_JOBS = 64

LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help=h("help.opt.lang"), show_default=False),
]
RulesOpt = Annotated[
    str | None,
    typer.Option("--rules", metavar="DIR", envvar="LEGALCLI_RULES", help=h("help.opt.rules"), show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help=h("help.opt.as_of"), show_default=False),
]
OutputOpt = Annotated[
    str | None,
    typer.Option("-o", "--output", metavar="FILE", help=h("help.opt.output"), show_default=False),
]
# A metavar of our own: Click would show its type name, "int range", in English.
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", metavar="N", min=0, max=MAX_JOBS, help=h("help.opt.jobs"))]
TodayOpt = Annotated[
    str | None,
    typer.Option("--today", metavar="DATE", help=h("help.opt.today"), show_default=False),
]
ReportFormatOpt = Annotated[ReportFormat, typer.Option("--format", help=h("help.opt.format_report"))]
DirArg = Annotated[str | None, typer.Argument(metavar="[DIR]", help=h("help.arg.dir"), show_default=False)]
