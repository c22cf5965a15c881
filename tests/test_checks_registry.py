"""The checks package: every check id a module reports is declared by that module, once,
with the level its problems carry; every module says what it checks; and the table of
checks in docs/rule-format.md is the one tools/checks_doc.py writes from them."""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
import types
from pathlib import Path

import pytest

from legalcli.core import checks
from legalcli.core.checks import CHECKED, CHECKS, MODULES, Check, SearchCheck, case_coverage, check_pack, declared, registry
from legalcli.core.checks import reachability as reachability_module
from legalcli.core.checks.base import ErrorCheck, WarningCheck
from legalcli.core.model import Pack
from legalcli.loading.pack import load_pack_problems

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "legalcli" / "core" / "checks"
TODAY = dt.date(2026, 11, 27)
SHARED = {"__init__", "base"}  # the registry and what the checks share: no check of their own


def _source(module: types.ModuleType) -> Path:
    return PACKAGE / (module.__name__.rsplit(".", 1)[-1] + ".py")


# --- the declarations, read from the source ---------------------------------------------


def undeclared_reports(tree: ast.Module, declared_here: dict[str, Check]) -> list[str]:
    """Each problem a module makes that does not come from a check it declares, with the
    level that check gives: `_error(loc, template, NAME, …)` needs an ErrorCheck NAME,
    `_warning(…)` a WarningCheck or a SearchCheck's `NAME.undecided`; and no Problem()
    made by hand (its id and level would be nobody's declaration)."""
    faults: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        name, line = node.func.id, node.lineno
        if name == "Problem":
            faults.append(f"line {line}: Problem() made by hand")
        if name not in ("_error", "_warning"):
            continue
        arg = node.args[2] if len(node.args) > 2 else None
        undecided = isinstance(arg, ast.Attribute) and arg.attr == "undecided"
        target = arg.value if isinstance(arg, ast.Attribute) and undecided else arg
        check = declared_here.get(target.id) if isinstance(target, ast.Name) else None
        if check is None:
            faults.append(f"line {line}: {name}() with a check this module does not declare: {ast.unparse(arg) if arg else '-'}")
        elif name == "_error" and (undecided or not isinstance(check, ErrorCheck)):
            faults.append(f"line {line}: _error() with the {check.level} check '{check.id}'")
        elif name == "_warning" and not (isinstance(check, WarningCheck) or (undecided and isinstance(check, SearchCheck))):
            faults.append(f"line {line}: _warning() with the {check.level} check '{check.id}'")
    return faults


def _declared_names(module: types.ModuleType) -> dict[str, Check]:
    return {name: value for name, value in vars(module).items() if isinstance(value, Check)}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_problem_a_module_makes_comes_from_a_check_it_declares(module: types.ModuleType) -> None:
    tree = ast.parse(_source(module).read_text(encoding="utf-8"))
    assert undeclared_reports(tree, _declared_names(module)) == []


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_check_a_module_declares_is_reported_by_it(module: types.ModuleType) -> None:
    """A declaration nothing reports would be a row of the docs' table for nothing."""
    tree = ast.parse(_source(module).read_text(encoding="utf-8"))
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    assert not [c.id for name, c in _declared_names(module).items() if name not in used]


def test_the_scan_finds_a_check_not_declared_and_a_level_not_its_own() -> None:
    """The scan above is not vacuous: an id given as a string, a check of another module,
    an error check given to `_warning` and a Problem made by hand are each found."""
    source = """
from legalcli.core.checks.duplicates import DUPLICATE_ID
MINE = ErrorCheck("mine", "…")
def check(pack, today):
    yield _error(loc, "a", "some-id")
    yield _error(loc, "b", DUPLICATE_ID)
    yield _warning(loc, "c", MINE)
    yield _error(loc, "d", MINE)
    yield Problem(loc, "error", "e", "mine")
"""
    faults = undeclared_reports(ast.parse(source), {"MINE": ErrorCheck("mine", "…")})
    assert [f.split(":")[0] for f in faults] == ["line 5", "line 6", "line 7", "line 9"], faults


def test_every_module_of_the_package_is_in_the_registry() -> None:
    """A check module left out of MODULES would be neither run nor documented."""
    files = {p.stem for p in PACKAGE.glob("*.py")} - SHARED
    assert files == {m.__name__.rsplit(".", 1)[-1] for m in MODULES}
    assert [m for m in MODULES if m not in CHECKED] == [checks.coverage]  # it needs the scenario results


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_module_says_what_it_checks_and_declares_a_check(module: types.ModuleType) -> None:
    doc = (module.__doc__ or "").strip()
    first, _, why = doc.partition("\n\n")
    assert first and why.strip(), f"{module.__name__}: a first paragraph (what) and a second (why)"
    assert declared(module)
    assert all(c.id and c.finds and c.level in ("error", "warning") for c in declared(module))


def test_an_id_declared_twice_is_refused_when_the_registry_is_built() -> None:
    one, two = types.ModuleType("one"), types.ModuleType("two")
    one.SAME = ErrorCheck("same", "…")  # type: ignore[attr-defined]
    two.SAME = WarningCheck("same", "…")  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="check id 'same' declared in one and in two"):
        registry((one, two))
    # A module that imports another's declaration to report it declares it a second time.
    two.SAME = one.SAME  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="declared in one and in two"):
        registry((one, two))


# --- the problems, made from a pack with one of each ------------------------------------

BROKEN = {
    "pack.yaml": """
name: broken
version: 1.0.0
title: {en: TODO a title, ru: TODO название}
reviewed: 2026-11-20
""",
    "sources.yaml": """
sources:
  - {id: news, title: A report, publisher: A paper, url: https://ex.org/a, date: 2026-02-12, kind: news, confidence: confirmed}
  - {id: no-url, title: "A report\u202e", publisher: A paper, date: 2026-02-12, kind: news, confidence: confirmed}
""",
    "laws.yaml": """
laws:
  - {id: law-one, title: {en: Law one, ru: Закон один}, summary: {en: It says., ru: Он гласит.}, sources: [news]}
  - {id: law-one, title: {en: Law one again, ru: Закон один снова}, summary: {en: It says., ru: Он гласит.}, sources: [news]}
""",
    "facts/person.yaml": """
facts:
  - id: location
    type: choice
    question: {en: Where is he now?, ru: Где он сейчас?}
    choices:
      - {value: abroad, label: {en: abroad, ru: за границей}}
      - {value: home, label: {en: in Russia, ru: в России}}
  - id: wounded
    type: bool
    question: {en: Is he wounded?, ru: Он ранен?}
  - id: age
    type: number
    question: {en: How old is he?, ru: Сколько ему лет?}
  - id: current_country
    type: country
    question: {en: Which country is he in?, ru: В какой он стране?}
  - id: spare
    type: bool
    question: {en: Is it spare?, ru: Лишнее?}
""",
    "countries.yaml": """
attributes:
  - {id: returns, type: bool, title: {en: Returns, ru: Возвращает}}
  - id: practice
    type: choice
    title: {en: Practice, ru: Практика}
    choices:
      - {value: grants, label: {en: grants, ru: предоставляет}}
      - {value: unknown, label: {en: unknown, ru: неизвестно}}
countries:
  - id: aa
    name: {en: Alphaland, ru: Альфландия}
    reviewed: 2026-11-01
    reviewed_against: [news]
    attributes:
      returns:
        - {value: maybe, note: {en: A note., ru: Заметка.}, sources: []}
        - {value: false, from: 2025-01-01, note: {en: A note., ru: Заметка.}, sources: [news]}
      elsewhere: {value: true, note: {en: A note., ru: Заметка.}, sources: [news]}
""",
    "situations/loop-a.yaml": """
id: loop-a
title: {en: Loop A, ru: Петля А}
when: {situation: loop-b}
reviewed: 2020-01-01
""",
    "situations/loop-b.yaml": """
id: loop-b
title: {en: Loop B, ru: Петля Б}
when: {situation: loop-a}
reviewed: 2026-11-20
""",
    "routes/go-home.yaml": """
id: go-home
title: {en: Go home, ru: ""}
summary: {en: Go home., ru: Вернуться домой.}
aliases: [go-abroad]
country_topic: nowhere
applies_if:
  all:
    - {fact: location, is: abraod}
    - {fact: woundd, is: true}
    - {situation: no-such-situation}
    - {country: current_country, attribute: colour, is: red}
sources: [news, no-such-source]
legal_basis: [no-such-law]
reviewed: 2026-11-20
""",
    "routes/go-abroad.yaml": """
id: go-abroad
title: {en: Go abroad, ru: Уехать}
summary: {en: Go abroad., ru: Уехать.}
applies_if: {all: [{fact: wounded, is: true}, {fact: wounded, is: false}]}
reviewed: 2026-11-20
""",
    "routes/misnamed.yaml": """
id: named-otherwise
title: {en: Named otherwise, ru: Названо иначе}
summary: {en: Named otherwise., ru: Названо иначе.}
applies_if: {fact: age, ge: 18}
sources: [news]
reviewed: 2026-11-20
""",
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("checks") / "rules"
    for name, text in BROKEN.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    pack, faults = load_pack_problems(str(root))
    assert faults == [], [str(f) for f in faults]  # every problem below is one of meaning
    return pack


def test_the_broken_pack_shows_every_check_check_pack_runs(broken: Pack) -> None:
    """So the level test below sees a problem of every id (it is not vacuous)."""
    found = {p.check for p in check_pack(broken, today=TODAY)}
    assert found == {c.id for m in CHECKED for c in declared(m)}


def test_a_problems_severity_is_its_checks_declared_level(broken: Pack) -> None:
    problems = [*check_pack(broken, today=TODAY), *case_coverage(broken, {})]
    assert {p.check for p in problems} == set(CHECKS)
    wrong = [str(p) for p in problems if p.severity != CHECKS[p.check].level]
    assert wrong == []


def test_a_search_that_runs_out_of_budget_warns_under_the_same_id(broken: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one exception to the declared level, and declared as such (SearchCheck): the
    search could not tell, so it does not claim the route is dead."""
    monkeypatch.setattr(reachability_module, "MAX_TOTAL_SEARCH", 0)
    found = [p for p in check_pack(broken, today=TODAY) if p.check == "unreachable-route"]
    check = CHECKS["unreachable-route"]
    assert isinstance(check, SearchCheck) and check.undecided_level == "warning"
    assert found and {p.severity for p in found} == {"warning"}
    assert all("too complex to check" in p.message for p in found)


# --- the table in docs/rule-format.md ---------------------------------------------------


def test_the_table_of_checks_in_the_rule_format_is_fresh() -> None:
    """docs/rule-format.md's "Checks" table is written by tools/checks_doc.py from the
    declarations; a check added or changed without re-running it leaves the lawyers'
    reference wrong."""
    tool = ROOT / "tools" / "checks_doc.py"
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    for check in CHECKS.values():
        assert f"| `{check.id}` | {check.level}" in text, check.id


def test_the_table_check_fails_on_a_stale_table(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import checks_doc
    finally:
        sys.path.remove(str(ROOT / "tools"))
    text = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    assert checks_doc.updated(text) == text
    stale = text.replace("| `cycle` | error", "| `cycle` | warning")
    assert stale != text and checks_doc.updated(stale) == text
