"""Texts (issue 17): both languages required by the published schema and by the loader,
one problem for one missing language, the {en: …, ru: …} form shown when a text is
written as plain words, and a mark of its own on a summary, a step or a document,
printed wherever the text is (text, Markdown, HTML, JSON, explain).

The marks are tested on a small pack written here, so that the tests do not move with
the shipped pack's texts; one test pins the mark the shipped pack puts on a step."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import pytest

from legalcli.core.engine import Assessment, assess
from legalcli.core.errors import InputError
from legalcli.core.model import Pack
from legalcli.i18n import Lang
from legalcli.loading.pack import check_pack_files, default_rules_dir, load_pack
from legalcli.loading.schema_data import schema_document
from legalcli.render.assessment_schema import ASSESSMENT_SCHEMA
from legalcli.render.brief import render_brief
from legalcli.render.explain import render_explain
from legalcli.render.json_out import render_json
from legalcli.render.text import make_console, render_text
from tests.conftest import run_cli

AS_OF = dt.date(2026, 11, 27)

PACK = {
    "pack.yaml": """
name: marks
version: 1.0.0
title: {en: Marks, ru: Пометки}
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
  - id: current_country
    type: country
    short: {en: country he is in, ru: страна пребывания}
    question: {en: Which country is he in?, ru: В какой он стране?}
    ask_if: {fact: location, is: abroad}
""",
    "sources.yaml": """
sources:
  - id: news-2026
    title: A report
    publisher: A paper
    url: https://example.org/report
    date: 2026-02-12
    kind: news
    confidence: confirmed
""",
    "countries.yaml": """
attributes:
  - id: council_of_europe
    type: bool
    title: {en: Member of the Council of Europe, ru: Член Совета Европы}
countries:
  - id: am
    name: {en: Armenia, ru: Армения}
    reviewed: 2026-11-20
    reviewed_against: [news-2026]
    attributes:
      council_of_europe:
        value: true
        note: {en: A member., ru: Член.}
        sources: [news-2026]
    topics:
      help:
        steps:
          - en: Topic step marked.
            ru: Шаг темы с пометкой.
            confidence: unconfirmed
          - {en: Topic step plain., ru: Шаг темы без пометки.}
""",
    "routes/ask-for-help.yaml": """
id: ask-for-help
title: {en: Ask for help, ru: Обратиться за помощью}
summary:
  en: Summary marked.
  ru: Описание с пометкой.
  confidence: unconfirmed
applies_if: {fact: location, in: [abroad, home]}
country_topic: help
steps:
  - en: Step marked.
    ru: Шаг с пометкой.
    confidence: unconfirmed
  - {en: Step plain., ru: Шаг без пометки.}
  - en: Step from the seed.
    ru: Шаг по статье-источнику.
    confidence: seed-only
documents:
  - en: Document marked.
    ru: Документ с пометкой.
    confidence: unconfirmed
  - {en: Document plain., ru: Документ без пометки.}
sources: [news-2026]
reviewed: 2026-11-20
""",
    "routes/plain-route.yaml": """
id: plain-route
title: {en: A plain route, ru: Вариант без пометок}
summary: {en: Summary plain., ru: Описание без пометки.}
applies_if: {fact: location, in: [abroad, home]}
steps:
  - {en: Another plain step., ru: Ещё шаг без пометки.}
sources: [news-2026]
reviewed: 2026-11-20
""",
}

# Each marked text and each plain one, as the small pack writes them.
MARKED = {
    "en": ("Summary marked.", "Step marked.", "Document marked.", "Topic step marked."),
    "ru": ("Описание с пометкой.", "Шаг с пометкой.", "Документ с пометкой.", "Шаг темы с пометкой."),
}
PLAIN = {
    "en": ("Summary plain.", "Step plain.", "Document plain.", "Topic step plain.", "Another plain step."),
    "ru": ("Описание без пометки.", "Шаг без пометки.", "Документ без пометки.", "Шаг темы без пометки.", "Ещё шаг без пометки."),
}
WORD = {"en": "UNCONFIRMED", "ru": "НЕ ПОДТВЕРЖДЕНО"}
SEED_STEP = {"en": "Step from the seed.", "ru": "Шаг по статье-источнику."}
FACTS = {"location": "abroad", "current_country": "am"}


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def marks(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return load_pack(str(_write(tmp_path_factory.mktemp("marks") / "rules", PACK)))


@pytest.fixture(scope="module")
def assessed(marks: Pack) -> Assessment:
    return assess(marks, FACTS, as_of=AS_OF)


def _text_output(a: Assessment, lang: Lang) -> str:
    buffer = io.StringIO()
    # Wide enough that no text is wrapped away from its mark.
    render_text(a, lang, make_console(buffer, width=400, color=False))
    return buffer.getvalue()


def _outputs(a: Assessment, lang: Lang) -> dict[str, str]:
    route = a.pack.routes["ask-for-help"]
    return {
        "text": _text_output(a, lang),
        "markdown": render_brief(a, lang, "markdown", given=FACTS),
        "html": render_brief(a, lang, "html", given=FACTS),
        "explain": render_explain(a.pack, route, lang, width=400),
    }


# The form a risk's mark takes in each output.
FORM = {
    "text": " [{word}]",
    "explain": " [{word}]",
    "markdown": " **[{word}]**",
    "html": ' <span class="mark">[{word}]</span>',
}
# Which of the texts each output shows: `explain ask-for-help` shows that route's own
# summary and steps; the country's steps and the documents belong to an assessment.
SHOWN = {"text": range(5), "markdown": range(5), "html": range(5), "explain": (0, 1)}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("output", sorted(FORM))
def test_a_marked_text_shows_its_mark_and_a_plain_one_none(assessed: Assessment, output: str, lang: Lang) -> None:
    shown = _outputs(assessed, lang)[output]
    mark = FORM[output].format(word=WORD[lang])
    for index in SHOWN[output]:
        if index < len(MARKED[lang]):
            assert MARKED[lang][index] + mark in shown, (output, MARKED[lang][index])
        if output != "explain" or index == 1:
            plain = PLAIN[lang][index]
            assert plain in shown, (output, plain)
            assert plain + mark not in shown, (output, plain)
    assert shown.count(mark) >= len([i for i in SHOWN[output] if i < len(MARKED[lang])])


def test_a_seed_only_mark_is_the_single_report_mark(assessed: Assessment) -> None:
    out = _text_output(assessed, "en")
    assert f"{SEED_STEP['en']} [SINGLE PRESS REPORT]" in out


def test_the_json_gives_each_text_its_own_mark(assessed: Assessment) -> None:
    data = json.loads(render_json(assessed, "en"))
    jsonschema.validate(data, ASSESSMENT_SCHEMA)
    routes = {r["id"]: r for r in data["routes"]}
    marked, plain = routes["ask-for-help"], routes["plain-route"]
    assert marked["summary"] == "Summary marked." and marked["summary_confidence"] == "unconfirmed"
    assert list(zip(marked["steps"], marked["step_confidences"], strict=True)) == [
        ("Step marked.", "unconfirmed"),
        ("Step plain.", "confirmed"),
        ("Step from the seed.", "seed-only"),
        ("Topic step marked.", "unconfirmed"),
        ("Topic step plain.", "confirmed"),
    ]
    # The route itself rests on a confirmed source: its own mark is not the texts'.
    assert marked["confidence"] == "confirmed"
    assert plain["summary_confidence"] == "confirmed" and plain["step_confidences"] == ["confirmed"]


def test_the_shipped_pack_marks_the_step_the_research_could_not_confirm() -> None:
    """brief.md, F3 and "What could not be confirmed": the ВВК referral procedure."""
    pack = load_pack(default_rules_dir())
    steps = {s.en: s.confidence for s in pack.routes["medical-commission"].steps}
    assert steps["Ask in writing for a referral to a ВВК and keep proof that the request was made."] == "unconfirmed"
    a = assess(pack, {"service_status": "mobilised", "location": "hospital", "wounded_or_ill": True}, as_of=AS_OF)
    out = _text_output(a, "ru")
    assert "Письменно попросите направить на ВВК и сохраните подтверждение, что рапорт подан. [НЕ ПОДТВЕРЖДЕНО]" in out


# --- the schema and the loader ---------------------------------------------------------


def _route_file(**texts: object) -> dict[str, object]:
    route: dict[str, object] = {
        "id": "a-route",
        "title": {"en": "A route", "ru": "Вариант"},
        "summary": {"en": "Summary", "ru": "Описание"},
        "sources": ["news-2026"],
        "reviewed": "2026-11-20",
    }
    route.update(texts)
    return route


@pytest.mark.parametrize(
    ("texts", "valid"),
    [
        ({}, True),
        ({"title": {"en": "A route"}}, False),
        ({"summary": {"ru": "Описание"}}, False),
        ({"steps": [{"en": "Step"}]}, False),
        ({"steps": [{"en": "Step", "ru": "Шаг", "confidence": "unconfirmed"}]}, True),
        ({"summary": {"en": "Summary", "ru": "Описание", "confidence": "seed-only"}}, True),
        # A text has no sources of its own: a mark can only make it weaker.
        ({"steps": [{"en": "Step", "ru": "Шаг", "confidence": "confirmed"}]}, False),
        # A title (or a risk's text) takes no mark of its own.
        ({"title": {"en": "A route", "ru": "Вариант", "confidence": "unconfirmed"}}, False),
        ({"summary": "Summary"}, False),
        ({"summary": {"en": " ", "ru": "Описание"}}, False),
    ],
)
def test_an_editor_with_the_published_schema_flags_a_text_in_one_language(texts: dict[str, object], valid: bool) -> None:
    schema = schema_document("route")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_route_file(**texts)))
    assert (not errors) is valid, [e.message for e in errors]


def _one_route_pack(tmp_path: Path, route: str) -> Path:
    files = {k: v for k, v in PACK.items() if not k.startswith("routes/")}
    return _write(tmp_path / "rules", {**files, "routes/a-route.yaml": route})


ROUTE_HEAD = """
id: a-route
title: {en: A route, ru: Вариант}
applies_if: {fact: location, is: home}
sources: [news-2026]
reviewed: 2026-11-20
"""


@pytest.mark.parametrize(
    ("summary", "line", "column"),
    [
        ("summary: {en: Only English}\n", 6, 10),
        ("summary: {en: Only English, ru: ''}\n", 6, 10),
        ("summary:\n  en: Only English\n  ru:\n", 7, 3),
    ],
)
def test_a_missing_language_is_one_problem_with_its_place(tmp_path: Path, summary: str, line: int, column: int) -> None:
    root = _one_route_pack(tmp_path, ROUTE_HEAD + summary)
    _pack, problems = check_pack_files(str(root), today=AS_OF)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, [p.render() for p in errors]
    (problem,) = errors
    assert problem.check == "missing-translation"
    assert (problem.loc.path, problem.loc.line, problem.loc.column) == ("rules/routes/a-route.yaml", line, column)
    assert "the 'ru' text is missing" in problem.render("en")
    # Loading to assess stops at it, with the form a text takes.
    with pytest.raises(InputError) as caught:
        load_pack(str(root))
    assert str(caught.value).endswith("summary: the 'ru' text is missing; a text has both languages, {en: …, ru: …}")


def test_every_text_missing_a_language_is_reported_once(tmp_path: Path) -> None:
    """A fact's short name and a country attribute's choice are texts people read too."""
    files = dict(PACK)
    files["facts/person.yaml"] = files["facts/person.yaml"].replace(
        "short: {en: where he is, ru: где он находится}", "short: {en: where he is}"
    )
    files["countries.yaml"] = (
        files["countries.yaml"]
        .replace(
            "    type: bool\n",
            "    type: choice\n    choices:\n      - {value: 'yes', label: {en: a member}}\n"
            "      - {value: 'no', label: {en: not a member, ru: не член}}\n",
        )
        .replace("value: true", "value: 'yes'")
    )
    _pack, problems = check_pack_files(str(_write(tmp_path / "rules", files)), today=AS_OF)
    assert [(p.loc.path, p.loc.line, p.check, p.render().split(": error: ")[1]) for p in problems if p.severity == "error"] == [
        (
            "rules/countries.yaml",
            5,
            "missing-translation",
            "country 'council_of_europe' choice 'yes': the 'ru' text is missing [missing-translation]",
        ),
        (
            "rules/facts/person.yaml",
            4,
            "missing-translation",
            "fact 'location' name: the 'ru' text is missing [missing-translation]",
        ),
    ]


@pytest.mark.parametrize(
    ("summary", "found"),
    [
        ("summary: Some words\n", "found a single text"),
        ("summary: 'Some: words'\n", "found a single text"),
        ("summary: [Some, words]\n", "found a list"),
    ],
)
def test_a_text_written_as_plain_words_is_shown_the_form(tmp_path: Path, summary: str, found: str) -> None:
    root = _one_route_pack(tmp_path, ROUTE_HEAD + summary)
    message = f"rules/routes/a-route.yaml:6:10: summary: expected a text in both languages, {{en: …, ru: …}}, {found}"
    with pytest.raises(InputError) as caught:
        load_pack(str(root))
    assert str(caught.value) == message
    _pack, problems = check_pack_files(str(root), today=AS_OF)
    assert [p.render() for p in problems if p.severity == "error"] == [
        message.replace(": summary:", ": error: summary:") + " [schema]"
    ]


def test_a_mark_is_part_of_the_content_a_review_fingerprints(marks: Pack) -> None:
    """Marking a sentence after its review is a change the reviewer must see: the
    fingerprint moves and `rules diff` names the mark."""
    from legalcli.authoring.rulediff import diff_packs, fingerprint

    route = marks.routes["ask-for-help"]
    plain_step = route.steps[1]
    marked = route._replace(steps=(route.steps[0], plain_step._replace(confidence="unconfirmed"), *route.steps[2:]))
    assert fingerprint(marked) != fingerprint(route)
    unmarked = route._replace(summary=route.summary._replace(confidence=None))
    assert fingerprint(unmarked) != fingerprint(route)
    import dataclasses

    changed = dataclasses.replace(marks, route_list=tuple(marked if r is route else r for r in marks.route_list))
    changes = diff_packs(marks, changed)
    assert [(c.id, c.path, c.old, c.new) for c in changes] == [("ask-for-help", "steps[1].confidence", "", "unconfirmed")]


def test_explain_json_gives_each_text_its_own_mark() -> None:
    """`explain --format json` carries the marks `explain` prints ([UNCONFIRMED] after the
    ВВК step), as `assess --format json` does."""
    result = run_cli("explain", "medical-commission", "--format", "json", "--lang", "en")
    assert result.code == 0, result.err
    route = json.loads(result.out)
    marks = dict(zip(route["steps"], route["step_confidences"], strict=True))
    assert marks["Ask in writing for a referral to a ВВК and keep proof that the request was made."] == "unconfirmed"
    assert set(marks.values()) == {"confirmed", "unconfirmed"}
    assert route["summary_confidence"] == "confirmed"
