"""`legalcli impact OLD_PACK NEW_PACK CASE…`: which saved cases' conclusions a change of
the rule pack changes.

When the law or practice changes and the pack follows, a legal-aid group needs to know
which clients to call back, before a deadline passes.  Each case file is read once
(decrypted once), assessed under both packs as `batch` assesses it, and compared: route
statuses, the risks of high or critical severity that apply, the deadlines (their dates,
or that they appear or go), and the next question.  Only cases that changed are listed;
the others are counted.  Nothing is printed of a case beyond what `assess` prints (ids,
statuses, deadline dates and the file name: never a fact's value), and nothing is written
but the report, where asked.

Streamed and parallel like batch.py: rows are written in input order as they come, and
with many files the work is spread over the cores (forked workers inherit both packs).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Generator, Mapping, Sequence
from typing import Any, NamedTuple

from legalcli.bulk.batch import PARALLEL_FROM, csv_cell, ordered_pool
from legalcli.core.engine import Assessment, assess
from legalcli.core.errors import LegalcliError
from legalcli.core.model import Pack
from legalcli.i18n import Lang, t

NOTABLE = ("high", "critical")  # risks whose appearing or going is worth a call
CSV_HEADER = ("file", "what", "item", "old", "new")


class Change(NamedTuple):
    """One difference for one case, in words a script can read: `what` is route, risk,
    deadline, question or error; `item` the id; `old` and `new` as assess shows them
    ("" for absent)."""

    what: str
    item: str
    old: str
    new: str


class Outcome(NamedTuple):
    """What the old and the new pack conclude of one case, reduced to what impact
    compares (see `summary`)."""

    routes: Mapping[str, str]
    risks: Mapping[str, str]  # "route/risk" -> severity, for notable risks that apply
    deadlines: dict[str, str]  # "owner/deadline" -> date ("" when it is listed without one)
    question: str


def summary(result: Assessment, canonical: Callable[[str], str] = lambda r: r) -> Outcome:
    """The parts of an assessment impact compares.  `canonical` maps a route id of this
    pack to the id it is compared under (a renamed route keeps its old id as an alias)."""
    routes = {canonical(r.route.id): r.status for r in result.routes}
    risks = {
        f"{canonical(r.route.id)}/{x.risk.id}": x.risk.severity
        for r in result.routes
        for x in r.risks
        if x.status == "applies" and x.risk.severity in NOTABLE
    }
    deadlines = {f"{d.owner}/{d.deadline.id}": d.date.isoformat() if d.date else "" for d in result.deadlines}
    for r in result.routes:
        if r.status != "not_applicable":
            for d in r.deadlines:
                deadlines[f"{canonical(r.route.id)}/{d.deadline.id}"] = d.date.isoformat() if d.date else ""
    return Outcome(routes, risks, deadlines, result.next_questions[0] if result.next_questions else "")


def compare(old: Outcome, new: Outcome) -> list[Change]:
    """The changes from the old conclusion to the new one, in a stable order."""
    changes: list[Change] = []
    for route in sorted(old.routes.keys() | new.routes.keys()):
        # A route one pack lacks does not apply under it: a new route that does not
        # apply to him, or a removed one that did not, changes nothing for him.
        before, after = old.routes.get(route, "not_applicable"), new.routes.get(route, "not_applicable")
        if before != after:
            changes.append(Change("route", route, before, after))
    for risk in sorted(old.risks.keys() | new.risks.keys()):
        before, after = old.risks.get(risk, ""), new.risks.get(risk, "")
        if before != after:
            changes.append(Change("risk", risk, before, after))
    for deadline in sorted(old.deadlines.keys() | new.deadlines.keys()):
        if old.deadlines.get(deadline) != new.deadlines.get(deadline):
            changes.append(Change("deadline", deadline, _shown(old.deadlines, deadline), _shown(new.deadlines, deadline)))
    if old.question != new.question:
        changes.append(Change("question", "", old.question, new.question))
    return changes


def _shown(deadlines: dict[str, str], key: str) -> str:
    if key not in deadlines:
        return ""
    return deadlines[key] or "?"  # listed, its date unknown (the date fact is not given)


class Row(NamedTuple):
    file: str
    changes: tuple[Change, ...]
    error: str = ""


def impact_file(path: str, old: Pack, new: Pack, *, as_of: dt.date | None, lang: Lang, passphrase: str | None) -> Row:
    """One case under both packs.  A case one pack cannot read is a change (an error
    under the new pack only: the new pack no longer reads it); under both, an error."""
    from legalcli.loading.case import case_bytes, parse_case

    try:
        # Read and decrypted once, then parsed under each pack.
        data = case_bytes(path, passphrase=(lambda: passphrase) if passphrase is not None else None)
    except LegalcliError as exc:
        return Row(path, (), exc.render(lang))
    cases: list[Any] = []  # a Case, or the error that stopped it, per pack
    for pack in (old, new):
        try:
            cases.append(parse_case(data, pack, path))
        except LegalcliError as exc:
            cases.append(exc.render(lang))
    before, after = cases
    if isinstance(before, str) and isinstance(after, str):
        return Row(path, (), before)
    if isinstance(before, str):
        return Row(path, (Change("error", "old", before, ""),))
    if isinstance(after, str):
        return Row(path, (Change("error", "new", "", after),))
    date = as_of or after.as_of or dt.date.today()
    aliases = {alias: route.id for route in new.route_list for alias in route.aliases}
    renamed = {route_id: route_id for route_id in old.routes}
    # A route the new pack renamed (keeping the old id as an alias) is compared under
    # its new id, so that a rename alone is no change.
    renamed.update({alias: route_id for alias, route_id in aliases.items() if alias in old.routes})
    old_outcome = summary(assess(old, before.facts, as_of=date, detail=False), lambda r: renamed.get(r, r))
    new_outcome = summary(assess(new, after.facts, as_of=date, detail=False))
    return Row(path, tuple(compare(old_outcome, new_outcome)))


# --- rows as output ------------------------------------------------------------------

Line = tuple[str, bool, bool]  # (text to write, changed, unreadable)


def format_row(row: Row, fmt: str, lang: Lang, *, first: bool) -> Line:
    """A row as text, a JSON array element or CSV lines; "" for an unchanged case."""
    if not row.changes and not row.error:
        return "", False, False
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        items = [("error", "", "", row.error)] if row.error else row.changes
        for change in items:
            writer.writerow([csv_cell(cell) for cell in (row.file, *change)])
        return buffer.getvalue(), not row.error, bool(row.error)
    if fmt == "json":
        data: dict[str, Any] = {"file": row.file}
        if row.error:
            data["error"] = row.error
        else:
            data["changes"] = [c._asdict() for c in row.changes]
        return ("" if first else ",\n") + json.dumps(data, ensure_ascii=False), not row.error, bool(row.error)
    from legalcli.core.safetext import safe

    lines = [safe(row.file) + ":"]
    if row.error:
        lines.append("  " + t("impact.error", lang, error=row.error))
    lines += ["  " + describe(change, lang) for change in row.changes]
    return "\n".join(lines) + "\n", not row.error, bool(row.error)


def describe(change: Change, lang: Lang) -> str:
    """One change in words, in the reader's language (ids and dates as assess prints)."""
    none = t("impact.none", lang)
    if change.what == "route":
        return t("impact.route", lang, route=change.item, old=_status(change.old, lang), new=_status(change.new, lang))
    if change.what == "risk":
        if change.new:
            return t("impact.risk_added", lang, risk=change.item, severity=_severity(change.new, lang))
        return t("impact.risk_removed", lang, risk=change.item, severity=_severity(change.old, lang))
    if change.what == "deadline":
        shown = {"": none, "?": t("impact.no_date", lang)}
        if not change.old:
            return t("impact.deadline_added", lang, deadline=change.item, date=shown.get(change.new, change.new))
        if not change.new:
            return t("impact.deadline_removed", lang, deadline=change.item, date=shown.get(change.old, change.old))
        return t(
            "impact.deadline_moved",
            lang,
            deadline=change.item,
            old=shown.get(change.old, change.old),
            new=shown.get(change.new, change.new),
        )
    if change.what == "question":
        return t("impact.question", lang, old=change.old or none, new=change.new or none)
    return t(f"impact.error_{change.item}", lang, error=change.new or change.old)


def _status(status: str, lang: Lang) -> str:
    if not status:
        return t("impact.none", lang)
    return t(f"status.{status}", lang).lower() + ("" if lang == "en" else f" ({status})")


def _severity(severity: str, lang: Lang) -> str:
    return t(f"severity.{severity}", lang)


# --- running over many files ---------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(old: Pack, new: Pack, as_of: dt.date | None, lang: Lang, passphrase: str | None) -> None:
    _WORKER.update(old=old, new=new, as_of=as_of, lang=lang, passphrase=passphrase)


def _work(path: str) -> Row:
    w = _WORKER
    try:
        return impact_file(path, w["old"], w["new"], as_of=w["as_of"], lang=w["lang"], passphrase=w["passphrase"])
    except Exception as exc:
        # An exception the parent cannot unpickle would hang the pool for ever; a plain
        # one reaches the boundary as an internal error, as it would in one process.
        raise RuntimeError(f"{type(exc).__name__} while assessing a case") from None


def run_impact(
    paths: Sequence[str],
    old: Pack,
    new: Pack,
    *,
    as_of: dt.date | None,
    lang: Lang,
    passphrase: str | None,
    jobs: int,
) -> Generator[Row, None, None]:
    """Every file's row, in input order."""
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            yield impact_file(path, old, new, as_of=as_of, lang=lang, passphrase=passphrase)
        return
    yield from ordered_pool(
        _work, paths, jobs=jobs, packs=[old, new], initializer=_init_worker, initargs=(old, new, as_of, lang, passphrase)
    )


def needs_passphrase(paths: Sequence[str]) -> bool:
    """Whether any of the files is encrypted (its first bytes), so that the passphrase
    is asked once, before the work, rather than failing file by file."""
    import os

    for path in paths:
        if not os.path.isfile(path):
            continue  # a FIFO would block; read_bytes reports what is not a regular file
        try:
            with open(path, "rb") as handle:
                if handle.read(4) == b"LCX1":
                    return True
        except OSError:
            continue  # reported as that file's error row
    return False
