"""Bounded work (issue 12, item 7): a pack whose routes the never-feasible search cannot
prune gets a problem instead of minutes, and its decision tree is cut, not endless."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from legalcli.core.tree import build_tree
from legalcli.loading.pack import load_pack
from tests.conftest import run_cli

FACTS = 13


def _hard_pack(root: Path, routes: int = 60) -> Path:
    """Routes that read 13 yes/no facts and can never be feasible, found out only at the
    last fact: the search cannot prune them."""
    (root / "facts").mkdir(parents=True)
    (root / "routes").mkdir()
    (root / "pack.yaml").write_text(
        "name: hard\nversion: 0.0.1\ntitle: {en: Hard, ru: Трудный}\nreviewed: 2026-11-27\n", encoding="utf-8"
    )
    facts = "".join(f"  - id: f{i}\n    type: bool\n    question: {{en: Fact {i}?, ru: Факт {i}?}}\n" for i in range(FACTS))
    (root / "facts" / "f.yaml").write_text("facts:\n" + facts, encoding="utf-8")
    (root / "sources.yaml").write_text(
        "sources:\n  - {id: s, title: T, publisher: P, url: 'https://example.org/a', kind: news, confidence: confirmed}\n",
        encoding="utf-8",
    )
    last = FACTS - 1
    for r in range(routes):
        # Either answer meets these, so the search must try both, 2^12 ways.
        clauses = "".join(
            f"  - {{when: {{any: [{{fact: f{i}, is: true}}, {{fact: f{i}, is: false}}]}}, because: {{en: F{i}, ru: Ф{i}}}}}\n"
            for i in range(last)
        )
        clauses += f"  - {{when: {{fact: f{last}, is: true}}, because: {{en: A, ru: А}}}}\n"
        clauses += f"  - {{when: {{fact: f{last}, is: false}}, because: {{en: B, ru: Б}}}}\n"
        (root / "routes" / f"r{r}.yaml").write_text(
            f"id: r{r}\ntitle: {{en: R{r}, ru: П{r}}}\nsummary: {{en: S, ru: С}}\nrequires:\n{clauses}"
            "sources: [s]\nreviewed: 2026-11-27\n",
            encoding="utf-8",
        )
    return root


def test_an_unprunable_pack_gets_a_problem_not_minutes(tmp_path: Path) -> None:
    root = _hard_pack(tmp_path / "rules")
    result = run_cli("rules", "check", str(root), "--today", "2026-11-27")
    assert result.code == 1
    assert "too complex to check" in result.out
    # the routes searched before the budget ran out are found dead, as they are
    assert "can never be feasible" in result.out


def test_its_tree_is_cut_and_says_so(tmp_path: Path) -> None:
    pack = load_pack(str(_hard_pack(tmp_path / "rules")))
    root = build_tree(pack, as_of=dt.date(2026, 11, 27))
    seen: list[object] = []
    stack = [root]
    while stack:
        node = stack.pop()
        seen.append(node)
        stack.extend(child for _, child in getattr(node, "branches", ()))
    assert any(getattr(node, "truncated", False) for node in seen)


def test_one_error_line_is_capped(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(8):
        folder = folder / ("d" * 200)  # a path of some 1,600 characters
    folder.mkdir(parents=True)
    case = folder / "case.yaml"
    case.write_text("facts: {service_status: yes}\n", encoding="utf-8")
    result = run_cli("assess", str(case), "--no-input")
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 1 and len(lines[0]) <= 1000 and lines[0].endswith("…")
