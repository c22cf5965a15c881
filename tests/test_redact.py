"""Redaction by dependency: a redacted brief reveals a sensitive fact neither by its value
nor by any sentence of a rule that reads it (issue 12, item 4)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from legalcli.authoring.scenarios import load_scenarios
from legalcli.core.conditions import Condition, Value, facts_read
from legalcli.core.engine import assess, candidate_values
from legalcli.core.model import Pack, Text
from legalcli.loading.pack import default_rules_dir, load_pack
from legalcli.render.brief import render_brief

PACK = load_pack(default_rules_dir())
SCENARIOS = load_scenarios(default_rules_dir(), PACK)
SENSITIVE = sorted(f.id for f in PACK.fact_list if f.sensitive)


def _reads(cond: Condition | None, fact_id: str) -> bool:
    return fact_id in facts_read(cond, PACK.situation_whens.get)


def forbidden(pack: Pack, fact_id: str) -> list[Text]:
    """Every text of a rule that reads the fact, and the fact's question.  (Its value is
    left out of the facts list, tested in test_brief; a value's label such as a
    country's name also stands in general texts, so it is not searched for here.)"""
    fact = pack.facts[fact_id]
    texts = [fact.question]
    for situation in pack.situation_list:
        if _reads(situation.when, fact_id):
            texts += [situation.title, *(d.text for d in situation.deadlines)]
        texts += [d.text for d in situation.deadlines if d.from_fact == fact_id]
    for route in pack.route_list:
        texts += [c.because for c in (*route.requires, *route.blocked_if, *route.unsettled_if) if _reads(c.when, fact_id)]
        texts += [r.text for r in route.risks if _reads(r.when, fact_id)]
        texts += [d.text for d in route.deadlines if d.from_fact == fact_id]
    return texts


def _values(fact_id: str) -> list[Value]:
    fact = PACK.facts[fact_id]
    if fact.type == "date":
        return [dt.date(2022, 10, 1), dt.date(2026, 11, 1)]
    if fact.type == "number":
        return [1, 5, 20, 45]
    return [v for v in candidate_values(fact, PACK) if v not in ("none", False)] or candidate_values(fact, PACK)


def _plain(text: str, fmt: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)) if fmt == "html" else re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"\s+", " ", text)


def _cases(fact_id: str) -> list[dict[str, Value]]:
    """Scenario cases that set the fact (where rules reading it are made to fire), at
    most three, or a case with the fact alone."""
    found = [dict(s.facts) for s in SCENARIOS if fact_id in s.facts][:3]
    return found or [{}]


def test_every_sensitive_fact_is_tried() -> None:
    assert {"current_country", "wanted_status", "summons_date", "detained", "refused_order"} <= set(SENSITIVE)


@pytest.mark.parametrize("fact_id", SENSITIVE)
def test_no_sentence_resting_on_a_sensitive_fact_appears(fact_id: str) -> None:
    # Short labels ("no", "yes") stand in many places; a longer text is the rule's own.
    texts = [t.en for t in forbidden(PACK, fact_id) if len(t.en.strip()) >= 12]
    assert texts, fact_id
    for facts in _cases(fact_id):
        for value in _values(fact_id):
            given = {**facts, fact_id: value}
            a = assess(PACK, given, as_of=dt.date(2026, 11, 27))
            for fmt in ("markdown", "html"):
                out = _plain(render_brief(a, "en", fmt, given=given, redact=True), fmt)
                for text in texts:
                    assert re.sub(r"\s+", " ", text) not in out, (fact_id, value, fmt, text)
                if isinstance(value, dt.date):
                    assert value.isoformat() not in out, (fact_id, value, fmt)


def test_without_redaction_those_sentences_do_show() -> None:
    """The check above has teeth: unredacted, a wanted man's brief says he is wanted."""
    given: dict[str, Value] = {
        "service_status": "mobilised",
        "location": "abroad",
        "current_country": "kz",
        "wanted_status": "federal",
    }
    a = assess(PACK, given, as_of=dt.date(2026, 11, 27))
    out = _plain(render_brief(a, "en", "markdown", given=given), "markdown")
    leaked = [t.en for t in forbidden(PACK, "wanted_status") if re.sub(r"\s+", " ", t.en) in out]
    assert leaked
    redacted = _plain(render_brief(a, "en", "markdown", given=given, redact=True), "markdown")
    assert not [t for t in leaked if re.sub(r"\s+", " ", t) in redacted]
