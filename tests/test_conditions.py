"""Three-valued (Kleene) evaluation of the condition grammar."""

from __future__ import annotations

import datetime as dt

import pytest

from legalcli.core.conditions import AllOf, AnyOf, Env, FactTest, Not, SituationRef, evaluate, unknown_facts
from legalcli.core.errors import Location

L = Location("t.yaml", 1, 1)
T = FactTest("a", "is", True, L)  # a = true
U = FactTest("u", "is", True, L)  # u is never given: unknown
F = FactTest("a", "is", False, L)  # a = false -> false when a is true


def env(**facts: object) -> Env:
    return Env(facts, {"s": FactTest("a", "is", True, L), "loop": SituationRef("loop", L)})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cond", "expected"),
    [
        (AllOf((T, T), L), True),
        (AllOf((T, F), L), False),
        (AllOf((U, F), L), False),  # false wins over unknown
        (AllOf((U, T), L), None),
        (AnyOf((U, T), L), True),  # true wins over unknown
        (AnyOf((U, F), L), None),
        (AnyOf((F, F), L), False),
        (Not(U, L), None),
        (Not(T, L), False),
        (FactTest("u", "known", True, L), False),  # known is never unknown
        (FactTest("a", "known", True, L), True),
        (SituationRef("s", L), True),
        (SituationRef("loop", L), None),  # a cycle reads as unknown instead of recursing forever
    ],
)
def test_kleene(cond: object, expected: bool | None) -> None:
    assert evaluate(cond, env(a=True)) is expected  # type: ignore[arg-type]


def test_comparisons() -> None:
    e = env(n=10, d=dt.date(2024, 1, 1), c="x")
    assert evaluate(FactTest("n", "gt", 2, L), e) is True
    assert evaluate(FactTest("n", "le", 10, L), e) is True
    assert evaluate(FactTest("n", "lt", 10, L), e) is False
    assert evaluate(FactTest("d", "before", dt.date(2024, 1, 2), L), e) is True
    assert evaluate(FactTest("d", "after", dt.date(2024, 1, 1), L), e) is False
    assert evaluate(FactTest("c", "in", ("x", "y"), L), e) is True
    assert evaluate(FactTest("m", "gt", 2, L), e) is None
    # true is not 1: a bool fact never equals a number
    assert evaluate(FactTest("b", "is", 1, L), env(b=True)) is False


def test_unknown_facts_are_only_those_that_still_matter() -> None:
    cond = AnyOf((AllOf((FactTest("x", "is", True, L), FactTest("y", "is", True, L)), L), FactTest("z", "is", True, L)), L)
    assert unknown_facts(cond, env()) == ["x", "y", "z"]
    # once x is false the first branch is decided; only z can decide the rest
    assert unknown_facts(cond, env(x=False)) == ["z"]
    assert unknown_facts(cond, env(z=True)) == []
