"""`legalcli rules …`: the tools of the people who write and review a rule pack —
check, test (and mutation testing), new, diff, review, schema."""

from enum import Enum
from typing import Annotated, Any

import typer

from legalcli.authoring.kinds import Kind
from legalcli.cli.commands import as_of_date, cannot_write, load, load_checked, write_atomic
from legalcli.cli.options import DirArg, LangOpt, ReportFormat, RulesOpt, TodayOpt, h
from legalcli.cli.style import Command, Group, group_help, typer_app
from legalcli.core.errors import InputError, Location
from legalcli.i18n import choose_lang
from legalcli.loading.schema_data import SCHEMA_KINDS

app = typer_app(name="rules", cls=Group, help=h("help.rules"))

# The kinds of file a schema is published for: the loader's own list, and the report
# `assess --format json` writes.
SchemaKind = Enum("SchemaKind", {kind: kind for kind in (*SCHEMA_KINDS, "assessment")}, type=str)  # type: ignore[misc]
ALL_KINDS = SchemaKind("all")


@app.callback(invoke_without_command=True)
def _rules(ctx: typer.Context) -> None:
    group_help(ctx)


@app.command("check", cls=Command, help=h("help.cmd.check"))
def rules_check(
    directory: DirArg = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help=h("help.opt.format_check"))] = "text",
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Lint a rule pack: every problem as path:line:col: severity: message [check]."""
    import json

    from legalcli.i18n import t, tn
    from legalcli.loading.pack import check_pack_files, resolve_rules_dir

    use_lang = choose_lang(lang)
    root = resolve_rules_dir(directory)
    date = as_of_date(today)
    # Never from the cache, and never stopping at the first fault: every problem of
    # every file is wanted.  Only a folder that is no pack at all is bad input (exit 2).
    pack, problems = check_pack_files(root, today=date)
    if not any(p.check == "file" for p in problems):
        # With a rule file unreadable, every case and record naming its rules would be
        # reported too: those wait until the file can be read.
        problems = sorted({*problems, *_side_problems(root, pack, date)}, key=lambda p: (*p.loc.sort_key(), p.check, p.message))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if fmt == "json":
        data = {"problems": [p.as_dict(use_lang) for p in problems], "errors": errors, "warnings": warnings}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            typer.echo(problem.render(use_lang))
        counts = t("check_clean", use_lang)
        if problems:
            counts = f"{tn('check.errors', errors, use_lang)}, {tn('check.warnings', warnings, use_lang)}"
        sizes = f"{tn('unit.routes', len(pack.route_list), use_lang)}, {tn('unit.facts', len(pack.fact_list), use_lang)}"
        summary = f"{pack.name} {pack.version}: {sizes}"
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
    from legalcli.authoring.scenarios import as_problem, reached_statuses, read_scenarios, run_scenario
    from legalcli.core.checks import case_coverage

    found: list[Any] = []
    scenarios, problems = read_scenarios(root, pack)
    found += problems
    if os.path.isdir(os.path.join(root, "cases")):
        found += case_coverage(pack, reached_statuses(pack, [(s, run_scenario(pack, s, detail=False)) for s in scenarios]))
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


@app.command("test", cls=Command, help=h("help.cmd.test"))
def rules_test(
    directory: DirArg = None,
    mutate: Annotated[bool, typer.Option("--mutate", help=h("help.opt.mutate"))] = False,
    only: Annotated[list[str] | None, typer.Option("--only", metavar="FILE", help=h("help.opt.only"), show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help=h("help.opt.format_test"))] = "text",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=h("help.opt.verbose"))] = False,
    lang: LangOpt = None,
) -> None:
    """Run the pack's scenario cases; each failure shows expected against actual."""
    import json

    from legalcli.authoring.scenarios import reached_statuses, read_scenarios, run_scenario
    from legalcli.core.checks import case_coverage
    from legalcli.i18n import t, tn
    from legalcli.loading.pack import resolve_rules_dir

    use_lang = choose_lang(lang)
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
    gaps = [] if only else list(case_coverage(pack, reached_statuses(pack, results)))
    if fmt == "json":
        cases = [
            {
                "name": s.name,
                "path": s.loc.path,
                "line": s.loc.line,
                "passed": not m,
                "mismatches": [x.render(use_lang) for x in m],
            }
            for s, m in results
        ]
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
                typer.echo(f"{scenario.loc}: {t('test.fail', use_lang)} {scenario.name}")
                for mismatch in mismatches:
                    typer.echo(f"    {mismatch.render(use_lang)}")
            elif listing:
                typer.echo(f"{scenario.loc}: {t('test.ok', use_lang)} {scenario.name}")
        for problem in gaps:
            typer.echo(problem.render(use_lang))
        typer.echo(f"{tn('test.passed', len(results) - failed, use_lang)}, {tn('test.failed', failed, use_lang)}")
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


@app.command("new", cls=Command, help=h("help.cmd.new"))
def rules_new(
    kind: Annotated[Kind, typer.Argument(metavar="KIND", help=h("help.arg.new_kind"))],
    ident: Annotated[str, typer.Argument(metavar="ID", help=h("help.arg.new_id"))],
    rules: RulesOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the skeleton of a new route, situation or fact, with its cases to fill in."""
    import contextlib
    import os

    from legalcli.authoring.skeleton import skeleton
    from legalcli.i18n import t
    from legalcli.loading.pack import display_path, load_pack, resolve_rules_dir

    use_lang = choose_lang(lang)
    root = resolve_rules_dir(rules)
    files = skeleton(load_pack(root), kind, ident)
    targets = [os.path.join(root, *path.split("/")) for path, _ in files]
    for target in targets:
        if os.path.lexists(target):  # never over a file someone wrote
            raise InputError("already exists; nothing was written", location=Location(display_path(target, root)))
    # Every folder first, then the files: a folder that cannot be made (`cases` a plain
    # file, a read-only pack) stops the command before anything is written.
    for target in targets:
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
        except OSError as exc:
            raise cannot_write(target, exc) from None
    written: list[str] = []
    for target, (_, text) in zip(targets, files, strict=True):
        try:
            # "x": created here or not at all; a rule file is shared work, so the usual
            # permissions (not the 0600 of a case file).
            with open(target, "x", encoding="utf-8") as handle:
                written.append(target)
                handle.write(text)
        except OSError as exc:
            # All or nothing: a route without the cases it was written with is half a
            # skeleton, and its rerun would stop at "already exists".
            for path in written:
                with contextlib.suppress(OSError):
                    os.unlink(path)
            raise cannot_write(target, exc) from None
    for target in targets:
        typer.echo(t("new.written", use_lang, path=display_path(target, root)))
    typer.echo(t("new.next", use_lang), err=True)


@app.command("diff", cls=Command, help=h("help.cmd.diff"))
def rules_diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help=h("help.arg.old_pack"))],
    new: Annotated[str, typer.Argument(metavar="NEW", help=h("help.arg.new_pack"))],
    fmt: Annotated[ReportFormat, typer.Option("--format", help=h("help.opt.format_diff"))] = "text",
    lang: LangOpt = None,
) -> None:
    """What changed between two rule packs, grouped by file; exit 1 when anything did."""
    from legalcli.authoring.rulediff import diff_packs, render_json, render_text
    from legalcli.loading.pack import load_pack, resolve_rules_dir

    use_lang = choose_lang(lang)
    changes = diff_packs(load_pack(resolve_rules_dir(old)), load_pack(resolve_rules_dir(new)))
    typer.echo(render_json(changes) if fmt == "json" else render_text(changes, use_lang), nl=False)
    if changes:
        raise typer.Exit(1)


@app.command("review", cls=Command, help=h("help.cmd.review"))
def rules_review(
    directory: DirArg = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help=h("help.opt.format_review"))] = "text",
    today: TodayOpt = None,
    record: Annotated[bool, typer.Option("--record", help=h("help.opt.record"))] = False,
    again: Annotated[
        list[str] | None, typer.Option("--again", metavar="ID", help=h("help.opt.again"), show_default=False)
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
    from legalcli.i18n import t, tn
    from legalcli.loading.pack import display_path, load_pack, resolve_rules_dir

    use_lang = choose_lang(lang)
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
        write_atomic(path, dump_records(records).encode("utf-8"), private=False)
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
        age = tn("review.age", s.age, use_lang)
        typer.echo(f"{s.reviewed.isoformat()}  {age:>14}  {(s.kind + ' ' + s.id).ljust(width)}  {marks[s.state]}".rstrip())


@app.command("schema", cls=Command, help=h("help.cmd.schema"))
def rules_schema(
    kind: Annotated[SchemaKind, typer.Argument(metavar="KIND", help=h("help.arg.kind"))] = ALL_KINDS,
    rules: RulesOpt = None,
) -> None:
    """Print the JSON Schema of rule files and case files (for editors)."""
    import json

    if kind.value == "assessment":
        from legalcli.render.assessment_schema import ASSESSMENT_SCHEMA

        doc = ASSESSMENT_SCHEMA
    else:
        from legalcli.loading.schema_data import PACK_SCHEMA_KINDS, schema_document

        # Only the case schema reads the pack (its facts): `rules schema route` works on
        # a broken pack, which is when an author needs it.
        doc = schema_document(kind.value, load(rules) if kind.value in PACK_SCHEMA_KINDS else None)
    typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
