"""The hardened reader: YAML 1.1 surprises refused, and only InputError ever escapes."""

from __future__ import annotations

import contextlib

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from legalcli.core.errors import InputError
from legalcli.loading.reader import CASE_LIMITS, RULE_LIMITS, Map, Scalar, Seq, parse_bytes, parse_text
from legalcli.loading.schema import RULE_FILE_SCHEMAS, validate


def test_scalars_keep_their_text_and_plainness() -> None:
    node = parse_text("a: no\nb: '012'\nc: 012\nd: 12:30:00\ne: +79161234567\nf: 1.10\n", "x.yaml", CASE_LIMITS)
    assert isinstance(node, Map)
    texts = {k: (v.text, v.plain) for k, v in node.items.items() if isinstance(v, Scalar)}
    assert texts == {
        "a": ("no", True),
        "b": ("012", False),
        "c": ("012", True),
        "d": ("12:30:00", True),
        "e": ("+79161234567", True),
        "f": ("1.10", True),
    }


def test_yes_key_is_a_plain_word_not_a_boolean() -> None:
    node = parse_text("yes: a\nno: b\n", "x.yaml", CASE_LIMITS)
    assert isinstance(node, Map)
    assert list(node.items) == ["yes", "no"]


def test_locations_are_one_based() -> None:
    node = parse_text("top:\n  inner: [1, two]\n", "x.yaml", CASE_LIMITS)
    assert isinstance(node, Map)
    inner = node.items["top"]
    assert isinstance(inner, Map)
    seq = inner.items["inner"]
    assert isinstance(seq, Seq)
    assert (seq.loc.line, seq.loc.column) == (2, 10)
    assert (seq.items[1].loc.line, seq.items[1].loc.column) == (2, 14)
    assert (inner.keys["inner"].line, inner.keys["inner"].column) == (2, 3)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1, column 1)"),
        ("a: &x 1\nb: *x\n", "aliases (*name) are not accepted here"),
        ("a: !!str 1\n", "explicit YAML tags"),
        ("a: !custom 1\n", "explicit YAML tags"),
        ("? [a, b]\n: 1\n", "a key must be a plain word"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("   \n", "empty"),
        ("a: [" * 70 + "]" * 70 + "\n", "nested deeper than 64 levels"),
    ],
)
def test_case_reader_refuses(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_text(text, "case.yaml", CASE_LIMITS)
    assert fragment in str(info.value)
    assert str(info.value).startswith("case.yaml:")


def test_a_bom_is_accepted() -> None:
    node = parse_bytes(b"\xef\xbb\xbfa: 1\n", "x.yaml", CASE_LIMITS)
    assert isinstance(node, Map)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match="larger than"):
        parse_bytes(b"a: 1\n" * 100_000, "x.yaml", CASE_LIMITS)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_input_error(data: bytes) -> None:
    with contextlib.suppress(InputError):
        parse_bytes(data, "fuzz.yaml", RULE_LIMITS)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["yes", "no", "on", "012", "12:30:00", "2023-02-30", "1.10", "+7916", "!!str", "*a", "&a", "<<"]),
)
_documents = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_documents, st.sampled_from(sorted(RULE_FILE_SCHEMAS)), st.integers(min_value=0, max_value=200), st.text(max_size=5))
def test_random_yaml_documents_raise_only_input_error(doc: object, kind: str, cut: int, noise: str) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    # Mutate the document a little: splice in noise at some offset.
    text = text[:cut] + noise + text[cut:]
    try:
        node = parse_text(text, "fuzz.yaml", RULE_LIMITS)
        validate(node, RULE_FILE_SCHEMAS[kind])
    except InputError:
        pass
