"""Cycles: no situation depends on itself.

Situations may refer to situations; in a circle of them each waits on the next, and none
of them could ever be settled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import ErrorCheck, Problem, _error
from legalcli.core.conditions import SituationRef, walk
from legalcli.core.model import Pack

CYCLE = ErrorCheck("cycle", "situations that refer to each other in a circle")


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    edges = {s.id: [n.situation for n in walk(s.when) if isinstance(n, SituationRef)] for s in pack.situations.values()}
    reported: set[frozenset[str]] = set()
    for start in edges:
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in edges.get(node, []):
                if nxt == start:
                    key = frozenset(trail)
                    if key not in reported:
                        reported.add(key)
                        cycle = " -> ".join([*trail, start])
                        yield _error(
                            pack.situations[start].loc, "situations refer to each other in a cycle: {cycle}", CYCLE, cycle=cycle
                        )
                elif nxt not in trail and len(trail) < 50:
                    stack.append((nxt, [*trail, nxt]))
