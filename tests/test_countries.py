"""`legalcli countries`, and the shipped country table against the research brief."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from legalcli.core.checks import check_pack
from legalcli.core.model import Pack
from legalcli.i18n import t
from legalcli.loading.pack import load_pack
from legalcli.render.countries import countries_data, render_countries_text
from tests.conftest import ROOT, run_cli

BRIEF_ABROAD = Path("/work/shared/domain/brief-abroad.md")

PACK_YAML = """\
name: country-test
version: 0.0.1
title: {en: Country table test, ru: Тест таблицы стран}
reviewed: 2026-11-01
"""

FACTS_YAML = """\
facts:
  - id: current_country
    type: country
    short: {en: country he is in, ru: страна пребывания}
    question: {en: Which country is he in?, ru: В какой он стране?}
"""

SOURCES_YAML = """\
sources:
  - id: src-solid
    title: A confirmed report
    publisher: Solid Gazette
    url: https://example.org/solid
    date: 2026-02-12
    kind: news
    confidence: confirmed
  - id: src-shaky
    title: An unconfirmed report
    publisher: Shaky Herald
    url: https://example.org/shaky
    date: 2025-07
    kind: news
    confidence: unconfirmed
  - id: src-single
    title: The only report
    publisher: Lone Courier
    url: https://example.org/lone
    kind: news
    confidence: seed-only
"""

COUNTRIES_YAML = """\
attributes:
  - id: returns_asylum_seekers
    type: bool
    title: {en: Returns asylum seekers, ru: Возвращает ищущих убежище}
  - id: asylum_practice
    type: choice
    title: {en: Asylum practice, ru: Практика убежища}
    choices:
      - value: grants
        label: {en: Protection granted, ru: Защиту предоставляют}
      - value: refused
        label: {en: Refused as a rule, ru: "Как правило, отказывают"}
countries:
  - id: aa
    name: {en: Alphaland, ru: Альфландия}
    reviewed: 2026-11-01
    reviewed_against: [src-solid, X9]
    attributes:
      returns_asylum_seekers:
        - value: true
          from: 2026-01-20
          note: {en: Returns began in January., ru: Возвраты начались в январе.}
          sources: [src-solid]
        - value: false
          note: {en: No returns were reported before., ru: Раньше о возвратах не сообщалось.}
          sources: [src-solid]
      asylum_practice:
        value: grants
        confidence: unconfirmed
        note: {en: Marked weaker than its source., ru: Помечено слабее источника.}
        sources: [src-solid]
  - id: bb
    name: {en: Betaland, ru: Бетландия}
    reviewed: 2025-01-01
    reviewed_against: [X10]
    attributes:
      returns_asylum_seekers:
        value: unknown
        note: {en: No data., ru: Нет данных.}
        sources: [src-shaky]
      asylum_practice:
        value: refused
        note: {en: One report only., ru: Одно сообщение.}
        sources: [src-single]
"""


def _table(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    (root / "facts").mkdir(parents=True)
    (root / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    (root / "facts" / "person.yaml").write_text(FACTS_YAML, encoding="utf-8")
    (root / "sources.yaml").write_text(SOURCES_YAML, encoding="utf-8")
    (root / "countries.yaml").write_text(COUNTRIES_YAML, encoding="utf-8")
    return root


def _block(text: str, name: str) -> str:
    """The lines of one country in the text output (from its name to the next blank line)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(name + " ["))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return "\n".join(lines[start:end])


# --- the command, on a small table ----------------------------------------------------


def test_text_shows_names_reviews_values_notes_and_sources_by_publisher(tmp_path: Path) -> None:
    root = _table(tmp_path)
    result = run_cli("countries", "--rules", str(root), "--as-of", "2026-03-01", "--lang", "en")
    assert result.code == 0, result.err
    alpha = _block(result.out, "Alphaland")
    assert "reviewed: 2026-11-01" in alpha
    # What it was reviewed against: a source as publisher and date, a brief entry as written.
    assert "reviewed against: Solid Gazette, 2026-02-12; X9" in alpha
    assert "- Returns asylum seekers: yes (since 2026-01-20)\n" in alpha + "\n"
    assert "Returns began in January." in alpha
    assert "Sources: Solid Gazette, 2026-02-12" in alpha
    assert "- Asylum practice: Protection granted [unconfirmed]" in alpha
    assert "src-solid" not in result.out and "src-shaky" not in result.out  # publishers, never ids
    assert "This is legal information" in result.out


def test_dated_value_before_its_from_date_shows_the_older_value(tmp_path: Path) -> None:
    root = _table(tmp_path)
    before = _block(run_cli("countries", "--rules", str(root), "--as-of", "2026-01-19", "--lang", "en").out, "Alphaland")
    on_day = _block(run_cli("countries", "--rules", str(root), "--as-of", "2026-01-20", "--lang", "en").out, "Alphaland")
    assert "- Returns asylum seekers: no\n" in before + "\n"
    assert "No returns were reported before." in before
    assert "- Returns asylum seekers: yes (since 2026-01-20)" in on_day


def test_unconfirmed_marks_follow_the_entry_and_its_sources(tmp_path: Path) -> None:
    pack = load_pack(str(_table(tmp_path)))
    beta = _block(render_countries_text(pack, dt.date(2026, 3, 1), "en"), "Betaland")
    # `unknown` resting on an unconfirmed source; a value from a single report.
    assert "- Returns asylum seekers: unknown (not settled by the sources) [unconfirmed]" in beta
    assert f"- Asylum practice: Refused as a rule [{t('conf.seed-only', 'en')}]" in beta
    assert f"Sources: Lone Courier, {t('not_dated', 'en')}" in beta
    alpha = _block(render_countries_text(pack, dt.date(2026, 3, 1), "en"), "Alphaland")
    assert "Returns asylum seekers: yes (since 2026-01-20)\n" in alpha + "\n"  # confirmed: no mark


def test_a_review_older_than_180_days_is_flagged(tmp_path: Path) -> None:
    pack = load_pack(str(_table(tmp_path)))
    # Betaland was reviewed on 2025-01-01: 180 days later is 2025-06-30.
    assert "older than 180 days" not in _block(render_countries_text(pack, dt.date(2025, 6, 30), "en"), "Betaland")
    assert "reviewed: 2025-01-01 (review older than 180 days)" in _block(
        render_countries_text(pack, dt.date(2025, 7, 1), "en"), "Betaland"
    )


def test_json_gives_ids_with_publisher_and_date(tmp_path: Path) -> None:
    root = _table(tmp_path)
    result = run_cli("countries", "--rules", str(root), "--as-of", "2026-03-01", "--format", "json", "--lang", "en")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["schema"] == "legalcli.countries/1" and data["as_of"] == "2026-03-01"
    assert [c["id"] for c in data["countries"]] == ["aa", "bb"]
    alpha, beta = data["countries"]
    assert alpha["name"] == "Alphaland" and alpha["reviewed"] == "2026-11-01" and alpha["stale"] is False
    assert alpha["reviewed_against"][0]["id"] == "src-solid" and alpha["reviewed_against"][1] == {"id": "X9"}
    returns = alpha["attributes"][0]
    assert (returns["id"], returns["title"], returns["value"], returns["label"], returns["since"]) == (
        "returns_asylum_seekers",
        "Returns asylum seekers",
        True,
        "yes",
        "2026-01-20",
    )
    assert returns["sources"] == [
        {
            "id": "src-solid",
            "publisher": "Solid Gazette",
            "date": "2026-02-12",
            "title": "A confirmed report",
            "url": "https://example.org/solid",
            "confidence": "confirmed",
        }
    ]
    assert returns["unconfirmed"] is False
    assert [h["value"] for h in returns["history"]] == [True, False]
    practice = alpha["attributes"][1]
    assert (practice["value"], practice["label"], practice["confidence"], practice["unconfirmed"]) == (
        "grants",
        "Protection granted",
        "unconfirmed",
        True,
    )
    unknown = beta["attributes"][0]
    assert (unknown["value"], unknown["confidence"], unknown["unconfirmed"]) == ("unknown", "unconfirmed", True)
    assert beta["stale"] is True
    assert beta["attributes"][1]["sources"][0]["date"] is None


def test_russian_output(tmp_path: Path) -> None:
    root = _table(tmp_path)
    result = run_cli("countries", "--rules", str(root), "--as-of", "2026-03-01", "--lang", "ru")
    assert result.code == 0, result.err
    alpha = _block(result.out, "Альфландия")
    assert "- Возвращает ищущих убежище: да (с 2026-01-20)" in alpha
    assert "- Практика убежища: Защиту предоставляют [не подтверждено]" in alpha
    assert "Источники: Solid Gazette, 2026-02-12" in alpha
    data = json.loads(run_cli("countries", "--rules", str(root), "--format", "json", "--lang", "ru").out)
    assert data["countries"][1]["name"] == "Бетландия"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "xml"], "--format"),
        (["--as-of", "2026-02-30"], "--as-of"),
        (["--lang", "fr"], "--lang"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], needle: str) -> None:
    result = run_cli("countries", "--rules", str(_table(tmp_path)), *args)
    assert result.code == 2
    assert result.err.startswith("legalcli: error: ") and needle in result.err


def test_a_pack_without_a_country_table(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    root.mkdir()
    (root / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    result = run_cli("countries", "--rules", str(root), "--lang", "en")
    assert result.code == 0, result.err
    assert "The pack has no country table." in result.out


def test_console_script_runs_the_command(tmp_path: Path) -> None:
    from legalcli.cli import main as entry_main

    result = run_cli("countries", "--rules", str(_table(tmp_path)), "--lang", "en", entry=entry_main)
    assert result.code == 0 and "Alphaland [aa]" in result.out


def test_rules_check_warns_of_a_stale_country_review(tmp_path: Path) -> None:
    pack = load_pack(str(_table(tmp_path)))
    problems = check_pack(pack, today=dt.date(2025, 7, 1))  # Betaland: reviewed 2025-01-01, 181 days before
    assert any(p.check == "stale-review" and "bb" in p.message for p in problems), [str(p) for p in problems]


# --- the shipped table against the brief ------------------------------------------------


def _brief_countries() -> list[str]:
    """The first column of brief-abroad.md's "## Country table"."""
    text = BRIEF_ABROAD.read_text(encoding="utf-8")
    section = text.split("\n## Country table", 1)[1].split("\n## ", 1)[0]
    names = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or cells[0] in ("Country", "") or set(cells[0]) <= set("-: "):
            continue
        names.append(cells[0])
    return names


# Names the brief abbreviates, and the names a table may give them.
ALIASES = {"UAE": {"UAE", "United Arab Emirates"}, "USA": {"USA", "United States", "United States of America"}}
EU_STATES = {
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Czech Republic", "Denmark", "Estonia", "Finland",
    "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta",
    "Netherlands", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden",
}  # fmt: skip


def _expected_names(cell: str) -> list[set[str]]:
    """Each country a first-column cell stands for, as the set of names that match it."""
    cell = re.sub(r"\s*\(.*?\)", "", cell).strip()  # "Israel (eligible)" -> "Israel"
    parts = [p.strip() for p in cell.split("/")]
    return [ALIASES.get(p, {p}) for p in parts if p != "EU"]


@pytest.fixture(scope="module")
def shipped() -> Pack:
    return load_pack(str(ROOT / "rules"))


def test_the_brief_table_is_read() -> None:
    names = _brief_countries()
    assert names[0] == "Kazakhstan" and "Israel (eligible)" in names and "Germany / EU" in names
    assert len(names) >= 17


def test_every_country_of_the_brief_is_in_the_table(shipped: Pack) -> None:
    names = {c.name.en for c in shipped.country_list}
    missing = [cell for cell in _brief_countries() for wanted in _expected_names(cell) if not wanted & names]
    assert not missing, missing


def test_germany_and_another_eu_state(shipped: Pack) -> None:
    # "Germany / EU": Germany, and an EU state beside Germany and France (named, or the
    # table's entry for "another EU member state").
    names = {c.name.en for c in shipped.country_list}
    assert "Germany" in names
    others = {n for n in names if n in EU_STATES - {"Germany", "France"} or re.search(r"\bEU\b|European Union", n)}
    assert others, sorted(names)


def test_at_least_15_countries(shipped: Pack) -> None:
    assert len(shipped.country_list) >= 15


def test_every_attribute_cites_a_source_the_pack_has(shipped: Pack) -> None:
    problems = []
    for country in shipped.country_list:
        for attribute in country.attributes:
            for entry in attribute.values:
                known = [s for s in entry.sources if s in shipped.sources]
                if not known or len(known) != len(entry.sources):
                    problems.append(f"{country.id}.{attribute.id} ({entry.loc}): {entry.sources}")
    assert not problems, problems


def test_every_country_gives_every_declared_attribute(shipped: Pack) -> None:
    declared = [d.id for d in shipped.attribute_list]
    for country in shipped.country_list:
        assert sorted(a.id for a in country.attributes) == sorted(declared), country.id


def test_the_shipped_table_renders_every_country_and_attribute(shipped: Pack) -> None:
    as_of = dt.date(2026, 11, 27)
    text = render_countries_text(shipped, as_of, "en")
    for country in shipped.country_list:
        assert f"{country.name.en} [{country.id}]" in text
    data = countries_data(shipped, as_of, "ru")
    assert len(data["countries"]) == len(shipped.country_list)
    for country in data["countries"]:
        assert len(country["attributes"]) == len(shipped.attribute_list)
        for attribute in country["attributes"]:
            assert attribute["sources"] and all(s["publisher"] for s in attribute["sources"]), (country["id"], attribute["id"])


def test_the_command_over_the_shipped_pack() -> None:
    result = run_cli("countries", "--as-of", "2026-11-27", "--format", "json", "--lang", "en")
    assert result.code == 0, result.err
    assert {c["name"] for c in json.loads(result.out)["countries"]} >= {"Kazakhstan", "Georgia", "Germany"}
