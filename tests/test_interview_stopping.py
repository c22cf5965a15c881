"""The interview knows how far it has to go (issue 14, item 5), pinned over the shipped pack.

- It stops only when no answer to any remaining question can change a route's status or
  an applying risk: at every stop, no value of any fact it could still ask (alone, or
  all of them together) changes either.
- The counter "question N — at most M more" is an upper bound: never fewer questions
  follow than it promised room for.
- "Don't know" to everything ends long before every fact is asked.

"Remaining" means what the interview may still ask (engine.askable): not known, not
answered "don't know", and with an `ask_if` that may still hold.  A fact whose `ask_if`
rests only on "don't know" answers is not asked (the question presupposes what will
never be known); with no "don't know" answers, remaining is every fact whose `ask_if` is
not false (the last test).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalcli.core.conditions import Value
from legalcli.core.engine import Assessment, askable, assess, candidate_values, decidable, make_env, relevance
from legalcli.core.interview import Answer, Progress, run_interview
from legalcli.core.model import Fact
from legalcli.loading.pack import default_rules_dir, load_pack

PACK = load_pack(default_rules_dir())
AS_OF = dt.date(2026, 11, 24)
DOMAINS: dict[str, list[Value]] = {}
for _fact in PACK.fact_list:
    values = [v for v in candidate_values(_fact, PACK, AS_OF) if not (isinstance(v, int) and not isinstance(v, bool) and v < 0)]
    if _fact.type == "date":
        values = [*values, AS_OF - dt.timedelta(days=3), AS_OF - dt.timedelta(days=40), AS_OF + dt.timedelta(days=9)]
    if _fact.type == "number":
        values = [*values, 0, 1, 45]
    DOMAINS[_fact.id] = values


def _outcome(a: Assessment) -> dict[str, tuple[str, frozenset[str]]]:
    """What the stopping rule promises not to change: each route's status and, where it
    applies, the risks that apply."""
    return {
        r.route.id: (
            r.status,
            frozenset(x.risk.id for x in r.risks if x.status == "applies") if r.status != "not_applicable" else frozenset(),
        )
        for r in a.routes
    }


def _changed(before: Mapping[str, tuple[str, frozenset[str]]], facts: Mapping[str, Value]) -> list[str]:
    after = _outcome(assess(PACK, facts, as_of=AS_OF, detail=False))
    return [route for route, outcome in before.items() if after[route] != outcome]


@st.composite
def interviews(draw: st.DrawFn) -> tuple[dict[str, Value], list[str], list[tuple[str, int]], dict[str, Value]]:
    """An interview run to its end: some facts known at the start (often none), then
    each question answered with a value or "don't know".  Returns the facts at the stop,
    the facts answered "don't know", each question with the "at most M more" it showed,
    and a random completion of the facts still unknown."""
    share = draw(st.sampled_from([0.0, 0.0, 0.1, 0.3]))
    known: dict[str, Value] = {}
    for fact_id, domain in DOMAINS.items():
        if draw(st.floats(0, 1)) < share:
            known[fact_id] = draw(st.sampled_from(domain))
    dont_know = draw(st.sampled_from([0.0, 0.2, 0.5, 1.0]))
    shown: list[tuple[str, int]] = []

    def ask(fact: Fact, progress: Progress) -> Answer:
        shown.append((fact.id, progress.more))
        if draw(st.floats(0, 1)) < dont_know:
            return Answer("unknown")
        return Answer("value", draw(st.sampled_from(DOMAINS[fact.id])))

    result = run_interview(PACK, known, ask, as_of=AS_OF)
    unknown = [f for f in result.asked if f not in result.facts]
    completion = {f: draw(st.sampled_from(d)) for f, d in DOMAINS.items()}
    return result.facts, unknown, shown, completion


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(interviews())
def test_where_the_interview_stops_no_remaining_answer_changes_a_status_or_an_applying_risk(
    case: tuple[dict[str, Value], list[str], list[tuple[str, int]], dict[str, Value]],
) -> None:
    facts, unknown, _, completion = case
    assert not decidable(PACK, facts, as_of=AS_OF, asked=unknown)  # it stopped because nothing is left
    before = _outcome(assess(PACK, facts, as_of=AS_OF, detail=False))
    remaining = askable(PACK, facts, as_of=AS_OF, asked=unknown)
    for fact_id in sorted(remaining):
        for value in DOMAINS[fact_id]:
            assert not _changed(before, {**facts, fact_id: value}), (fact_id, value, facts, unknown)
    # All of them at once: what two answers decide together is not missed either.
    together = {**facts, **{f: completion[f] for f in remaining}}
    assert not _changed(before, together), (facts, unknown)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(interviews())
def test_the_counter_is_an_upper_bound(case: tuple[dict[str, Value], list[str], list[tuple[str, int]], dict[str, Value]]) -> None:
    """At question N, "at most M more": at most M questions follow; "the last one" (M = 0)
    is the last.  (No "back" here: going back re-opens questions, and the counter is
    computed afresh.)"""
    _, _, shown, _ = case
    for index, (_, more) in enumerate(shown):
        assert len(shown) - index - 1 <= more, shown
        assert more >= 0


@st.composite
def partial_facts(draw: st.DrawFn) -> dict[str, Value]:
    share = draw(st.sampled_from([0.5, 0.8, 0.95]))
    return {f: draw(st.sampled_from(d)) for f, d in DOMAINS.items() if draw(st.floats(0, 1)) < share}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_facts(), st.data())
def test_with_no_dont_know_the_stop_holds_for_every_fact_that_concerns_him(facts: dict[str, Value], data: st.DataObject) -> None:
    """Without "don't know" answers, "remaining" is every unknown fact whose `ask_if`
    is not false (engine.relevance), the definition the rest of the program uses."""
    if decidable(PACK, facts, as_of=AS_OF):
        return
    env = make_env(PACK, facts, AS_OF)
    remaining = [f.id for f in PACK.fact_list if f.id not in facts and relevance(PACK, f.id, env) is not False]
    before = _outcome(assess(PACK, facts, as_of=AS_OF, detail=False))
    for fact_id in remaining:
        for value in DOMAINS[fact_id]:
            assert not _changed(before, {**facts, fact_id: value}), (fact_id, value, facts)
    together = {**facts, **{f: data.draw(st.sampled_from(DOMAINS[f])) for f in remaining}}
    assert not _changed(before, together), facts


def test_some_cases_do_stop_with_facts_left_unknown() -> None:
    """The properties above are not vacuous: the interview stops with facts unknown
    that it could have asked, had they mattered."""
    pavel = {
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
    asked: list[str] = []
    result = run_interview(PACK, pavel, lambda fact, progress: asked.append(fact.id) or Answer("unknown"), as_of=AS_OF)
    assert asked and not result.quit
    unknown_but_askable = askable(PACK, result.facts, as_of=AS_OF, asked=[])
    assert unknown_but_askable - set(asked), "every fact that concerns him was asked: the stop proved nothing"


def test_dont_know_to_everything_ends_early() -> None:
    asked: list[str] = []
    run_interview(PACK, {}, lambda fact, progress: asked.append(fact.id) or Answer("unknown"), as_of=AS_OF)
    assert len(asked) == len(set(asked))
    # Once his status is "don't know", what turns on it cannot be decided: a handful of
    # questions that stand on their own remain, not the pack's 60-odd facts.
    assert asked[0] == "service_status"
    assert len(asked) <= len(PACK.facts) // 3, asked
