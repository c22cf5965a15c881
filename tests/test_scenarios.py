"""Every scenario case of the shipped pack is its own test, named file::case."""

from __future__ import annotations

import pytest

from legalcli.authoring.scenarios import Scenario, load_scenarios, run_scenario
from legalcli.core.checks import reachable_statuses
from legalcli.loading.pack import default_rules_dir, load_pack
from tests.conftest import run_cli

PACK = load_pack(default_rules_dir())
SCENARIOS = load_scenarios(default_rules_dir(), PACK)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"{s.file}::{s.name}" for s in SCENARIOS])
def test_scenario(scenario: Scenario) -> None:
    mismatches = run_scenario(PACK, scenario)
    assert not mismatches, "\n".join(mismatches)


def test_every_route_has_a_case_for_each_status_it_can_reach() -> None:
    """Feasible (an option), blocked (it has a requirement or a blocker) and undetermined
    (it reads a fact): a route that stands open for everyone, like contacting legal aid,
    can only be feasible."""
    seen: dict[str, set[str]] = {route: set() for route in PACK.routes}
    for scenario in SCENARIOS:
        for route, status in scenario.routes.items():
            found = PACK.route(route)  # a former id (alias) counts for its route
            assert found is not None, route
            seen[found.id].add(status)
    for route_id, statuses in seen.items():
        wanted = reachable_statuses(PACK.routes[route_id])  # the definition rules check uses
        assert wanted <= statuses, f"{route_id} lacks cases for {sorted(wanted - statuses)}"


def test_every_situation_has_a_case() -> None:
    covered = {s for scenario in SCENARIOS for s in scenario.situations}
    assert covered == set(PACK.situations)


def test_rules_test_reports_expected_against_actual(tmp_path: object) -> None:
    import shutil
    from pathlib import Path

    root = Path(str(tmp_path)) / "rules"
    shutil.copytree(default_rules_dir(), root)
    (root / "cases" / "zz-wrong.yaml").write_text(
        "cases:\n  - name: wrong\n    facts: {service_status: mobilised, days_absent: 1, detained: true}\n"
        "    expect: {routes: {return-to-unit: feasible}}\n",
        encoding="utf-8",
    )
    result = run_cli("rules", "test", str(root))
    assert result.code == 1
    assert "rules/cases/zz-wrong.yaml:2:5: FAIL wrong" in result.out
    assert "route return-to-unit: expected feasible, got blocked" in result.out
    assert result.out.rstrip().endswith(f"{len(SCENARIOS)} passed, 1 failed")


def test_rules_test_passes_on_the_shipped_pack() -> None:
    result = run_cli("rules", "test")
    assert result.code == 0
    assert result.out.strip() == f"{len(SCENARIOS)} passed, 0 failed"
    assert len(SCENARIOS) >= 3 * len(PACK.routes)
