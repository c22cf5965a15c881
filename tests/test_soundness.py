"""Soundness, pinned over the shipped pack: a decided status never changes when the
unknown facts are filled in, and a risk that applies keeps applying."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalcli.core.conditions import Value
from legalcli.core.engine import assess, candidate_values
from legalcli.loading.pack import default_rules_dir, load_pack

PACK = load_pack(default_rules_dir())
AS_OF = dt.date(2026, 11, 24)
DOMAINS: dict[str, list[Value]] = {}
for _fact in PACK.fact_list:
    values = candidate_values(_fact, PACK)
    if _fact.type == "date":
        values = [*values, AS_OF - dt.timedelta(days=3), AS_OF - dt.timedelta(days=40)]
    if _fact.type == "number":
        values = [*values, 0, 1, 45]
    DOMAINS[_fact.id] = values


@st.composite
def partial_and_completion(draw: st.DrawFn) -> tuple[dict[str, Value], dict[str, Value]]:
    partial: dict[str, Value] = {}
    completion: dict[str, Value] = {}
    for fact_id, values in DOMAINS.items():
        value = draw(st.sampled_from(values))
        if draw(st.booleans()):
            partial[fact_id] = value
        completion[fact_id] = value if fact_id in partial else draw(st.sampled_from(values))
    return partial, completion


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_and_completion())
def test_decided_statuses_and_applying_risks_survive_completion(case: tuple[dict[str, Value], dict[str, Value]]) -> None:
    partial, completion = case
    before = assess(PACK, partial, as_of=AS_OF)
    after = {r.route.id: r for r in assess(PACK, completion, as_of=AS_OF).routes}
    for result in before.routes:
        full = after[result.route.id]
        if result.status != "undetermined":
            assert full.status == result.status, (result.route.id, partial)
        applying = {r.risk.id for r in result.risks if r.status == "applies"}
        if full.status != "not_applicable":
            assert applying <= {r.risk.id for r in full.risks if r.status == "applies"}, (result.route.id, partial)
    for situation, value in zip(before.situations, assess(PACK, completion, as_of=AS_OF).situations, strict=True):
        if situation.value is not None:
            assert value.value is situation.value


@st.composite
def partial_facts(draw: st.DrawFn) -> tuple[dict[str, Value], list[str]]:
    """Some facts known (often few, as at the start of an interview), some asked."""
    share = draw(st.sampled_from([0.1, 0.3, 0.6]))
    known: dict[str, Value] = {}
    asked: list[str] = []
    for fact_id, values in DOMAINS.items():
        if draw(st.floats(0, 1)) < share:
            known[fact_id] = draw(st.sampled_from(values))
        elif draw(st.floats(0, 1)) < 0.05:
            asked.append(fact_id)
    return known, asked


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_facts())
def test_a_batch_rows_assessment_is_the_full_one_cut_short(case: tuple[dict[str, Value], list[str]]) -> None:
    """detail=False (batch rows) leaves out reasons, the search and the lesser questions,
    and nothing else: the same statuses, deciding facts, risks and deadlines, and its one
    question is the full ranking's first."""
    known, asked = case
    full = assess(PACK, known, as_of=AS_OF, asked=asked)
    short = assess(PACK, known, as_of=AS_OF, asked=asked, detail=False)
    assert short.next_questions == full.next_questions[:1]
    assert [(r.route.id, r.status, r.deciding_facts, r.risks, r.deadlines) for r in short.routes] == [
        (r.route.id, r.status, r.deciding_facts, r.risks, r.deadlines) for r in full.routes
    ]
    assert (short.situations, short.deadlines) == (full.situations, full.deadlines)
