"""Every fact of a pack, listed for people (text), for programs (JSON) and in
docs/facts.md: what a case file or `--fact` may say."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from legalcli.core.model import Pack
from legalcli.loading.pack import load_pack
from legalcli.render.facts import facts_data, render_facts_json, render_facts_text

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "facts_doc.py"


def test_json_lists_every_fact_with_its_values_questions_and_place(pack: Pack) -> None:
    data = json.loads(render_facts_json(pack))
    assert data["schema"] == "legalcli.facts/1"
    assert [f["id"] for f in data["facts"]] == list(pack.facts)
    by_id = {f["id"]: f for f in data["facts"]}
    status = by_id["service_status"]
    assert status["type"] == "choice"
    assert {"value": "conscript", "label": {"en": "conscript in service", "ru": "срочник"}} in status["values"]
    assert status["question"] == {"en": "What is his status?", "ru": "Какой у него статус?"}
    assert status["short"] == {"en": "status", "ru": "статус"}
    declared = status["declared"]
    line = (ROOT / declared["path"]).read_text(encoding="utf-8").splitlines()[declared["line"] - 1]
    assert line.strip() == "- id: service_status"
    # A `type: country` fact takes the country table's ids, named as the table names them.
    country = by_id["current_country"]
    assert country["type"] == "country"
    assert {"value": "kz", "label": {"en": "Kazakhstan", "ru": "Казахстан"}} in country["values"]
    assert by_id["wounded_or_ill"]["values"] == [
        {"value": True, "label": {"en": "yes", "ru": "да"}},
        {"value": False, "label": {"en": "no", "ru": "нет"}},
    ]
    assert by_id["days_absent"]["values"] is None and by_id["days_absent"]["range"] == {"minimum": 0, "maximum": 100_000}
    assert by_id["leave_end_date"]["range"]["minimum"] < by_id["leave_end_date"]["range"]["maximum"]


def test_text_shows_values_with_labels_in_the_language_and_questions_in_both(pack: Pack) -> None:
    en = render_facts_text(pack, "en")
    ru = render_facts_text(pack, "ru")
    for fact in pack.facts.values():
        assert f"\n{fact.id}" in en and f"\n{fact.id}" in ru
    # Every question whole, in both languages (the text wraps long lines, hence the spaces).
    flat_en, flat_ru = " ".join(en.split()), " ".join(ru.split())
    for fact in pack.facts.values():
        assert " ".join(fact.question.en.split()) in flat_en and " ".join(fact.question.ru.split()) in flat_ru
    assert "    conscript            conscript in service\n" in en
    assert "    conscript            срочник\n" in ru
    assert "  question (ru): Какой у него статус?\n" in en
    assert "  вопрос (en): What is his status?\n" in ru
    assert "  declared in: rules/facts/person.yaml:" in en
    assert all(len(line) <= 80 for line in en.splitlines() if " " in line.strip())


def test_a_fact_added_to_a_pack_is_listed(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    with (rules / "facts" / "person.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "\n  - id: zz_new_fact\n    type: choice\n    question: {en: New?, ru: Новый?}\n"
            "    choices:\n      - value: one\n        label: {en: the first, ru: первый}\n"
            "      - value: two\n        label: {en: the second, ru: второй}\n"
        )
    added = [f for f in facts_data(load_pack(str(rules)))["facts"] if f["id"] == "zz_new_fact"]
    assert added[0]["values"][1] == {"value": "two", "label": {"en": "the second", "ru": "второй"}}


def test_docs_facts_is_generated_fresh_from_the_pack() -> None:
    """docs/facts.md is written by tools/facts_doc.py; a fact changed in the pack without
    re-running it leaves the list people read wrong."""
    result = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_freshness_check_sees_a_stale_document(pack: Pack) -> None:
    """The check compares the whole generated text: a changed label is seen."""
    sys.path.insert(0, str(TOOL.parent))
    try:
        import facts_doc
    finally:
        sys.path.remove(str(TOOL.parent))
    current = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")
    data = facts_data(pack)
    assert facts_doc.generate(data) == current
    data["facts"][0]["values"][0]["label"]["ru"] = "другое"
    assert facts_doc.generate(data) != current


def test_the_facts_command_prints_the_same(pack: Pack) -> None:
    import os

    env = {**{k: v for k, v in os.environ.items() if k != "LEGALCLI_RULES"}, "LEGALCLI_LANG": "ru"}
    run = [sys.executable, "-m", "legalcli", "facts"]
    json_out = subprocess.run([*run, "--format", "json"], capture_output=True, text=True, env=env, check=True).stdout
    text_out = subprocess.run(run, capture_output=True, text=True, env=env, check=True).stdout
    assert json_out == render_facts_json(pack)
    assert text_out == render_facts_text(pack, "ru")
