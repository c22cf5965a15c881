"""`legalcli batch`: triage many case files, one row each, streamed.

The pack is loaded once; each file is read, assessed and turned into a row.  A bad file
becomes an error row and the batch goes on.  With many files the work is spread over
the machine's cores (a process pool, rows kept in input order); rows are written as
they come, so memory stays flat however many files there are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from legalcli.core.engine import SEVERITY_RANK, RouteResult, assess
from legalcli.core.errors import InputError, LegalcliError
from legalcli.core.model import Pack
from legalcli.i18n import Lang

CASE_SUFFIXES = (".yaml", ".yml", ".json", ".lcx")
PARALLEL_FROM = 200  # below this, starting worker processes costs more than it saves


def case_paths(paths: Iterable[str]) -> list[str]:
    """Every case file named or found (recursively, sorted) under the given paths.  None
    at all is bad input, for batch and impact alike: an empty folder (or a wrong one)
    must not pass for a run in which nothing was wrong."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs.sort()
                found += (os.path.join(folder, name) for name in sorted(files) if name.endswith(CASE_SUFFIXES))
        else:
            found.append(path)
    if not found:
        raise InputError("no case file found (case files end in .yaml, .yml, .json or .lcx)", key="PATH")
    return found


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
    overdue = [d.deadline.id for d in result.deadlines if d.overdue and d.applies == "applies"]
    overdue += [d.deadline.id for r in result.routes if r.status == "feasible" for d in r.deadlines if d.overdue]
    return Row(
        file=path,
        statuses={r.route.id: r.status for r in result.routes},
        top_risk=top_risk(result.routes),
        overdue=tuple(dict.fromkeys(overdue)),
        next_question=result.next_questions[0] if result.next_questions else "",
    )


# A risk threatens him only on a route he may take: a blocked route is closed to him and
# a route that does not apply is not his, so their risks never make the top risk.
THREATENING = frozenset({"feasible", "undetermined"})


def top_risk(routes: Iterable[RouteResult]) -> str:
    """`severity:route/risk` of the worst risk that applies on a feasible or undetermined
    route, or "".  Of equal severities the first listed wins (the engine lists feasible
    routes first)."""
    best_rank, best = -1, ""
    for route in routes:
        if route.status not in THREATENING:
            continue
        for risk in route.risks:
            rank = SEVERITY_RANK[risk.risk.severity]
            if risk.status == "applies" and rank > best_rank:
                best_rank, best = rank, f"{risk.risk.severity}:{route.route.id}/{risk.risk.id}"
    return best


# Worker state: set once per process (inherited on fork), so the pack is not sent with
# every file.
_WORKER: dict[str, Any] = {}

# What each file becomes, ready to write: the output line, whether it is an error row,
# and the routes feasible for it (for the summary).  Workers send this, not the Row, so
# the parent process only writes.
Line = tuple[str, bool, tuple[str, ...]]


def format_line(row: Row, fmt: str, route_ids: list[str]) -> Line:
    if fmt == "csv":
        text = _csv_line(csv_row(row, route_ids))
    else:
        import json

        text = json.dumps(json_row(row), ensure_ascii=False) + "\n"
    return text, bool(row.error), tuple(r for r, status in row.statuses.items() if status == "feasible")


_CSV: list[tuple[Any, Any]] = []  # this process's buffer and csv writer, reused row after row


def _csv_line(cells: list[str]) -> str:
    """One CSV line.  Making a buffer and a writer for every row cost as much as writing it."""
    if not _CSV:
        import csv
        import io

        buffer = io.StringIO()
        _CSV.append((buffer, csv.writer(buffer, lineterminator="\n")))
    buffer, writer = _CSV[0]
    buffer.seek(0)
    buffer.truncate()
    writer.writerow(cells)
    return str(buffer.getvalue())


def worker_signals() -> None:
    """For a pool worker's initializer: SIGTERM and SIGHUP end it in the kernel, SIGINT
    is ignored.

    A pool ends its workers with SIGTERM (`with Pool(...)` does, every time).  The
    command's own handler, inherited on fork, is Python code, and Python runs it only
    between bytecodes: a SIGTERM that reached a worker while it was waking up inside the
    task queue's lock (the parent takes that lock as it ends the pool) was noted and never
    acted on, the worker slept on, and batch hung at its end waiting for it (seen twice
    in the bench's first dozen runs over 10,000 files).  The default action cannot be
    missed; Ctrl-C reaches the whole process group and is the parent's to handle."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)


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
    lines = ordered_pool(
        _work, paths, jobs=jobs, packs=[pack], initializer=_init_worker, initargs=(pack, as_of, lang, passphrase, fmt)
    )
    with contextlib.closing(lines):  # a failure here ends the workers now, not when the generator is collected
        for line in lines:
            on_line(line)


T = TypeVar("T")


def ordered_pool(
    work: Callable[[str], T],
    paths: Sequence[str],
    *,
    jobs: int,
    packs: Sequence[Pack],
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
) -> Generator[T, None, None]:
    """`work(path)` for every path, in input order, over `jobs` worker processes (batch's
    and impact's): each worker runs worker_signals, then `initializer(*initargs)`."""
    import multiprocessing

    if any(d.working_days for pack in packs for r in pack.route_list for d in r.deadlines) or any(
        d.working_days for pack in packs for s in pack.situation_list for d in s.deadlines
    ):
        # Load the production calendar once here, so that forked workers inherit it
        # instead of each loading it again.
        from legalcli.core.calendar import is_working_day

        for year in range(dt.date.today().year - 1, dt.date.today().year + 2):
            is_working_day(dt.date(year, 6, 1))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(initializer, initargs)) as pool:
        yield from pool.imap(work, paths, chunksize=64)


def _start_worker(initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    worker_signals()  # first: a pool's SIGTERM must end the worker whatever comes next
    initializer(*initargs)


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
    # A status is one of the engine's own words (feasible, blocked, …), never a formula:
    # only the other cells need csv_cell.
    statuses = row.statuses
    return [
        csv_cell(row.file),
        *[statuses.get(r, "") for r in route_ids],
        *map(csv_cell, (row.top_risk, ";".join(row.overdue), row.next_question, row.error)),
    ]


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
