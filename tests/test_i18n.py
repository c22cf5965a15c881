"""Every string the program prints exists in both languages."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from legalcli.i18n import LANGS, MESSAGES, choose_lang, t


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_message_has_both_languages(key: str) -> None:
    en, ru = MESSAGES[key]
    assert en.strip() and ru.strip()
    # The same placeholders in both, so a translation cannot drop a number.
    fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (en, ru)]
    assert fields[0] == fields[1]


def test_russian_text_is_russian() -> None:
    assert t("status.blocked", "ru") == "Недоступно"
    assert t("overdue", "ru", days="3 дня") == "ПРОСРОЧЕНО на 3 дня"


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        ("ru", {"LEGALCLI_LANG": "en"}, "ru"),
        (None, {"LEGALCLI_LANG": "ru"}, "ru"),
        (None, {"LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_choice(option: str | None, env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LEGALCLI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert choose_lang(option) == expected
    assert expected in LANGS


def _templates(path: Path) -> list[str]:
    """English message templates raised in a module: InputError's first argument,
    _error/_warning's second, and the first element of _operand_ok's tuples."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            index = {"InputError": 0, "_error": 1, "_warning": 1}.get(node.func.id)
            if index is not None and len(node.args) > index:
                arg = node.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append(arg.value)
        if isinstance(node, ast.FunctionDef) and node.name == "_operand_ok":
            for ret in ast.walk(node):
                if not isinstance(ret, ast.Return) or ret.value is None:
                    continue
                values = [ret.value.body, ret.value.orelse] if isinstance(ret.value, ast.IfExp) else [ret.value]
                for value in values:
                    if isinstance(value, ast.Tuple) and isinstance(value.elts[0], ast.Constant):
                        found.append("{owner}: " + str(value.elts[0].value))
    return found


def test_every_error_message_has_a_russian_text() -> None:
    from legalcli.i18n import ERRORS_RU

    package = Path(__file__).resolve().parent.parent / "legalcli"
    templates = [t for path in package.rglob("*.py") for t in _templates(path)]
    assert len(templates) > 60
    missing = sorted({t for t in templates if t not in ERRORS_RU})
    assert not missing, missing
    for en, ru in ERRORS_RU.items():
        assert ru.strip() and ru != en
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (en, ru)]
        assert fields[0] == fields[1], en


def test_errors_render_in_russian() -> None:
    from legalcli.core.errors import InputError, Location

    exc = InputError("unknown fact '{name}'{hint}", location=Location("case.yaml", 2, 3), suggestion="location", name="locaton")
    assert exc.render("ru") == "case.yaml:2:3: неизвестный факт «locaton» (возможно, «location»?)"
    assert exc.render("en") == "case.yaml:2:3: unknown fact 'locaton' (did you mean 'location'?)"
