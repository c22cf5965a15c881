"""The command line as a user meets it: outputs, formats, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from legalcli.loading.schema import RULE_FILE_SCHEMAS
from legalcli.render.assessment_schema import ASSESSMENT_SCHEMA
from tests.conftest import EXAMPLES, RULES, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json"))


# --- assess: golden text, JSON schema --------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("case", CASES)
def test_golden_text(case: str, lang: str, update_golden: bool) -> None:
    result = run_cli("assess", str(EXAMPLES / case), "--no-input", "--lang", lang, "--as-of", "2026-11-24")
    assert result.code == 0, result.err
    golden = GOLDEN / f"{Path(case).stem}.{lang}.txt"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.out, encoding="utf-8")
    assert result.out == golden.read_text(encoding="utf-8")
    assert max(len(line) for line in result.out.splitlines()) <= 80
    assert "\x1b[" not in result.out  # no colour codes into a pipe


def test_golden_cases_cover_five_cases() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("case", CASES)
def test_json_output_validates_against_its_schema(case: str) -> None:
    jsonschema.Draft202012Validator.check_schema(ASSESSMENT_SCHEMA)
    result = run_cli("assess", str(EXAMPLES / case), "--no-input", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    jsonschema.validate(data, ASSESSMENT_SCHEMA)
    assert {r["id"] for r in data["routes"]} == {p.stem for p in (RULES / "routes").glob("*.yaml")}


def test_json_reports_the_contract_deadline() -> None:
    result = run_cli(
        "assess", "--no-input", "--format", "json", "--as-of", "2026-11-24",
        "--fact", "service_status=mobilised", "--fact", "international_passport=valid",
        "--fact", "exit_restriction_date=2026-11-02",
    )  # fmt: skip
    data = json.loads(result.out)
    (deadline,) = [d for d in data["deadlines"] if d["id"] == "passport-surrender"]
    assert deadline["from"] == "passport-surrender-duty"
    assert (deadline["date"], deadline["days_left"], deadline["overdue"]) == ("2026-11-07", -17, True)


def test_markdown_output_has_every_section() -> None:
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "markdown", "--lang", "ru")
    assert result.code == 0
    import datetime as dt

    from legalcli.core.engine import assess
    from legalcli.loading.case import read_case
    from legalcli.loading.pack import default_rules_dir, load_pack

    pack = load_pack(default_rules_dir())
    a = assess(pack, read_case(str(EXAMPLES / "pavel.yaml"), pack).facts, as_of=dt.date(2026, 11, 24))
    count = {status: len(a.by_status(status)) for status in ("feasible", "undetermined", "blocked")}  # type: ignore[arg-type]
    for heading in (
        f"## Доступно ({count['feasible']})",
        f"## Пока неясно ({count['undetermined']})",
        f"## Недоступно ({count['blocked']})",
        "## Что ещё стоит выяснить",
        "## Какие документы собрать",
    ):
        assert heading in result.out
    assert result.out.count("не заменяет юриста") == 2


def test_why_adds_a_trace() -> None:
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--why")
    assert "Trace:" in result.out
    assert "blocked if: «Barred from leaving Russia» → true" in result.out


def test_fact_option_overrides_the_case_file() -> None:
    base = json.loads(run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json").out)
    changed = json.loads(
        run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json", "--fact", "medical_documents=true").out
    )
    status = {r["id"]: r["status"] for r in base["routes"]}
    status2 = {r["id"]: r["status"] for r in changed["routes"]}
    assert (status["medical-commission"], status2["medical-commission"]) == ("undetermined", "feasible")
    cleared = json.loads(
        run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json", "--fact", "location=unknown").out
    )
    assert "location" in cleared["facts"]["unknown"]


def test_case_from_stdin_in_json() -> None:
    text = (EXAMPLES / "kazakhstan-wanted.json").read_text(encoding="utf-8")
    result = run_cli("assess", "-", "--format", "json", stdin=text)
    assert result.code == 0, result.err
    assert json.loads(result.out)["facts"]["given"]["current_country"] == "kz"


def test_output_file_is_written_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "markdown", "-o", str(target))
    assert result.code == 0 and result.out == ""
    assert target.read_text(encoding="utf-8").startswith("# Consultation brief")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


# --- bad input: exit 2, a location, a suggestion, never the value ----------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            "facts:\n  servce_status: mobilised\n",
            "case.yaml:2:3: facts: unknown key 'servce_status' (did you mean 'service_status'?)",
        ),
        (
            "facts:\n  wounded_or_ill: yes\n",
            "case.yaml:2:19: facts.wounded_or_ill: expected true or false, found a plain value (write true)",
        ),
        (
            "facts:\n  location: abroadd\n",
            "case.yaml:2:13: facts.location: not one of the allowed values (did you mean 'abroad'?)",
        ),
        (
            "facts:\n  exit_restriction_date: 2023-02-30\n",
            "case.yaml:2:26: facts.exit_restriction_date: is not a real calendar date",
        ),
        ("facts:\n  days_absent: '12'\n", "write the number without quotes"),
        ("facts:\n  location: abroad\n  location: on_leave\n", "case.yaml:3:3: duplicate key 'location' (first at line 2"),
        ("facts: [1, 2]\n", "case.yaml:1:8: facts: expected a mapping, found a list"),
        ("- a\n", "expected a mapping"),
    ],
)
def test_bad_case_file(text: str, fragment: str, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("assess", str(case), "--no-input")
    assert result.code == 2
    assert result.out == ""
    assert fragment in result.err
    assert "Traceback" not in result.err


def test_error_does_not_echo_the_value(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("facts:\n  location: Rostov-CANARY-7731\n", encoding="utf-8")
    result = run_cli("assess", str(case), "--no-input")
    assert result.code == 2
    assert "CANARY" not in result.err + result.out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["assess", "--no-input", "--fact", "locaton=abroad"], "unknown fact 'locaton' (did you mean 'location'?)"),
        (["assess", "--no-input", "--fact", "location"], "expected ID=VALUE"),
        (
            ["assess", "--no-input", "--format", "docx"],
            "Invalid value for '--format': 'docx' is not one of 'text', 'json', 'markdown', 'html', 'pdf'.",
        ),
        (["assess", "--no-input", "--format", "pdf"], "--format: a PDF is written to a file: add -o FILE.pdf"),
        (["assess", "--no-input", "--lang", "de"], "Invalid value for '--lang': 'de' is not one of 'en', 'ru'."),
        (["assess", "--no-input", "--as-of", "2026-02-30"], "--as-of: expected a real date"),
        (["assess", "/nonexistent/case.yaml"], "/nonexistent/case.yaml: no such file"),
        (["explain", "medical-comission"], "unknown route 'medical-comission' (did you mean 'medical-commission'?)"),
        (["tree", "--format", "png"], "'png' is not one of 'text', 'mermaid', 'dot'."),
        (["rules", "check", "/nonexistent"], "is not a rule pack directory"),
        (["rules", "schema", "rout"], "'reviews', 'case', 'assessment' (did you mean 'route'?)."),
        (["assess", "--no-such-option"], "No such option"),
        (["no-such-command"], "No such command"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    result = run_cli(*args)
    assert result.code == 2, result.out + result.err
    assert fragment in result.err


def test_internal_error_exits_70_without_case_data(monkeypatch: pytest.MonkeyPatch) -> None:
    import legalcli.core.engine

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret-case-value")

    monkeypatch.setattr(legalcli.core.engine, "assess", broken)
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input")
    assert result.code == 70
    assert "secret-case-value" not in result.err
    assert "Traceback" not in result.err
    assert "internal error" in result.err
    debug = run_cli("--debug", "assess", str(EXAMPLES / "pavel.yaml"), "--no-input")
    assert debug.code == 70 and "Traceback" in debug.err


# --- routes, explain, tree, version, schema -------------------------------------------


def test_routes_lists_every_route() -> None:
    result = run_cli("routes", "--lang", "ru")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == len(list((RULES / "routes").glob("*.yaml")))
    assert any(line.startswith("medical-commission") and "ВВК" in line for line in lines)


def test_explain_shows_conditions_laws_sources_and_review_date() -> None:
    result = run_cli("explain", "travel-with-international-passport")
    assert result.code == 0
    for fragment in (
        "reviewed: 2026-11-27",
        "Requires: international passport: yes, valid and not restricted",
        "Blocked if: «Barred from leaving Russia»",
        "[UNCONFIRMED]",
        "  Amendments to the law on exit and entry",
        "https://glavk.cc/",
        "not a substitute for a lawyer",
    ):
        assert fragment in result.out, fragment


@pytest.mark.parametrize(("fmt", "start"), [("text", "#1 "), ("mermaid", "flowchart TD"), ("dot", "digraph legalcli {")])
def test_tree_formats(fmt: str, start: str) -> None:
    result = run_cli("tree", "--format", fmt, "--depth", "2", "--as-of", "2026-11-24")
    assert result.code == 0, result.err
    assert result.out.startswith(start)
    assert "service_status" in result.out or "What is his status?" in result.out


def test_tree_merges_identical_subtrees() -> None:
    result = run_cli("tree", "--depth", "3", "--as-of", "2026-11-24")
    assert "↺ same as #" in result.out


def test_version() -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == "legalcli 0.2.0, rule pack 0.2.1 (shipped)"


def test_help_is_plain_and_mentions_the_disclaimer() -> None:
    result = run_cli("--help")
    assert result.code == 0
    assert "Not a substitute for a lawyer." in result.out
    assert "╭" not in result.out  # no Rich panels: they cost start-up time


@pytest.mark.parametrize("kind", ["all", *RULE_FILE_SCHEMAS, "case", "assessment"])
def test_schema_is_a_valid_json_schema(kind: str) -> None:
    result = run_cli("rules", "schema", kind)
    assert result.code == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(result.out))


def test_case_schema_accepts_the_examples() -> None:
    import yaml

    schema = json.loads(run_cli("rules", "schema", "case").out)
    for name in CASES:
        data = yaml.load((EXAMPLES / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)
