"""The message catalogues: what the code uses, what is missing, and the compiled .mo files.

legalcli's words are gettext catalogues under legalcli/i18n/locale/ (docs/decisions.md,
"Messages through gettext"):

- `legalcli.po`, en and ru: the keyed messages (msgid = the key, such as
  `status.blocked`; the English is en.po's msgstr, the Russian ru.po's), and, in ru.po
  only, the error and problem templates (msgid = the English template as the code
  raises it).  A message with a count is a plural entry (`tn`); an error template whose
  placeholders include a count name (i18n.COUNT_NAMES) is one too.
- `legalcli-click.po`, ru only: Click's and Typer's own messages, msgid = the template
  as written in the typer package (read from its source here, never imported).

Both the .po (the source) and the compiled .mo (what runs) are in the repository and in
the wheel; the .mo is compiled here with Babel, so Babel is needed only by this tool
and the tests.

    python tools/catalogue.py           # add missing msgids, refresh comments, compile
    python tools/catalogue.py --check   # change nothing; exit 1 when anything is stale

Adding an error template: raise it in the code and run the tool; it adds the msgid to
ru.po with an empty msgstr (a plural entry when a placeholder is a count) and lists it.
Write the Russian on the msgstr line (one line) and run the tool again to compile.
Adding a keyed message: the same, with the English in en.po and the Russian in ru.po.
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import re
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from legalcli.i18n import CLICK_DOMAIN, COUNT_NAMES, DOMAIN, LOCALE_DIR  # noqa: E402
from legalcli.i18n.mo import entries as mo_entries  # noqa: E402

PACKAGE = ROOT / "legalcli"
# The languages each domain has a catalogue in: Click's English is its msgids.
DOMAINS: dict[str, tuple[str, ...]] = {DOMAIN: ("en", "ru"), CLICK_DOMAIN: ("ru",)}
# The catalogue's own plural rule, for code that picks among forms it was given
# (i18n.plural_index): msgstr[i] is "i".
PLURAL_INDEX_KEY = "plural.form"


def po_path(domain: str, lang: str) -> Path:
    return Path(LOCALE_DIR) / lang / "LC_MESSAGES" / f"{domain}.po"


def mo_path(domain: str, lang: str) -> Path:
    return po_path(domain, lang).with_suffix(".mo")


# --- placeholders ----------------------------------------------------------------------


def fields(text: str) -> tuple[str, ...]:
    """The placeholders of a template in order, with a conversion where there is one
    ("value!r"); a literal brace pair ({{) is not one."""
    found: list[str] = []
    for _literal, name, _spec, conversion in string.Formatter().parse(text):
        if name is not None:
            found.append(name + (f"!{conversion}" if conversion else ""))
    return tuple(found)


def count_field(template: str) -> str | None:
    """The placeholder that counts in a template: the first whose name is a count name."""
    return next((f for f in fields(template) if f in COUNT_NAMES), None)


# --- what the code uses ------------------------------------------------------------------

# Calls whose argument at this index is a message key (t, tn) or an English template.
KEY_CALLS = {"t": 0, "h": 0}
PLURAL_CALLS = {"tn": 0}
TEMPLATE_CALLS = {"InputError": 0, "_error": 1, "_warning": 1, "Problem": 2, "error_text": 0}


@dataclass
class Uses:
    """What legalcli's code asks of the catalogue, each with where ("path:line")."""

    keys: dict[str, list[str]] = field(default_factory=dict)  # t(key, ...)
    plural_keys: dict[str, list[str]] = field(default_factory=dict)  # tn(key, n, ...)
    prefixes: set[str] = field(default_factory=set)  # t("status." + status, ...)
    templates: dict[str, list[str]] = field(default_factory=dict)  # InputError(template, ...)
    # t(key, ..., name=<a number: len(), sum(), arithmetic, an int>): (key, name, where)
    numbers: list[tuple[str, str, str]] = field(default_factory=list)
    constants: set[str] = field(default_factory=set)  # every string constant of the code


def _strings(node: ast.expr | None, scope: ast.AST) -> list[str]:
    """The strings an expression can be: constants, both arms of `a if c else b`, a
    concatenation of those, and a name assigned such a value in the same scope."""
    if node is None:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body, scope) + _strings(node.orelse, scope)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _strings(node.left, scope) for b in _strings(node.right, scope)]
    if isinstance(node, ast.Name):
        found: list[str] = []
        value: ast.expr | None
        for child in ast.walk(scope):
            if isinstance(child, ast.Assign):
                targets, value = child.targets, child.value
            elif isinstance(child, ast.AnnAssign):
                targets, value = [child.target], child.value
            else:
                continue
            if any(isinstance(x, ast.Name) and x.id == node.id for x in targets):
                found += _strings(value, scope)
        return found
    return []


def _prefix(node: ast.expr) -> str | None:
    """The constant start of a key built at run time: "status." + x, f"impact.error_{x}"."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
        return str(node.left.value)
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return None


def _is_number(node: ast.expr) -> bool:
    """An argument that is plainly a count: len(), sum(), an int, arithmetic on such."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("len", "sum"):
        return True
    if isinstance(node, ast.Constant):
        return type(node.value) is int
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
        return _is_number(node.left) or _is_number(node.right) or isinstance(node.left, ast.Subscript)
    return False


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _scopes(tree: ast.Module) -> Iterator[tuple[ast.AST, ast.AST]]:
    """(node, its innermost function or the module) for every node."""
    stack: list[tuple[ast.AST, ast.AST]] = [(tree, tree)]
    while stack:
        node, scope = stack.pop()
        inner = node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else scope
        for child in ast.iter_child_nodes(node):
            yield child, inner
            stack.append((child, inner))


def code_uses(package: Path = PACKAGE) -> Uses:
    uses = Uses()
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(package.parent)
        for node, scope in _scopes(tree):
            where = f"{rel}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                uses.constants.add(node.value)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "_operand_ok":
                # core/checks: `_error(..., "{owner}: " + template, ...)` with the template from here
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and ret.value is not None:
                        arms = [ret.value.body, ret.value.orelse] if isinstance(ret.value, ast.IfExp) else [ret.value]
                        for arm in arms:
                            if isinstance(arm, ast.Tuple) and isinstance(arm.elts[0], ast.Constant):
                                uses.templates.setdefault("{owner}: " + str(arm.elts[0].value), []).append(where)
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name == "_word" and node.args and isinstance(node.args[0], ast.Constant):  # i18n: f"{prefix}.{name}"
                uses.prefixes.add(f"{node.args[0].value!s}.")
            for table, target in ((KEY_CALLS, uses.keys), (PLURAL_CALLS, uses.plural_keys), (TEMPLATE_CALLS, uses.templates)):
                index = table.get(name)
                if index is None or len(node.args) <= index:
                    continue
                arg = node.args[index]
                strings = _strings(arg, scope)
                for text in strings:
                    target.setdefault(text, []).append(where)
                prefix = _prefix(arg)
                if prefix is not None and table is not TEMPLATE_CALLS:
                    uses.prefixes.add(prefix)
                if table is KEY_CALLS:
                    for keyword in node.keywords:
                        if keyword.arg and _is_number(keyword.value):
                            uses.numbers.extend((key, keyword.arg, where) for key in strings)
    # A template with no words of its own ("{detail}": a message made elsewhere) needs no
    # translation; `"{owner}: " + template` has its templates from _operand_ok.
    uses.templates = {k: v for k, v in uses.templates.items() if re.search("[A-Za-z]", re.sub(r"\{[^{}]*\}", "", k))}
    return uses


def unused(uses: Uses, catalog: Any) -> list[str]:
    """The entries of a legalcli catalogue that nothing in the code uses: not a key or
    template it passes, not a string it holds (a key picked from a tuple), not under a
    prefix it builds keys from ("status." + status)."""
    found = []
    for message in catalog:
        key = msgid(message)
        if not message.id or key == PLURAL_INDEX_KEY:
            continue
        if key in uses.constants or key in uses.templates or any(key.startswith(p) for p in uses.prefixes):
            continue
        found.append(key)
    return found


# --- Click's and Typer's own messages ------------------------------------------------------

# The modules of the typer package whose words reach a user of legalcli: the parser and its
# errors, the parameter types, the help formatter and Typer's own command classes.  Typer's
# developer errors (utils.py, main.py), its `typer` command (cli.py) and the completion
# installer (legalcli has its own) are not read.
CLICK_FILES = (
    "_click/core.py",
    "_click/decorators.py",
    "_click/exceptions.py",
    "_click/formatting.py",
    "_click/parser.py",
    "_click/termui.py",
    "_click/types.py",
    "_types.py",
    "core.py",
    "models.py",
    "rich_utils.py",
)
# Where a message is passed: the index of the message argument.
_MESSAGE_CALLS = {
    "fail": 0,
    "echo": 0,
    "style": 0,
    "ClickException": 0,
    "UsageError": 0,
    "BadParameter": 0,
    "MissingParameter": 0,
    "BadArgumentUsage": 0,
    "BadOptionUsage": 1,
    "NoSuchOption": 1,
    "FileError": 1,
    "__init__": 0,  # an exception's own message: `super().__init__(message, ctx)`
}
_MESSAGE_KEYWORDS = ("message", "hint", "help")
# Methods whose every string is a message (exceptions' formatting, a type's error text).
_MESSAGE_METHODS = ("format_message", "show", "get_missing_message", "get_invalid_choice_message")
# Names whose assigned string is a word of the help (usage prefix, metavars).
_WORD_NAMES = ("prefix", "options_metavar", "subcommand_metavar")


def typer_dir() -> Path:
    """The installed typer package, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("typer")
    if spec is None or spec.origin is None:
        raise SystemExit("typer is not installed")
    return Path(spec.origin).parent


def _placeholder(node: ast.expr) -> str:
    """A formatted value's name in a catalogued template: `{option_name}` for
    `{_escape_control_characters(option_name)}`, `{message}` for `{self.message}`,
    `{format_message}` for `{self.format_message()}`, `{value!r}` for `{value!r}`."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        if len(node.args) == 1 and not node.keywords:
            return _placeholder(node.args[0])
        return _name(node.func).lstrip("_") or "value"
    return "value"


def _template(node: ast.JoinedStr) -> str:
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value).replace("{", "{{").replace("}", "}}"))
        elif isinstance(part, ast.FormattedValue):
            conversion = "!r" if part.conversion == ord("r") else ""
            out.append("{" + _placeholder(part.value) + conversion + "}")
    return "".join(out)


def _messages(node: ast.expr | None, scope: ast.AST, seen: set[int]) -> Iterator[str]:
    """The templates an expression can be, following names assigned in the same function
    (Click composes: `msg = "an argument." if ... else f"{nargs} arguments."`)."""
    if node is None or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield _template(node)
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield from _messages(part.value, scope, seen)
    elif isinstance(node, ast.IfExp):
        yield from _messages(node.body, scope, seen)
        yield from _messages(node.orelse, scope, seen)
    elif isinstance(node, ast.Call) and _name(node.func) in ("style", "format") and isinstance(node.func, ast.Name):
        yield from _messages(node.args[0] if node.args else None, scope, seen)
    elif isinstance(node, ast.Name):
        for child in ast.walk(scope):
            targets: list[ast.expr] = []
            if isinstance(child, ast.Assign):
                targets = child.targets
            elif isinstance(child, (ast.AnnAssign, ast.AugAssign)):
                targets = [child.target]
            if any(isinstance(x, ast.Name) and x.id == node.id for x in targets):
                yield from _messages(child.value, scope, seen)  # type: ignore[attr-defined]


def click_templates(package: Path | None = None) -> dict[str, bool]:
    """Every message Click and Typer can show a user, as catalogued: template -> whether
    it is passed through gettext by Typer (then the msgid is exact, spaces and all)."""
    package = package or typer_dir()
    found: dict[str, bool] = {}

    def add(text: str, gettext: bool = False) -> None:
        if gettext:
            found[text] = True
            return
        text = text.strip("\n")  # "Try ... for help.\n": the line, not its end; "Usage: " keeps its space
        literal = re.sub(r"\{[^{}]*\}", "", text)
        if re.search("[A-Za-z]", literal):  # "{missing}{param_hint}.{msg}" only joins others
            found.setdefault(text, False)

    for name in CLICK_FILES:
        tree = ast.parse((package / name).read_text(encoding="utf-8"))
        for node, scope in _scopes(tree):
            seen: set[int] = set()
            if isinstance(node, ast.Call) and _name(node.func) == "_" and node.args:
                if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    add(node.args[0].value, gettext=True)
            elif isinstance(node, ast.Call):
                index = _MESSAGE_CALLS.get(_name(node.func))
                if index is not None and len(node.args) > index:
                    for text in _messages(node.args[index], scope, seen):
                        add(text)
                for keyword in node.keywords:
                    if keyword.arg in _MESSAGE_KEYWORDS:
                        for text in _messages(keyword.value, scope, seen):
                            add(text)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name in _MESSAGE_METHODS:
                    for child in ast.walk(node):
                        if isinstance(child, (ast.Return, ast.Assign, ast.AugAssign)) and child.value is not None:
                            for text in _messages(child.value, node, seen):
                                add(text)
                for arg, default in zip(reversed(node.args.args), reversed(node.args.defaults), strict=False):
                    if arg.arg in _WORD_NAMES:
                        for text in _messages(default, node, seen):
                            add(text)
            elif isinstance(node, ast.Assign) and any(
                (isinstance(x, ast.Name) and x.id in _WORD_NAMES) or (isinstance(x, ast.Attribute) and x.attr == "message")
                for x in node.targets
            ):  # `prefix = "Usage: "`; `e.message = f"{message}. Did you mean {suggestions}?"`
                for text in _messages(node.value, scope, seen):
                    add(text)
    return found


# --- catalogues ---------------------------------------------------------------------------


def read(domain: str, lang: str) -> Any:
    from babel.messages.pofile import read_po

    with open(po_path(domain, lang), "rb") as f:
        return read_po(f, locale=lang, domain=domain)


def po_bytes(catalog: Any) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    # No wrapping: one message, one line, so adding a translation is a one-line edit.
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False, include_lineno=False)
    return buffer.getvalue()


def mo_bytes(catalog: Any) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compiled(catalog: Any) -> dict[str, str]:
    """What the .mo of this catalogue holds (header aside), as i18n.mo.entries reads it."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "x.mo")
        with open(path, "wb") as f:
            f.write(mo_bytes(catalog))
        found = mo_entries(path)
    found.pop("", None)
    return found


def shipped(domain: str, lang: str) -> dict[str, str]:
    path = mo_path(domain, lang)
    found = mo_entries(str(path)) if path.exists() else {}
    found.pop("", None)
    return found


def is_plural(message: Any) -> bool:
    return isinstance(message.id, (tuple, list))


def msgid(message: Any) -> str:
    return str(message.id[0] if is_plural(message) else message.id)


def forms(message: Any) -> list[str]:
    return [str(s) for s in message.string] if is_plural(message) else [str(message.string)]


@dataclass
class Report:
    added: list[str] = field(default_factory=list)  # "domain/lang: msgid"
    refreshed: list[str] = field(default_factory=list)
    stale_mo: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)


def _add(catalog: Any, text: str, *, plural: bool) -> None:
    if plural:
        catalog.add((text, text), string=("",) * catalog.num_plurals)
    else:
        catalog.add(text, string="")


def update(*, write: bool) -> Report:
    """Bring the catalogues in line with the code and the typer package; compile them.
    With write=False nothing is changed and the report says what would be."""
    report = Report()
    uses = code_uses()
    catalogs = {(domain, lang): read(domain, lang) for domain, langs in DOMAINS.items() for lang in langs}
    en, ru = catalogs[(DOMAIN, "en")], catalogs[(DOMAIN, "ru")]
    keys = {**dict.fromkeys(uses.keys, False), **dict.fromkeys(uses.plural_keys, True)}
    for key, plural in sorted(keys.items()):
        for lang, catalog in (("en", en), ("ru", ru)):
            if key not in catalog:
                _add(catalog, key, plural=plural)
                report.added.append(f"{DOMAIN}/{lang}: {key}")
    for template in sorted(uses.templates):
        if template not in ru and template not in en:
            _add(ru, template, plural=count_field(template) is not None)
            report.added.append(f"{DOMAIN}/ru: {template}")
    click = catalogs[(CLICK_DOMAIN, "ru")]
    for template in sorted(click_templates()):
        if template not in click:
            _add(click, template, plural=False)
            report.added.append(f"{CLICK_DOMAIN}/ru: {template}")
    # ru.po shows the English of each key above it: a comment made from en.po, never edited.
    for message in ru:
        if not message.id or msgid(message) not in en:
            continue
        english = list(dict.fromkeys(f"English: {form}" for form in forms(en[msgid(message)])))
        # Babel wraps comments at 76 columns whatever the width: compare the words.
        if " ".join(message.auto_comments).split() != " ".join(english).split():
            message.auto_comments = english
            report.refreshed.append(msgid(message))
    for (domain, lang), catalog in catalogs.items():
        for message in catalog:
            if message.id and not all(forms(message)):
                report.untranslated.append(f"{domain}/{lang}: {msgid(message)}")
        changed = any(r.startswith(f"{domain}/{lang}:") for r in report.added) or (
            domain == DOMAIN and lang == "ru" and report.refreshed
        )
        if write and changed:
            po_path(domain, lang).write_bytes(po_bytes(catalog))
        if compiled(catalog) != shipped(domain, lang):
            report.stale_mo.append(str(mo_path(domain, lang).relative_to(ROOT)))
            if write:
                mo_path(domain, lang).write_bytes(mo_bytes(catalog))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a catalogue is out of date")
    args = parser.parse_args(argv)
    report = update(write=not args.check)
    verb = "missing" if args.check else "added (write the translation on its msgstr line)"
    for line in report.added:
        print(f"{verb}: {line}")
    for line in report.refreshed:
        print(f"{'stale' if args.check else 'refreshed'} English comment: {line}")
    for line in report.stale_mo:
        print(f"{'stale' if args.check else 'compiled'}: {line}")
    for line in report.untranslated:
        print(f"untranslated: {line}")
    if args.check:
        return 1 if report.added or report.refreshed or report.stale_mo else 0
    return 1 if report.untranslated else 0


if __name__ == "__main__":
    sys.exit(main())
