"""The commands that show the pack itself: `routes`, `explain`, `countries`, `facts`
and `tree`."""

from typing import Annotated

import typer

from legalcli.cli.options import AsOfOpt, LangOpt, ReportFormatOpt, RulesOpt, TreeFormat, h
from legalcli.cli.style import Command, typer_app
from legalcli.i18n import choose_lang

app = typer_app()


def _json(data: object) -> None:
    import json  # here: `legalcli --help` and the text listings need no JSON

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command(cls=Command, help=h("help.cmd.routes"))
def routes(
    fmt: ReportFormatOpt = "text",
    lang: LangOpt = None,
    rules: RulesOpt = None,
) -> None:
    from legalcli.cli.commands import load

    use_lang = choose_lang(lang)
    pack = load(rules)
    if fmt == "json":
        from legalcli.render.route_json import routes_data

        _json(routes_data(pack, use_lang))
        return
    width = max((len(r.id) for r in pack.route_list), default=0)
    for route in pack.route_list:
        typer.echo(f"{route.id.ljust(width)}  {route.title.get(use_lang)}")


@app.command(cls=Command, help=h("help.cmd.explain"))
def explain(
    route_id: Annotated[str, typer.Argument(metavar="ROUTE", help=h("help.arg.route"))],
    fmt: ReportFormatOpt = "text",
    lang: LangOpt = None,
    rules: RulesOpt = None,
) -> None:
    from legalcli.cli.commands import load
    from legalcli.core.errors import InputError, did_you_mean

    use_lang = choose_lang(lang)
    pack = load(rules)
    route = pack.route(route_id)
    if route is None:
        raise InputError(
            "unknown route '{name}'{hint}", key="ROUTE", suggestion=did_you_mean(route_id, list(pack.routes)), name=route_id
        )
    if fmt == "json":
        from legalcli.render.route_json import route_data

        _json(route_data(pack, route, use_lang))
        return
    from legalcli.render.explain import render_explain

    typer.echo(render_explain(pack, route, use_lang), nl=False)


@app.command(cls=Command, help=h("help.cmd.countries"))
def countries(
    fmt: ReportFormatOpt = "text",
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    from legalcli.cli.commands import as_of_date, load
    from legalcli.render.countries import render_countries_json, render_countries_text

    use_lang = choose_lang(lang)
    day = as_of_date(as_of)
    pack = load(rules)
    render = render_countries_json if fmt == "json" else render_countries_text
    typer.echo(render(pack, day, use_lang), nl=False)


@app.command(cls=Command, help=h("help.cmd.facts"))
def facts(
    fmt: ReportFormatOpt = "text",
    lang: LangOpt = None,
    rules: RulesOpt = None,
) -> None:
    from legalcli.cli.commands import load
    from legalcli.render.facts import render_facts_json, render_facts_text

    use_lang = choose_lang(lang)
    pack = load(rules)
    typer.echo(render_facts_json(pack) if fmt == "json" else render_facts_text(pack, use_lang), nl=False)


@app.command(cls=Command, help=h("help.cmd.tree"))
def tree(
    fmt: Annotated[TreeFormat, typer.Option("--format", help=h("help.opt.format_tree"))] = "text",
    depth: Annotated[int, typer.Option("--depth", metavar="N", help=h("help.opt.depth"), min=1, max=12)] = 6,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    from legalcli.cli.commands import as_of_date, load_checked
    from legalcli.core.tree import build_tree, render_tree

    use_lang = choose_lang(lang)
    pack = load_checked(rules)
    root = build_tree(pack, as_of=as_of_date(as_of), max_depth=depth)
    typer.echo(render_tree(root, pack, use_lang, fmt), nl=False)
