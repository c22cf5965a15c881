"""Click's and Typer's own messages in the user's language.

Typer 0.28 vendors a Click whose messages are English f-strings, not gettext.  Each is a
msgid of the legalcli-click catalogue, written as the typer source writes it with the
formatted values named ("No such option: {option_name}", "{value!r} is not one of
{choices_str}."); tools/catalogue.py reads them from the typer package, and a test fails
on one without a translation.  Here each template becomes a pattern.  A message is
matched whole or, where Click joined several ("Missing option" + " '--output'.", "No
such option: --x" + " (Possible options: ...)"), from its start, and the parts are put
into the Russian template.  Values (options, choices, numbers, what the user typed) are
kept as typed; a part that is itself one of Click's messages ({message}) or words
({name}: "int") is translated in turn.  Read only when a message needs it.
"""

from __future__ import annotations

import functools
import os
import re
from typing import NamedTuple

from legalcli.i18n import CLICK_DOMAIN, LOCALE_DIR
from legalcli.i18n.mo import entries

# Parts that are Click's own words or messages, translated in turn; any other part is a
# value and kept as it is.
_NESTED = frozenset({"message", "msg", "format_message", "suggest", "msg_extra", "name", "title", "param_type"})
# Parts with a known shape, where "anything up to what follows" would swallow the next
# message Click joined on: an option is one word, a count is digits.
_SHAPES = {
    "option_name": r"\S+",
    "opt": r"\S+",
    "param_type": r"[a-z]+",
    "nargs": r"\d+",
    "len_type": r"\d+",
    "len_value": r"\d+",
    "rv": r"\S+",
}
_REPR = r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""  # {value!r}: a Python string literal
_FIELD = re.compile(r"\{(\w*)(!r)?\}")
_END = r"(?=[\s.,;:!?)]|$)"  # a template that starts a longer message ends at a word's end


class _Template(NamedTuple):
    russian: str
    fields: tuple[tuple[str, bool], ...]  # each part's name, and whether it is a repr
    whole: re.Pattern[str]
    start: re.Pattern[str] | None  # None: it cannot tell where it ends inside a longer message
    literal: int  # letters of its own: the more, the more specific
    dot: bool  # its full stop may be missing (Click strips it when it joins: "{message}. Did you mean")


def _compile(english: str, russian: str) -> _Template:
    dot = english.endswith(".") and not english.endswith("..")
    body = english[:-1] if dot else english
    whole, start, fields = [], [], []
    bounded = True
    pos = 0
    for i, m in enumerate(_FIELD.finditer(body)):
        whole.append(re.escape(body[pos : m.start()]))
        start.append(re.escape(body[pos : m.start()]))
        name, is_repr = m.group(1), bool(m.group(2))
        last = m.end() == len(body)
        if is_repr:
            shape = bounded_shape = _REPR
        elif name in _SHAPES:
            shape = bounded_shape = _SHAPES[name]
        else:
            shape = r"[\s\S]+" if last and not dot else r"[\s\S]+?"
            bounded_shape = r"[\s\S]+?"
            bounded = bounded and not last
        whole.append(f"(?P<g{i}>{shape})")
        start.append(f"(?P<g{i}>{bounded_shape})")
        fields.append((name, is_repr))
        pos = m.end()
    whole.append(re.escape(body[pos:]))
    start.append(re.escape(body[pos:]))
    ending = r"(?P<dot>\.)?" if dot else ""
    literal = len(_FIELD.sub("", english))
    # Only a template of several words may start a longer message: a single word ("int",
    # "required") at the start of a value is that value.
    several = " " in _FIELD.sub("", english).strip()
    return _Template(
        russian,
        tuple(fields),
        re.compile("".join(whole) + ending),
        re.compile("".join(start) + ending + _END) if bounded and several else None,
        literal,
        dot,
    )


class _Table(NamedTuple):
    words: dict[str, str]  # msgid -> msgstr, for exact look-ups
    templates: tuple[_Template, ...]  # most specific first
    starts: tuple[_Template, ...]


@functools.cache
def _table() -> _Table:
    path = os.path.join(LOCALE_DIR, "ru", "LC_MESSAGES", CLICK_DOMAIN + ".mo")
    words = {k: v for k, v in entries(path).items() if k and "\0" not in k}
    templates = sorted((_compile(k, v) for k, v in words.items()), key=lambda x: -x.literal)
    return _Table(words, tuple(templates), tuple(x for x in templates if x.start is not None))


def _fill(template: _Template, match: re.Match[str]) -> str:
    values: dict[str, str] = {}
    for i, (name, is_repr) in enumerate(template.fields):
        value = match.group(f"g{i}")
        values.setdefault(name, value if is_repr or name not in _NESTED else translate(value))
    text = _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template.russian)
    if template.dot and match.group("dot") is None and text.endswith("."):
        text = text[:-1]
    return text


def _whole(text: str) -> str | None:
    table = _table()
    if text in table.words:
        return table.words[text]
    for template in table.templates:
        match = template.whole.fullmatch(text)
        if match:
            return _fill(template, match)
    return None


def _start(text: str) -> str | None:
    for template in _table().starts:
        assert template.start is not None
        match = template.start.match(text)
        if match and match.end():
            return _fill(template, match) + _rest(text[match.end() :])
    return None


def _rest(text: str) -> str:
    """What follows a message Click joined another onto: the next message, else the
    values up to the next sentence, kept as they are."""
    sep = re.match(r"[\s.,;:]*", text)
    head, body = text[: sep.end() if sep else 0], text[sep.end() if sep else 0 :]
    if not body:
        return text
    found = _whole(body)
    if found is None:
        found = _start(body)
    if found is not None:
        return head + found
    after = re.search(r"(?<=[.!?])\s+", body)
    if after is None:
        return text
    return head + body[: after.end()] + _rest(body[after.end() :])


def translate(message: str) -> str:
    """A formatted Click or Typer message in Russian; an unknown one unchanged."""
    outer = re.fullmatch(r"(\s*)([\s\S]*?)(\s*)", message)
    if outer is None or not outer.group(2):
        return message
    core = outer.group(2)
    found = _whole(core)
    if found is None:
        found = _start(core)
    return outer.group(1) + (core if found is None else found) + outer.group(3)


def word(english: str) -> str:
    """One of Click's words as catalogued ("Usage: ", "[OPTIONS]"); unknown: unchanged."""
    return _table().words.get(english, english)
