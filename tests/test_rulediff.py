"""`legalcli rules diff OLD NEW`, and review records that track content (`rules review`,
the warnings of `rules check`, the version and CHANGELOG.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from legalcli.authoring.rulediff import diff_packs, fingerprint
from legalcli.loading.pack import load_pack
from tests.conftest import run_cli
from tests.test_mutate import ROUTE, write_pack


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _two(tmp_path: Path) -> tuple[Path, Path]:
    old = write_pack(tmp_path / "old" / "rules")
    new = tmp_path / "new" / "rules"
    shutil.copytree(old, new)
    return old, new


def test_no_change(tmp_path: Path) -> None:
    old, new = _two(tmp_path)
    result = run_cli("rules", "diff", str(old), str(new))
    assert (result.code, result.out) == (0, "no changes\n")


def test_changes_by_file(tmp_path: Path) -> None:
    old, new = _two(tmp_path)
    route = new / "routes" / "leave.yaml"
    _edit(route, "{fact: days_absent, le: 2}", "{fact: days_absent, le: 3}")  # a condition
    _edit(route, "ru: Вернуться в часть}", "ru: Вернуться в свою часть}")  # a text, one language
    _edit(route, "effective: {from: 2020-01-01}", "effective: {from: 2021-01-01}")  # an effective date
    _edit(route, "    sources: [made-up]\nblocked_if", "    sources: [made-up, other]\nblocked_if")  # a clause's sources
    _edit(new / "laws.yaml", "effective: {from: 2025-01-01}", "effective: {from: 2025-02-01}")  # a law's date
    (new / "routes" / "stay.yaml").write_text(ROUTE.replace("id: leave", "id: stay"), encoding="utf-8")  # added
    result = run_cli("rules", "diff", str(old), str(new))
    assert result.code == 1
    assert result.out.splitlines() == [
        "laws.yaml",
        "  ~ law 'new-law': effective_from: 2025-01-01 -> 2025-02-01",
        "",
        "routes/leave.yaml",
        "  ~ route 'leave': title.ru: Вернуться в часть -> Вернуться в свою часть",
        "  ~ route 'leave': requires[0].when: {fact: days_absent, le: 2} -> {fact: days_absent, le: 3}",
        "  ~ route 'leave': requires[0].sources: [made-up] -> [made-up, other]",
        "  ~ route 'leave': effective_from: 2020-01-01 -> 2021-01-01",
        "",
        "routes/stay.yaml",
        "  + route 'stay'",
        "",
        "3 file(s) changed, 6 change(s)",
    ]
    data = json.loads(run_cli("rules", "diff", str(old), str(new), "--format", "json").out)
    categories = {(c["path"], c["category"]) for c in data["files"]["routes/leave.yaml"]}
    assert categories == {
        ("title.ru", "text"),
        ("requires[0].when", "condition"),
        ("requires[0].sources", "sources"),
        ("effective_from", "dates"),
    }


def test_removed_and_renamed(tmp_path: Path) -> None:
    old, new = _two(tmp_path)
    (new / "routes" / "leave.yaml").unlink()
    # Renamed, keeping the old id as an alias (as asylum-abroad did): a rename, with
    # whatever else changed listed under the new id.
    renamed = ROUTE.replace("id: leave", "id: go-back\naliases: [leave]").replace("severity: high", "severity: critical")
    (new / "routes" / "go-back.yaml").write_text(renamed, encoding="utf-8")
    changes = diff_packs(load_pack(str(old)), load_pack(str(new)))
    assert [(c.change, c.kind, c.id, c.path, c.old, c.new) for c in changes] == [
        ("renamed", "route", "go-back", "id", "leave", "go-back"),
        ("changed", "route", "go-back", "risks[caught].severity", "high", "critical"),
    ]
    (new / "routes" / "go-back.yaml").unlink()
    changes = diff_packs(load_pack(str(old)), load_pack(str(new)))
    assert [(c.file, c.change, c.id) for c in changes] == [("routes/leave.yaml", "removed", "leave")]


def test_a_rule_moved_within_its_file_is_no_change(tmp_path: Path) -> None:
    old, new = _two(tmp_path)
    route = new / "routes" / "leave.yaml"
    route.write_text("# a comment that moves every line down\n\n" + route.read_text(encoding="utf-8"), encoding="utf-8")
    assert diff_packs(load_pack(str(old)), load_pack(str(new))) == []
    assert fingerprint(load_pack(str(old)).routes["leave"]) == fingerprint(load_pack(str(new)).routes["leave"])


# --- review records -------------------------------------------------------------------


def _check(root: Path) -> list[str]:
    return run_cli("rules", "check", str(root), "--today", "2026-11-30").out.splitlines()


def test_a_change_after_the_review_is_reported_until_reviewed_again(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    (root / "CHANGELOG.md").write_text("# Changes\n\n## 1.0.0 — 2026-11-24\n\nFirst.\n", encoding="utf-8")
    assert run_cli("rules", "check", str(root), "--today", "2026-11-24").code == 0  # no records kept: nothing to say
    recorded = run_cli("rules", "review", str(root), "--record")
    assert recorded.code == 0
    assert "recorded: route leave (rules/reviews.yaml)" in recorded.err
    assert _check(root) == ["mini 1.0.0: 1 route, 4 facts; no problems"]

    _edit(root / "routes" / "leave.yaml", "{fact: days_absent, le: 2}", "{fact: days_absent, le: 3}")
    lines = _check(root)
    assert (
        "rules/routes/leave.yaml:1:1: warning: 'leave' changed after its review of 2026-11-24: review it again, "
        "then run `legalcli rules review --record` [review-record]"
    ) in lines
    assert (
        "rules/pack.yaml:1:1: warning: the rules changed since version 1.0.0 was recorded: raise the version in "
        "pack.yaml and say what changed in CHANGELOG.md [release]"
    ) in lines
    listing = run_cli("rules", "review", str(root), "--today", "2026-11-30").out
    assert "2026-11-24      6 days ago  route leave  CHANGED SINCE REVIEW" in listing

    # Recording again without a new review date blesses nothing; naming the rule does
    # (the reviewer read it again the same day).
    run_cli("rules", "review", str(root), "--record")
    assert any("changed after its review" in line for line in _check(root))
    assert (
        "--again: unknown route, situation or country 'laeve'"
        in run_cli("rules", "review", str(root), "--record", "--again", "laeve").err
    )
    run_cli("rules", "review", str(root), "--record", "--again", "leave")
    assert not any("changed after its review" in line for line in _check(root))
    _edit(root / "routes" / "leave.yaml", "{fact: days_absent, le: 3}", "{fact: days_absent, le: 4}")

    # The lawyer reviews it (a new date), records it, raises the version, writes the changelog.
    _edit(root / "routes" / "leave.yaml", "reviewed: 2026-11-24", "reviewed: 2026-11-26")
    _edit(root / "pack.yaml", "version: 1.0.0", "version: 1.1.0")
    lines = _check(root)
    assert any("the review of 'leave' (2026-11-26) has no record of what it reviewed" in line for line in lines)
    assert "rules/pack.yaml:1:1: warning: CHANGELOG.md has no entry for version 1.1.0 [release]" in lines
    _edit(root / "CHANGELOG.md", "# Changes\n", "# Changes\n\n## 1.1.0 — 2026-11-26\n\nThree days.\n")
    run_cli("rules", "review", str(root), "--record")
    assert _check(root) == ["mini 1.1.0: 1 route, 4 facts; no problems"]


def test_review_lists_by_age_in_json(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    data = json.loads(run_cli("rules", "review", str(root), "--format", "json", "--today", "2026-12-04").out)
    assert data == {
        "reviews": [
            {
                "kind": "route",
                "id": "leave",
                "reviewed": "2026-11-24",
                "age_days": 10,
                "state": "unrecorded",
                "path": "rules/routes/leave.yaml",
            }
        ]
    }
