"""Every string the program prints exists in both languages."""

from __future__ import annotations

import pytest

from legalcli.i18n import MESSAGES, choose_lang, t
from legalcli.model import LANGS


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_message_has_both_languages(key: str) -> None:
    en, ru = MESSAGES[key]
    assert en.strip() and ru.strip()
    # The same placeholders in both, so a translation cannot drop a number.
    import string

    fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (en, ru)]
    assert fields[0] == fields[1]


def test_russian_text_is_russian() -> None:
    assert t("status.blocked", "ru") == "Закрыто"
    assert t("overdue", "ru", n=3) == "ПРОСРОЧЕНО на 3 дн."


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
