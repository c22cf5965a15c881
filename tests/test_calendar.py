"""Deadlines in calendar and Russian working days: weekends, 4 November, New Year."""

from __future__ import annotations

import datetime as dt

import pytest

from legalcli.core.calendar import add_days, is_working_day
from legalcli.core.engine import assess
from legalcli.core.model import Pack

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 11, 2), 5, D(2026, 11, 10)),  # Mon; Wed 4 Nov (Unity Day) and the weekend skipped
        (D(2026, 11, 6), 1, D(2026, 11, 9)),  # Friday + 1 working day = Monday
        (D(2026, 11, 7), 1, D(2026, 11, 9)),  # from a Saturday
        (D(2025, 12, 30), 5, D(2026, 1, 16)),  # 31 Dec 2025 day off, 1-11 Jan 2026 off (9 Jan substituted)
        (D(2025, 12, 26), 3, D(2026, 1, 12)),  # Fri; 29, 30 Dec, then nothing until Monday 12 Jan
        (D(2025, 10, 31), 1, D(2025, 11, 1)),  # Saturday 1 Nov 2025 was a working day (substitution)
        (D(2025, 10, 31), 2, D(2025, 11, 5)),  # then 3 and 4 Nov off
    ],
)
def test_working_days(start: dt.date, days: int, expected: dt.date) -> None:
    assert add_days(start, days, working=True) == expected


def test_calendar_days_ignore_holidays() -> None:
    assert add_days(D(2026, 12, 31), 20, working=False) == D(2027, 1, 20)


def test_known_days() -> None:
    assert not is_working_day(D(2026, 11, 4))
    assert not is_working_day(D(2026, 1, 9))
    assert is_working_day(D(2026, 11, 5))


# The sources split between five days and five working days (brief C5): the pack shows the
# earlier date, five calendar days, marked unconfirmed.
def test_passport_surrender_deadline_overdue(pack: Pack) -> None:
    facts = {"service_status": "mobilised", "international_passport": "valid", "exit_restriction_date": D(2026, 11, 2)}
    a = assess(pack, facts, as_of=D(2026, 11, 24))  # type: ignore[arg-type]
    (deadline,) = [d for d in a.deadlines if d.deadline.id == "passport-surrender"]
    assert (deadline.date, deadline.days_left, deadline.overdue) == (D(2026, 11, 7), -17, True)


def test_passport_surrender_deadline_running(pack: Pack) -> None:
    facts = {
        "service_status": "civilian",
        "summons_stage": "exit_restriction_notified",
        "international_passport": "valid",
        "exit_restriction_date": D(2026, 11, 20),
    }
    a = assess(pack, facts, as_of=D(2026, 11, 24))  # type: ignore[arg-type]
    (deadline,) = [d for d in a.deadlines if d.deadline.id == "passport-surrender"]
    assert (deadline.date, deadline.days_left, deadline.overdue) == (D(2026, 11, 25), 1, False)


def test_deadline_without_its_date_is_reported_as_unknown(pack: Pack) -> None:
    a = assess(pack, {"service_status": "mobilised", "international_passport": "valid"}, as_of=D(2026, 11, 24))
    (deadline,) = [d for d in a.deadlines if d.deadline.id == "passport-surrender"]
    assert deadline.date is None and not deadline.overdue
    assert "exit_restriction_date" in a.next_questions


def test_cached_calendar_matches_the_holidays_package(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from legalcli.core import calendar
    from legalcli.loading.cache import calendar_loader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LEGALCLI_NO_CACHE", raising=False)
    try:
        calendar.use_loader(calendar_loader)
        first = calendar_loader(2026)  # computed and written
        again = calendar_loader(2026)  # read back
        assert first == again == calendar.non_working_days(2026)
        assert D(2026, 11, 4) in first and D(2026, 1, 9) in first and D(2025, 11, 1) not in calendar_loader(2025)
        assert add_days(D(2026, 11, 2), 5, working=True) == D(2026, 11, 10)
    finally:
        calendar.use_loader(None)
