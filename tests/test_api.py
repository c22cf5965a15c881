"""legalcli.api: the example of docs/api.md gives what the CLI gives, and every function
reads, checks and refuses as the command line does."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from legalcli import api
from legalcli.core.model import Pack

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"
PAVEL = ROOT / "examples" / "pavel.yaml"
ENV = {"LEGALCLI_LANG": "en", "NO_COLOR": "1"}


def _blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```\n", DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **ENV}, capture_output=True, text=True, check=False
    )


def _cli(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "legalcli", *args],
        cwd=ROOT,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def shipped() -> Pack:
    return api.load_pack()


def test_the_documented_example_prints_what_assess_format_json_prints() -> None:
    example = _blocks()[0]
    assert 'Path("examples/pavel.yaml")' in example
    ran = _python(example)
    assert ran.returncode == 0, ran.stderr
    printed = _cli("assess", "examples/pavel.yaml", "--no-input", "--format", "json")
    assert ran.stdout == printed
    assert json.loads(ran.stdout)["schema"] == "legalcli.assessment/1"


def test_the_documented_error_is_the_one_raised() -> None:
    first, second = _blocks()[:2]
    ran = _python(first + second)
    assert ran.returncode == 0, ran.stderr
    said = re.search(r"# (<stdin>.*)$", second, re.MULTILINE)
    assert said is not None
    assert ran.stdout.splitlines()[-1].startswith(said.group(1).rstrip("…"))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_render_gives_what_assess_writes_to_a_pipe(shipped: Pack, fmt: api.Format) -> None:
    case = api.read_case(PAVEL, shipped)
    ours = api.render(api.assess(shipped, case), fmt, "ru", case=case)
    assert ours == _cli("assess", str(PAVEL), "--no-input", "--format", fmt, "--lang", "ru")


def test_text_bytes_and_path_read_the_same_case(shipped: Pack) -> None:
    from_path = api.read_case(PAVEL, shipped)
    assert from_path.facts["location"] == "on_leave" and from_path.as_of == dt.date(2026, 11, 24)
    from_text = api.read_case(PAVEL.read_text(encoding="utf-8"), shipped)
    from_bytes = api.read_case(PAVEL.read_bytes(), shipped)
    assert from_text.facts == from_bytes.facts == from_path.facts
    assert from_text.notes == from_path.notes != ""


def test_an_oversized_upload_is_refused_before_it_is_read(shipped: Pack) -> None:
    with pytest.raises(api.InputError, match="larger than"):
        api.read_case(b"LCX1" + bytes(1_000_000), shipped, passphrase="never asked")


def test_a_path_given_as_a_string_is_refused_not_guessed(shipped: Pack) -> None:
    with pytest.raises(TypeError, match=r"pathlib\.Path"):
        api.read_case(str(PAVEL), shipped)


def test_an_encrypted_case_is_opened_with_the_passphrase(shipped: Pack) -> None:
    from legalcli.loading.vault import encrypt

    sealed = encrypt(PAVEL.read_bytes(), "correct horse battery staple")
    asked: list[bool] = []

    def ask() -> str:
        asked.append(True)
        return "correct horse battery staple"

    assert api.read_case(sealed, shipped, passphrase=ask).facts == api.read_case(PAVEL, shipped).facts
    assert asked == [True]
    with pytest.raises(api.InputError, match="a passphrase is needed"):
        api.read_case(sealed, shipped)
    with pytest.raises(api.InputError, match="passphrase is wrong"):
        api.read_case(sealed, shipped, passphrase="wrong")


def test_facts_as_a_mapping_are_checked_as_a_case_file_is(shipped: Pack) -> None:
    case = api.read_case(PAVEL, shipped)
    facts = dict(case.facts)
    facts["leave_end_date"] = "2026-12-04"  # a date as text, as JSON gives it
    by_mapping = api.assess(shipped, facts, as_of=dt.date(2026, 11, 24))
    assert api.render(by_mapping, "json", "en") == api.render(api.assess(shipped, case), "json", "en")
    with pytest.raises(api.InputError) as caught:
        api.assess(shipped, {"location": "on_leav"})
    message = str(caught.value)
    assert "facts.location" in message and "on_leav'" not in message.split("did you mean", maxsplit=1)[0]
    with pytest.raises(api.InputError, match="unknown key 'locaton'"):
        api.assess(shipped, {"locaton": "abroad"})
    assert "location" not in api.assess(shipped, {"location": "unknown"}).facts
    with pytest.raises(TypeError):
        api.assess(shipped, {"location": ["abroad"]})  # type: ignore[dict-item]


def test_the_as_of_date_comes_from_the_argument_then_the_case_then_today(shipped: Pack) -> None:
    case = api.read_case(PAVEL, shipped)
    assert api.assess(shipped, case).as_of == dt.date(2026, 11, 24)
    assert api.assess(shipped, case, as_of=dt.date(2027, 1, 5)).as_of == dt.date(2027, 1, 5)
    assert api.assess(shipped, {}).as_of == dt.date.today()
    with pytest.raises(api.InputError, match="outside the dates"):
        api.assess(shipped, case, as_of=dt.date(1900, 1, 1))
    with pytest.raises(TypeError):
        api.assess(shipped, case, as_of=dt.datetime(2027, 1, 5))  # a datetime is a date to mypy, not to the engine


def test_render_refuses_an_unknown_format_or_language(shipped: Pack) -> None:
    assessment = api.assess(shipped, api.read_case(PAVEL, shipped))
    with pytest.raises(api.InputError, match="did you mean 'json'"):
        api.render(assessment, "jsn")  # type: ignore[arg-type]
    with pytest.raises(api.InputError, match="expected en or ru"):
        api.render(assessment, "text", "de")  # type: ignore[arg-type]


def test_a_pack_with_errors_is_refused(tmp_path: Path) -> None:
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    route = rules / "routes" / "medical-commission.yaml"
    route.write_text(route.read_text(encoding="utf-8").replace("fitness_category", "fitness_categroy", 1), encoding="utf-8")
    with pytest.raises(api.InputError, match="rules check"):
        api.load_pack(rules)


def test_the_package_says_it_is_typed() -> None:
    assert (Path(api.__file__).parent / "py.typed").is_file()
