"""Route statuses, reasons, deciding facts, what would open a route, ordering, questions."""

from __future__ import annotations

import datetime as dt

from legalcli.core.conditions import Value
from legalcli.core.engine import assess, what_would_open
from legalcli.core.model import Pack

AS_OF = dt.date(2026, 11, 24)
PAVEL = {
    "service_status": "mobilised",
    "location": "on_leave",
    "wounded_or_ill": True,
    "fitness_category": "not_assessed",
    "internal_passport": "in_hand",
    "international_passport": "none",
    "wanted_status": "none",
    "criminal_case": "none",
    "days_absent": 0,
    "on_probation": False,
}


def statuses(pack: Pack, facts: dict[str, object]) -> dict[str, str]:
    return {r.route.id: r.status for r in assess(pack, facts, as_of=AS_OF).routes}  # type: ignore[arg-type]


def test_every_route_is_reported(pack: Pack) -> None:
    assert set(statuses(pack, {})) == set(pack.routes)


def test_nothing_known_decides_nothing_but_what_needs_no_facts(pack: Pack) -> None:
    result = statuses(pack, {})
    # Only contacting legal aid stands open whatever the facts (a detention or a cut-off
    # man does not close it: relatives and a lawyer act for him).
    assert result.pop("contact-legal-aid") == "feasible"
    assert set(result.values()) == {"undetermined"}


def test_blocked_reasons_name_their_facts(pack: Pack) -> None:
    a = assess(pack, PAVEL, as_of=AS_OF)
    route = next(r for r in a.routes if r.route.id == "travel-with-international-passport")
    assert route.status == "blocked"
    facts = {f for reason in route.reasons for f in reason.facts}
    assert {"service_status", "international_passport"} <= facts
    unmet = [reason for reason in route.reasons if reason.unmet]
    assert [reason.text.en for reason in unmet] == ["He holds a valid international passport."]


def test_undetermined_route_lists_its_deciding_facts(pack: Pack) -> None:
    a = assess(pack, PAVEL, as_of=AS_OF)
    route = next(r for r in a.routes if r.route.id == "medical-commission")
    assert route.status == "undetermined"
    assert route.deciding_facts == ("medical_documents",)
    assert [dict(c) for c in route.opens_if] == [{"medical_documents": True}]


def test_opens_if_proposes_only_changeable_facts(pack: Pack) -> None:
    facts = {
        **PAVEL,
        "service_status": "civilian",
        "summons_stage": "none",
        "state_secrets": False,
        "location": "elsewhere_in_russia",
    }
    route = pack.routes["travel-with-international-passport"]
    opens = [dict(c) for c in what_would_open(route, facts, pack, AS_OF)]
    assert {"international_passport": "valid"} in opens
    assert all(pack.facts[f].changeable for change in opens for f in change)
    # nobody is told to "stop being wanted": wanted_status is not changeable
    wanted = {**facts, "wanted_status": "federal", "international_passport": "valid"}
    assert what_would_open(route, wanted, pack, AS_OF) == ()


def test_conditional_block_when_applicability_unknown(pack: Pack) -> None:
    # location unknown: the route may not apply, but if it does the wanted status blocks it
    a = assess(pack, {"wanted_status": "federal", "internal_passport": "in_hand"}, as_of=AS_OF)
    route = next(r for r in a.routes if r.route.id == "travel-internal-passport-country")
    assert route.status == "undetermined"
    assert [r.kind for r in route.reasons] == ["conditional_block"]
    assert "location" in route.deciding_facts


def test_routes_are_ordered_feasible_undetermined_blocked(pack: Pack) -> None:
    a = assess(pack, {**PAVEL, "can_communicate": True, "detained": False}, as_of=AS_OF)
    order = ["feasible", "undetermined", "blocked", "not_applicable"]
    ranks = [order.index(r.status) for r in a.routes]
    assert ranks == sorted(ranks)
    assert a.routes[0].route.id == "contact-legal-aid"


def test_risk_statuses(pack: Pack) -> None:
    a = assess(pack, {**PAVEL, "days_absent": 12, "on_probation": True}, as_of=AS_OF)
    route = next(r for r in a.routes if r.route.id == "defend-in-proceedings")
    by_id = {x.risk.id: x.status for x in route.risks}
    assert by_id["art-337-3-1"] == "applies"
    assert by_id["no-second-suspended"] == "applies"
    assert "art-337-2-1" not in by_id  # false risks are left out
    assert by_id["desertion-art-338"] == "possible"  # intends_to_return unknown


def test_unconfirmed_claims_are_marked(pack: Pack) -> None:
    a = assess(pack, {**PAVEL, "days_absent": 12, "on_probation": True}, as_of=AS_OF)
    route = next(r for r in a.routes if r.route.id == "defend-in-proceedings")
    conf = {x.risk.id: x.confidence for x in route.risks}
    assert conf["probation-revoked"] == "unconfirmed"
    assert conf["field-detention"] == "seed-only"
    assert conf["art-337-3-1"] == "confirmed"


def _first_question(pack: Pack, facts: dict[str, Value], asked: tuple[str, ...] = ()) -> str | None:
    """The question an assessment puts first (its "questions worth asking", a batch row's
    next question).  The interview orders its questions by topic instead (test_interview.py)."""
    ranked = assess(pack, facts, as_of=AS_OF, asked=asked).next_questions
    return ranked[0] if ranked else None


def test_the_first_question_is_the_fact_deciding_most_routes(pack: Pack) -> None:
    # status decides most routes, so it comes first
    assert _first_question(pack, {}) == "service_status"
    # a fact already asked ("don't know") is not asked again
    assert _first_question(pack, {}, asked=("service_status",)) == "location"
    # where he is decides more routes than the days absent (asylum, travel, commission)
    assert _first_question(pack, {"service_status": "mobilised"}) == "location"
    assert _first_question(pack, {"service_status": "mobilised", "location": "unit_in_russia"}) == "days_absent"


def test_questions_skip_facts_whose_ask_if_is_false(pack: Pack) -> None:
    a = assess(pack, {"location": "elsewhere_in_russia", "service_status": "civilian"}, as_of=AS_OF)
    assert "current_country" not in a.next_questions
    assert "days_absent" not in a.next_questions
    assert "current_country" not in a.unknown


def test_effective_window(pack: Pack) -> None:
    route = pack.routes["contact-legal-aid"]._replace(effective_from=dt.date(2030, 1, 1))
    from legalcli.core.conditions import Env
    from legalcli.core.engine import route_status

    assert route_status(route, Env({"can_communicate": True, "detained": False}, {}), AS_OF) == "not_applicable"
    assert route_status(route, Env({"can_communicate": True, "detained": False}, {}), dt.date(2030, 1, 1)) == "feasible"
