"""Time and law in the engine, each on both sides of its boundary: periods (Civil Code
Art. 192(3)), `passed`, deadlines in months and years, laws in force on the as-of date
(situations, clauses, risks, deadlines), deadlines that wait for their law,
`unsettled_if`, and the country table read on the as-of date.  Small packs are built
here; a Hypothesis property runs over the shipped pack."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalcli.core.calendar import add_period
from legalcli.core.conditions import Value
from legalcli.core.engine import Assessment, RouteResult, assess, candidate_values, what_would_open
from legalcli.core.model import Pack
from legalcli.loading.pack import default_rules_dir, load_pack

D = dt.date
LAW_START = D(2026, 3, 1)  # new-law: in force from this day
LAW_END = D(2026, 6, 30)  # ended-law: in force until this day (inclusive)

FILES: dict[str, str] = {
    "pack.yaml": """\
name: time-and-law
version: 0.0.1
title: {en: Time and law test, ru: Тест времени и закона}
reviewed: 2026-01-01
""",
    "facts/person.yaml": """\
facts:
  - id: event_date
    type: date
    question: {en: When?, ru: Когда?}
  - id: flag
    type: bool
    question: {en: Flag?, ru: Флаг?}
  - id: blocker
    type: bool
    question: {en: Blocker?, ru: Препятствие?}
  - id: open_fact
    type: bool
    changeable: true
    question: {en: Open?, ru: Открыто?}
  - id: current_country
    type: country
    question: {en: Which country is he in?, ru: В какой он стране?}
""",
    "laws.yaml": """\
laws:
  - id: old-law
    title: {en: Old law, ru: Старый закон}
    summary: {en: Always in force., ru: Действует всегда.}
  - id: new-law
    title: {en: New law, ru: Новый закон}
    summary: {en: In force from 1 March 2026., ru: Действует с 1 марта 2026 г.}
    effective: {from: 2026-03-01}
  - id: ended-law
    title: {en: Ended law, ru: Отменённый закон}
    summary: {en: In force until 30 June 2026., ru: Действует до 30 июня 2026 г.}
    effective: {until: 2026-06-30}
""",
    "sources.yaml": """\
sources:
  - id: src-a
    title: A source
    publisher: Gazette
    url: https://example.org/a
    date: 2026-01-01
    kind: news
    confidence: confirmed
""",
    "countries.yaml": """\
attributes:
  - id: safe
    type: bool
    title: {en: Safe, ru: Безопасно}
  - id: extradition
    type: choice
    title: {en: Extradition, ru: Выдача}
    choices:
      - value: possible
        label: {en: possible, ru: возможна}
      - value: barred
        label: {en: barred, ru: исключена}
countries:
  - id: aa
    name: {en: Alphaland, ru: Альфландия}
    reviewed: 2026-01-01
    reviewed_against: [src-a]
    attributes:
      safe:
        - value: false
          from: 2026-01-15
          note: {en: Unsafe since mid-January., ru: Опасно с середины января.}
          sources: [src-a]
        - value: true
          note: {en: Safe before., ru: Раньше безопасно.}
          sources: [src-a]
      extradition:
        - value: possible
          from: 2026-01-15
          note: {en: Possible now., ru: Теперь возможна.}
          sources: [src-a]
        - value: barred
          note: {en: Barred before., ru: Раньше исключена.}
          sources: [src-a]
  - id: bb
    name: {en: Betaland, ru: Бетландия}
    reviewed: 2026-01-01
    reviewed_against: [src-a]
    attributes:
      safe:
        value: unknown
        note: {en: The sources do not say., ru: Источники не говорят.}
        sources: [src-a]
      extradition:
        value: unknown
        note: {en: The sources do not say., ru: Источники не говорят.}
        sources: [src-a]
""",
    # --- situations ---
    "situations/new-duty.yaml": """\
id: new-duty
title: {en: A duty under the new law, ru: Обязанность по новому закону}
when: {fact: flag, is: true}
legal_basis: [new-law]
deadlines:
  - id: new-duty-deadline
    from_fact: event_date
    days: 10
    text: {en: Within 10 days., ru: В течение 10 дней.}
    legal_basis: [new-law]
reviewed: 2026-01-01
""",
    "situations/follows-new-duty.yaml": """\
id: follows-new-duty
title: {en: Refers to the new duty, ru: Ссылается на новую обязанность}
when: {situation: new-duty}
reviewed: 2026-01-01
""",
    "situations/old-duty.yaml": """\
id: old-duty
title: {en: A duty under the old law, ru: Обязанность по старому закону}
when: {fact: flag, is: true}
legal_basis: [old-law]
deadlines:
  - id: in-three-months
    from_fact: event_date
    months: 3
    text: {en: Within 3 months., ru: В течение 3 месяцев.}
    legal_basis: [old-law]
  - id: in-one-year
    from_fact: event_date
    years: 1
    text: {en: Within a year., ru: В течение года.}
    legal_basis: [old-law]
  - id: in-90-days
    from_fact: event_date
    days: 90
    text: {en: Within 90 days., ru: В течение 90 дней.}
    legal_basis: [old-law]
  - id: in-five-working-days
    from_fact: event_date
    days: 5
    working_days: true
    text: {en: Within 5 working days., ru: В течение 5 рабочих дней.}
    legal_basis: [old-law]
reviewed: 2026-01-01
""",
    "situations/ended-duty.yaml": """\
id: ended-duty
title: {en: A duty under the ended law, ru: Обязанность по отменённому закону}
when: {fact: flag, is: true}
legal_basis: [ended-law]
reviewed: 2026-01-01
""",
    **{
        f"situations/passed-{unit.replace('_', '-')}.yaml": f"""\
id: passed-{unit.replace("_", "-")}
title: {{en: Period passed, ru: Срок прошёл}}
when: {{fact: event_date, passed: {{{unit}: {amount}}}}}
reviewed: 2026-01-01
"""
        for unit, amount in (("days", 90), ("working_days", 5), ("months", 3), ("years", 1))
    },
    # --- routes ---
    "routes/gated-requires.yaml": """\
id: gated-requires
title: {en: Gated requirement, ru: Требование по новому закону}
summary: {en: A requirement the new law makes., ru: Требование нового закона.}
requires:
  - when: {fact: flag, is: true}
    because: {en: The new law requires the flag., ru: Новый закон требует флага.}
    legal_basis: [new-law]
sources: [src-a]
reviewed: 2026-01-01
""",
    "routes/gated-blocked.yaml": """\
id: gated-blocked
title: {en: Gated blocker, ru: Препятствие по новому закону}
summary: {en: A bar the new law makes., ru: Запрет нового закона.}
blocked_if:
  - when: {fact: blocker, is: true}
    because: {en: The new law bars it., ru: Новый закон это запрещает.}
    legal_basis: [new-law]
sources: [src-a]
reviewed: 2026-01-01
""",
    "routes/ended-blocked.yaml": """\
id: ended-blocked
title: {en: Ended blocker, ru: Препятствие по отменённому закону}
summary: {en: A bar of the ended law., ru: Запрет отменённого закона.}
blocked_if:
  - when: {fact: blocker, is: true}
    because: {en: The ended law bars it., ru: Отменённый закон это запрещает.}
    legal_basis: [ended-law]
sources: [src-a]
reviewed: 2026-01-01
""",
    "routes/gated-risk.yaml": """\
id: gated-risk
title: {en: Gated risk and deadline, ru: Риск и срок по новому закону}
summary: {en: Risks and deadlines of two laws., ru: Риски и сроки двух законов.}
risks:
  - id: new-risk
    severity: high
    when: {fact: flag, is: true}
    text: {en: A risk under the new law., ru: Риск по новому закону.}
    legal_basis: [new-law]
  - id: old-risk
    severity: low
    text: {en: A risk under the old law., ru: Риск по старому закону.}
    legal_basis: [old-law]
deadlines:
  - id: route-new-deadline
    from_fact: event_date
    days: 10
    text: {en: Within 10 days., ru: В течение 10 дней.}
    legal_basis: [new-law]
  - id: route-old-deadline
    from_fact: event_date
    months: 1
    text: {en: Within a month., ru: В течение месяца.}
    legal_basis: [old-law]
sources: [src-a]
reviewed: 2026-01-01
""",
    "routes/two-clauses.yaml": """\
id: two-clauses
title: {en: Two requirements, ru: Два требования}
summary: {en: "One of the new law, one always.", ru: "Одно по новому закону, одно всегда."}
requires:
  - when: {fact: flag, is: true}
    because: {en: The new law requires the flag., ru: Новый закон требует флага.}
    legal_basis: [new-law]
  - when: {fact: open_fact, is: true}
    because: {en: It is open., ru: Это открыто.}
sources: [src-a]
reviewed: 2026-01-01
""",
    "routes/unsettled.yaml": """\
id: unsettled
title: {en: Unsettled route, ru: Неясный путь}
summary: {en: The sources leave a point open., ru: Источники оставляют вопрос открытым.}
unsettled_if:
  - when: {fact: flag, is: true}
    because: {en: No source says how the flag is treated., ru: "Ни один источник не говорит, как учитывается флаг."}
sources: [src-a]
reviewed: 2026-01-01
""",
    "routes/country-safe.yaml": """\
id: country-safe
title: {en: Stay where he is, ru: Оставаться в стране}
summary: {en: Depends on the country table., ru: Зависит от таблицы стран.}
requires:
  - when: {country: current_country, has: safe}
    because: {en: The country he is in is safe., ru: Страна пребывания безопасна.}
risks:
  - id: extradition-risk
    severity: critical
    when: {country: current_country, attribute: extradition, is: possible}
    text: {en: He may be extradited., ru: Его могут выдать.}
    sources: [src-a]
sources: [src-a]
reviewed: 2026-01-01
""",
    "routes/country-unsettled.yaml": """\
id: country-unsettled
title: {en: Open while the country may be safe, ru: "Неясно, пока страна может быть безопасной"}
summary: {en: An open question read from the table., ru: Открытый вопрос из таблицы стран.}
unsettled_if:
  - when: {country: current_country, has: safe}
    because: {en: Whether safety there protects him is not settled., ru: "Защищает ли его безопасность там, не ясно."}
sources: [src-a]
reviewed: 2026-01-01
""",
    "routes/country-barred.yaml": """\
id: country-barred
title: {en: Rely on the bar, ru: Опереться на запрет выдачи}
summary: {en: Extradition barred., ru: Выдача исключена.}
requires:
  - when: {country: current_country, attribute: extradition, in: [barred]}
    because: {en: Extradition is barred there., ru: Выдача там исключена.}
sources: [src-a]
reviewed: 2026-01-01
""",
}


def build(root: Path, files: Mapping[str, str] = FILES) -> Pack:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_pack(str(root))


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return build(tmp_path_factory.mktemp("time-and-law"))


def route(a: Assessment, route_id: str) -> RouteResult:
    return next(r for r in a.routes if r.route.id == route_id)


def situation(a: Assessment, situation_id: str) -> bool | None:
    return next(s.value for s in a.situations if s.situation.id == situation_id)


def deadline_dates(a: Assessment) -> dict[str, D | None]:
    found = {d.deadline.id: d.date for d in a.deadlines}
    found.update({d.deadline.id: d.date for r in a.routes for d in r.deadlines})
    return found


def day_before(day: D) -> D:
    return day - dt.timedelta(days=1)


# --- calendar.add_period --------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "amount", "unit", "end"),
    [
        # Months end on the same day of the month, or on the month's last day (Art. 192(3)).
        (D(2025, 11, 30), 3, "months", D(2026, 2, 28)),
        (D(2025, 11, 28), 3, "months", D(2026, 2, 28)),
        (D(2023, 11, 30), 3, "months", D(2024, 2, 29)),  # a leap year's February
        (D(2025, 8, 31), 1, "months", D(2025, 9, 30)),
        (D(2025, 1, 31), 1, "months", D(2025, 2, 28)),
        # Three months are not 90 days.
        (D(2025, 10, 1), 3, "months", D(2026, 1, 1)),
        (D(2025, 10, 1), 90, "days", D(2025, 12, 30)),
        # A year from 29 February ends on 28 February; from 28 February on 28 February.
        (D(2024, 2, 29), 1, "years", D(2025, 2, 28)),
        (D(2024, 2, 28), 1, "years", D(2025, 2, 28)),
        (D(2024, 2, 29), 4, "years", D(2028, 2, 29)),
        (D(2025, 12, 15), 0, "months", D(2025, 12, 15)),
        # Working days on the Russian production calendar: 31 Dec 2025 and 1-11 Jan 2026 are days off.
        (D(2025, 12, 29), 1, "working_days", D(2025, 12, 30)),
        (D(2025, 12, 30), 1, "working_days", D(2026, 1, 12)),
        (D(2025, 12, 31), 1, "working_days", D(2026, 1, 12)),
        (D(2025, 12, 30), 5, "working_days", D(2026, 1, 16)),
        (D(2025, 12, 30), 12, "days", D(2026, 1, 11)),
    ],
)
def test_add_period(start: D, amount: int, unit: str, end: D) -> None:
    assert add_period(start, amount, unit) == end


def test_add_period_past_the_last_year_overflows() -> None:
    with pytest.raises(OverflowError):
        add_period(D(9999, 12, 1), 1, "months")


# --- passed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("situation_id", "event", "ends"),
    [
        ("passed-months", D(2025, 11, 30), D(2026, 2, 28)),
        ("passed-months", D(2025, 10, 1), D(2026, 1, 1)),
        ("passed-days", D(2025, 10, 1), D(2025, 12, 30)),
        ("passed-years", D(2024, 2, 29), D(2025, 2, 28)),
        ("passed-working-days", D(2025, 12, 30), D(2026, 1, 16)),
    ],
)
def test_passed_is_true_on_the_day_the_period_ends_and_false_the_day_before(
    pack: Pack, situation_id: str, event: D, ends: D
) -> None:
    facts: dict[str, Value] = {"event_date": event}
    assert situation(assess(pack, facts, as_of=day_before(ends)), situation_id) is False
    assert situation(assess(pack, facts, as_of=ends), situation_id) is True
    assert situation(assess(pack, facts, as_of=ends + dt.timedelta(days=400)), situation_id) is True


def test_passed_is_unknown_without_the_date(pack: Pack) -> None:
    assert situation(assess(pack, {}, as_of=D(2026, 1, 1)), "passed-months") is None


# --- deadlines in months, years, days, working days -----------------------------------------


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (D(2025, 11, 30), {"in-three-months": D(2026, 2, 28), "in-one-year": D(2026, 11, 30), "in-90-days": D(2026, 2, 28)}),
        (D(2025, 10, 1), {"in-three-months": D(2026, 1, 1), "in-90-days": D(2025, 12, 30)}),
        (D(2024, 2, 29), {"in-three-months": D(2024, 5, 29), "in-one-year": D(2025, 2, 28)}),
        (D(2025, 12, 30), {"in-five-working-days": D(2026, 1, 16)}),
    ],
)
def test_deadlines_in_months_years_and_days(pack: Pack, event: D, expected: dict[str, D]) -> None:
    a = assess(pack, {"event_date": event, "flag": True}, as_of=D(2026, 1, 1))
    dates = deadline_dates(a)
    for deadline_id, date in expected.items():
        assert dates[deadline_id] == date, deadline_id


def test_a_deadline_in_months_counts_days_left_to_its_end(pack: Pack) -> None:
    facts: dict[str, Value] = {"event_date": D(2025, 11, 30), "flag": True}
    on_last_day = next(d for d in assess(pack, facts, as_of=D(2026, 2, 28)).deadlines if d.deadline.id == "in-three-months")
    day_after = next(d for d in assess(pack, facts, as_of=D(2026, 3, 1)).deadlines if d.deadline.id == "in-three-months")
    assert (on_last_day.days_left, on_last_day.overdue) == (0, False)
    assert (day_after.days_left, day_after.overdue) == (-1, True)


# --- laws in force on the as-of date ----------------------------------------------------


def test_a_law_gates_a_situation(pack: Pack) -> None:
    facts: dict[str, Value] = {"flag": True}
    before = assess(pack, facts, as_of=day_before(LAW_START))
    on_day = assess(pack, facts, as_of=LAW_START)
    assert situation(before, "new-duty") is False
    assert situation(before, "follows-new-duty") is False  # a situation resting on it, too
    assert situation(before, "old-duty") is True
    assert situation(on_day, "new-duty") is True
    assert situation(on_day, "follows-new-duty") is True


def test_a_law_until_a_date_applies_on_that_day_and_not_after(pack: Pack) -> None:
    facts: dict[str, Value] = {"flag": True, "blocker": True}
    assert situation(assess(pack, facts, as_of=LAW_END), "ended-duty") is True
    assert situation(assess(pack, facts, as_of=LAW_END + dt.timedelta(days=1)), "ended-duty") is False
    assert route(assess(pack, facts, as_of=LAW_END), "ended-blocked").status == "blocked"
    assert route(assess(pack, facts, as_of=LAW_END + dt.timedelta(days=1)), "ended-blocked").status == "feasible"


def test_a_law_gates_a_requires_clause(pack: Pack) -> None:
    facts: dict[str, Value] = {"flag": False}
    before = route(assess(pack, facts, as_of=day_before(LAW_START)), "gated-requires")
    on_day = route(assess(pack, facts, as_of=LAW_START), "gated-requires")
    assert (before.status, before.reasons) == ("feasible", ())
    assert on_day.status == "blocked"
    assert [(r.kind, r.unmet, r.text.en) for r in on_day.reasons] == [("requires", True, "The new law requires the flag.")]


def test_a_law_gates_a_blocked_if_clause(pack: Pack) -> None:
    facts: dict[str, Value] = {"blocker": True}
    before = route(assess(pack, facts, as_of=day_before(LAW_START)), "gated-blocked")
    on_day = route(assess(pack, facts, as_of=LAW_START), "gated-blocked")
    assert (before.status, before.reasons) == ("feasible", ())
    assert on_day.status == "blocked"
    assert [(r.kind, r.text.en) for r in on_day.reasons] == [("blocked_if", "The new law bars it.")]


def test_a_law_gates_a_risk(pack: Pack) -> None:
    facts: dict[str, Value] = {"flag": True}
    before = route(assess(pack, facts, as_of=day_before(LAW_START)), "gated-risk")
    on_day = route(assess(pack, facts, as_of=LAW_START), "gated-risk")
    assert [r.risk.id for r in before.risks] == ["old-risk"]
    assert [(r.risk.id, r.status) for r in on_day.risks] == [("new-risk", "applies"), ("old-risk", "applies")]


def test_a_law_gates_a_deadline(pack: Pack) -> None:
    facts: dict[str, Value] = {"flag": True, "event_date": D(2026, 2, 20)}
    before = assess(pack, facts, as_of=day_before(LAW_START))
    on_day = assess(pack, facts, as_of=LAW_START)
    assert "route-new-deadline" not in deadline_dates(before)
    assert "new-duty-deadline" not in deadline_dates(before)
    assert deadline_dates(before)["route-old-deadline"] == D(2026, 3, 20)
    # On the day: listed, and counted from the law's start, not from the earlier date fact.
    assert deadline_dates(on_day)["route-new-deadline"] == D(2026, 3, 11)
    assert deadline_dates(on_day)["new-duty-deadline"] == D(2026, 3, 11)


@pytest.mark.parametrize(
    ("event", "due"),
    [
        (D(2025, 12, 1), D(2026, 3, 11)),  # before the law: counted from 1 March 2026
        (day_before(LAW_START), D(2026, 3, 11)),
        (LAW_START, D(2026, 3, 11)),
        (LAW_START + dt.timedelta(days=1), D(2026, 3, 12)),  # after it: from the date itself
    ],
)
def test_a_deadline_never_starts_before_its_law(pack: Pack, event: D, due: D) -> None:
    a = assess(pack, {"flag": True, "event_date": event}, as_of=D(2026, 3, 5))
    assert deadline_dates(a)["new-duty-deadline"] == due
    assert deadline_dates(a)["route-new-deadline"] == due


# --- unsettled_if ------------------------------------------------------------------------------


def test_unsettled_if_keeps_a_feasible_route_undetermined(pack: Pack) -> None:
    settled = route(assess(pack, {"flag": False}, as_of=D(2026, 1, 1)), "unsettled")
    unsettled = route(assess(pack, {"flag": True}, as_of=D(2026, 1, 1)), "unsettled")
    assert settled.status == "feasible"
    assert unsettled.status == "undetermined"
    assert [(r.kind, r.text.en, r.facts) for r in unsettled.reasons] == [
        ("unsettled", "No source says how the flag is treated.", ("flag",))
    ]


def test_an_unsettled_route_is_not_dead_for_rules_check(pack: Pack) -> None:
    from legalcli.core.checks import check_pack

    assert not [p for p in check_pack(pack, today=D(2026, 1, 1)) if p.check == "unreachable-route"]


def test_an_unsettled_route_says_which_fact_would_settle_it(pack: Pack) -> None:
    result = route(assess(pack, {}, as_of=D(2026, 1, 1)), "unsettled")
    assert result.status == "undetermined"
    assert "flag" in result.deciding_facts


# --- laws and the facts an undetermined or blocked route turns on -----------------------------


def test_a_clause_not_in_force_decides_nothing(pack: Pack) -> None:
    result = route(assess(pack, {}, as_of=day_before(LAW_START)), "two-clauses")
    assert result.status == "undetermined"
    assert result.deciding_facts == ("open_fact",)


def test_what_would_open_ignores_a_clause_not_in_force(pack: Pack) -> None:
    facts: dict[str, Value] = {"flag": False, "open_fact": False}
    as_of = day_before(LAW_START)
    assert route(assess(pack, facts, as_of=as_of), "two-clauses").status == "blocked"
    assert [dict(c) for c in what_would_open(pack.routes["two-clauses"], facts, pack, as_of)] == [{"open_fact": True}]


def test_what_would_open_once_the_law_is_in_force(pack: Pack) -> None:
    # flag is not changeable: on the law's first day nothing he can change opens the route.
    facts: dict[str, Value] = {"flag": False, "open_fact": False}
    assert what_would_open(pack.routes["two-clauses"], facts, pack, LAW_START) == ()
    assert [
        dict(c) for c in what_would_open(pack.routes["two-clauses"], {"flag": True, "open_fact": False}, pack, LAW_START)
    ] == [{"open_fact": True}]


# --- the country table, read on the as-of date -------------------------------------------------

SAFE_FROM = D(2026, 1, 15)


def test_a_dated_country_attribute_before_and_after_its_from_date(pack: Pack) -> None:
    facts: dict[str, Value] = {"current_country": "aa"}
    before = assess(pack, facts, as_of=day_before(SAFE_FROM))
    on_day = assess(pack, facts, as_of=SAFE_FROM)
    assert route(before, "country-safe").status == "feasible"
    assert route(on_day, "country-safe").status == "blocked"
    assert route(before, "country-barred").status == "feasible"
    assert route(on_day, "country-barred").status == "blocked"
    # The risk reads the attribute's value on the as-of date, with the entry it read.
    assert route(before, "country-safe").risks == ()
    risk = route(on_day, "country-safe").risks[0]
    assert (risk.risk.id, risk.status) == ("extradition-risk", "applies")
    assert [(f.country.id, f.attribute, f.found.value, f.found.since) for f in risk.findings] == [
        ("aa", "extradition", "possible", SAFE_FROM)
    ]
    reason = route(on_day, "country-safe").reasons[0]
    assert (reason.kind, reason.unmet) == ("requires", True)
    assert [(f.attribute, f.found.value, f.found.note.en) for f in reason.findings] == [
        ("safe", False, "Unsafe since mid-January.")
    ]


def test_unknown_in_the_table_leaves_the_route_undetermined_with_findings(pack: Pack) -> None:
    a = assess(pack, {"current_country": "bb"}, as_of=D(2026, 3, 1))
    for route_id, attribute in (("country-safe", "safe"), ("country-barred", "extradition")):
        result = route(a, route_id)
        assert result.status == "undetermined", route_id
        assert result.deciding_facts == ()  # no answer he can give decides it
        assert [r.kind for r in result.reasons] == ["unsettled"], route_id
        (finding,) = result.reasons[0].findings
        assert (finding.country.id, finding.attribute, finding.found.value) == ("bb", attribute, None)
        assert finding.found.note.en == "The sources do not say."
    risk = route(a, "country-safe").risks[0]
    assert (risk.risk.id, risk.status) == ("extradition-risk", "possible")


def test_an_unsettled_if_reading_the_table_on_both_sides_of_a_dated_value(pack: Pack) -> None:
    facts: dict[str, Value] = {"current_country": "aa"}
    before = route(assess(pack, facts, as_of=day_before(SAFE_FROM)), "country-unsettled")  # safe: true
    on_day = route(assess(pack, facts, as_of=SAFE_FROM), "country-unsettled")  # safe: false
    assert before.status == "undetermined"
    assert [(r.kind, [f.found.value for f in r.findings]) for r in before.reasons] == [("unsettled", [True])]
    assert (on_day.status, on_day.reasons) == ("feasible", ())


def test_an_unsettled_if_the_table_leaves_open_says_so(pack: Pack) -> None:
    result = route(assess(pack, {"current_country": "bb"}, as_of=D(2026, 3, 1)), "country-unsettled")
    assert result.status == "undetermined"
    assert [r.kind for r in result.reasons] == ["unsettled"]
    assert [(f.country.id, f.found.value) for f in result.reasons[0].findings] == [("bb", None)]


def test_an_unknown_country_asks_for_the_country(pack: Pack) -> None:
    result = route(assess(pack, {}, as_of=D(2026, 3, 1)), "country-safe")
    assert result.status == "undetermined"
    assert result.deciding_facts == ("current_country",)
    assert result.reasons == ()


# --- a property over the shipped pack ---------------------------------------------------------


@functools.cache
def shipped() -> Pack:
    """The shipped pack, loaded on first use: a pack being edited breaks only these tests."""
    return load_pack(default_rules_dir())


def dated_laws() -> list[tuple[str, D]]:
    return sorted((law.id, law.effective_from) for law in shipped().law_list if law.effective_from is not None)


def _cites(law_id: str, legal_basis: tuple[str, ...]) -> bool:
    return law_id in legal_basis


@st.composite
def law_day_and_facts(draw: st.DrawFn) -> tuple[str, D, dict[str, Value]]:
    """A dated law, an as-of date before it is in force, and facts (some unknown),
    dates drawn around the as-of date and the pack's thresholds."""
    pack = shipped()
    law_id, start = draw(st.sampled_from(dated_laws()))
    as_of = draw(st.dates(min_value=start - dt.timedelta(days=3 * 366), max_value=start - dt.timedelta(days=1)))
    facts: dict[str, Value] = {}
    for fact in pack.fact_list:
        if not draw(st.booleans()):
            continue
        values = candidate_values(fact, pack, as_of)
        if fact.type == "date":
            values = [*values, as_of, as_of - dt.timedelta(days=3), as_of - dt.timedelta(days=40), start - dt.timedelta(days=400)]
        if fact.type == "number":
            values = [*values, 0, 1, 45]
        if values:
            facts[fact.id] = draw(st.sampled_from(values))
    return law_id, as_of, facts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_day_and_facts())
def test_nothing_that_rests_on_a_law_applies_before_it_is_in_force(case: tuple[str, D, dict[str, Value]]) -> None:
    law_id, as_of, facts = case
    a = assess(shipped(), facts, as_of=as_of)
    for held in a.situations:
        if _cites(law_id, held.situation.legal_basis):
            assert held.value is False, (held.situation.id, law_id, as_of)
    for deadline in (*a.deadlines, *(d for r in a.routes for d in r.deadlines)):
        assert not _cites(law_id, deadline.deadline.legal_basis), (deadline.deadline.id, law_id, as_of)
    for result in a.routes:
        for risk in result.risks:
            assert not _cites(law_id, risk.risk.legal_basis), (result.route.id, risk.risk.id, law_id, as_of)
        clauses = (*result.route.requires, *result.route.blocked_if, *result.route.unsettled_if)
        gated = {clause.because for clause in clauses if _cites(law_id, clause.legal_basis)}
        for reason in result.reasons:
            assert reason.text not in gated, (result.route.id, reason.text.en, law_id, as_of)


def test_the_property_has_laws_to_try() -> None:
    assert dated_laws()


def test_ended_keeps_the_last_day_of_a_period_inside_it() -> None:
    """A 3-month window from 27 Sep still runs on 27 Dec (Civil Code Arts. 192, 194);
    `passed` turns on that day, `ended` only the day after."""
    from legalcli.core.conditions import Env, FactTest, Period, evaluate
    from legalcli.core.errors import Location

    start = dt.date(2026, 9, 27)
    ended = FactTest("d", "ended", Period(3, "months"), Location(""))
    passed = FactTest("d", "passed", Period(3, "months"), Location(""))
    on_last_day = Env({"d": start}, {}, as_of=dt.date(2026, 12, 27))
    day_after = Env({"d": start}, {}, as_of=dt.date(2026, 12, 28))
    assert evaluate(passed, on_last_day) is True and evaluate(ended, on_last_day) is False
    assert evaluate(ended, day_after) is True
    assert evaluate(ended, Env({}, {}, as_of=dt.date(2026, 12, 28))) is None
