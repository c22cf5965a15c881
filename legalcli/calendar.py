"""Deadline arithmetic: calendar days, and working days on the Russian production calendar."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Protocol


class _Calendar(Protocol):
    def is_working_day(self, date: dt.date) -> bool: ...


@lru_cache(maxsize=1)
def _russia() -> _Calendar:
    # The holidays package carries the production calendar, substituted days off and
    # working Saturdays included; imported here only, so most runs never pay for it.
    import holidays

    calendar: _Calendar = holidays.country_holidays("RU")
    return calendar


def is_working_day(date: dt.date) -> bool:
    return _russia().is_working_day(date)


def add_days(start: dt.date, days: int, *, working: bool) -> dt.date:
    """`days` after `start`: the start day itself is day 0, as in a statutory count
    that runs "within N days of being notified"."""
    if not working:
        return start + dt.timedelta(days=days)
    current = start
    counted = 0
    while counted < days:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current
