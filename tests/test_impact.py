"""`legalcli impact OLD_PACK NEW_PACK CASE…` on two real pack versions: today's and a
copy with one route changed."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from legalcli.loading.vault import encrypt
from tests.conftest import RULES, run_cli

PASSPHRASE = "correct horse battery"
SECRET_NOTE = "met him at the flat on Lesnaya 7"

# Three days absent: blocked today (Art. 337 begins after two days), open when the rule
# is changed to three.  The others are decided the same way by both versions.
CHANGED = {
    "three-days.yaml": "{service_status: mobilised, days_absent: 3, location: elsewhere_in_russia, detained: false, "
    "criminal_case: none, wanted_status: none}",
}
UNCHANGED = {
    "one-day.yaml": "{service_status: mobilised, days_absent: 1, location: elsewhere_in_russia, detained: false, "
    "criminal_case: none, wanted_status: none}",
    "ten-days.yaml": "{service_status: mobilised, days_absent: 10, location: elsewhere_in_russia, detained: false}",
    "civilian.yaml": "{service_status: civilian, summons_stage: none}",
}


def _case(facts: str) -> str:
    return f"as_of: 2026-11-24\nfacts: {facts}\nnotes: {json.dumps(SECRET_NOTE)}\n"


@pytest.fixture
def packs(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old" / "rules"
    new = tmp_path / "new" / "rules"
    shutil.copytree(RULES, old)
    shutil.copytree(RULES, new)
    route = new / "routes" / "return-to-unit.yaml"
    text = route.read_text(encoding="utf-8")
    assert "{fact: days_absent, le: 2}" in text
    route.write_text(text.replace("{fact: days_absent, le: 2}", "{fact: days_absent, le: 3}"), encoding="utf-8")
    return old, new


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    (folder / "nested").mkdir(parents=True)
    for name, facts in {**CHANGED, **UNCHANGED}.items():
        (folder / name).write_text(_case(facts), encoding="utf-8")
    # An encrypted copy of the changed case, deeper in the tree.
    sealed = encrypt(_case(CHANGED["three-days.yaml"]).encode("utf-8"), PASSPHRASE)
    (folder / "nested" / "three-days.lcx").write_bytes(sealed)
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_lists_the_changed_cases_and_only_them(packs: tuple[Path, Path], cases: Path, tmp_path: Path) -> None:
    old, new = packs
    before = _tree(tmp_path)
    result = run_cli("impact", str(old), str(new), str(cases), env={"LEGALCLI_PASSPHRASE": PASSPHRASE})
    assert result.code == 1, result.err
    listed = [line[:-1] for line in result.out.splitlines() if not line.startswith(" ")]
    assert listed == [str(cases / "three-days.yaml"), str(cases / "nested" / "three-days.lcx")]  # batch's order
    assert result.out.count("  route return-to-unit: blocked -> feasible\n") == 2
    assert "5 cases: 2 changed, 3 unchanged, 0 unreadable" in result.err
    # Nothing but the report: no file is written, changed or left behind, and no case
    # value beyond what assess prints (a note is never interpreted or shown).
    assert _tree(tmp_path) == before
    assert SECRET_NOTE not in result.out + result.err


def test_the_same_pack_changes_nothing(packs: tuple[Path, Path], cases: Path) -> None:
    old, _ = packs
    result = run_cli("impact", str(old), str(old), str(cases), env={"LEGALCLI_PASSPHRASE": PASSPHRASE})
    assert result.code == 0
    assert result.out == ""
    assert "5 cases: 0 changed, 5 unchanged, 0 unreadable" in result.err


def test_json_and_csv(packs: tuple[Path, Path], cases: Path) -> None:
    old, new = packs
    env = {"LEGALCLI_PASSPHRASE": PASSPHRASE}
    data = json.loads(run_cli("impact", str(old), str(new), str(cases), "--format", "json", env=env).out)
    assert [row["file"] for row in data] == [str(cases / "three-days.yaml"), str(cases / "nested" / "three-days.lcx")]
    assert {"what": "route", "item": "return-to-unit", "old": "blocked", "new": "feasible"} in data[0]["changes"]
    rows = list(csv.reader(io.StringIO(run_cli("impact", str(old), str(new), str(cases), "--format", "csv", env=env).out)))
    assert rows[0] == ["file", "what", "item", "old", "new"]
    assert [str(cases / "three-days.yaml"), "route", "return-to-unit", "blocked", "feasible"] in rows
    assert {row[0] for row in rows[1:]} == {str(cases / "nested" / "three-days.lcx"), str(cases / "three-days.yaml")}


def test_output_file_is_the_only_file_written(packs: tuple[Path, Path], cases: Path, tmp_path: Path) -> None:
    old, new = packs
    before = _tree(tmp_path)
    out = tmp_path / "report.csv"
    result = run_cli(
        "impact", str(old), str(new), str(cases), "--format", "csv", "-o", str(out), env={"LEGALCLI_PASSPHRASE": PASSPHRASE}
    )
    assert result.code == 1
    after = _tree(tmp_path)
    assert set(after) - set(before) == {"report.csv"}
    assert {k: v for k, v in after.items() if k != "report.csv"} == before
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"


def test_an_encrypted_case_without_the_passphrase_is_unreadable_not_unchanged(packs: tuple[Path, Path], cases: Path) -> None:
    old, new = packs
    result = run_cli("impact", str(old), str(new), str(cases / "nested"), env={"LEGALCLI_PASSPHRASE": "wrong passphrase"})
    assert result.code == 1
    assert "cannot decrypt: the passphrase is wrong" in result.out
    assert "1 case: 0 changed, 0 unchanged, 1 unreadable" in result.err


def test_a_case_the_new_pack_cannot_read_is_a_change(packs: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = packs
    for path in new.rglob("*.yaml"):  # the fact renamed throughout the new pack
        path.write_text(path.read_text(encoding="utf-8").replace("in_captivity", "held_captive"), encoding="utf-8")
    case = tmp_path / "captive.yaml"
    case.write_text("facts: {in_captivity: true}\n", encoding="utf-8")
    result = run_cli("impact", str(old), str(new), str(case))
    assert result.code == 1, result.err
    assert "the new pack cannot read it:" in result.out
    assert f"{case}:1:" in result.out and "<stdin>" not in result.out  # the error names the file read
    assert "unknown key 'in_captivity'" in result.out


def test_russian(packs: tuple[Path, Path], cases: Path) -> None:
    old, new = packs
    result = run_cli("impact", str(old), str(new), str(cases / "three-days.yaml"), "--lang", "ru")
    assert "return-to-unit: " in result.out and " (blocked) -> " in result.out and " (feasible)" in result.out
    assert "1 дело: изменилось 1, без изменений 0" in result.err


def test_many_cases_in_parallel_as_in_one_process(packs: tuple[Path, Path], tmp_path: Path) -> None:
    """From 200 files the work is spread over processes (as batch's); the rows are the
    same and in the same order."""
    old, new = packs
    folder = tmp_path / "many"
    folder.mkdir()
    facts = [*CHANGED.values(), *UNCHANGED.values()]
    for index in range(210):
        (folder / f"case-{index:03d}.yaml").write_text(_case(facts[index % len(facts)]), encoding="utf-8")
    one = run_cli("impact", str(old), str(new), str(folder), "--format", "csv", "--jobs", "1")
    two = run_cli("impact", str(old), str(new), str(folder), "--format", "csv", "--jobs", "2")
    assert one.out == two.out
    assert len({row.split(",")[0] for row in one.out.splitlines()[1:]}) == len(range(0, 210, len(facts)))


def test_a_folder_without_case_files_is_refused_as_batch_refuses_it(packs: tuple[Path, Path], tmp_path: Path) -> None:
    """Not "0 cases: 0 changed" and exit 0: a wrong folder must not pass for a run that
    found nothing to call back about."""
    old, new = packs
    empty = tmp_path / "empty"
    empty.mkdir()
    impact = run_cli("impact", str(old), str(new), str(empty))
    batch = run_cli("batch", str(empty))
    assert impact.code == batch.code == 2, impact.err
    assert "no case file found (case files end in .yaml, .yml, .json or .lcx)" in impact.err
    assert impact.err == batch.err
    assert impact.out == ""


def test_parallel_workers_inherit_the_production_calendar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a working-day deadline in a pack, the calendar is loaded once before the
    workers start (as batch does), not again in each of them."""
    import datetime as dt
    import multiprocessing

    from legalcli.bulk.batch import PARALLEL_FROM
    from legalcli.bulk.impact import run_impact
    from legalcli.core import calendar
    from legalcli.loading.pack import load_pack

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("workers inherit the parent's memory only when forked")
    new = tmp_path / "new"
    shutil.copytree(RULES, new)
    duty = new / "situations" / "passport-surrender-duty.yaml"
    text = duty.read_text(encoding="utf-8")
    assert "    from_fact: exit_restriction_date\n    days: 5\n" in text
    duty.write_text(text.replace("    days: 5\n", "    days: 5\n    working_days: true\n", 1), encoding="utf-8")
    year = dt.date.today().year
    folder = tmp_path / "cases"
    folder.mkdir()
    facts = f"{{service_status: mobilised, international_passport: valid, exit_restriction_date: {year}-06-01}}"
    paths = []
    for index in range(PARALLEL_FROM + 10):
        path = folder / f"case-{index:03d}.yaml"
        path.write_text(f"as_of: {year}-06-03\nfacts: {facts}\n", encoding="utf-8")
        paths.append(str(path))
    loads = tmp_path / "loads"

    def loader(wanted: int) -> frozenset[dt.date]:
        with open(loads, "a", encoding="utf-8") as log:  # from whichever process loads it
            log.write(f"{os.getpid()}\n")
        first = dt.date(wanted, 1, 1)
        days = (first + dt.timedelta(days=n) for n in range(366))
        return frozenset(day for day in days if day.year == wanted and day.weekday() >= 5)  # weekends only

    monkeypatch.setattr(calendar, "_LOADER", [loader])
    monkeypatch.setattr(calendar, "_YEARS", {})
    rows = list(run_impact(paths, load_pack(str(RULES)), load_pack(str(new)), as_of=None, lang="en", passphrase=None, jobs=2))
    # Five working days end later than five days: every case changed, so the working
    # days were counted.
    assert len(rows) == len(paths) and all(row.changes and row.changes[0].what == "deadline" for row in rows)
    assert set(loads.read_text(encoding="utf-8").split()) == {str(os.getpid())}
