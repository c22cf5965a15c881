"""Broken rule files, one hazard each: exit code, file:line and a message fragment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, RULES, run_cli

INVALID = DATA / "invalid"

# file: (where it goes in a copy of the shipped pack, exit code, line, message fragment).
# Every fault is a problem of `rules check` (exit 1): it reports all of them, and exits 2
# only when the folder is no pack at all.
CASES: dict[str, tuple[str, int, int, str]] = {
    "duplicate-key.yaml": ("routes/broken-route.yaml", 1, 3, "duplicate key 'title' (first at line 2"),
    "yes-as-key.yaml": ("routes/broken-route.yaml", 1, 9, "unknown key 'yes'"),
    "tab-indent.yaml": ("routes/broken-route.yaml", 1, 5, "a tab character where YAML needs spaces"),
    "unknown-key.yaml": ("routes/broken-route.yaml", 1, 3, "unknown key 'titel' (did you mean 'title'?)"),
    "wrong-type.yaml": ("routes/broken-route.yaml", 1, 8, "reviewed: expected a date as YYYY-MM-DD, found a list"),
    "unknown-fact.yaml": ("routes/broken-route.yaml", 1, 5, "unknown fact 'wounded_or_il' (did you mean 'wounded_or_ill'?)"),
    "missing-ru.yaml": ("routes/broken-route.yaml", 1, 2, "the 'ru' text is missing"),
    "python-object.yaml": ("routes/broken-route.yaml", 1, 8, "explicit YAML tags"),
    "bool-as-yes.yaml": ("routes/broken-route.yaml", 1, 7, "'on_probation' is true or false; write true or false"),
    "impossible-date.yaml": ("routes/broken-route.yaml", 1, 8, "not a real calendar date"),
    "unknown-law.yaml": ("routes/broken-route.yaml", 1, 1, "unknown law 'uk-rf-3377' (did you mean 'uk-rf-337'?)"),
    "unknown-source.yaml": ("routes/broken-route.yaml", 1, 1, "unknown source 'seed-mt-2032' (did you mean 'seed-mt-2023'?)"),
    "unknown-situation.yaml": ("routes/broken-route.yaml", 1, 5, "unknown situation 'wantedd' (did you mean 'wanted'?)"),
    "bad-choice-value.yaml": (
        "routes/broken-route.yaml",
        1,
        5,
        "'abroadd' is not a choice of 'location' (did you mean 'abroad'?)",
    ),
    "id-not-stem.yaml": ("routes/broken-route.yaml", 1, 1, "id 'another-route' differs from the file name 'broken-route'"),
    "no-provenance.yaml": ("routes/broken-route.yaml", 1, 1, "cites no law and no source"),
    "never-feasible.yaml": ("routes/broken-route.yaml", 1, 1, "can never be feasible"),
    "fact-without-operator.yaml": ("routes/broken-route.yaml", 1, 5, "a fact test needs exactly one of"),
    "situation-with-operator.yaml": ("routes/broken-route.yaml", 1, 5, "stand alone"),
    "two-documents.yaml": ("routes/broken-route.yaml", 1, 9, "more than one YAML document"),
    "empty.yaml": ("routes/broken-route.yaml", 1, 1, "empty"),
    "top-level-list.yaml": ("routes/broken-route.yaml", 1, 1, "expected a mapping, found a list"),
    "nul-byte.yaml": ("routes/broken-route.yaml", 1, 3, "control character"),
    "merge-key.yaml": ("routes/broken-route.yaml", 1, 4, "merge keys (<<) are not accepted"),
    "bad-severity.yaml": ("routes/broken-route.yaml", 1, 9, "not one of the allowed values"),
    "quoted-number.yaml": ("routes/broken-route.yaml", 1, 10, "write the number without quotes"),
    "deadline-from-bool.yaml": ("routes/broken-route.yaml", 1, 8, "counts from a date fact"),
    "bad-id-form.yaml": ("routes/broken-route.yaml", 1, 8, "lower-case words joined by hyphens"),
    "lone-surrogate.yaml": ("routes/broken-route.yaml", 1, 3, "not valid YAML"),
    "missing-required.yaml": ("routes/broken-route.yaml", 1, 1, "missing required key 'reviewed'"),
    "date-op-on-number.yaml": ("routes/broken-route.yaml", 1, 5, "'before' compares dates, but 'days_absent' is a number fact"),
    "alias-bomb.yaml": ("routes/broken-route.yaml", 1, 1, "an alias may only name a scalar value"),
    "deep-nesting.yaml": ("routes/broken-route.yaml", 1, 1, "nesting depth"),
    "cp1251.yaml": ("routes/broken-route.yaml", 1, 2, "not UTF-8"),
    "utf16.yaml": ("routes/broken-route.yaml", 1, 1, "not UTF-8"),
    "cycle.yaml": ("situations/broken-route.yaml", 1, 1, "situations refer to each other in a cycle"),
    "duplicate-fact.yaml": ("facts/zz-broken.yaml", 1, 2, "duplicate fact id 'wounded_or_ill'"),
    "fact-bad-bool.yaml": ("facts/zz-broken.yaml", 1, 4, "expected true or false, found a plain value (write true)"),
}


def _pack_with(tmp_path: Path, source: Path, dest: str) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root, ignore=shutil.ignore_patterns("cases"))
    target = root / dest
    shutil.copyfile(source, target)
    if source.name == "cycle.yaml":
        (root / "situations" / "cycle-b.yaml").write_text(
            "id: cycle-b\ntitle: {en: B, ru: Б}\nwhen: {situation: broken-route}\nreviewed: 2026-11-24\n", encoding="utf-8"
        )
    return root


def test_every_invalid_file_has_a_case() -> None:
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(CASES)
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_rule_file(name: str, tmp_path: Path) -> None:
    dest, code, line, fragment = CASES[name]
    root = _pack_with(tmp_path, INVALID / name, dest)
    result = run_cli("rules", "check", str(root), "--today", "2026-11-24")
    assert result.code == code, result.out + result.err
    text = result.out + result.err
    shown = f"rules/{dest}:{line}:"
    matching = [row for row in text.splitlines() if shown in row and fragment in row]
    assert matching, f"expected a line with {shown!r} and {fragment!r} in:\n{text}"
    assert "Traceback" not in text


def test_five_megabyte_rule_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# padding\n" * 500_000, encoding="utf-8")
    root = _pack_with(tmp_path, big, "routes/broken-route.yaml")
    result = run_cli("rules", "check", str(root))
    assert result.code == 1
    assert "rules/routes/broken-route.yaml: error: the file is 5,000,000 bytes; at most 1,000,000 are read [file]" in result.out


def test_marker_file_never_created(tmp_path: Path) -> None:
    root = _pack_with(tmp_path, INVALID / "python-object.yaml", "routes/broken-route.yaml")
    run_cli("rules", "check", str(root))
    assert not Path("/tmp/legalcli-pwned").exists()


def test_shipped_pack_is_clean() -> None:
    result = run_cli("rules", "check", "--today", "2026-11-27")
    assert result.code == 0, result.out + result.err
    from legalcli.loading.pack import default_rules_dir, load_pack

    pack = load_pack(default_rules_dir())
    assert result.out.strip() == f"ru-servicemen {pack.version}: {len(pack.routes)} routes, {len(pack.facts)} facts; no problems"


def test_check_json_format(tmp_path: Path) -> None:
    import json

    root = _pack_with(tmp_path, INVALID / "unknown-fact.yaml", "routes/broken-route.yaml")
    result = run_cli("rules", "check", str(root), "--format", "json", "--today", "2026-11-27")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["errors"] == 1
    problem = next(p for p in data["problems"] if p["severity"] == "error")  # beside the review warnings
    assert problem["path"] == "rules/routes/broken-route.yaml"
    assert (problem["line"], problem["column"], problem["check"]) == (5, 11, "unknown-fact")


def test_stale_review_is_a_warning(tmp_path: Path) -> None:
    root = _pack_with(tmp_path, INVALID / "never-feasible.yaml", "routes/broken-route.yaml")
    result = run_cli("rules", "check", str(root), "--today", "2027-12-01")
    assert "warning: 'broken-route' was last reviewed 372 days ago (over 180) [stale-review]" in result.out
