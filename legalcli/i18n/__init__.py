"""The program's own words in English and Russian, and the choice of language.

The words are gettext catalogues under `locale/` (docs/decisions.md, "Messages through
gettext"): `legalcli` holds the keyed messages (`t`, `tn`; msgid = the key) and, in
Russian, the error templates (msgid = the English template the code raises);
`legalcli-click` holds Click's and Typer's own messages.  The .po files are the source,
the compiled .mo files ship beside them; `python tools/catalogue.py` adds what the code
uses and compiles.  A catalogue is read on first use, with the standard library only.
"""

from __future__ import annotations

import os
import string
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from gettext import GNUTranslations, NullTranslations

# The languages of the program and of every text of a pack.  Defined here, at the
# bottom of the layers, so that the model, errors and renderers all take it from one place.
Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = ("en", "ru")

DOMAIN = "legalcli"
CLICK_DOMAIN = "legalcli-click"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
# Placeholders that hold a count: a message with one is a plural entry (tn, ngettext), and
# an error template's count is its first such placeholder.  Tests fail on a count in a
# message that is not a plural entry.
COUNT_NAMES = frozenset({"n", "count", "days", "age", "size", "cap"})

_catalogues: dict[str, GNUTranslations] = {}


def _lang(lang: str) -> Lang:
    return "ru" if lang == "ru" else "en"


def _missing() -> NullTranslations:
    from gettext import NullTranslations

    class Missing(NullTranslations):
        """The end of the fallback chain: a key no catalogue has is a bug, not a message."""

        def gettext(self, message: str) -> str:
            raise KeyError(message)

        def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
            raise KeyError(msgid1)

    return Missing()


def catalogue(lang: str) -> GNUTranslations:
    """The compiled catalogue of a language; Russian falls back to English, English to a
    KeyError."""
    lang = _lang(lang)
    found = _catalogues.get(lang)
    if found is None:
        from gettext import GNUTranslations

        with open(os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", DOMAIN + ".mo"), "rb") as f:
            found = GNUTranslations(f)
        found.add_fallback(catalogue("en") if lang != "en" else _missing())
        _catalogues[lang] = found
    return found


def t(key: str, lang: Lang | str, **values: object) -> str:
    """A keyed message, its {fields} filled in; KeyError for a key no catalogue has.  (A
    plural entry takes tn: t would give its form for 1, and the tests refuse that.)"""
    text = catalogue(lang).gettext(key)
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: Lang | str, **values: object) -> str:
    """A keyed message with a count: the form for n (ngettext; Russian has three, for 1,
    2-4 and 5 or more, from the catalogue's Plural-Forms), with {n} and the fields filled in."""
    return catalogue(lang).ngettext(key, key, n).format(n=n, **values)


def plural_index(n: int, lang: Lang | str) -> int:
    """Which of a language's plural forms n takes (Russian 0: 1 день, 1: 2 дня, 2: 5 дней),
    by the catalogue's own rule: for code that is given the forms rather than a key."""
    return int(catalogue(lang).ngettext("plural.form", "plural.form", abs(n)))


def choose_lang(option: str | None, case_lang: str | None = None) -> Lang:
    """--lang, else the case file's, else LEGALCLI_LANG, else the locale, else English."""
    for candidate in (option, case_lang, os.environ.get("LEGALCLI_LANG")):
        if candidate in ("en", "ru"):
            return "ru" if candidate == "ru" else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


# --- error and problem messages --------------------------------------------------------


def _word(prefix: str, name: str, lang: Lang) -> str:
    """A catalogued word (a schema type, a fact type, an owner's kind), else the name."""
    try:
        return t(f"{prefix}.{name}", lang)
    except KeyError:
        return name


def _code_words(value: str, lang: Lang) -> str:
    words = [_word("code", v, lang) for v in value.split("|")]
    return f" {t('or', lang)} ".join(words)


def owner_words(owner: object, lang: Lang | str) -> str:
    """An Owner ("route 'x' title", «вариант действий «x», заголовок») in words."""
    lang = _lang(lang)
    ident = str(getattr(owner, "id", ""))
    part = str(getattr(owner, "part", ""))
    detail = str(getattr(owner, "detail", ""))
    text = _word("owner", str(getattr(owner, "kind", "")), lang)
    if not ident:
        return text
    text = t("owner.named", lang, kind=text, id=ident)
    if part:
        text = t("owner.part", lang, owner=text, part=_word("part", part, lang))
        if detail:
            text = t("owner.detail", lang, owner=text, detail=detail)
    return text


def _count(template: str, params: dict[str, object]) -> int | None:
    for _literal, name, _spec, _conversion in string.Formatter().parse(template):
        value = params.get(name) if name in COUNT_NAMES else None
        if isinstance(value, int) and not isinstance(value, bool):
            return int(value)
    return None


def _russian(template: str, params: dict[str, object]) -> str:
    """The Russian of an English template, the plural form for its count where it has one;
    the template itself where the catalogue has none (the lead adds it later)."""
    translations = catalogue("ru")
    count = _count(template, params)
    if count is not None:
        try:
            return translations.ngettext(template, template, count)
        except KeyError:
            pass
    try:
        return translations.gettext(template)
    except KeyError:
        return template


def error_text(template: str, lang: Lang | str, params: dict[str, object], suggestion: str = "") -> str:
    """An error or problem message in the user's language."""
    lang = _lang(lang)
    text = template
    if lang == "ru":
        # A case fact may also be `unknown`; the schema appends that to the base message.
        tail = t("error.or_unknown", "en")
        if template.endswith(tail):
            text = _russian(template[: -len(tail)], params) + t("error.or_unknown", "ru")
        else:
            text = _russian(template, params)
    values: dict[str, object] = {}
    for name, value in params.items():
        if hasattr(value, "render"):
            values[name] = str(value.render(lang))
        elif name == "ftype" and isinstance(value, str):
            values[name] = _word("ftype", value, lang)
        elif name in ("expected", "found", "extra", "form") and isinstance(value, str):
            values[name] = _code_words(value, lang) if value else ""
        else:
            values[name] = value
    values["hint"] = t("error.did_you_mean", lang, suggestion=suggestion) if suggestion else ""
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


# --- Click's and Typer's own words (i18n/click.py, read only when they are needed) --------


def click_text(message: str, lang: Lang | str) -> str:
    """A message Click or Typer formatted ("No such option: --bogus"), in the language:
    matched against their catalogued templates, names and values kept as they are.  An
    unknown message, and any message in English, comes back unchanged."""
    if _lang(lang) == "en":
        return message
    from legalcli.i18n.click import translate

    return translate(message)


def click_word(english: str, lang: Lang | str) -> str:
    """One of Click's own words of the help ("Usage: ", "[OPTIONS]", "Show this message
    and exit.") in the language; unknown words come back unchanged."""
    if _lang(lang) == "en":
        return english
    from legalcli.i18n.click import word

    return word(english)


def use_catalogue_for_click(lang: Lang | str) -> None:
    """Make the strings Typer passes through `gettext.gettext` (the help's "Options",
    "[default: …]", "required", "env var: …") come out in the language.

    Standard gettext only: the Click catalogue becomes the process's text domain, and
    LANGUAGE (which gettext consults first) is set to the language given.  The program
    gives the help language (LEGALCLI_LANG, else the locale: cli/options.HELP_LANG), so
    that LEGALCLI_LANG=en wins over a Russian locale, and the help's own texts and
    Typer's words are in one language.  English has no Click catalogue, so it reads
    Typer's own words."""
    import gettext

    gettext.bindtextdomain(CLICK_DOMAIN, LOCALE_DIR)
    gettext.textdomain(CLICK_DOMAIN)
    os.environ["LANGUAGE"] = _lang(lang)
