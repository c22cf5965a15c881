"""Whole-pack lint: every semantic problem, sorted by location.  Returns, never prints.

One module per group of checks (in the way of yamllint's `rules/`): its docstring says
what it checks and why, its module-level ErrorCheck / WarningCheck / SearchCheck
declarations give the check ids it reports with their level, and its `check(pack,
today)` yields the problems.  CHECKED is the registry `check_pack` runs, in order;
docs/rule-format.md's table of checks is written from MODULES by tools/checks_doc.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Protocol

from legalcli.core.checks import (
    countries,
    coverage,
    cycles,
    duplicates,
    placeholders,
    provenance,
    reachability,
    references,
    reviews,
    stems,
    translations,
    unsafe_characters,
    usage,
)
from legalcli.core.checks.base import Check, ErrorCheck, Level, Problem, SearchCheck, WarningCheck
from legalcli.core.checks.coverage import case_coverage, reachable_statuses
from legalcli.core.checks.placeholders import PLACEHOLDER
from legalcli.core.model import Pack

__all__ = [
    "CHECKED",
    "CHECKS",
    "MODULES",
    "PLACEHOLDER",
    "Check",
    "Declaring",
    "ErrorCheck",
    "Level",
    "PackCheck",
    "Problem",
    "SearchCheck",
    "WarningCheck",
    "case_coverage",
    "check_pack",
    "declared",
    "reachable_statuses",
    "registry",
]


class Declaring(Protocol):
    """A module that declares checks (its docstring says what they check and why)."""

    __name__: str
    __doc__: str | None


class PackCheck(Declaring, Protocol):
    """A module `check_pack` runs."""

    def check(self, pack: Pack, today: dt.date) -> Iterator[Problem]: ...


# What check_pack runs, in this order.
CHECKED: tuple[PackCheck, ...] = (
    duplicates,
    stems,
    references,
    translations,
    placeholders,
    unsafe_characters,
    provenance,
    cycles,
    usage,
    reviews,
    countries,
    reachability,
)
# Every module that declares checks: case coverage needs the scenario cases' results,
# so `rules test` and `rules check` run it themselves (case_coverage).
MODULES: tuple[Declaring, ...] = (*CHECKED, coverage)


def declared(module: Declaring) -> tuple[Check, ...]:
    """The checks a module declares: its module-level Check values, in the order written."""
    return tuple(value for value in vars(module).values() if isinstance(value, Check))


def registry(modules: tuple[Declaring, ...]) -> dict[str, Check]:
    """Every declared check by id.  An id declared twice (or a declaration imported from
    another module, which is the same thing) is refused here, when the package is
    imported: one id, one level, one text."""
    found: dict[str, Check] = {}
    owner: dict[str, str] = {}
    for module in modules:
        for check in declared(module):
            if check.id in found:
                raise ValueError(f"check id '{check.id}' declared in {owner[check.id]} and in {module.__name__}")
            found[check.id] = check
            owner[check.id] = module.__name__
    return found


CHECKS: dict[str, Check] = registry(MODULES)


def check_pack(pack: Pack, *, today: dt.date) -> list[Problem]:
    """All problems of a pack, errors and warnings, sorted by location."""
    problems = [problem for module in CHECKED for problem in module.check(pack, today)]
    return sorted(set(problems), key=lambda p: (*p.loc.sort_key(), p.check, p.message))
