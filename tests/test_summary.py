"""What matters now comes first (issue 14, item 1): deadlines with a duty past its date
first, the routes open to him, each open question with the one answer that decides it,
the worst risks that apply, what to bring; `--summary` prints only that."""

from __future__ import annotations

import datetime as dt

from legalcli.core.engine import assess
from legalcli.core.model import Pack
from legalcli.render.summary import MAX_RISKS, summarise
from tests.conftest import EXAMPLES, run_cli


def test_summary_only(pack: Pack) -> None:
    result = run_cli("assess", str(EXAMPLES / "summons-civilian.yaml"), "--no-input", "--summary")
    assert result.code == 0
    out = result.out
    assert "WHAT MATTERS NOW" in out and "OVERDUE" in out
    assert "DETAILS" not in out and "QUESTIONS STILL WORTH ASKING" not in out
    assert out.count("not a substitute for a lawyer") == 2


def test_the_summary_opens_the_text_and_the_details_follow() -> None:
    out = run_cli("assess", str(EXAMPLES / "summons-civilian.yaml"), "--no-input").out
    assert out.index("WHAT MATTERS NOW") < out.index("DETAILS") < out.index("SITUATIONS")


def test_the_brief_opens_with_it() -> None:
    md = run_cli("assess", str(EXAMPLES / "summons-civilian.yaml"), "--no-input", "--format", "markdown").out
    assert md.index("## What matters now") < md.index("## Facts")
    ru = run_cli("assess", str(EXAMPLES / "summons-civilian.yaml"), "--no-input", "--format", "html", "--lang", "ru").out
    assert ru.index("Главное") < ru.index("Факты")


def test_a_duty_past_its_date_comes_first(pack: Pack) -> None:
    facts = {
        "service_status": "civilian",
        "summons_stage": "exit_restriction_notified",
        "exit_restriction_date": dt.date(2026, 11, 2),
        "international_passport": "valid",
        "location": "abroad",
        "current_country": "kz",
        "asylum_refusal_date": dt.date(2026, 11, 20),
    }
    s = summarise(assess(pack, facts, as_of=dt.date(2026, 11, 27)))
    assert s.deadlines and s.deadlines[0].overdue
    dated = [d.date for d in s.deadlines if not d.overdue and d.date is not None and not d.passed]
    assert dated == sorted(dated)


def test_each_open_route_names_the_question_that_decides_it(pack: Pack) -> None:
    a = assess(pack, {"service_status": "mobilised"}, as_of=dt.date(2026, 11, 27))
    s = summarise(a)
    assert s.undetermined
    # Some open route waits on a question (not all could be "left open by the sources"),
    # and every question named is one that decides its route.
    assert any(item.question is not None for item in s.undetermined)
    for item in s.undetermined:
        assert item.question is None or item.question in item.route.deciding_facts


def test_only_critical_and_high_risks_that_apply_and_at_most_a_screenful(pack: Pack) -> None:
    a = assess(
        pack,
        {"service_status": "mobilised", "days_absent": 45, "location": "abroad", "current_country": "by"},
        as_of=dt.date(2026, 11, 27),
    )
    s = summarise(a)
    assert 0 < len(s.risks) <= MAX_RISKS
    assert all(x.status == "applies" and x.risk.severity in ("critical", "high") for x in s.risks)
    assert [x.risk.severity for x in s.risks] == sorted((x.risk.severity for x in s.risks), key=("critical", "high").index)
