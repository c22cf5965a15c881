"""The Typer app: every command's options and help text; what the commands do is in
`commands.py` (assess, batch and the shared helpers) or in the command itself.

Imports at module top are paid by every command, so only typer is imported here; yaml,
rich and the engine are imported by the commands that use them (docs/performance.md
has the figures).  `assess` and `batch` usually arrive through `fastpath.py` instead.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from legalcli.cli.boundary import fail, guarded, message_lang
from legalcli.cli.commands import (
    as_of_date,
    assess_command,
    batch_command,
    check_outputs,
    emit,
    lang_of,
    load,
    load_checked,
    passphrase,
    write_atomic,
)
from legalcli.core.errors import InputError, Interrupted, Location
from legalcli.i18n import MESSAGES, choose_lang

# Help is built when the module loads, before --lang is parsed: it follows
# LEGALCLI_LANG or the locale (docs/decisions.md).
_HELP_LANG = 1 if choose_lang(None) == "ru" else 0


def _h(key: str) -> str:
    return MESSAGES[key][_HELP_LANG]


app = typer.Typer(
    name="legalcli",
    help=_h("help.app"),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help=_h("help.rules"), no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rules_app, name="rules")

RulesOpt = Annotated[
    str | None,
    typer.Option("--rules", metavar="DIR", help=_h("help.opt.rules"), show_default=False),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", metavar="LANG", help=_h("help.opt.lang"), show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help=_h("help.opt.as_of"), show_default=False),
]


def _version(value: bool) -> None:
    if value:
        from legalcli.entry import version_line

        typer.echo(version_line())
        raise typer.Exit()


@app.callback(help=_h("help.cmd.root"))
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=_h("help.opt.version"))] = False,
    debug: Annotated[bool, typer.Option("--debug", help=_h("help.opt.debug"))] = False,
) -> None:
    """legalcli: routes, risks and deadlines for Russian servicemen, from a sourced rule pack."""


# --- assess --------------------------------------------------------------------------


@app.command(help=_h("help.cmd.assess"))
def assess(
    case: Annotated[str | None, typer.Argument(metavar="[CASE]", help=_h("help.arg.case"), show_default=False)] = None,
    fact: Annotated[
        list[str] | None,
        typer.Option("--fact", "-f", metavar="ID=VALUE", help=_h("help.opt.fact"), show_default=False),
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=_h("help.opt.no_input"))] = False,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_h("help.opt.format_assess"))] = "text",
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="FILE", help=_h("help.opt.output"), show_default=False)
    ] = None,
    why: Annotated[bool, typer.Option("--why", help=_h("help.opt.why"))] = False,
    show_all: Annotated[bool, typer.Option("--all", help=_h("help.opt.all"))] = False,
    summary: Annotated[bool, typer.Option("--summary", help=_h("help.opt.summary"))] = False,
    redact: Annotated[bool, typer.Option("--redact", help=_h("help.opt.redact"))] = False,
    plaintext: Annotated[bool, typer.Option("--plaintext", help=_h("help.opt.plaintext"))] = False,
    save: Annotated[
        str | None,
        typer.Option("--save", metavar="FILE", help=_h("help.opt.save"), show_default=False),
    ] = None,
) -> None:
    """Assess a case: which routes are feasible, blocked or undetermined, and why."""
    assess_command(
        case, fact, no_input, fmt, lang, as_of, rules, output, why=why, show_all=show_all, redact=redact,
        plaintext=plaintext, save=save, summary=summary,
    )  # fmt: skip


# --- batch ---------------------------------------------------------------------------


@app.command(help=_h("help.cmd.batch"))
def batch(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help=_h("help.arg.paths"))],
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_h("help.opt.format_batch"))] = "csv",
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="FILE", help=_h("help.opt.output"), show_default=False)
    ] = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, max=64, help=_h("help.opt.jobs"))] = 0,
) -> None:
    """Triage many case files: one row each (routes' statuses, highest risk, overdue deadlines, next question)."""
    batch_command(paths, fmt, output, lang, as_of, rules, jobs)


# --- impact --------------------------------------------------------------------------


@app.command(help=_h("help.cmd.impact"))
def impact(
    old_pack: Annotated[str, typer.Argument(metavar="OLD_PACK", help=_h("help.arg.old_pack"))],
    new_pack: Annotated[str, typer.Argument(metavar="NEW_PACK", help=_h("help.arg.new_pack"))],
    paths: Annotated[list[str], typer.Argument(metavar="CASE...", help=_h("help.arg.cases"))],
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_h("help.opt.format_impact"))] = "text",
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="FILE", help=_h("help.opt.output"), show_default=False)
    ] = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, max=64, help=_h("help.opt.jobs"))] = 0,
) -> None:
    """Which saved cases' conclusions change between two rule packs."""
    from legalcli.bulk.impact import impact_command

    code = impact_command(old_pack, new_pack, paths, fmt, output, lang, as_of, jobs)
    if code:
        raise typer.Exit(code)


# --- vault ---------------------------------------------------------------------------

vault_app = typer.Typer(help=_h("help.cmd.vault"), no_args_is_help=True, rich_markup_mode=None)
app.add_typer(vault_app, name="vault")
VaultArg = Annotated[str, typer.Argument(metavar="FILE", help=_h("help.arg.vault"))]
OutputOpt = Annotated[str | None, typer.Option("-o", "--output", metavar="FILE", help=_h("help.opt.output"), show_default=False)]


def _read_vault(path: str) -> bytes:
    from legalcli.loading.case import VAULT_LIMITS
    from legalcli.loading.reader import read_bytes
    from legalcli.loading.vault import is_vault

    data = read_bytes(path, VAULT_LIMITS)
    if not is_vault(data):
        raise InputError("is not an encrypted case file", location=Location(path))
    return data


@vault_app.command("open", help=_h("help.cmd.vault_open"))
def vault_open(path: VaultArg, output: OutputOpt = None, lang: LangOpt = None, rules: RulesOpt = None) -> None:
    from legalcli.loading.case import dump_case, read_case

    use_lang = lang_of(lang)
    check_outputs([("-o", output)], [path])  # `vault open c.lcx -o c.lcx` would unseal it in place
    _read_vault(path)
    case = read_case(path, load(rules), passphrase=lambda: passphrase(use_lang))
    emit(dump_case(case), output)


@vault_app.command("lock", help=_h("help.cmd.vault_lock"))
def vault_lock(
    path: Annotated[str, typer.Argument(metavar="CASE", help=_h("help.arg.plain_case"))],
    output: Annotated[str, typer.Option("-o", "--output", metavar="FILE", help=_h("help.opt.output"))],
    lang: LangOpt = None,
    rules: RulesOpt = None,
) -> None:
    from legalcli.cli.passphrase import check_new_passphrase
    from legalcli.i18n import t
    from legalcli.loading.case import VAULT_LIMITS, dump_case, read_case
    from legalcli.loading.reader import read_bytes
    from legalcli.loading.vault import encrypt, is_vault

    use_lang = lang_of(lang)
    # An output never replaces an input, even to seal it: lock to a new file, check it
    # opens, then remove the plain one (docs/security.md, "Outputs and signals").
    check_outputs([("-o", output)], [path])
    check_new_passphrase()
    if is_vault(read_bytes(path, VAULT_LIMITS)):
        raise InputError("is already encrypted", location=Location(path))
    case = read_case(path, load(rules))  # validated before it is sealed
    write_atomic(output, encrypt(dump_case(case).encode("utf-8"), passphrase(use_lang, new=True)))
    typer.echo(t("vault.saved", use_lang, path=output), err=True)


@vault_app.command("rekey", help=_h("help.cmd.vault_rekey"))
def vault_rekey(path: VaultArg, lang: LangOpt = None) -> None:
    from legalcli.cli.passphrase import ENV_NEW, ask_passphrase, check_new_passphrase
    from legalcli.i18n import t
    from legalcli.loading.vault import decrypt, encrypt

    use_lang = lang_of(lang)
    check_new_passphrase(ENV_NEW)
    plaintext = decrypt(_read_vault(path), passphrase(use_lang), path=path)
    write_atomic(path, encrypt(plaintext, ask_passphrase(use_lang, new=True, env=ENV_NEW)))
    typer.echo(t("vault.rekeyed", use_lang, path=path), err=True)


# --- routes, countries, explain, tree ------------------------------------------------


@app.command(help=_h("help.cmd.routes"))
def routes(lang: LangOpt = None, rules: RulesOpt = None) -> None:
    """List every route of the rule pack, one line each."""
    use_lang = lang_of(lang)
    pack = load(rules)
    width = max((len(r.id) for r in pack.route_list), default=0)
    for route in pack.route_list:
        typer.echo(f"{route.id.ljust(width)}  {route.title.get(use_lang)}")


# `countries` is newer than i18n's message table; its help lives here in both languages.
_COUNTRIES_HELP = (
    (
        "The country table as of a date: each country's review, and each attribute's value, "
        "since-date, note and sources, marked where unconfirmed.",
        "Таблица стран на дату: проверка каждой страны и по каждому признаку значение, "
        "дата, с которой оно действует, примечание и источники, с пометкой о неподтверждённом.",
    ),
    ("text or json.", "text или json."),
)


@app.command(help=_COUNTRIES_HELP[0][_HELP_LANG])
def countries(
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_COUNTRIES_HELP[1][_HELP_LANG])] = "text",
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    """The country table as it stands on the as-of date, with its sources."""
    from legalcli.render.countries import render_countries_json, render_countries_text

    if fmt not in ("text", "json"):
        raise InputError("expected text or json", key="--format")
    use_lang = lang_of(lang)
    day = as_of_date(as_of)
    pack = load(rules)
    render = render_countries_json if fmt == "json" else render_countries_text
    typer.echo(render(pack, day, use_lang), nl=False)


@app.command(help=_h("help.cmd.explain"))
def explain(
    route_id: Annotated[str, typer.Argument(metavar="ROUTE", help=_h("help.arg.route"))],
    lang: LangOpt = None,
    rules: RulesOpt = None,
) -> None:
    """A route in words: conditions, risks, steps, deadlines, legal basis, sources, review date."""
    from legalcli.core.errors import did_you_mean
    from legalcli.render.explain import render_explain

    use_lang = lang_of(lang)
    pack = load(rules)
    route = pack.route(route_id)
    if route is None:
        raise InputError(
            "unknown route '{name}'{hint}", key="ROUTE", suggestion=did_you_mean(route_id, list(pack.routes)), name=route_id
        )
    typer.echo(render_explain(pack, route, use_lang), nl=False)


@app.command(help=_h("help.cmd.tree"))
def tree(
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_h("help.opt.format_tree"))] = "text",
    depth: Annotated[int, typer.Option("--depth", help=_h("help.opt.depth"), min=1, max=12)] = 6,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
) -> None:
    """The interview's decision tree: the question policy explored over every answer."""
    from legalcli.core.tree import build_tree, render_tree

    if fmt not in ("text", "mermaid", "dot"):
        raise InputError("expected text, mermaid or dot", key="--format")
    use_lang = lang_of(lang)
    pack = load_checked(rules)
    root = build_tree(pack, as_of=as_of_date(as_of), max_depth=depth)
    typer.echo(render_tree(root, pack, use_lang, fmt), nl=False)


# --- rules ---------------------------------------------------------------------------


@rules_app.command("check", help=_h("help.cmd.check"))
def rules_check(
    directory: Annotated[str | None, typer.Argument(metavar="[DIR]", help=_h("help.arg.dir"), show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_h("help.opt.format_check"))] = "text",
    today: Annotated[str | None, typer.Option("--today", metavar="DATE", help=_h("help.opt.today"), show_default=False)] = None,
    lang: LangOpt = None,
) -> None:
    """Lint a rule pack: every problem as path:line:col: severity: message [check]."""
    import json

    from legalcli.core.checks import check_pack
    from legalcli.loading.pack import resolve_rules_dir

    if fmt not in ("text", "json"):
        raise InputError("expected text or json", key="--format")
    from legalcli.i18n import t
    from legalcli.loading.pack import load_pack

    use_lang = lang_of(lang)
    root = resolve_rules_dir(directory)
    pack = load_pack(root)  # never from the cache: every problem is wanted
    problems = check_pack(pack, today=as_of_date(today))
    problems = sorted(
        {*problems, *_side_problems(root, pack, as_of_date(today))}, key=lambda p: (*p.loc.sort_key(), p.check, p.message)
    )
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if fmt == "json":
        data = {"problems": [p.as_dict(use_lang) for p in problems], "errors": errors, "warnings": warnings}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            typer.echo(problem.render(use_lang))
        counts = t("check_summary", use_lang, e=errors, w=warnings) if problems else t("check_clean", use_lang)
        summary = t(
            "check_head", use_lang, name=pack.name, version=pack.version, routes=len(pack.route_list), facts=len(pack.fact_list)
        )
        typer.echo(f"{summary}; {counts}", err=bool(problems))
    if problems:
        raise typer.Exit(1)


def _side_problems(root: str, pack: Any, today: Any) -> list[Any]:
    """What `rules check` finds beside the rule files: the scenario cases (ids with
    did-you-mean, values against the facts, and a case for each status every route can
    take, when the pack has cases at all), mutants-allowed.yaml, and the review
    records."""
    import os

    from legalcli.authoring.mutate import allowed_problems, read_allowed
    from legalcli.authoring.scenarios import as_problem, reached_statuses, read_scenarios
    from legalcli.core.checks import case_coverage

    found: list[Any] = []
    scenarios, problems = read_scenarios(root, pack)
    found += problems
    if os.path.isdir(os.path.join(root, "cases")):
        found += case_coverage(pack, reached_statuses(pack, scenarios))
    from legalcli.authoring.rulediff import read_changelog, read_records, review_problems

    try:
        found += allowed_problems(pack, read_allowed(root))
    except InputError as exc:
        found.append(as_problem(exc))
    try:
        found += review_problems(pack, read_records(root), read_changelog(root), today=today)
    except InputError as exc:
        found.append(as_problem(exc))
    return found


def _case_files(root: str, only: list[str]) -> set[str]:
    """The case files --only names, as scenarios show them (a path, or a file name in
    the pack's cases folder)."""
    import os

    from legalcli.core.errors import did_you_mean
    from legalcli.loading.pack import display_path

    folder = os.path.join(root, "cases")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".yaml")) if os.path.isdir(folder) else []
    chosen: set[str] = set()
    for given in only:
        path = os.path.abspath(given)
        if not os.path.isfile(path):
            path = os.path.join(folder, given if given.endswith(".yaml") else given + ".yaml")
        if os.path.basename(path) not in names or not os.path.samefile(os.path.dirname(path), folder):
            raise InputError(
                "no case file '{name}' in {folder}{hint}",
                key="--only",
                suggestion=did_you_mean(os.path.basename(given), names),
                name=given,
                folder=display_path(folder, root),
            )
        chosen.add(display_path(os.path.join(folder, os.path.basename(path)), root))
    return chosen


@rules_app.command("test", help=_h("help.cmd.test"))
def rules_test(
    directory: Annotated[str | None, typer.Argument(metavar="[DIR]", help=_h("help.arg.dir"), show_default=False)] = None,
    mutate: Annotated[bool, typer.Option("--mutate", help=_h("help.opt.mutate"))] = False,
    only: Annotated[
        list[str] | None, typer.Option("--only", metavar="FILE", help=_h("help.opt.only"), show_default=False)
    ] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_h("help.opt.format_test"))] = "text",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=_h("help.opt.verbose"))] = False,
    lang: LangOpt = None,
) -> None:
    """Run the pack's scenario cases; each failure shows expected against actual."""
    import json

    from legalcli.authoring.scenarios import reached_statuses, read_scenarios, run_scenario
    from legalcli.core.checks import case_coverage
    from legalcli.i18n import t
    from legalcli.loading.pack import resolve_rules_dir

    if fmt not in ("text", "json"):
        raise InputError("expected text or json", key="--format")
    use_lang = lang_of(lang)
    root = resolve_rules_dir(directory)
    # A pack with errors (a typo'd fact, a missing Russian text) gives misleading
    # failures, or none: it is refused, as assess refuses it.
    pack = load_checked(root)
    scenarios, problems = read_scenarios(root, pack)
    if problems:
        for problem in problems:
            typer.echo(problem.render(use_lang), err=True)
        raise InputError(
            "the scenario cases have {count} error(s); run `legalcli rules check` to see them",
            location=problems[0].loc,
            count=len(problems),
        )
    selected = scenarios
    if only:
        files = _case_files(root, only)
        selected = [s for s in scenarios if s.file in files]
    if mutate:
        _mutate(root, pack, selected, fmt, use_lang, complete=not only)
        return
    results = [(s, run_scenario(pack, s)) for s in selected]
    failed = sum(1 for _, mismatches in results if mismatches)
    gaps = [] if only else list(case_coverage(pack, reached_statuses(pack, scenarios)))
    if fmt == "json":
        cases = [{"name": s.name, "path": s.loc.path, "line": s.loc.line, "passed": not m, "mismatches": m} for s, m in results]
        data = {
            "passed": len(results) - failed,
            "failed": failed,
            "cases": cases,
            "problems": [p.as_dict(use_lang) for p in gaps],
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        listing = verbose or bool(only)
        for scenario, mismatches in results:
            if mismatches:
                typer.echo(f"{scenario.loc}: FAIL {scenario.name}")
                for line in mismatches:
                    typer.echo(f"    {line}")
            elif listing:
                typer.echo(f"{scenario.loc}: {t('test.ok', use_lang)} {scenario.name}")
        for problem in gaps:
            typer.echo(problem.render(use_lang))
        typer.echo(t("test.summary", use_lang, passed=len(results) - failed, failed=failed))
    if failed or gaps:
        raise typer.Exit(1)


def _mutate(root: str, pack: Any, scenarios: list[Any], fmt: str, lang: Any, *, complete: bool) -> None:
    import os
    import time

    from legalcli.authoring.mutate import build_report, mutants, read_allowed, render_json, render_text, run_mutants
    from legalcli.authoring.scenarios import run_scenario

    # A case that already fails would "kill" every mutant: the score would mean nothing.
    failing = [s for s in scenarios if run_scenario(pack, s, detail=False)]
    if failing:
        raise InputError(
            "{count} scenario case(s) fail on the pack as it stands; run `legalcli rules test` and fix them first",
            location=failing[0].loc,
            count=len(failing),
        )
    allowed = read_allowed(root)
    started = time.perf_counter()
    found = mutants(pack)
    # Worker processes pay for themselves only on a large run (docs/performance.md).
    jobs = (os.cpu_count() or 1) if len(found) >= 500 else 1
    outcomes = run_mutants(pack, scenarios, found, jobs=jobs)
    report = build_report(pack, outcomes, allowed, seconds=time.perf_counter() - started, complete=complete)
    typer.echo((render_json if fmt == "json" else render_text)(report, lang), nl=False)
    if report.failed:
        raise typer.Exit(1)


@rules_app.command("new", help=_h("help.cmd.new"))
def rules_new(
    kind: Annotated[str, typer.Argument(metavar="KIND", help=_h("help.arg.new_kind"))],
    ident: Annotated[str, typer.Argument(metavar="ID", help=_h("help.arg.new_id"))],
    rules: RulesOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the skeleton of a new route, situation or fact, with its cases to fill in."""
    import os

    from legalcli.authoring.skeleton import skeleton
    from legalcli.i18n import t
    from legalcli.loading.pack import display_path, load_pack, resolve_rules_dir

    use_lang = lang_of(lang)
    root = resolve_rules_dir(rules)
    files = skeleton(load_pack(root), kind, ident)
    targets = [os.path.join(root, *path.split("/")) for path, _ in files]
    for target in targets:
        if os.path.lexists(target):  # never over a file someone wrote
            raise InputError("already exists; nothing was written", location=Location(display_path(target, root)))
    for target, (_, text) in zip(targets, files, strict=True):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            # "x": created here or not at all; a rule file is shared work, so the usual
            # permissions (not the 0600 of a case file).
            with open(target, "x", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise InputError(
                "cannot be written ({reason})", location=Location(target), reason=exc.strerror or type(exc).__name__
            ) from None
        typer.echo(t("new.written", use_lang, path=display_path(target, root)))
    typer.echo(t("new.next", use_lang), err=True)


@rules_app.command("diff", help=_h("help.cmd.diff"))
def rules_diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help=_h("help.arg.old_pack"))],
    new: Annotated[str, typer.Argument(metavar="NEW", help=_h("help.arg.new_pack"))],
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_h("help.opt.format_diff"))] = "text",
    lang: LangOpt = None,
) -> None:
    """What changed between two rule packs, grouped by file; exit 1 when anything did."""
    from legalcli.authoring.rulediff import diff_packs, render_json, render_text
    from legalcli.loading.pack import load_pack, resolve_rules_dir

    if fmt not in ("text", "json"):
        raise InputError("expected text or json", key="--format")
    use_lang = lang_of(lang)
    changes = diff_packs(load_pack(resolve_rules_dir(old)), load_pack(resolve_rules_dir(new)))
    typer.echo(render_json(changes) if fmt == "json" else render_text(changes, use_lang), nl=False)
    if changes:
        raise typer.Exit(1)


@rules_app.command("review", help=_h("help.cmd.review"))
def rules_review(
    directory: Annotated[str | None, typer.Argument(metavar="[DIR]", help=_h("help.arg.dir"), show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=_h("help.opt.format_review"))] = "text",
    today: Annotated[str | None, typer.Option("--today", metavar="DATE", help=_h("help.opt.today"), show_default=False)] = None,
    record: Annotated[bool, typer.Option("--record", help=_h("help.opt.record"))] = False,
    again: Annotated[
        list[str] | None, typer.Option("--again", metavar="ID", help=_h("help.opt.again"), show_default=False)
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Every route, situation and country by review age, marking what changed since its review."""
    import json
    import os

    from legalcli.authoring.rulediff import (
        REVIEWS_FILE,
        dump_records,
        read_records,
        reviewed_entities,
        standings,
        updated_records,
    )
    from legalcli.i18n import t
    from legalcli.loading.pack import display_path, load_pack, resolve_rules_dir

    if fmt not in ("text", "json"):
        raise InputError("expected text or json", key="--format")
    use_lang = lang_of(lang)
    root = resolve_rules_dir(directory)
    pack = load_pack(root)
    records = read_records(root)
    if again and not record:
        raise InputError("--again goes with --record", key="--again")
    if record:
        known = {e.id for _, e in reviewed_entities(pack)}
        for ident in again or []:
            if ident not in known:
                from legalcli.core.errors import did_you_mean

                raise InputError(
                    "unknown route, situation or country '{name}'{hint}",
                    key="--again",
                    suggestion=did_you_mean(ident, known),
                    name=ident,
                )
        records, written = updated_records(pack, records, again or ())
        path = os.path.join(root, REVIEWS_FILE)
        tmp = path + ".tmp"
        try:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(dump_records(records))
            os.replace(tmp, path)
        except OSError as exc:
            raise InputError("cannot be written ({reason})", location=Location(path), reason=exc.strerror or "") from None
        for item in written:
            typer.echo(t("review.recorded", use_lang, item=item, path=display_path(path, root)), err=True)
    found = standings(pack, records, as_of_date(today))
    if fmt == "json":
        data = [
            {
                "kind": s.kind,
                "id": s.id,
                "reviewed": s.reviewed.isoformat(),
                "age_days": s.age,
                "state": s.state,
                "path": s.loc.path,
            }
            for s in found
        ]
        typer.echo(json.dumps({"reviews": data}, indent=2, ensure_ascii=False))
        return
    marks = {"changed": t("review.changed", use_lang), "unrecorded": t("review.unrecorded", use_lang), "ok": ""}
    width = max((len(s.kind) + len(s.id) + 1 for s in found), default=0)
    for s in found:
        age = t("review.days", use_lang, days=s.age)
        typer.echo(f"{s.reviewed.isoformat()}  {age:>14}  {(s.kind + ' ' + s.id).ljust(width)}  {marks[s.state]}".rstrip())


def _allowed_schema() -> dict[str, Any]:
    from legalcli.authoring.mutate import ALLOWED_SCHEMA

    return ALLOWED_SCHEMA


def _records_schema() -> dict[str, Any]:
    from legalcli.authoring.rulediff import RECORDS_SCHEMA

    return RECORDS_SCHEMA


# Files of a pack that are not rules (the loader does not read them): the list of
# accepted mutants and the review records.
_SIDE_SCHEMAS = {"mutants-allowed": _allowed_schema, "reviews": _records_schema}


@rules_app.command("schema", help=_h("help.cmd.schema"))
def rules_schema(
    kind: Annotated[
        str,
        typer.Argument(help=_h("help.arg.kind")),
    ] = "all",
    rules: RulesOpt = None,
) -> None:
    """Print the JSON Schema of rule files and case files (for editors)."""
    import json

    from legalcli.loading import schema as s

    if kind == "assessment":
        from legalcli.render.assessment_schema import ASSESSMENT_SCHEMA

        doc = ASSESSMENT_SCHEMA
    elif kind == "case":
        from legalcli.loading.case import schema_for

        doc = s.published(schema_for(load(rules)), "legalcli:case")
    elif kind == "all":
        from legalcli.loading.case import schema_for

        defs: dict[str, Any] = dict(s.DEFS)
        defs.update({f"{name}-file": schema for name, schema in s.RULE_FILE_SCHEMAS.items()})
        defs["case-file"] = schema_for(load(rules))
        doc = {
            "$schema": s.SCHEMA_DIALECT,
            "$id": "legalcli:all",
            "title": "legalcli rule files and case files",
            "anyOf": [{"$ref": f"#/$defs/{name}"} for name in [*(f"{n}-file" for n in s.RULE_FILE_SCHEMAS), "case-file"]],
            "$defs": defs,
        }
    elif kind in s.RULE_FILE_SCHEMAS:
        doc = s.published(s.RULE_FILE_SCHEMAS[kind], f"legalcli:{kind}")
    elif kind in _SIDE_SCHEMAS:
        doc = s.published(_SIDE_SCHEMAS[kind](), f"legalcli:{kind}")
    else:
        from legalcli.core.errors import did_you_mean

        choices = ["all", *s.RULE_FILE_SCHEMAS, *_SIDE_SCHEMAS, "case", "assessment"]
        raise InputError(
            "unknown kind '{name}'{hint}; expected one of: {allowed}",
            key="KIND",
            suggestion=did_you_mean(kind, choices),
            name=kind,
            allowed=", ".join(choices),
        )
    typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))


# --- the single error boundary -------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn every failure into a message and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    lang = message_lang(args)
    usage_error = _usage_error_type()

    def run() -> int:
        command = typer.main.get_command(_app_for(args))
        try:
            code = command.main(args=args, prog_name="legalcli", standalone_mode=False)
        except typer.Abort:
            raise KeyboardInterrupt from None
        except typer.Exit as exc:
            return int(exc.exit_code)
        except usage_error as exc:
            # Click's own usage messages exist in English only (docs/decisions.md).
            prefix = MESSAGES["error_prefix"][lang == "ru"]
            fail(f"legalcli: {prefix}: {exc.format_message()}", exc.exit_code)  # type: ignore[attr-defined]
        return code if isinstance(code, int) else 0

    guarded(run, lang=lang, debug="--debug" in args)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command the arguments name: building Click's tree for all
    nine commands is ~10 ms of every start-up.  With no command named (top-level help,
    an unknown name) the whole app is used, so help and errors list every command."""
    name = next((a for a in args if not a.startswith("-")), None)
    commands = [
        c
        for c in app.registered_commands
        if c.name == name or (c.name is None and c.callback is not None and c.callback.__name__ == name)
    ]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    slim = typer.Typer(
        name=app.info.name,
        help=app.info.help,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    slim.registered_callback = app.registered_callback
    slim.registered_commands = commands
    slim.registered_groups = groups
    return slim


def _usage_error_type() -> type[Exception]:
    """Click's ClickException: typer 0.28 vendors click, so find it through typer's API."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "ClickException":
            return cls
    raise RuntimeError("typer has no ClickException")  # pragma: no cover


__all__ = ["Interrupted", "app", "main"]
