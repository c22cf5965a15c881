"""Every string the program prints exists in both languages, through gettext catalogues.

The catalogues (legalcli/i18n/locale/, tools/catalogue.py) are read here with Babel, the
code with ast and the typer package's source as text, so that:
- a key or error template the code uses and no catalogue has fails;
- an untranslated message fails, and so does one whose placeholders differ between
  the languages or between plural forms, or a plural entry short of forms;
- a count in a message that is not a plural entry (t instead of tn) fails;
- a Click or Typer message with no Russian fails, a new Typer version's new messages
  included, and Click's words in Russian output are Russian.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, Literal

import pytest
import typer
from typer.testing import CliRunner

from legalcli.i18n import (
    COUNT_NAMES,
    LANGS,
    catalogue,
    choose_lang,
    click_text,
    click_word,
    error_text,
    plural_index,
    t,
    tn,
    use_catalogue_for_click,
)

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogue_tool", ROOT / "tools" / "catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
EN = TOOL.read("legalcli", "en")
RU = TOOL.read("legalcli", "ru")
CLICK = TOOL.read("legalcli-click", "ru")
USES = TOOL.code_uses()


def _entries(catalog: Any) -> dict[str, Any]:
    return {TOOL.msgid(m): m for m in catalog if m.id}


def _fieldsets(message: Any) -> list[set[str]]:
    return [set(TOOL.fields(form)) for form in TOOL.forms(message)]


# --- the catalogues and the code ------------------------------------------------------


def test_the_catalogues_are_compiled_and_hold_what_the_code_uses() -> None:
    """Nothing missing, no stale English comment in ru.po, no .mo behind its .po."""
    report = TOOL.update(write=False)
    assert not report.added, "missing from the catalogues (run python tools/catalogue.py):\n" + "\n".join(report.added)
    assert not report.refreshed, "stale English comments in ru.po (run python tools/catalogue.py)"
    assert not report.stale_mo, f"stale .mo (run python tools/catalogue.py): {report.stale_mo}"


def test_every_key_built_at_run_time_has_entries() -> None:
    """A key built from a prefix ("status." + status) cannot be checked one by one: at
    least the prefix must have entries."""
    keys = set(_entries(EN))
    assert not [p for p in USES.prefixes if not any(k.startswith(p) for k in keys)], "prefixes with no entry"


def test_the_scan_finds_the_code_s_keys_and_templates() -> None:
    """The scan itself: it sees the calls the other tests rely on."""
    assert {"status.", "severity.", "unit."} <= USES.prefixes
    assert {"days_left", "overdue", "brief_entries", "mutate.summary"} <= set(USES.plural_keys)
    assert {"disclaimer", "why", "interrupted"} <= set(USES.keys)
    assert "unknown fact '{name}'{hint}" in USES.templates
    assert "{owner}: '{name}' is a number" in USES.templates  # from _operand_ok
    assert len(USES.templates) > 100


def test_no_catalogue_entry_is_unused() -> None:
    """An entry nothing uses is dead weight a translator keeps up: delete it."""
    for catalog in (EN, RU):
        assert not TOOL.unused(USES, catalog), TOOL.unused(USES, catalog)


def test_every_key_is_in_both_languages_and_every_entry_is_translated() -> None:
    en, ru = _entries(EN), _entries(RU)
    assert set(en) <= set(ru), sorted(set(en) - set(ru))
    for domain, entries in (("en", en), ("ru", ru), ("click", _entries(CLICK))):
        untranslated = [k for k, m in entries.items() if not all(f.strip() for f in TOOL.forms(m))]
        assert not untranslated, (domain, untranslated)


def test_russian_is_russian() -> None:
    """A Russian text has Cyrillic unless it has no words at all ("{kind} «{id}»")."""
    for entries in (_entries(RU), _entries(CLICK)):
        for key, message in entries.items():
            if key == TOOL.PLURAL_INDEX_KEY:
                continue
            for form in TOOL.forms(message):
                words = re.sub(r"\{[^{}]*\}", "", form)
                assert re.search("[а-яё]", words, re.IGNORECASE) or not re.search("[A-Za-z]", words), (key, form)


def test_placeholders_are_the_same_in_every_language_and_form() -> None:
    en, ru = _entries(EN), _entries(RU)
    for key, message in ru.items():
        english = _fieldsets(en[key]) if key in en else [set(TOOL.fields(key))]  # a template is its own English
        sets = english + _fieldsets(message)
        assert all(s == sets[0] for s in sets), (key, sets)
    for key, message in _entries(CLICK).items():
        sets = [set(TOOL.fields(key)), *_fieldsets(message)]
        assert all(s == sets[0] for s in sets), (key, sets)


def test_a_plural_entry_has_every_form_and_is_plural_in_every_language() -> None:
    en, ru = _entries(EN), _entries(RU)
    assert EN.num_plurals == 2 and RU.num_plurals == 3
    for key, message in ru.items():
        if TOOL.is_plural(message):
            assert len(TOOL.forms(message)) == 3, key
            assert key not in en or (TOOL.is_plural(en[key]) and len(TOOL.forms(en[key])) == 2), key
        else:
            assert key not in en or not TOOL.is_plural(en[key]), key


def test_a_count_is_never_in_a_message_without_plural_forms() -> None:
    """A placeholder named as a count (i18n.COUNT_NAMES: n, count, days...) is filled by
    ngettext: the message is a plural entry.  "ошибок: {count}" and "осталось {days}"
    are the dodges this forbids."""
    en, ru = _entries(EN), _entries(RU)
    for key, message in ru.items():
        fields = {f.split("!")[0] for f in TOOL.fields(key if key not in en else TOOL.forms(en[key])[0])}
        if fields & COUNT_NAMES:
            assert TOOL.is_plural(message), f"{key}: a count in a message that is not a plural entry"
    # and the other way: an error template's count is what picks its form
    for key, message in ru.items():
        if key not in en and TOOL.is_plural(message):
            assert TOOL.count_field(key), f"{key}: a plural template with no count placeholder"


def test_a_plural_message_is_asked_for_with_tn_and_a_count_with_a_plural() -> None:
    """t() on a plural entry would print its form for 1; tn() on a plain entry fails;
    a plain number (len, sum, arithmetic) given to t() is a count without plural forms."""
    plural = {k for k, m in _entries(EN).items() if TOOL.is_plural(m)}
    assert not [k for k in USES.keys if k in plural], "plural entries asked for with t(): use tn()"
    assert not [k for k in USES.plural_keys if k not in plural], "tn() on entries that are not plural"
    assert not USES.numbers, f"a count passed to t(): make the message a plural entry and call tn(): {USES.numbers}"


def test_every_label_the_brief_templates_use_is_given() -> None:
    from legalcli.render.brief import _LABEL_KEYS

    given = {k.replace(".", "_").replace("-", "_") for k in _LABEL_KEYS}
    templates = (ROOT / "legalcli" / "render" / "templates").glob("*.j2")
    used = {m for path in templates for m in re.findall(r"labels\.(\w+)", path.read_text(encoding="utf-8"))}
    assert used <= given, sorted(used - given)


# --- how the messages read ----------------------------------------------------------------


def test_russian_text_is_russian() -> None:
    assert t("status.blocked", "ru") == "Недоступно"
    assert t("status.blocked", "en") == "Blocked"
    assert tn("overdue", 3, "ru") == "ПРОСРОЧЕНО на 3 дня"


@pytest.mark.parametrize(
    ("n", "index", "ru", "en"),
    [
        (0, 2, "осталось 0 дней", "0 days left"),
        (1, 0, "остался 1 день", "1 day left"),
        (2, 1, "осталось 2 дня", "2 days left"),
        (4, 1, "осталось 4 дня", "4 days left"),
        (5, 2, "осталось 5 дней", "5 days left"),
        (11, 2, "осталось 11 дней", "11 days left"),
        (12, 2, "осталось 12 дней", "12 days left"),
        (14, 2, "осталось 14 дней", "14 days left"),
        (21, 0, "остался 21 день", "21 days left"),
        (22, 1, "осталось 22 дня", "22 days left"),
        (111, 2, "осталось 111 дней", "111 days left"),
        (1001, 0, "остался 1001 день", "1001 days left"),
    ],
)
def test_plural_forms_follow_the_catalogue_s_rule(n: int, index: int, ru: str, en: str) -> None:
    assert plural_index(n, "ru") == index
    assert tn("days_left", n, "ru") == ru
    assert tn("days_left", n, "en") == en


def test_an_error_template_with_a_count_takes_its_plural_form() -> None:
    template = "the rule pack has {count} error(s); run `legalcli rules check` to see them"
    forms = [error_text(template, "ru", {"count": n}) for n in (1, 3, 5, 21)]
    assert [f.split(";")[0] for f in forms] == [
        "в наборе правил 1 ошибка",
        "в наборе правил 3 ошибки",
        "в наборе правил 5 ошибок",
        "в наборе правил 21 ошибка",
    ]
    assert error_text(template, "en", {"count": 1}).startswith("the rule pack has 1 error(s)")


def test_an_unknown_key_is_an_error_and_an_unknown_template_reads_in_english() -> None:
    with pytest.raises(KeyError):
        t("no.such.key", "ru")
    with pytest.raises(KeyError):
        tn("disclaimer", 2, "en")  # not a plural entry
    assert error_text("a template no catalogue has yet: {x}", "ru", {"x": 1}) == "a template no catalogue has yet: 1"


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        ("ru", {"LEGALCLI_LANG": "en"}, "ru"),
        (None, {"LEGALCLI_LANG": "ru"}, "ru"),
        ("de", {"LEGALCLI_LANG": "ru"}, "ru"),  # not a language of the program: the next source decides
        (None, {"LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"LC_ALL": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}, "ru"),
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


def test_every_language_has_a_catalogue_that_reads_differently() -> None:
    assert LANGS == ("en", "ru")
    texts = {lang: catalogue(lang).gettext("disclaimer") for lang in LANGS}
    assert texts["en"].startswith("This is legal information") and texts["ru"].startswith("Это правовая информация")


def _templates(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "InputError"
            and n.args and isinstance(n.args[0], ast.Constant)]  # fmt: skip


def test_every_error_message_has_a_russian_text() -> None:
    """Checked apart from the scan, by the plain calls: every literal InputError."""
    templates = {t for path in (ROOT / "legalcli").rglob("*.py") for t in _templates(path)}
    assert len(templates) > 40
    ru = _entries(RU)
    assert not sorted(x for x in templates if x not in ru and re.search("[A-Za-z]", re.sub(r"\{[^{}]*\}", "", x)))


def test_errors_render_in_russian() -> None:
    from legalcli.core.errors import InputError, Location

    exc = InputError("unknown fact '{name}'{hint}", location=Location("case.yaml", 2, 3), suggestion="location", name="locaton")
    assert exc.render("ru") == "case.yaml:2:3: неизвестный факт «locaton» (возможно, «location»?)"
    assert exc.render("en") == "case.yaml:2:3: unknown fact 'locaton' (did you mean 'location'?)"


# --- Click's and Typer's own words ---------------------------------------------------------


def test_every_click_and_typer_message_has_a_russian_translation() -> None:
    """Read from the installed typer package's source: a Typer release with a new or
    reworded message fails here until the catalogue has it (python tools/catalogue.py
    adds the msgid)."""
    package = TOOL.typer_dir()
    for name in TOOL.CLICK_FILES:
        assert (package / name).is_file(), f"typer moved {name}: update CLICK_FILES in tools/catalogue.py"
    found = TOOL.click_templates()
    for must in ("No such option: {option_name}", "Missing argument", "Usage: ", "Options", "default: {default}"):
        assert must in found, must  # the scan itself works
    entries = _entries(CLICK)
    missing = sorted(set(found) - set(entries))
    assert not missing, f"Click/Typer messages with no Russian (run python tools/catalogue.py): {missing}"
    for template in found:
        assert TOOL.forms(entries[template])[0].strip(), template


def _sample_app() -> typer.Typer:
    app = typer.Typer(add_completion=False, rich_markup_mode=None)

    @app.command()
    def assess(
        case: Annotated[str, typer.Argument(help="Case file.")],
        output: Annotated[str, typer.Option("--output", "-o", help="Write here.")],
        fmt: Annotated[Literal["text", "json"], typer.Option("--format", help="Format.")] = "text",
        jobs: Annotated[int, typer.Option("--jobs", min=0, max=64, help="Workers.")] = 0,
        depth: Annotated[int, typer.Option("--depth", help="Depth.")] = 3,
        lang: Annotated[str, typer.Option("--lang", envvar="SAMPLE_LANG", show_envvar=True, help="Language.")] = "en",
        why: Annotated[bool, typer.Option("--why", help="Why.")] = False,
    ) -> None:
        pass

    @app.command()
    def routes(rules: Annotated[str, typer.Option("--rules")] = "x") -> None:
        pass

    return app


SAMPLES = [
    ["assess", "case.yaml", "-o", "out", "--bogus"],
    ["assess", "case.yaml", "-o", "out", "--form", "json"],
    ["assess", "-o", "out"],
    ["assess", "case.yaml"],
    ["assess", "case.yaml", "-o", "out", "extra"],
    ["assess", "case.yaml", "-o", "out", "--format", "xml"],
    ["assess", "case.yaml", "-o", "out", "--jobs", "99"],
    ["assess", "case.yaml", "-o", "out", "--jobs", "many"],
    ["assess", "case.yaml", "-o", "out", "--depth", "deep"],
    ["assess", "case.yaml", "-o", "out", "--lang"],
    ["assess", "case.yaml", "-o", "out", "--why=yes"],
    ["asess"],
    ["nothing"],
]
# What a message may keep in Latin letters: option names and the values and commands of the app.
VALUES = r"--?[\w-]+|'[^']*'|\b(?:text|json|xml|extra|assess|asess|routes|nothing|many|deep|x)\b"


def _usage_errors() -> list[str]:
    command = typer.main.get_command(_sample_app())
    messages = []
    for args in SAMPLES:
        try:
            command.main(args=args, prog_name="sample", standalone_mode=False)
        except typer.TyperException as exc:  # Click's usage errors, as legalcli's boundary catches them
            messages.append(exc.format_message())  # type: ignore[attr-defined]
    return messages


def test_click_s_messages_come_out_in_russian_with_names_and_values_kept() -> None:
    messages = _usage_errors()
    assert len(messages) == len(SAMPLES)
    for english in messages:
        russian = click_text(english, "ru")
        assert click_text(english, "en") == english
        leftover = re.sub(VALUES, "", russian)
        assert not re.search(r"[A-Za-z]{2,}", leftover), (english, russian)
        for value in re.findall(r"--?[\w-]+|'[^']*'|\d+", english):
            assert value in russian, (value, english, russian)
    assert click_text("No such option: --bogus (Possible options: --lang)", "ru") == (
        "Нет такого параметра: --bogus (возможные параметры: --lang)"
    )
    assert click_text("Missing option '--output' / '-o'.", "ru") == "Не указан параметр '--output' / '-o'."
    assert click_text("Missing option '--format'. Choose from:\n\ttext,\n\tjson", "ru") == (
        "Не указан параметр '--format'. Выберите одно из:\n\ttext,\n\tjson"
    )
    assert click_text("No such command 'asess'. Did you mean 'assess'?", "ru") == (
        "Нет такой команды: 'asess'. Возможно, имелось в виду 'assess'?"
    )


def test_an_unknown_message_and_word_come_back_unchanged() -> None:
    assert click_text("Something Click never said.", "ru") == "Something Click never said."
    assert click_word("Not a word of Click's", "ru") == "Not a word of Click's"
    assert click_word("Usage: ", "ru") == "Использование: "
    assert click_word("Usage: ", "en") == "Usage: "
    assert click_text("  Missing command.\n", "ru") == "  Не указана команда.\n"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_typer_s_gettext_words_follow_the_chosen_language(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Headings, [default: …], [required] and env var come through gettext in the language
    chosen, whatever the locale says."""
    import gettext

    monkeypatch.setenv("LANG", "en_US.UTF-8" if lang == "ru" else "ru_RU.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    domain = gettext.textdomain()
    try:
        use_catalogue_for_click(lang)
        result = CliRunner().invoke(_sample_app(), ["assess", "--help"], prog_name="sample", env={"COLUMNS": "200"})
    finally:
        gettext.textdomain(domain)
    assert result.exit_code == 0, result.output
    words = ["Аргументы", "Параметры", "обязательно", "по умолчанию: text", "переменная окружения: SAMPLE_LANG"]
    english = ["Arguments", "Options", "required", "default: text", "env var: SAMPLE_LANG"]
    present, absent = (words, english) if lang == "ru" else (english, words)
    assert all(x in result.output for x in present), result.output
    assert not any(x in result.output for x in absent), result.output


def test_russian_usage_errors_end_to_end() -> None:
    """The real program, in a process: Russian chosen by LEGALCLI_LANG, Click's message
    and hint in Russian."""
    env = {**os.environ, "LEGALCLI_LANG": "ru", "COLUMNS": "100"}
    proc = subprocess.run(
        [sys.executable, "-m", "legalcli", "assess", "--bogus"], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 2
    assert "Нет такого параметра: --bogus" in proc.stderr, proc.stderr
    assert "No such option" not in proc.stderr
