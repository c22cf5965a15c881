"""`legalcli batch`: triage many case files, one row each, streamed.

The pack is loaded once; each file is read, assessed and turned into a row.  A bad file
becomes an error row and the batch goes on.  With many files the work is spread over
the machine's cores (a process pool, rows kept in input order); rows are written as
they come, so memory stays flat however many files there are.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from legalcli.core.engine import SEVERITY_RANK, assess
from legalcli.core.errors import LegalcliError
from legalcli.core.model import Pack
from legalcli.i18n import Lang

CASE_SUFFIXES = (".yaml", ".yml", ".json", ".lcx")
PARALLEL_FROM = 200  # below this, starting worker processes costs more than it saves


def case_paths(paths: Iterable[str]) -> Iterator[str]:
    """Every case file named or found (recursively, sorted) under the given paths."""
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(CASE_SUFFIXES):
                        yield os.path.join(folder, name)
        else:
            yield path


@dataclass(frozen=True, slots=True)
class Row:
    file: str
    statuses: dict[str, str] = field(default_factory=dict)
    top_risk: str = ""
    overdue: tuple[str, ...] = ()
    next_question: str = ""
    error: str = ""


def assess_file(path: str, pack: Pack, as_of: dt.date | None, lang: Lang, passphrase: str | None) -> Row:
    """One file's row; any failure of the file itself becomes an error row."""
    from legalcli.loading.case import read_case

    try:
        case = read_case(path, pack, passphrase=(lambda: passphrase) if passphrase else None)
    except LegalcliError as exc:
        return Row(file=path, error=exc.render(lang))
    date = as_of or case.as_of or dt.date.today()
    result = assess(pack, case.facts, as_of=date, detail=False)
    best: tuple[int, str] = (-1, "")
    for route in result.routes:
        for risk in route.risks:
            rank = SEVERITY_RANK[risk.risk.severity]
            if risk.status == "applies" and rank > best[0]:
                best = (rank, f"{risk.risk.severity}:{route.route.id}/{risk.risk.id}")
    overdue = [d.deadline.id for d in result.deadlines if d.overdue and d.applies == "applies"]
    overdue += [d.deadline.id for r in result.routes if r.status == "feasible" for d in r.deadlines if d.overdue]
    return Row(
        file=path,
        statuses={r.route.id: r.status for r in result.routes},
        top_risk=best[1],
        overdue=tuple(dict.fromkeys(overdue)),
        next_question=result.next_questions[0] if result.next_questions else "",
    )


# Worker state: set once per process (inherited on fork), so the pack is not sent with
# every file.
_WORKER: dict[str, Any] = {}

# What each file becomes, ready to write: the output line, whether it is an error row,
# and the routes feasible for it (for the summary).  Workers send this, not the Row, so
# the parent process only writes.
Line = tuple[str, bool, tuple[str, ...]]


def format_line(row: Row, fmt: str, route_ids: list[str]) -> Line:
    import json

    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(csv_row(row, route_ids))
        text = buffer.getvalue()
    else:
        text = json.dumps(json_row(row), ensure_ascii=False) + "\n"
    return text, bool(row.error), tuple(r for r, status in row.statuses.items() if status == "feasible")


def _init_worker(pack: Pack, as_of: dt.date | None, lang: Lang, passphrase: str | None, fmt: str) -> None:
    _WORKER.update(pack=pack, as_of=as_of, lang=lang, passphrase=passphrase, fmt=fmt, routes=[r.id for r in pack.route_list])


def _work(path: str) -> Line:
    row = assess_file(path, _WORKER["pack"], _WORKER["as_of"], _WORKER["lang"], _WORKER["passphrase"])
    return format_line(row, _WORKER["fmt"], _WORKER["routes"])


def run_batch(
    paths: list[str],
    pack: Pack,
    *,
    as_of: dt.date | None,
    lang: Lang,
    passphrase: str | None,
    jobs: int,
    fmt: str,
    on_line: Callable[[Line], None],
) -> None:
    """Assess every file, calling on_line for each in input order."""
    route_ids = [r.id for r in pack.route_list]
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            on_line(format_line(assess_file(path, pack, as_of, lang, passphrase), fmt, route_ids))
        return
    import multiprocessing

    if any(d.working_days for r in pack.route_list for d in r.deadlines) or any(
        d.working_days for s in pack.situation_list for d in s.deadlines
    ):
        # Load the production calendar once here, so that forked workers inherit it
        # instead of each loading it again.
        from legalcli.core.calendar import is_working_day

        for year in range(dt.date.today().year - 1, dt.date.today().year + 2):
            is_working_day(dt.date(year, 6, 1))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(pack, as_of, lang, passphrase, fmt)) as pool:
        for line in pool.imap(_work, paths, chunksize=64):
            on_line(line)


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…),
# +cmd|…); a tab or CR in front hides the sign from a reader who strips it.  A file name,
# an error naming it, or a pack's id can start a cell this way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a leading ' before a formula start,
    as OWASP advises against CSV injection.  A plain number (-3, +1.5, -2e3) stays a
    number, and the ' is only added where it is needed, so ordinary cells are unchanged."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_header(route_ids: list[str]) -> list[str]:
    return [csv_cell(cell) for cell in ("file", *route_ids, "top_risk", "overdue", "next_question", "error")]


def csv_row(row: Row, route_ids: list[str]) -> list[str]:
    cells = [
        row.file,
        *(row.statuses.get(r, "") for r in route_ids),
        row.top_risk,
        ";".join(row.overdue),
        row.next_question,
        row.error,
    ]
    return [csv_cell(cell) for cell in cells]


def json_row(row: Row) -> dict[str, Any]:
    if row.error:
        return {"file": row.file, "error": row.error}
    return {
        "file": row.file,
        "routes": row.statuses,
        "top_risk": row.top_risk or None,
        "overdue": list(row.overdue),
        "next_question": row.next_question or None,
    }
