"""The as-of date on both sides of every law date the pack uses.

For every law with an `effective` date that a situation, risk or deadline rests on, some
scenario case must show a conclusion resting on it (the "in force" side), and the same
case re-run the day before the law starts (or the day after it ends) must show none of
them: a rule applies only while its law is in force.
"""

from __future__ import annotations

import datetime as dt

import pytest

from legalcli.authoring.scenarios import load_scenarios
from legalcli.core.engine import Assessment, assess
from legalcli.loading.pack import default_rules_dir, load_pack

PACK = load_pack(default_rules_dir())
SCENARIOS = load_scenarios(default_rules_dir(), PACK)
DAY = dt.timedelta(days=1)


def resting_on(a: Assessment, law_id: str) -> set[str]:
    """The conclusions of an assessment that rest on a law: situations that hold, risks
    and deadlines that are listed."""
    found = {f"situation {s.situation.id}" for s in a.situations if s.value and law_id in s.situation.legal_basis}
    for route in a.routes:
        found |= {f"risk {route.route.id}/{r.risk.id}" for r in route.risks if law_id in r.risk.legal_basis}
        found |= {f"deadline {d.deadline.id}" for d in route.deadlines if law_id in d.deadline.legal_basis}
    found |= {f"deadline {d.deadline.id}" for d in a.deadlines if law_id in d.deadline.legal_basis}
    return found


def _cited() -> set[str]:
    cited: set[str] = set()
    for situation in PACK.situation_list:
        cited.update(situation.legal_basis)
        cited.update(law for d in situation.deadlines for law in d.legal_basis)
    for route in PACK.route_list:
        cited.update(law for r in route.risks for law in r.legal_basis)
        cited.update(law for d in route.deadlines for law in d.legal_basis)
    return cited


DATED = sorted(law.id for law in PACK.law_list if (law.effective_from or law.effective_until) and law.id in _cited())


def test_the_pack_has_dated_laws_to_try() -> None:
    assert {"exit-entry-passport-2023", "fz-365-2022", "fz-412-2025"} <= set(DATED)


@pytest.mark.parametrize("law_id", DATED)
def test_both_sides_of_a_law_date(law_id: str) -> None:
    law = PACK.laws[law_id]
    shown = False
    for scenario in SCENARIOS:
        inside = assess(PACK, scenario.facts, as_of=scenario.as_of)
        if not resting_on(inside, law_id):
            continue
        shown = True
        if law.effective_from is not None:
            before = assess(PACK, scenario.facts, as_of=law.effective_from - DAY)
            assert not resting_on(before, law_id), (scenario.name, "the day before", law.effective_from)
        if law.effective_until is not None:
            after = assess(PACK, scenario.facts, as_of=law.effective_until + DAY)
            assert not resting_on(after, law_id), (scenario.name, "the day after", law.effective_until)
    assert shown, f"no scenario case shows a conclusion resting on {law_id} while it is in force"
