"""What legalcli exports cannot be turned against its reader: batch CSV cells a
spreadsheet would run as formulas are neutralised (numbers stay numbers), DOT and
Mermaid labels cannot be broken out of, and ids must match their pattern whole."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from legalcli.bulk.batch import csv_cell
from legalcli.core.errors import InputError, Location
from legalcli.core.tree import _dot_label, _mermaid_label
from legalcli.loading.reader import Scalar
from legalcli.loading.schema import KEBAB, RISK_REF, SNAKE, validate
from tests.conftest import run_cli
from tests.test_cache_trust import write_mini_pack

WHERE = Location("t.yaml", 1, 1)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_csv_formula_cells_are_neutralised_numbers_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    formulas = ["=1+2", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+2", "\r=1+2", "-", "+", "-3x"]
    for cell in formulas:
        assert csv_cell(cell) == "'" + cell, cell
    for number in ["-3", "+3", "-1.5", "-.5", "+2e3", "-2E-3", "0", "12"]:
        assert csv_cell(number) == number, number
    for plain in ["", "feasible", "critical:leave/x", "a=b", "file-1.yaml", "'=already"]:
        assert csv_cell(plain) == plain, plain

    # A batch whose file names start with formula signs: the file and the error cells
    # (an error names its file first) come out as text.
    pack = write_mini_pack(tmp_path / "mini")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "=HYPERLINK(1).yaml").write_text("facts: {barred: false}\n", encoding="utf-8")
    (tmp_path / "@bad.yaml").write_text("facts: {barred: maybe}\n", encoding="utf-8")
    result = run_cli("batch", "=HYPERLINK(1).yaml", "@bad.yaml", "--rules", str(pack), "--as-of", "2026-11-24")
    assert result.code == 1, result.err  # one row is an error row
    header, good, bad = csv.reader(io.StringIO(result.out))
    assert header == ["file", "leave", "top_risk", "overdue", "next_question", "error"]
    assert good[:2] == ["'=HYPERLINK(1).yaml", "feasible"]
    assert bad[0] == "'@bad.yaml" and bad[-1].startswith("'@bad.yaml:1:")
    # What a spreadsheet is handed: no cell starts with a formula sign.
    for row in (good, bad):
        assert not [cell for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


_DOT_NODE = re.compile(r'  n\d+ \[shape=(?:diamond|box, style=rounded), label="((?:[^"\\\n]|\\.)*)"\];')
_DOT_EDGE = re.compile(r'  n\d+ -> n\d+ \[label="((?:[^"\\\n]|\\.)*)"\];')


def _dot_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


@pytest.mark.parametrize("question", ["Barred\\", 'Barred "on paper"\\', 'Ends in \\"]; evil -> x [label="', "Two\nlines\\n\\N"])
def test_dot_label_escapes_a_trailing_backslash(tmp_path: Path, question: str) -> None:
    """Every line of the DOT output is a whole statement, and each label reads back as
    the question it was made from: nothing escapes the quotes."""
    pack = write_mini_pack(tmp_path / "mini", question=question)
    result = run_cli("tree", "--format", "dot", "--rules", str(pack), "--as-of", "2026-11-24", "--lang", "en")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "digraph legalcli {" and lines[-1] == "}"
    labels = []
    for line in lines[1:-1]:
        match = _DOT_NODE.fullmatch(line) or _DOT_EDGE.fullmatch(line)
        assert match, line
        labels.append(_dot_unescape(match.group(1)))
    assert question in labels
    assert _dot_unescape(_dot_label('a\\b"c\nd\\')) == 'a\\b"c\nd\\'


@pytest.mark.parametrize("question", ["Barred\\", 'Barred "on paper"', 'x"]) --> evil["', "a #quot; b <b>bold</b>\nnext"])
def test_mermaid_label_escapes_quotes_and_backslashes(tmp_path: Path, question: str) -> None:
    pack = write_mini_pack(tmp_path / "mini", question=question)
    result = run_cli("tree", "--format", "mermaid", "--rules", str(pack), "--as-of", "2026-11-24", "--lang", "en")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "flowchart TD"
    node = re.compile(r'  n\d+(?:\{"([^"\n]*)"\}|\(\["([^"\n]*)"\]\))')
    edge = re.compile(r'  n\d+ -->\|"([^"\n]*)"\| n\d+')
    labels = []
    for line in lines[1:]:
        match = node.fullmatch(line) or edge.fullmatch(line)
        assert match, line
        labels.append(next(g for g in match.groups() if g is not None))
    entities = {"#quot;": '"', "#92;": "\\", "#lt;": "<", "#gt;": ">", "#35;": "#"}
    decoded = [re.sub(r"#(?:quot|92|lt|gt|35);", lambda m: entities[m.group(0)], label) for label in labels]
    assert question.replace("\n", " ") in decoded
    assert not any(c in label for label in labels for c in '\\<>"')


def test_an_id_ending_in_a_newline_is_refused(tmp_path: Path) -> None:
    """`$` in a Python regex also matches before a final newline: an id must match its
    pattern whole, in a rule file and anywhere the validator checks a pattern."""
    pack = write_mini_pack(tmp_path / "mini", route_id="leave\n")
    result = run_cli("rules", "check", str(pack))
    assert result.code == 1, result.out + result.err  # a problem of the pack, among all the others
    assert "leave.yaml:1:5: error: id: does not have the expected form" in result.out
    assert run_cli("rules", "check", str(write_mini_pack(tmp_path / "ok"))).code == 0
    for form, text in (
        ({"type": "string", "pattern": KEBAB}, "leave"),
        ({"type": "string", "pattern": SNAKE}, "barred"),
        ({"type": "string", "pattern": RISK_REF}, "leave/risk"),
    ):
        assert validate(Scalar(text, plain=False, loc=WHERE), form, path="id") == text
        with pytest.raises(InputError, match="does not have the expected form"):
            validate(Scalar(text + "\n", plain=False, loc=WHERE), form, path="id")
    # A prefix pattern still needs only to start the text.
    url = {"type": "string", "pattern": "^https?://"}
    assert validate(Scalar("https://example.org/a", plain=False, loc=WHERE), url) == "https://example.org/a"


def test_mermaid_label_helpers_keep_plain_text() -> None:
    assert _mermaid_label("Is he detained?") == "Is he detained?"
    assert _dot_label("Is he detained?") == "Is he detained?"
