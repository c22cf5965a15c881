"""Deadline arithmetic: calendar days, and working days on the Russian production calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# Non-working days (weekends, public holidays, substituted days off; working Saturdays
# excluded) by year.  Filled on first use from the `holidays` package, or by a loader
# the edge installs (the cache of loading/cache.py), because importing `holidays` costs
# ~70 ms of a run that needs one year of it.
_YEARS: dict[int, frozenset[dt.date]] = {}
_LOADER: list[Callable[[int], frozenset[dt.date]]] = []

# The years a case's dates may fall in (docs/security.md): a date outside them is bad
# input, never a date of a real case (9999-12-31 is a typo, and counting from it ran off
# the calendar).  The cached production calendar covers exactly these years.
FIRST_YEAR, LAST_YEAR = 1990, 2100


def use_loader(loader: Callable[[int], frozenset[dt.date]] | None) -> None:
    """Where non-working days of a year come from (None: the holidays package)."""
    _LOADER[:] = [loader] if loader is not None else []
    _YEARS.clear()


def non_working_days(year: int) -> frozenset[dt.date]:
    """A year's non-working days by the holidays package's production calendar."""
    import holidays

    calendar = holidays.country_holidays("RU", years=year)
    day = dt.date(year, 1, 1)
    found = set()
    while day.year == year:
        if not calendar.is_working_day(day):
            found.add(day)
        day += dt.timedelta(days=1)
    return frozenset(found)


def is_working_day(date: dt.date) -> bool:
    days = _YEARS.get(date.year)
    if days is None:
        days = (_LOADER[0] if _LOADER else non_working_days)(date.year)
        _YEARS[date.year] = days
    return date not in days


UNITS = ("days", "working_days", "months", "years")


def add_period(start: dt.date, amount: int, unit: str) -> dt.date:
    """`amount` units after `start` (day 0).  Months and years end on the same day of
    the last month, or on that month's last day when it has no such day (Civil Code
    Art. 192(3)): 3 months from 30 Nov end on 28/29 Feb, not 90 days later."""
    if unit == "days":
        return add_days(start, amount, working=False)
    if unit == "working_days":
        return add_days(start, amount, working=True)
    months = amount * 12 if unit == "years" else amount
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError("date out of range")
    last = (
        (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day if year < dt.MAXYEAR or month < 12 else 31
    )
    return dt.date(year, month, min(start.day, last))


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
