"""The commands that read cases: `assess`, `batch` and `impact`.  Declared here for
Typer; what they do is in `commands.py`."""

from typing import Annotated

import typer

from legalcli.cli.options import (
    AsOfOpt,
    AssessFormat,
    BatchFormat,
    ImpactFormat,
    JobsOpt,
    LangOpt,
    OutputOpt,
    RulesOpt,
    format_for,
    h,
)
from legalcli.cli.style import Command, typer_app

app = typer_app()


@app.command(cls=Command, help=h("help.cmd.assess"))
def assess(
    case: Annotated[str | None, typer.Argument(metavar="[CASE]", help=h("help.arg.case"), show_default=False)] = None,
    fact: Annotated[
        list[str] | None,
        typer.Option("--fact", "-f", metavar="ID=VALUE", help=h("help.opt.fact"), show_default=False),
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=h("help.opt.no_input"))] = False,
    fmt: Annotated[AssessFormat | None, typer.Option("--format", help=h("help.opt.format_assess"), show_default=False)] = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    output: OutputOpt = None,
    why: Annotated[bool, typer.Option("--why", help=h("help.opt.why"))] = False,
    show_all: Annotated[bool, typer.Option("--all", help=h("help.opt.all"))] = False,
    summary: Annotated[bool, typer.Option("--summary", help=h("help.opt.summary"))] = False,
    redact: Annotated[bool, typer.Option("--redact", help=h("help.opt.redact"))] = False,
    plaintext: Annotated[bool, typer.Option("--plaintext", help=h("help.opt.plaintext"))] = False,
    save: Annotated[str | None, typer.Option("--save", metavar="FILE", help=h("help.opt.save"), show_default=False)] = None,
) -> None:
    from legalcli.cli.commands import assess_command

    assess_command(
        case, fact, no_input, format_for(fmt, output), lang, as_of, rules, output, why=why, show_all=show_all,
        redact=redact, plaintext=plaintext, save=save, summary=summary,
    )  # fmt: skip


@app.command(cls=Command, help=h("help.cmd.batch"))
def batch(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help=h("help.arg.paths"))],
    fmt: Annotated[BatchFormat, typer.Option("--format", help=h("help.opt.format_batch"))] = "csv",
    output: OutputOpt = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    jobs: JobsOpt = 0,
) -> None:
    from legalcli.cli.commands import batch_command

    code = batch_command(paths, fmt, output, lang, as_of, rules, jobs)
    if code:
        raise typer.Exit(code)


@app.command(cls=Command, help=h("help.cmd.impact"))
def impact(
    old_pack: Annotated[str, typer.Argument(metavar="OLD_PACK", help=h("help.arg.old_pack"))],
    new_pack: Annotated[str, typer.Argument(metavar="NEW_PACK", help=h("help.arg.new_pack"))],
    paths: Annotated[list[str], typer.Argument(metavar="CASE...", help=h("help.arg.cases"))],
    fmt: Annotated[ImpactFormat, typer.Option("--format", help=h("help.opt.format_impact"))] = "text",
    output: OutputOpt = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    jobs: JobsOpt = 0,
) -> None:
    from legalcli.cli.commands import impact_command

    code = impact_command(old_pack, new_pack, paths, fmt, output, lang, as_of, jobs)
    if code:
        raise typer.Exit(code)
