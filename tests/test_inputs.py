"""Inputs the same everywhere (issue 14, item 6): one validator for `--fact`, case files
and the interview.  The same text is accepted or refused alike in each, with the hint
in words a lawyer uses, and never with the value in the message.

A case file stays YAML: there only true/false are booleans and dates are YYYY-MM-DD (a
hint says so); what people type (`--fact`, the interview, `--as-of`) may also be да/нет
and ДД.ММ.ГГГГ.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from legalcli.core.conditions import Value
from legalcli.core.errors import InputError
from legalcli.core.interview import KEYS, Answer, read_answer
from legalcli.core.model import Pack
from legalcli.core.values import choice_letters, parse_value
from legalcli.loading.case import parse_fact_option, read_case
from legalcli.loading.pack import default_rules_dir, load_pack
from tests.conftest import EXAMPLES, run_cli

PACK = load_pack(default_rules_dir())


def _fact_option(fact_id: str, text: str) -> Value | InputError:
    try:
        value = parse_fact_option(f"{fact_id}={text}", PACK)[1]
    except InputError as exc:
        return exc
    assert value is not None
    return value


def _interview(fact_id: str, text: str) -> Value | InputError:
    try:
        answer = read_answer(PACK.facts[fact_id], text)
    except InputError as exc:
        return exc
    assert answer.kind == "value" and answer.value is not None
    return answer.value


def _case_file(fact_id: str, text: str, tmp_path: Path) -> Value | InputError:
    path = tmp_path / "case.yaml"
    path.write_text(f"facts:\n  {fact_id}: {text}\n", encoding="utf-8")
    try:
        return read_case(str(path), PACK).facts[fact_id]
    except InputError as exc:
        return exc


# (fact, text, what --fact and the interview make of it, what a case file makes of it);
# a string in the last two columns is the start of the English error after "facts.ID: "
# (the interview's has no location), a value is the value read.
TABLE: list[tuple[str, str, Value | str, Value | str]] = [
    ("days_absent", "3", 3, 3),
    ("days_absent", "0", 0, 0),
    ("days_absent", "-1", "must be a whole number from 0 to 100,000", "must be a whole number from 0 to 100,000"),
    ("days_absent", "1.5", "must be a whole number from 0 to 100,000", "must be a whole number from 0 to 100,000"),
    (
        "days_absent",
        "2,5",
        "must be a whole number from 0 to 100,000; with a decimal comma it is a fraction",
        "must be a whole number from 0 to 100,000; with a decimal comma it is a fraction",
    ),
    ("days_absent", "1000000", "must be a whole number from 0 to 100,000", "must be a whole number from 0 to 100,000"),
    ("detained", "true", True, True),
    ("detained", "false", False, False),
    ("detained", "да", True, "expected true or false, found a plain value (write true)"),
    ("detained", "Нет", False, "expected true or false, found a plain value (write false)"),
    ("detained", "maybe", "expected yes or no: true or false, да or нет", "expected true or false, found a plain value"),
    ("fitness_category", "d", "d", "d"),
    ("fitness_category", "Д", "d", "not one of the allowed values (did you mean 'd'?)"),
    ("fitness_category", "г", "g", "not one of the allowed values (did you mean 'g'?)"),
    (
        "location",
        "abroadd",
        "not one of the allowed values (did you mean 'abroad'?)",
        "not one of the allowed values (did you mean 'abroad'?)",
    ),
    ("leave_end_date", "2026-11-24", dt.date(2026, 11, 24), dt.date(2026, 11, 24)),
    ("leave_end_date", "24.11.2026", dt.date(2026, 11, 24), "expected a date as YYYY-MM-DD; a case file writes dates that way"),
    (
        "leave_end_date",
        "30.02.2026",
        "is not a real calendar date",
        "expected a date as YYYY-MM-DD; a case file writes dates that way",
    ),
    ("leave_end_date", "2026-02-30", "is not a real calendar date", "is not a real calendar date"),
    (
        "leave_end_date",
        "1989-12-31",
        "is outside the dates legalcli reads (1990-01-01 to 2100-12-31)",
        "is outside the dates legalcli reads",
    ),
    ("leave_end_date", "next week", "expected a date as DD.MM.YYYY or YYYY-MM-DD", "expected a date as YYYY-MM-DD"),
]


@pytest.mark.parametrize(("fact_id", "text", "typed", "in_file"), TABLE)
def test_one_validator_for_fact_options_case_files_and_the_interview(
    fact_id: str, text: str, typed: Value | str, in_file: Value | str, tmp_path: Path
) -> None:
    in_interview = typed
    choices = PACK.facts[fact_id].choices
    if choices and isinstance(typed, str) and typed not in PACK.facts[fact_id].choice_values():
        # The interview shows numbered answers, so it asks for a number, with the same hint.
        hint = re.search(r" \(did you mean '[^']+'\?\)", typed)
        in_interview = f"expected the number of an answer, from 1 to {len(choices)}" + (hint.group(0) if hint else "")
    for got, expected in (
        (_fact_option(fact_id, text), typed),
        (_interview(fact_id, text), in_interview),
        (_case_file(fact_id, text, tmp_path), in_file),
    ):
        if isinstance(expected, str) and isinstance(got, InputError):
            assert got.message.startswith(expected), (got.message, expected)
            if text.lower() not in ("да", "нет"):  # the hint names these words, not his answer
                assert text not in got.render("en") and text not in got.render("ru")  # never the value
        else:
            assert got == expected and type(got) is type(expected), (got, expected)


def test_the_interview_adds_only_the_menus_shortcuts() -> None:
    """The menu's numbers and first letters, on top of what --fact reads."""
    detained = PACK.facts["detained"]
    assert read_answer(detained, "1") == Answer("value", True) and read_answer(detained, "н") == Answer("value", False)
    assert read_answer(PACK.facts["service_status"], "4") == Answer("value", "mobilised")
    assert read_answer(PACK.facts["days_absent"], "4") == Answer("value", 4)  # a number stays a number


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "--fact: facts.detained: expected yes or no: true or false, да or нет"),
        ("ru", "--fact: facts.detained: ожидается «да» или «нет» (можно true или false)"),
    ],
)
def test_a_boolean_hint_in_words_a_lawyer_uses(lang: str, message: str) -> None:
    result = run_cli("assess", "--no-input", "--lang", lang, "--fact", "detained=ага")
    assert result.code == 2 and message in result.err


def test_a_yes_in_a_case_file_is_refused_with_a_hint_not_programmer_words(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("facts:\n  detained: да\n", encoding="utf-8")
    result = run_cli("assess", str(path), "--no-input", "--lang", "ru")
    assert result.code == 2
    assert "facts.detained: ожидается true или false, а найдено другое значение (для «да» пишите true)" in result.err
    assert "без кавычек" not in result.err


@pytest.mark.parametrize(
    ("option", "lang", "message"),
    [
        ("days_absent=-1", "ru", "нужно целое число от 0 до 100\u00a0000"),
        ("days_absent=1,5", "ru", "нужно целое число от 0 до 100\u00a0000; число с запятой — дробное"),
        ("leave_end_date=31.12.1989", "ru", "дата вне допустимого диапазона (1990-01-01 — 2100-12-31)"),
        ("fitness_category=E", "en", "expected one of: not_assessed, a (А), b (Б), v (В), g (Г), d (Д)"),
    ],
)
def test_fact_option_errors(option: str, lang: str, message: str) -> None:
    result = run_cli("assess", "--no-input", "--lang", lang, "--fact", option)
    assert result.code == 2 and message in result.err, result.err


def test_fact_options_as_a_russian_lawyer_types_them() -> None:
    result = run_cli(
        "assess",
        "--no-input",
        "--format",
        "json",
        "--as-of",
        "24.11.2026",
        *("--fact", "fitness_category=Д", "--fact", "wounded_or_ill=да", "--fact", "leave_end_date=20.11.2026"),
    )
    assert result.code == 0, result.err
    import json

    doc = json.loads(result.out)
    assert doc["as_of"] == "2026-11-24"
    given = doc["facts"]["given"]
    assert given["fitness_category"] == "d" and given["wounded_or_ill"] is True and given["leave_end_date"] == "2026-11-20"


@pytest.mark.parametrize(
    ("text", "ok"), [("24.11.2026", True), ("2026-11-24", True), ("31.02.2026", False), ("1980-01-01", False)]
)
def test_as_of_reads_dates_as_fact_does(text: str, ok: bool) -> None:
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--as-of", text, "--lang", "ru")
    assert (result.code == 0) is ok, result.err
    if ok:
        assert "На дату 24.11.2026" in result.out


def test_no_interview_key_is_a_letter_an_answer_uses() -> None:
    """The letter "г" is the category Г (and the Russian-keyboard twin of u): never a key."""
    keys = {k for group in KEYS.values() for k in group}
    assert "г" not in keys
    for fact in PACK.fact_list:
        letters = {letter.lower() for letter in choice_letters(fact)}
        assert not letters & keys, (fact.id, letters & keys)
    assert set(choice_letters(PACK.facts["fitness_category"])) == {"А", "Б", "В", "Г", "Д"}


def test_a_letter_two_choices_share_picks_neither() -> None:
    """Two labels that start with the same letter: typing it would otherwise record the
    first choice without the person having chosen it."""
    fitness = PACK.facts["fitness_category"]
    labels = {"d": "Д — не годен", "v": "Д — другое"}
    fact = fitness._replace(
        choices=tuple(c._replace(label=c.label._replace(ru=labels.get(c.value, c.label.ru))) for c in fitness.choices)
    )
    letters = choice_letters(fact)
    assert "Д" not in letters and letters["Г"] == "g"  # the other letters still answer
    for text in ("д", "Д"):
        with pytest.raises(InputError, match="not one of the allowed values"):
            parse_value(fact, text)
        with pytest.raises(InputError):
            read_answer(fact, text)
    assert parse_value(fact, "г") == "g" and parse_value(fact, "d") == "d"


def _opens_if(pack: Pack) -> list[str]:
    from legalcli.core.engine import assess
    from legalcli.render.words import typed_value

    found = []
    for case in sorted(EXAMPLES.glob("*.yaml")):
        facts = read_case(str(case), pack).facts
        for route in assess(pack, facts, as_of=dt.date(2026, 11, 24)).routes:
            for change in route.opens_if:
                found += [f"{k}={typed_value(v)}" for k, v in change.items()]
    return found


def test_opens_if_prints_values_fact_accepts() -> None:
    """Once, "Opens if: medical_documents = yes" was refused when typed; what is shown
    now is what --fact reads back to the same value."""
    shown = _opens_if(PACK)
    assert shown
    for option in shown:
        fact_id, value = parse_fact_option(option, PACK)
        assert value is not None and re.fullmatch(r"[a-z_]+=[^\s]+", option)
        from legalcli.render.words import typed_value

        assert f"{fact_id}={typed_value(value)}" == option
