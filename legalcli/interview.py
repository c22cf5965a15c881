"""The question loop.  It asks through a callback, so tests drive it without a terminal."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from legalcli.conditions import Value
from legalcli.engine import assess
from legalcli.model import Fact, Pack


@dataclass(frozen=True, slots=True)
class Answer:
    """What the person said: a value, or one of the moves."""

    kind: Literal["value", "unknown", "back", "quit"]
    value: Value | None = None


VALUE_UNKNOWN = Answer("unknown")
BACK = Answer("back")
QUIT = Answer("quit")


@dataclass(frozen=True, slots=True)
class Progress:
    decided: int
    total: int
    step: int


Ask = Callable[[Fact, Progress], Answer]


@dataclass(slots=True)
class InterviewResult:
    facts: dict[str, Value]
    asked: list[str] = field(default_factory=list)
    answered: dict[str, Value] = field(default_factory=dict)
    quit: bool = False


def run_interview(pack: Pack, facts: dict[str, Value], ask: Ask, *, as_of: dt.date, max_steps: int = 200) -> InterviewResult:
    """Ask the next deciding question until none is left, the person quits, or the
    step budget runs out.  'Don't know' leaves a fact unknown and is not asked again;
    'back' undoes the last answer (or don't-know)."""
    current = dict(facts)
    history: list[str] = []  # the facts asked, in order, for "back"
    answered: dict[str, Value] = {}
    for _ in range(max_steps):
        assessment = assess(pack, current, as_of=as_of, asked=history)
        if not assessment.next_questions:
            break
        fact_id = assessment.next_questions[0]
        decided = sum(1 for r in assessment.routes if r.status != "undetermined")
        answer = ask(pack.facts[fact_id], Progress(decided, len(assessment.routes), len(history) + 1))
        if answer.kind == "quit":
            return InterviewResult(current, history, answered, quit=True)
        if answer.kind == "back":
            if history:
                last = history.pop()
                current.pop(last, None)
                answered.pop(last, None)
            continue
        history.append(fact_id)
        if answer.kind == "value" and answer.value is not None:
            current[fact_id] = answer.value
            answered[fact_id] = answer.value
    return InterviewResult(current, history, answered)


def parse_answer(fact: Fact, text: str) -> Answer | None:
    """A typed line as an answer to a fact's question, or None when not understood."""
    from legalcli.loading.schema import parse_date

    text = text.strip()
    lowered = text.lower()
    if lowered in ("q", "quit", "й"):
        return QUIT
    if lowered in ("b", "back", "и"):
        return BACK
    if lowered in ("u", "?u", "unknown", "г", "не знаю"):
        return VALUE_UNKNOWN
    if fact.type == "bool":
        if lowered in ("1", "y", "yes", "да", "д", "true"):
            return Answer("value", True)
        if lowered in ("2", "n", "no", "нет", "н", "false"):
            return Answer("value", False)
        return None
    if fact.type == "choice":
        if text.isdigit() and 1 <= int(text) <= len(fact.choices):
            return Answer("value", fact.choices[int(text) - 1].value)
        if text in fact.choice_values():
            return Answer("value", text)
        return None
    if fact.type == "date":
        date = parse_date(text)
        return Answer("value", date) if date else None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return Answer("value", int(number) if number.is_integer() else number)
