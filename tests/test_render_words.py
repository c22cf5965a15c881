"""What every output prints is read by clients and their families: no internal names,
sources by publisher and date, the country table's findings under the reasons and
risks that read them, review dates, and a warning where a review is old.

Most tests run on a small pack written here, so that they do not move with the
shipped pack's texts; a few check the shipped pack's examples."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from legalcli.render.assessment_schema import ASSESSMENT_SCHEMA
from legalcli.render.words import period_words, source_date_words
from tests.conftest import EXAMPLES, run_cli

PACK = {
    "pack.yaml": """
name: mini
version: 1.0.0
title: {en: Mini pack, ru: Мини-набор}
jurisdiction: RU
languages: [ru, en]
reviewed: 2026-11-20
""",
    "facts/person.yaml": """
facts:
  - id: location
    type: choice
    short: {en: where he is, ru: где он находится}
    question: {en: Where is he now?, ru: Где он сейчас?}
    choices:
      - {value: abroad, label: {en: abroad, ru: за границей}}
      - {value: home, label: {en: in Russia, ru: в России}}
      - {value: unit, label: {en: in Russia, ru: в России}}
  - id: current_country
    type: country
    short: {en: country he is in, ru: страна пребывания}
    question: {en: Which country is he in?, ru: В какой он стране?}
    ask_if: {fact: location, is: abroad}
    sensitive: true
  - id: criminal_case
    type: choice
    short: {en: criminal case, ru: уголовное дело}
    question: {en: Has a criminal case been opened against him?, ru: Возбуждено ли против него уголовное дело?}
    choices:
      - {value: none, label: {en: "no", ru: нет}}
      - {value: investigation, label: {en: "yes, under investigation", ru: "да, идёт следствие"}}
      - {value: trial, label: {en: "yes, in court", ru: "да, дело в суде"}}
  - id: medical_documents
    type: bool
    short: {en: medical documents, ru: медицинские документы}
    question: {en: Does he have medical documents?, ru: Есть ли у него медицинские документы?}
    changeable: true
  - id: refusal_date
    type: date
    short: {en: date of the refusal, ru: дата отказа}
    question: {en: When did the refusal take effect?, ru: Когда отказ вступил в силу?}
""",
    "laws.yaml": """
laws:
  - id: uk-rf-337
    title: {en: "Criminal Code, Art. 337", ru: "УК РФ, ст. 337"}
    summary: {en: Leaving a unit., ru: Самовольное оставление части.}
    sources: [seed-mt-2023]
""",
    "sources.yaml": """
sources:
  - id: seed-mt-2023
    title: "'War, Prison or Disability': Russian Military Desertions Surge"
    publisher: The Moscow Times
    url: https://example.org/mt
    date: 2023-12-05
    kind: seed
    confidence: seed-only
    brief: A1
  - id: zona-2026-02
    title: Kazakhstan is no longer safe
    publisher: Mediazona
    url: https://example.org/zona
    date: 2026-02-12
    kind: news
    confidence: confirmed
    brief: X2
  - id: kursiv-2022
    title: Kazakhstan won't extradite
    publisher: Kursiv
    url: https://example.org/kursiv
    date: "2022"
    kind: news
    confidence: confirmed
    brief: X1
""",
    "countries.yaml": """
attributes:
  - id: returns_asylum_seekers
    type: bool
    title: {en: Asylum seekers returned to Russia, ru: "Лиц, ищущих убежище, возвращают в Россию"}
  - id: asylum_practice
    type: choice
    title: {en: Asylum practice for deserters, ru: Практика убежища для дезертиров}
    choices:
      - {value: temporary_only, label: {en: Temporary status only, ru: Только временный статус}}
      - {value: uncertain, label: {en: Practice unknown, ru: Практика неизвестна}}
countries:
  - id: kz
    name: {en: Kazakhstan, ru: Казахстан}
    reviewed: 2026-11-20
    reviewed_against: [X1, kursiv-2022]
    attributes:
      returns_asylum_seekers:
        - value: true
          from: 2026-01-20
          note: {en: Handed over asylum seekers in 2026., ru: "В 2026 г. передавал лиц, ищущих убежище."}
          sources: [zona-2026-02]
          confidence: unconfirmed
        - value: false
          note: {en: No returns known., ru: Случаев возврата не известно.}
          sources: [kursiv-2022]
      asylum_practice:
        value: temporary_only
        note: {en: Refugee status refused to deserters., ru: В статусе беженца дезертирам отказывают.}
        sources: [kursiv-2022]
    topics:
      asylum:
        steps:
          - {en: Call the Kazakhstan Bureau for Human Rights., ru: Обратитесь в Казахстанское бюро по правам человека.}
        deadlines:
          - id: kz-leave
            from_fact: refusal_date
            days: 30
            text: {en: Leave within 30 days of the refusal., ru: Выехать в течение 30 дней после отказа.}
            sources: [kursiv-2022]
""",
    "routes/asylum-abroad.yaml": """
id: asylum-abroad
title: {en: Apply for asylum where he is, ru: Просить убежища в стране пребывания}
summary: {en: Depends on the country., ru: Зависит от страны.}
applies_if: {fact: location, is: abroad}
country_topic: asylum
requires:
  - when: {country: current_country, attribute: asylum_practice, in: [temporary_only, uncertain]}
    because: {en: A claim can be lodged here., ru: Ходатайство здесь подать можно.}
    sources: [kursiv-2022]
unsettled_if:
  - when: {country: current_country, has: returns_asylum_seekers}
    because: {en: Whether a claim protects him is not settled., ru: "Защитит ли его ходатайство, не ясно."}
    sources: [zona-2026-02]
risks:
  - id: handover
    severity: critical
    when: {country: current_country, has: returns_asylum_seekers}
    text: {en: He may be handed over while the claim is pending., ru: Его могут передать до решения по ходатайству.}
    sources: [zona-2026-02]
steps:
  - {en: Talk to a lawyer first., ru: Сначала поговорите с юристом.}
sources: [kursiv-2022, zona-2026-02]
reviewed: 2026-11-20
reviewed_against: [X2, zona-2026-02]
""",
    "routes/medical-commission.yaml": """
id: medical-commission
title: {en: Ask for a medical commission, ru: Добиваться ВВК}
summary: {en: Only a commission finding leads to dismissal., ru: Увольняет только заключение ВВК.}
applies_if: {fact: location, in: [home, unit]}
requires:
  - when: {fact: medical_documents, is: true}
    because: {en: He has medical documents., ru: У него есть медицинские документы.}
blocked_if:
  - when: {fact: criminal_case, in: [investigation, trial]}
    because: {en: A criminal case is open., ru: Возбуждено уголовное дело.}
risks:
  - id: returned
    severity: high
    text: {en: Wounded men are often returned to the front., ru: Раненых часто возвращают на фронт.}
    legal_basis: [uk-rf-337]
    sources: [seed-mt-2023]
sources: [seed-mt-2023]
legal_basis: [uk-rf-337]
reviewed: 2026-05-01
reviewed_against: [A1]
""",
}


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mini") / "rules"
    for name, text in PACK.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return root


def _assess(root: Path, *args: str, lang: str = "en", fmt: str = "text", as_of: str = "2026-11-27") -> str:
    result = run_cli(
        "assess", "--no-input", "--rules", str(root), "--lang", lang, "--format", fmt, "--as-of", as_of, *args
    )  # fmt: skip
    assert result.code == 0, result.err
    return result.out


ABROAD = ("--fact", "location=abroad", "--fact", "current_country=kz", "--fact", "refusal_date=2026-11-10")
HOME = ("--fact", "location=home", "--fact", "medical_documents=false", "--fact", "criminal_case=none")
IDS = ("seed-mt-2023", "zona-2026-02", "kursiv-2022", "uk-rf-337", "asylum-abroad", "medical-commission", "kz-leave")
FACT_IDS = ("current_country", "medical_documents", "criminal_case", "refusal_date", "returns_asylum_seekers")
FORBIDDEN = re.compile(r"\bseed|pavel|павел|the article|статья-источник", re.IGNORECASE)


def _without_fact_hints(text: str) -> str:
    """The text less the `--fact id=value` a user types (the one place an id belongs)
    and the `legalcli explain ROUTE` command --why names."""
    return re.sub(r"--fact [a-z_]+=\S*|legalcli explain \S+", "", text)


# --- 1. client-facing words ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("facts", [ABROAD, HOME], ids=["abroad", "home"])
def test_no_internal_names_in_text_and_briefs(mini: Path, lang: str, fmt: str, facts: tuple[str, ...]) -> None:
    extra = ("--why",) if fmt == "text" else ()
    out = _without_fact_hints(_assess(mini, *facts, *extra, lang=lang, fmt=fmt))
    for name in IDS + FACT_IDS:
        assert name not in out, name
    assert not FORBIDDEN.search(out), FORBIDDEN.search(out)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("route", ["asylum-abroad", "medical-commission"])
def test_no_internal_names_in_explain(mini: Path, lang: str, route: str) -> None:
    result = run_cli("explain", route, "--rules", str(mini), "--lang", lang)
    assert result.code == 0, result.err
    for name in IDS + FACT_IDS:
        assert name not in result.out, name
    assert not FORBIDDEN.search(result.out)


@pytest.mark.parametrize(
    ("lang", "cited", "mark"),
    [
        ("en", "The Moscow Times, Dec 2023", "[SINGLE PRESS REPORT]"),
        ("ru", "The Moscow Times, декабрь 2023", "[ПО ОДНОМУ СООБЩЕНИЮ]"),
    ],
)
def test_sources_read_as_publisher_and_date_and_seed_only_as_a_single_press_report(
    mini: Path, lang: str, cited: str, mark: str
) -> None:
    out = " ".join(_assess(mini, *HOME, "--why", lang=lang).split())
    assert cited in out
    assert mark in out
    law = {"en": "Criminal Code, Art. 337", "ru": "УК РФ, ст. 337"}[lang]
    assert law in out


def test_source_dates_in_words() -> None:
    assert source_date_words("2023-12-05", "en") == "Dec 2023"
    assert source_date_words("2023-12-05", "ru") == "декабрь 2023"
    assert source_date_words("2023-12-05", "ru", full=True) == "05.12.2023"
    assert source_date_words("2023-12-05", "en", full=True) == "2023-12-05"
    assert source_date_words("2022-09", "en") == "Sep 2022"
    assert source_date_words("2022", "ru") == "2022"
    assert source_date_words("", "ru") == "без даты"
    assert source_date_words("", "en") == "no date"


def test_json_keeps_ids_and_adds_the_readable_form(mini: Path) -> None:
    data = json.loads(_assess(mini, *HOME, fmt="json"))
    jsonschema.validate(data, ASSESSMENT_SCHEMA)
    route = next(r for r in data["routes"] if r["id"] == "medical-commission")
    (risk,) = route["risks"]
    assert risk["sources"] == ["seed-mt-2023"] and risk["source_labels"] == ["The Moscow Times, Dec 2023"]
    assert risk["legal_basis"] == ["uk-rf-337"] and risk["legal_basis_titles"] == ["Criminal Code, Art. 337"]
    assert risk["confidence"] == "seed-only"
    assert data["confidence_labels"]["seed-only"] == "single press report"
    assert route["opens_if"] == [{"medical_documents": True}]
    assert route["opens_if_words"] == ["medical documents: yes (--fact medical_documents=true)"]


@pytest.mark.parametrize(
    ("lang", "depends"),
    [
        ("en", "Depends on: medical documents, criminal case"),
        ("ru", "Зависит от: медицинские документы, уголовное дело"),
    ],
)
def test_depends_on_names_the_facts(mini: Path, lang: str, depends: str) -> None:
    out = " ".join(_assess(mini, "--fact", "location=home", lang=lang).split())
    assert depends in out


def test_a_set_of_values_prints_each_label_once_and_keeps_commas_apart(mini: Path) -> None:
    out = run_cli("explain", "medical-commission", "--rules", str(mini)).out
    # two values read "in Russia": one label; labels holding commas are kept apart by " / "
    assert "Applies if: where he is: in Russia\n" in out
    assert "Blocked if: criminal case: yes, under investigation / yes, in court" in out


@pytest.mark.parametrize(
    ("lang", "opens"),
    [
        ("en", "Opens if: medical documents: yes (--fact medical_documents=true)"),
        ("ru", "Откроется, если: медицинские документы: да (--fact medical_documents=true)"),
    ],
)
def test_opens_if_shows_what_the_user_types(mini: Path, lang: str, opens: str) -> None:
    out = _assess(mini, *HOME, lang=lang)
    assert opens in " ".join(out.split())


def test_the_options_shown_are_accepted_by_fact(mini: Path) -> None:
    """Every `--fact id=value` the text prints can be typed back as it is."""
    out = _assess(mini, *HOME)
    typed = re.findall(r"--fact ([a-z_]+=[^\s)…]+)", out)
    assert typed
    again = _assess(mini, *HOME, *[arg for option in typed for arg in ("--fact", option)])
    assert "FEASIBLE (1)" in again


# --- 2. findings and unsettled reasons ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "heading", "finding"),
    [
        (
            "en",
            "Not settled by the sources:",
            "· Kazakhstan — Asylum seekers returned to Russia: yes (since 2026-01-20). Handed over asylum seekers in 2026. "
            "(Mediazona, Feb 2026) [UNCONFIRMED]",
        ),
        (
            "ru",
            "Источники этого не решают:",
            "· Казахстан — Лиц, ищущих убежище, возвращают в Россию: да (с 20.01.2026). В 2026 г. передавал лиц, ищущих "
            "убежище. (Mediazona, февраль 2026) [НЕ ПОДТВЕРЖДЕНО]",
        ),
    ],
)
def test_findings_show_under_reasons_and_risks(mini: Path, lang: str, heading: str, finding: str) -> None:
    out = _assess(mini, *ABROAD, lang=lang)
    flat = " ".join(out.split())
    assert heading in out
    # under the unsettled reason and under the risk that reads the same entry
    assert flat.count(finding) == 2
    # the country table's steps for where he is
    assert {"en": "Call the Kazakhstan Bureau", "ru": "Обратитесь в Казахстанское бюро"}[lang] in flat


def test_a_finding_before_its_date_shows_the_older_value(mini: Path) -> None:
    """Before 20.01.2026 the table says Kazakhstan returned no asylum seekers: the route
    is feasible, and its requirement shows the practice it rests on."""
    out = " ".join(_assess(mini, *ABROAD, as_of="2025-12-01").split())
    assert "FEASIBLE (1)" in out
    assert (
        "- Met: A claim can be lodged here. (country he is in) · Kazakhstan — Asylum practice for deserters: "
        "Temporary status only. Refugee status refused to deserters. (Kursiv, 2022)"
    ) in out
    assert "Asylum seekers returned to Russia" not in out


def test_json_findings_and_unsettled_kind(mini: Path) -> None:
    data = json.loads(_assess(mini, *ABROAD, fmt="json"))
    jsonschema.validate(data, ASSESSMENT_SCHEMA)
    route = next(r for r in data["routes"] if r["id"] == "asylum-abroad")
    assert route["status"] == "undetermined"
    unsettled = [x for x in route["reasons"] if x["kind"] == "unsettled"]
    assert unsettled and unsettled[0]["sources"] == ["zona-2026-02"]
    (finding,) = unsettled[0]["findings"]
    assert finding == {
        "country": "kz",
        "country_name": "Kazakhstan",
        "attribute": "returns_asylum_seekers",
        "attribute_title": "Asylum seekers returned to Russia",
        "value": True,
        "value_label": "yes",
        "since": "2026-01-20",
        "note": "Handed over asylum seekers in 2026.",
        "sources": ["zona-2026-02"],
        "source_labels": ["Mediazona, Feb 2026"],
        "confidence": "unconfirmed",
        "text": finding["text"],
    }
    (risk,) = route["risks"]
    assert [f["attribute"] for f in risk["findings"]] == ["returns_asylum_seekers"]
    assert route["steps"][-1] == "Call the Kazakhstan Bureau for Human Rights."


# --- 3. honest dates ----------------------------------------------------------------------


STALE = {
    "en": "Some routes were last reviewed more than 180 days before the as-of date (Ask for a medical commission): "
    "the law or practice may have changed.",
    "ru": "Некоторые варианты действий последний раз проверялись более чем за 180 дней до даты оценки («Добиваться ВВК»): "
    "закон или практика могли измениться.",
}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_stale_review_is_said_at_the_top_of_every_output(mini: Path, lang: str) -> None:
    text = " ".join(_assess(mini, *HOME, lang=lang).split())
    assert STALE[lang] in text
    assert text.index(STALE[lang]) < text.index("•")  # before the first route
    for fmt in ("markdown", "html"):
        brief = " ".join(_assess(mini, *HOME, lang=lang, fmt=fmt).split())
        assert STALE[lang] in brief
        assert brief.index(STALE[lang]) < brief.index({"en": "What is known", "ru": "Что известно"}[lang])
    data = json.loads(_assess(mini, *HOME, lang=lang, fmt="json"))
    jsonschema.validate(data, ASSESSMENT_SCHEMA)
    assert data["warnings"] == [{"kind": "stale_review", "text": STALE[lang], "routes": ["medical-commission"]}]
    assert [r["stale"] for r in data["routes"] if r["id"] == "medical-commission"] == [True]


def test_no_stale_warning_when_every_listed_route_is_fresh(mini: Path) -> None:
    # abroad, the stale route does not apply and is not listed
    out = _assess(mini, *ABROAD)
    assert "last reviewed more than" not in out
    assert json.loads(_assess(mini, *ABROAD, fmt="json"))["warnings"] == []
    assert "last reviewed more than" not in _assess(mini, *HOME, as_of="2026-10-01")


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "en",
            [
                "Reviewed 2026-11-20; checked against: 1 point of the legal research behind the pack; Mediazona, Feb 2026",
                "- Kursiv, 2022 — Kazakhstan won't extradite",
                "- Mediazona, 2026-02-12 — Kazakhstan is no longer safe",
                "Rule pack: Mini pack 1.0.0, reviewed 2026-11-20",
            ],
        ),
        (
            "ru",
            [
                "Проверен 20.11.2026; основа проверки: 1 пункт правового исследования, на котором основан набор; "
                "Mediazona, февраль 2026",
                "- Mediazona, 12.02.2026 — Kazakhstan is no longer safe",
                "Набор правил: Мини-набор 1.0.0, проверен 20.11.2026",
            ],
        ),
    ],
)
def test_why_shows_the_review_and_dated_sources(mini: Path, lang: str, lines: list[str]) -> None:
    out = " ".join(_assess(mini, *ABROAD, "--why", lang=lang).split())
    for line in lines:
        assert line in out, line


def test_json_dates(mini: Path) -> None:
    data = json.loads(_assess(mini, *ABROAD, fmt="json"))
    assert data["pack"]["reviewed"] == "2026-11-20"
    route = next(r for r in data["routes"] if r["id"] == "asylum-abroad")
    assert (route["reviewed"], route["reviewed_against"], route["stale"]) == ("2026-11-20", ["X2", "zona-2026-02"], False)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_brief_appendix_has_every_review_and_dated_sources(mini: Path, lang: str, fmt: str) -> None:
    out = " ".join(_assess(mini, *HOME, lang=lang, fmt=fmt).split())
    words = {
        "en": ["When each part was last reviewed", "Mini pack 1.0.0 — 2026-11-20", "Ask for a medical commission —",
               "2026-05-01", "checked against: 1 point of the legal research behind the pack", "The Moscow Times, 2023-12-05"],
        "ru": ["Когда проверялась каждая часть", "Мини-набор 1.0.0 — 20.11.2026", "Добиваться ВВК —", "01.05.2026",
               "основа проверки: 1 пункт правового исследования, на котором основан набор", "The Moscow Times, 05.12.2023"],
    }[lang]  # fmt: skip
    for word in words:
        assert word in out, word


# --- 4. the disclaimer ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_every_output_keeps_the_disclaimer(mini: Path, lang: str, fmt: str) -> None:
    out = _assess(mini, *ABROAD, lang=lang, fmt=fmt)
    assert {"en": "not a substitute for a lawyer", "ru": "не заменяет юриста"}[lang] in " ".join(out.split())
    explain = run_cli("explain", "asylum-abroad", "--rules", str(mini), "--lang", lang).out
    assert {"en": "not a substitute for a lawyer", "ru": "не заменяет юриста"}[lang] in " ".join(explain.split())


# --- 5. Russian as Russian lawyers write it ----------------------------------------------------


def test_russian_plurals() -> None:
    assert [period_words(n, "days", "ru").split()[1] for n in (1, 2, 5, 11, 12, 21, 22, 25, 111)] == [
        "день", "дня", "дней", "дней", "дней", "день", "дня", "дней", "дней",
    ]  # fmt: skip
    assert period_words(3, "months", "ru") == "3 месяца"
    assert period_words(5, "working_days", "ru") == "5 рабочих дней"
    assert period_words(1, "years", "en") == "1 year"


def test_russian_text_has_dates_plurals_and_no_bare_numbers(mini: Path) -> None:
    out = " ".join(_assess(mini, *ABROAD, lang="ru", as_of="2026-11-27").split())
    assert "На дату 27.11.2026" in out
    assert "10.12.2026, осталось 13 дней (если применимо)" in out  # 30 days from 10.11.2026
    assert "дней:" not in out and "фактов:" not in out
    assert "Критический риск — относится к делу" in out
    assert "Что делать:" in out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_redacted_brief_leaves_the_country_out(mini: Path, fmt: str) -> None:
    """The country he is in is a sensitive fact: a redacted brief leaves out what the
    country table says of it, its steps and its deadlines."""
    full = _assess(mini, *ABROAD, fmt=fmt)
    redacted = _assess(mini, *ABROAD, "--redact", fmt=fmt)
    for words in ("Kazakhstan — ", "Call the Kazakhstan Bureau", "Leave within 30 days"):
        assert words in full
        assert words not in redacted
    assert "Talk to a lawyer first." in redacted


# --- the shipped pack -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("case", sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json")))
def test_shipped_examples_print_no_forbidden_words(case: str, lang: str) -> None:
    # --redact: the case notes are the user's words, not the program's
    for fmt, extra in (("text", ("--why",)), ("markdown", ("--redact",))):
        result = run_cli("assess", str(EXAMPLES / case), "--no-input", "--lang", lang, "--format", fmt, *extra)
        assert result.code == 0, result.err
        text = _without_fact_hints(result.out)
        found = FORBIDDEN.search(text)
        assert found is None, f"{fmt}: …{text[max(0, found.start() - 80) : found.end() + 40]}…"


def test_dates_in_words_are_the_readers() -> None:
    from legalcli.render.words import date_words

    assert date_words(dt.date(2026, 1, 20), "ru") == "20.01.2026"
    assert date_words(dt.date(2026, 1, 20), "en") == "2026-01-20"
