"""The JSON Schema documents `legalcli rules schema KIND` prints (schema_data) are the
schemas the loader applies: every shipped file is valid against its kind's document as
an editor reads it, and the case-file document says of a case what the case reader does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from legalcli.core.errors import InputError
from legalcli.core.model import Pack
from legalcli.loading.case import read_case
from legalcli.loading.pack import default_rules_dir, load_pack, pack_files
from legalcli.loading.schema_data import PACK_SCHEMA_KINDS, SCHEMA_KINDS, schema_document

RULES = Path(default_rules_dir())


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it for the schema: dates stay text."""


_EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)  # the loader types no dates


@pytest.fixture(scope="module")
def shipped() -> Pack:
    return load_pack(str(RULES))


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_kind_is_a_valid_schema_document(kind: str, shipped: Pack) -> None:
    document = schema_document(kind, shipped)
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$id"] == f"legalcli:{kind}"
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("kind", PACK_SCHEMA_KINDS)
def test_a_kind_that_reads_the_pack_asks_for_it(kind: str) -> None:
    with pytest.raises(ValueError, match="needs the pack"):
        schema_document(kind)


def test_the_assessment_schema_is_not_a_rule_file_kind() -> None:
    with pytest.raises(ValueError, match="no schema of the kind"):
        schema_document("assessment")


def test_every_shipped_file_is_valid_against_its_document(shipped: Pack) -> None:
    checked = 0
    for kind, path in pack_files(str(RULES)):
        for document in (schema_document(kind, shipped), schema_document("all", shipped)):
            errors = list(jsonschema.Draft202012Validator(document).iter_errors(_read(Path(path))))
            assert not errors, (path, [e.message for e in errors][:3])
        checked += 1
    for kind, path in [("cases", p) for p in sorted((RULES / "cases").glob("*.yaml"))] + [
        ("mutants-allowed", RULES / "mutants-allowed.yaml")
    ]:
        errors = list(jsonschema.Draft202012Validator(schema_document(kind, shipped)).iter_errors(_read(path)))
        assert not errors, (path, [e.message for e in errors][:3])
        checked += 1
    assert checked > 60


@pytest.mark.parametrize(
    ("facts", "accepted"),
    [
        ({"days_absent": 3}, True),
        ({"days_absent": -1}, False),
        ({"days_absent": 2.5}, False),
        ({"days_absent": "unknown"}, True),
        ({"location": "abroad", "current_country": "kz"}, True),
        ({"location": "abroadd"}, False),
        ({"wounded_or_ill": "yes"}, False),
        ({"exit_restriction_date": "2026-11-02"}, True),
        ({"no_such_fact": True}, False),
    ],
)
def test_the_case_document_says_what_the_case_reader_does(facts: dict[str, Any], accepted: bool, shipped: Pack) -> None:
    case = {"as_of": "2026-11-27", "facts": facts}
    valid = not list(jsonschema.Draft202012Validator(schema_document("case", shipped)).iter_errors(case))
    assert valid is accepted
    data = yaml.safe_dump(case, allow_unicode=True).encode()
    if accepted:
        read_case("-", shipped, stdin_bytes=data)
    else:
        with pytest.raises(InputError):
            read_case("-", shipped, stdin_bytes=data)
