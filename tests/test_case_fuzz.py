"""A fuzz of the case reader: whatever the bytes, it returns a case or raises the
project's own InputError, never anything else (10,000 examples)."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalcli.core.errors import InputError
from legalcli.loading.case import read_case
from legalcli.loading.pack import default_rules_dir, load_pack

PACK = load_pack(default_rules_dir())
FACT_IDS = [f.id for f in PACK.fact_list]
VALUES = [
    *sorted({v for f in PACK.fact_list for v in f.choice_values()}),
    "true", "false", "yes", "no", "unknown", "2026-11-02", "2023-02-30", "012", "12:30:00", "+79161234567", "1.10", "~", "",
]  # fmt: skip

_scalar = st.one_of(
    st.sampled_from(VALUES), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.text(max_size=12), st.dates().map(str),
)  # fmt: skip
_value = st.recursive(
    _scalar, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3), max_leaves=6
)
_facts = st.dictionaries(st.one_of(st.sampled_from(FACT_IDS), st.text(max_size=10)), _value, max_size=6)
_case = st.fixed_dictionaries(
    {"facts": _facts},
    optional={"as_of": _scalar, "lang": st.sampled_from(["en", "ru", "de", ""]), "notes": _value, "extra": _value},
)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    case = draw(_case)
    as_json = draw(st.booleans())
    try:
        text = json.dumps(case, default=str) if as_json else yaml.safe_dump(case, allow_unicode=True)
    except (ValueError, TypeError):
        text = str(case)
    data = text.encode("utf-8")
    # Mutate: cut, splice random bytes, or leave as is.
    action = draw(st.sampled_from(["keep", "cut", "splice", "replace"]))
    if action != "keep" and data:
        at = draw(st.integers(min_value=0, max_value=len(data)))
        noise = draw(st.binary(max_size=8))
        data = {
            "cut": data[:at],
            "splice": data[:at] + noise + data[at:],
            "replace": data[:at] + noise + data[at + len(noise) :],
        }[action]
    return data


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_case_reader_raises_only_input_error(data: bytes) -> None:
    try:
        case = read_case("-", PACK, stdin_bytes=data)
    except InputError as exc:
        assert exc.location is not None
        assert exc.render("ru") and exc.render("en")
        return
    assert set(case.facts) <= set(FACT_IDS)
