"""What matters now, first: the part of an assessment a consultation opens with.

Deadlines that run (a duty past its date first), the routes open to him, the routes
still open to question with the one question that would decide each, the risks of
critical and high severity that apply, and what to bring.  Pure: the text output and
the brief render the same summary.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from legalcli.core.engine import SEVERITY_RANK, Assessment, DeadlineResult, RiskResult, RouteResult
from legalcli.core.model import Text

# A summary fits one screen or the top of a page: past these, the details below say it.
MAX_DEADLINES = 6
MAX_ROUTES = 6
MAX_RISKS = 6
MAX_DOCUMENTS = 8


class Open(NamedTuple):
    """An undetermined route and the question that would decide it (None: the sources
    leave it open, no answer would)."""

    route: RouteResult
    question: str | None


class Summary(NamedTuple):
    deadlines: tuple[DeadlineResult, ...]
    feasible: tuple[RouteResult, ...]
    undetermined: tuple[Open, ...]
    risks: tuple[RiskResult, ...]
    documents: tuple[Text, ...]
    more: int  # items left out by the caps, shown in the details


def _deadline_order(d: DeadlineResult) -> tuple[int, dt.date]:
    if d.overdue:
        return (0, d.date or dt.date.min)
    if d.date is not None and not d.passed:
        return (1, d.date)
    if d.date is not None:
        return (3, d.date)  # a date the law fixed that has passed: context, last
    return (2, dt.date.max)


def summarise(a: Assessment) -> Summary:
    open_routes = [r for r in a.routes if r.status in ("feasible", "undetermined")]
    deadlines: dict[str, DeadlineResult] = {}
    for d in (*a.deadlines, *(d for r in open_routes for d in r.deadlines)):
        deadlines.setdefault(d.deadline.id, d)
    ordered = sorted(deadlines.values(), key=_deadline_order)
    rank = {fact: i for i, fact in enumerate(a.next_questions)}
    undetermined = []
    for r in a.by_status("undetermined"):
        asked = sorted(r.deciding_facts, key=lambda f: rank.get(f, len(rank)))
        undetermined.append(Open(r, asked[0] if asked else None))
    risks: dict[str, RiskResult] = {}
    for r in open_routes:
        for x in r.risks:
            if x.status == "applies" and x.risk.severity in ("critical", "high"):
                risks.setdefault(x.risk.text.en, x)
    worst = sorted(risks.values(), key=lambda x: -SEVERITY_RANK[x.risk.severity])
    documents: dict[str, Text] = {}
    for r in open_routes:
        for document in r.route.documents:
            documents.setdefault(document.en, document)
    bring = list(documents.values())
    feasible = a.by_status("feasible")
    more = sum(
        max(0, len(items) - cap)
        for items, cap in (
            (ordered, MAX_DEADLINES),
            (feasible, MAX_ROUTES),
            (undetermined, MAX_ROUTES),
            (worst, MAX_RISKS),
            (bring, MAX_DOCUMENTS),
        )
    )
    return Summary(
        tuple(ordered[:MAX_DEADLINES]),
        tuple(feasible[:MAX_ROUTES]),
        tuple(undetermined[:MAX_ROUTES]),
        tuple(worst[:MAX_RISKS]),
        tuple(bring[:MAX_DOCUMENTS]),
        more,
    )
