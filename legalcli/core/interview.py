"""The question loop.  It asks through a callback, so tests drive it without a terminal.

It asks only what can still decide something (`engine.decidable`): a route's status, a
risk that may apply, the date of a deadline.  It stops as soon as no answer to any
remaining question could change any of these, so "don't know" to everything ends early,
and the number of questions left is bounded by the facts that may still matter.  The
questions follow a lawyer's order by topic; within a topic, what decides most comes
first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from legalcli.core.conditions import Env, Value, facts_read
from legalcli.core.engine import Decides, decidable, make_env, relevance
from legalcli.core.errors import InputError, Location
from legalcli.core.model import Fact, Pack


@dataclass(frozen=True, slots=True)
class Answer:
    """What the person said: a value, or one of the moves."""

    kind: Literal["value", "unknown", "back", "quit"]
    value: Value | None = None


VALUE_UNKNOWN = Answer("unknown")
BACK = Answer("back")
QUIT = Answer("quit")

# The keys of the moves, typed alone on the answer line.  Each Latin key is accepted
# with the Cyrillic letter on the same key of a Russian keyboard (b/и, q/й, s/ы), except
# where that letter is an answer: `u` is `г` there, the fitness category Г, so "don't
# know" is `u` or `-` (the same key on both keyboards) and never `г`.  A test checks
# that no key is a letter a choice's label gives (tests/test_inputs.py).
KEYS: dict[str, tuple[str, ...]] = {
    "unknown": ("u", "-", "unknown", "?u", "не знаю", "нз"),
    "back": ("b", "и", "back", "назад"),
    "quit": ("q", "й", "quit", "выход", "стоп"),
    "summary": ("s", "ы", "summary", "итог"),
    "help": ("?", "help", "помощь"),
}


def key_of(text: str) -> str | None:
    """The move a typed line names ("unknown", "back", "quit", "summary", "help"), or None."""
    typed = text.strip().lower()
    for move, keys in KEYS.items():
        if typed in keys:
            return move
    return None


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the interview stands when a question is asked."""

    step: int  # this question's number
    more: int  # at most this many questions after this one
    decides: tuple[str, ...]  # the routes whose status this answer may change (ids)
    facts: Mapping[str, Value]  # what is known so far
    as_of: dt.date


Ask = Callable[[Fact, Progress], Answer]


@dataclass(slots=True)
class InterviewResult:
    facts: dict[str, Value]
    asked: list[str] = field(default_factory=list)
    answered: dict[str, Value] = field(default_factory=dict)
    quit: bool = False


# --- the order of questions ------------------------------------------------------------
# A lawyer asks who the man is before where he is, where he is before his papers, then
# criminal matters, then health.  A fact not listed here (a pack's new fact) goes with
# the latest topic of the facts its `ask_if` reads, else last; and a fact never comes in
# a topic before the facts its `ask_if` reads.

TOPICS = ("status", "whereabouts", "documents", "criminal", "health", "other")
TOPIC_OF: dict[str, str] = {
    # who he is, the call-up and the service
    "asking_party": "status",
    "service_status": "status",
    "summons_stage": "status",
    "summons_kind": "status",
    "summons_served_how": "status",
    "summons_date": "status",
    "appearance_date": "status",
    "exit_restriction_date": "status",
    "register_status": "status",
    "valid_reason": "status",
    "valid_reason_outcome": "status",
    "deferral_ground": "status",
    "call_up_decision_date": "status",
    "appeal_status": "status",
    "pacifist_belief": "status",
    "acs_application": "status",
    "prior_fines": "status",
    "residence_status": "status",
    "service_start_date": "status",
    "contract_pressure": "status",
    "reserve_contract": "status",
    "recruit_release": "status",
    "months_served": "status",
    # where he is, since when, and what holds him there
    "location": "whereabouts",
    "current_country": "whereabouts",
    "days_absent": "whereabouts",
    "leave_end_date": "whereabouts",
    "intends_to_return": "whereabouts",
    "missing": "whereabouts",
    "detained": "whereabouts",
    "held_by_unit": "whereabouts",
    "can_communicate": "whereabouts",
    "in_captivity": "whereabouts",
    "captivity_status": "whereabouts",
    "irregular_crossing": "whereabouts",
    "extradition_stage": "whereabouts",
    "extradition_detention_date": "whereabouts",
    "ill_treatment_evidence": "whereabouts",
    "asylum_stage": "whereabouts",
    "asylum_claim_pending": "whereabouts",
    "asylum_refusal_date": "whereabouts",
    # his papers
    "internal_passport": "documents",
    "international_passport": "documents",
    "passport_expiry_date": "documents",
    "eu_visa": "documents",
    "state_secrets": "documents",
    "service_documents": "documents",
    "valid_reason_documented": "documents",
    "grounds_documented": "documents",
    # criminal matters
    "criminal_case": "criminal",
    "wanted_status": "criminal",
    "on_probation": "criminal",
    "prior_military_offence": "criminal",
    "prior_conviction": "criminal",
    "difficult_circumstances": "criminal",
    "refused_order": "criminal",
    "refusal_charged": "criminal",
    "contract_offered": "criminal",
    # health
    "wounded_or_ill": "health",
    "medical_documents": "health",
    "fitness_category": "health",
    "over_age_limit": "health",  # with health, the grounds for discharge
    # the rest
    "in_contact_with_legal_aid": "other",
}


def topic_rank(pack: Pack, fact_id: str, _seen: frozenset[str] = frozenset()) -> int:
    """The fact's place in the lawyer's order of topics (0 = status)."""
    fact = pack.facts.get(fact_id)
    listed = TOPIC_OF.get(fact_id)
    gates = [f for f in facts_read(fact.ask_if, pack.situation_whens.get) if f != fact_id] if fact else []
    after = [topic_rank(pack, g, _seen | {fact_id}) for g in gates if g not in _seen]
    if listed is not None:
        return max([TOPICS.index(listed), *after])
    return max(after) if after else TOPICS.index("other")


def order_questions(pack: Pack, open_facts: Mapping[str, Decides], env: Env) -> list[str]:
    """The open facts in the order the interview asks them: by topic; within a topic,
    the fact deciding more routes first, then one surely concerning him (its `ask_if`
    true) before one that may not, then the one deciding more risks and deadline
    dates, then pack order.  `env`: the one `decidable` weighed the facts in, so the
    `ask_if`s it evaluated are not evaluated again."""

    def key(fact_id: str) -> tuple[int, int, bool, int, int]:
        decides = open_facts[fact_id]
        return (
            topic_rank(pack, fact_id),
            -len(decides.routes),
            relevance(pack, fact_id, env) is not True,
            -(decides.risks + decides.deadlines),
            pack.fact_order.get(fact_id, 0),
        )

    return sorted(open_facts, key=key)


def next_question(
    pack: Pack, facts: Mapping[str, Value], *, as_of: dt.date, asked: tuple[str, ...] | list[str] = ()
) -> tuple[str, Decides, int] | None:
    """The fact to ask next, what it may decide and how many facts may still matter
    (itself included); None when nothing more can be decided."""
    env = make_env(pack, facts, as_of)
    open_facts = decidable(pack, facts, as_of=as_of, asked=asked, env=env)
    if not open_facts:
        return None
    fact_id = order_questions(pack, open_facts, env)[0]
    return fact_id, open_facts[fact_id], len(open_facts)


def run_interview(pack: Pack, facts: dict[str, Value], ask: Ask, *, as_of: dt.date, max_steps: int = 500) -> InterviewResult:
    """Ask the next deciding question until nothing more can be decided, the person
    quits, or the step budget runs out.  'Don't know' leaves a fact unknown and is not
    asked again; 'back' undoes the last answer (or don't-know)."""
    current = dict(facts)
    history: list[str] = []  # the facts asked, in order, for "back"
    answered: dict[str, Value] = {}
    for _ in range(max_steps):
        found = next_question(pack, current, as_of=as_of, asked=history)
        if found is None:
            break
        fact_id, decides, left = found
        progress = Progress(len(history) + 1, left - 1, decides.routes, dict(current), as_of)
        answer = ask(pack.facts[fact_id], progress)
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


# --- answers ------------------------------------------------------------------------------

_YES = ("1", "y", "д")  # the menu's numbers and first letters, on top of the validator's words
_NO = ("2", "n", "н")


def read_answer(fact: Fact, text: str) -> Answer:
    """A typed line as an answer to a fact's question.  Values go through the validator
    that --fact uses (core/values.parse_value), plus the menu's numbers; raises
    InputError saying what is expected."""
    from legalcli.core.values import parse_value

    move = key_of(text)
    if move == "unknown":
        return VALUE_UNKNOWN
    if move == "back":
        return BACK
    if move == "quit":
        return QUIT
    typed = text.strip()
    if fact.type == "bool" and typed.lower() in (*_YES, *_NO):
        return Answer("value", typed.lower() in _YES)
    if fact.choices and typed.isdigit() and 1 <= int(typed) <= len(fact.choices):
        return Answer("value", fact.choices[int(typed) - 1].value)
    try:
        return Answer("value", parse_value(fact, typed, where=Location("")))
    except InputError as exc:
        if not fact.choices:
            raise
        # The person sees numbered answers, not the values --fact lists.
        raise InputError(
            "expected the number of an answer, from 1 to {n}{hint}", suggestion=exc.suggestion, n=len(fact.choices)
        ) from None
