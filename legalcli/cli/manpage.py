"""The man page legalcli(1), written from the Click tree of the one Typer declaration.

Nothing about the commands is declared here: every command, group, argument, option,
help text, allowed value, default and option's environment variable is read from
`typer.main.get_command(app)` through the public attributes and methods of Click's
objects (`help`, `params`, `opts`, `secondary_opts`, `type`, `default`,
`show_default`, `envvar`, `multiple`, `is_flag`, `hidden`, `context_settings`,
`list_commands`, `get_command`, `get_help_option`, `get_short_help_str`,
`make_metavar`, `collect_usage_pieces`), so the page follows the app as it changes.
Only the environment variables the program reads itself, not through an option, are
listed here (ENVIRONMENT, below).  The help texts are in the language the app was
imported in (LEGALCLI_LANG or the locale), and so are the page's own few words by
default: docs/legalcli.1 is made in English,

    LEGALCLI_LANG=en python -m legalcli.cli.manpage > docs/legalcli.1

and tests/test_manpage.py fails when it is stale.  The page is plain ASCII: every other
character is written as a groff escape (\\[u0436]), which man, groff and mandoc all read
whatever the locale.
"""

from __future__ import annotations

import enum
from typing import Any

from legalcli.cli.passphrase import ENV, ENV_NEW
from legalcli.i18n import Lang, t

# The environment variables legalcli reads itself, not through an option (those, such
# as LEGALCLI_RULES, come from the Click tree): each with the catalogue key, under
# "man.", of what it does.  tests/test_manpage.py fails on a variable read in legalcli/
# that the page does not list.
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("LEGALCLI_LANG", "env_lang"),
    (ENV, "env_passphrase"),
    (ENV_NEW, "env_new_passphrase"),
    ("LEGALCLI_NO_CACHE", "env_no_cache"),
    ("NO_COLOR", "env_no_color"),
    ("XDG_CACHE_HOME", "env_cache_home"),
    ("XDG_CONFIG_HOME", "env_config_home"),
    ("XDG_DATA_HOME", "env_data_home"),
)


def _w(key: str, lang: Lang, **values: str) -> str:
    """A word of the page in roff; `values` are roff already."""
    return roff(t(f"man.{key}", lang)).format(**values)


def _bold(items: list[str]) -> str:
    return ", ".join(f"\\fB{roff(item)}\\fR" for item in items)


# `\:` after a bar: a place to break a long list of choices (<a|b|c>) without a hyphen.
_TEXT_ESCAPES = {"\\": "\\e", "-": "\\-", "|": "|\\:"}


def roff(text: str) -> str:
    """Text safe in a roff line: backslashes and hyphens escaped (so that options
    print and copy as ASCII minus signs), a bar followed by a break point, characters
    other than ASCII as \\[uXXXX], and a line that would start with a control
    character protected by \\&."""
    out = []
    for char in text:
        if char in _TEXT_ESCAPES:
            out.append(_TEXT_ESCAPES[char])
        elif ord(char) > 126 or (ord(char) < 32 and char != "\n"):
            out.append(f"\\[u{ord(char):04X}]" if ord(char) > 126 else " ")
        else:
            out.append(char)
    lines = "".join(out).split("\n")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in lines)


def _paragraphs(help_text: str | None) -> list[str]:
    """Click's help text as paragraphs: blank lines separate them, a paragraph that
    starts with \\b keeps its lines (Click's "no rewrap" mark), and text after \\f is
    for the code only (Click's truncation mark)."""
    if not help_text:
        return []
    text = help_text.split("\f", 1)[0]
    out: list[str] = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines()]
        if not lines:
            continue
        if lines[0] == "\b":
            out.append(".nf\n" + "\n".join(roff(line) for line in lines[1:]) + "\n.fi")
        else:
            out.append(roff(" ".join(line for line in lines if line)))
    return out


def _context(command: Any, name: str, parent: Any = None) -> Any:
    import typer

    # As Click's make_context does, without parsing any arguments: the command's own
    # context settings (its help option's names) apply.
    return typer.Context(command, info_name=name, parent=parent, **(getattr(command, "context_settings", None) or {}))


def _subcommands(group: Any, ctx: Any) -> list[tuple[str, Any]]:
    """A group's visible commands in the order `--help` lists them."""
    if not hasattr(group, "list_commands"):
        return []
    found = [(name, group.get_command(ctx, name)) for name in group.list_commands(ctx)]
    return [(name, command) for name, command in found if command is not None and not getattr(command, "hidden", False)]


def _default(param: Any) -> str | None:
    """The default as `--help` would show it, or None where it shows none."""
    default = param.default
    if getattr(param, "show_default", None) is False or default is None or callable(default):
        return None
    if getattr(param, "is_flag", False) and default is False:
        return None
    if isinstance(default, (list, tuple)):
        if not default:
            return None
        default = ", ".join(str(d.value if isinstance(d, enum.Enum) else d) for d in default)
    elif isinstance(default, enum.Enum):
        default = default.value
    elif isinstance(default, bool):
        default = "true" if default else "false"
    return str(default)


def _envvars(param: Any) -> list[str]:
    envvar = getattr(param, "envvar", None)
    if not envvar:
        return []
    return [envvar] if isinstance(envvar, str) else list(envvar)


def _choices(param: Any) -> list[str]:
    choices = getattr(param.type, "choices", None)
    if not choices:
        return []
    return [str(c.value if isinstance(c, enum.Enum) else c) for c in choices]


def _param_entry(param: Any, ctx: Any, lang: Lang, *, sort_names: bool = False) -> list[str]:
    """One .TP entry: the option's names and value, then its help, allowed values,
    default and environment variable.  Names with a shorter prefix first, as `--help`
    lists them (`-f, --fact`); `sort_names` for an option whose names come from a set
    (Click's help option), so that the page is the same on every run."""
    metavar = param.make_metavar(ctx)
    if param.param_type_name == "argument":
        tag = f"\\fI{roff(metavar)}\\fR"
    else:
        opts = sorted(sorted(param.opts) if sort_names else param.opts, key=lambda o: len(o) - len(o.lstrip("-/")))
        names = ", ".join(f"\\fB{roff(opt)}\\fR" for opt in [*opts, *param.secondary_opts])
        flag = getattr(param, "is_flag", False) or getattr(param, "count", False)
        tag = names if flag else f"{names} \\fI{roff(metavar)}\\fR"
    body = _paragraphs(getattr(param, "help", None))
    details = []
    choices = _choices(param)
    # Said once: Click's metavar may already list the choices (<text|json>).
    if choices and not all(choice in metavar for choice in choices):
        details.append(_w("choices", lang, items=_bold(choices)))
    default = _default(param)
    if default is not None:
        details.append(_w("default", lang, value=_bold([default])))
    envvars = _envvars(param)
    if envvars:
        details.append(_w("envvar", lang, items=_bold(envvars)))
    if getattr(param, "multiple", False) and param.param_type_name == "option":
        details.append(_w("multiple", lang))
    if details:
        if body and not body[-1].endswith(".fi"):
            body[-1] += " " + " ".join(details)
        else:
            body.append(" ".join(details))
    lines = [".TP", tag]
    for index, paragraph in enumerate(body):
        lines += [".IP", paragraph] if index else [paragraph]
    return lines


def _params(command: Any, ctx: Any, lang: Lang) -> list[str]:
    lines: list[str] = []
    params = [p for p in command.params if not getattr(p, "hidden", False)]
    # Arguments first, then options, each in declaration order, as --help lists them.
    for param in [p for p in params if p.param_type_name == "argument"] + [p for p in params if p.param_type_name != "argument"]:
        lines += _param_entry(param, ctx, lang)
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        lines += _param_entry(help_option, ctx, lang, sort_names=True)
    return lines


def _usage(path: str, command: Any, ctx: Any) -> str:
    return f"\\fB{roff(path)}\\fR {roff(' '.join(command.collect_usage_pieces(ctx)))}"


def _walk(command: Any, ctx: Any, path: str) -> list[tuple[str, Any, Any]]:
    """(command path, command, context) of every command and group under `command`."""
    found = []
    for name, sub in _subcommands(command, ctx):
        sub_ctx = _context(sub, name, ctx)
        found.append((f"{path} {name}", sub, sub_ctx))
        found += _walk(sub, sub_ctx, f"{path} {name}")
    return found


def render_manpage(command: Any = None, *, prog: str = "legalcli", lang: Lang | None = None) -> str:
    """The man page of `command` (by default the legalcli app's Click command, with the
    variables of ENVIRONMENT) in roff.  Its own few words are in `lang`, by default the
    language the app's help is in."""
    from legalcli import __version__
    from legalcli.cli.options import HELP_LANG

    lang = lang or HELP_LANG
    direct: tuple[tuple[str, str], ...] = ()
    if command is None:
        import typer

        from legalcli.cli.app import app

        command = typer.main.get_command(app)
        direct = ENVIRONMENT
    root = _context(command, prog)
    everything = _walk(command, root, prog)
    short = command.get_short_help_str(limit=200).rstrip(".")
    short = short.split(": ", 1)[1] if short.startswith(f"{prog}: ") else short
    out = [
        ".\\\" Generated by legalcli/cli/manpage.py from the command line's declaration; do not edit.",
        f'.TH {prog.upper()} 1 "" "{prog} {roff(__version__)}" "{_w("manual", lang)}"',
        # Left-aligned and unhyphenated: option names, values and paths must print as
        # typed, and a long usage line cannot be justified.
        ".ad l",
        ".nh",
        f".SH {_w('NAME', lang)}",
        f"{roff(prog)} \\- {roff(short)}",
        f".SH {_w('SYNOPSIS', lang)}",
        _usage(prog, command, root),
    ]
    for path, sub, sub_ctx in everything:
        if not hasattr(sub, "list_commands"):
            out += [".br", _usage(path, sub, sub_ctx)]
    out.append(f".SH {_w('DESCRIPTION', lang)}")
    out += _between(_paragraphs(command.help))
    out += [f".SH {_w('OPTIONS', lang)}", *_params(command, root, lang)]
    out.append(f".SH {_w('COMMANDS', lang)}")
    for path, sub, sub_ctx in everything:
        out += [f".SS {_quoted(path)}", _usage(path, sub, sub_ctx), ".PP"]
        out += _between(_paragraphs(sub.help))
        entries = _params(sub, sub_ctx, lang)
        if hasattr(sub, "list_commands"):
            names = [f"{path} {name}" for name, _ in _subcommands(sub, sub_ctx)]
            out += [".PP", _w("commands", lang, items=_bold(names))]
        if entries:
            out += [".PP", *entries]
    environment = _environment([(prog, command, root), *everything], lang, direct)
    if environment:
        out += [f".SH {_w('ENVIRONMENT', lang)}", *environment]
    return "\n".join(out) + "\n"


def _quoted(text: str) -> str:
    return '"' + roff(text).replace('"', "\\(dq") + '"'


def _between(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        out += [".PP", paragraph] if index else [paragraph]
    return out


def _environment(commands: list[tuple[str, Any, Any]], lang: Lang, direct: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """Each environment variable an option reads, with the options that read it and
    the help of the first of them; and each of `direct` (name, key), with its text."""
    seen: dict[str, list[tuple[str, Any]]] = {}
    for path, command, _ in commands:
        for param in command.params:
            for name in _envvars(param):
                seen.setdefault(name, []).append((path, param))
    entries: dict[str, list[str]] = {name: [_w(key, lang)] for name, key in direct}
    for name, users in seen.items():
        options = sorted({f"{path} {param.opts[-1] if param.opts else param.name}" for path, param in users})
        entries[name] = [*_paragraphs(getattr(users[0][1], "help", None))[:1], ".IP", _w("read_by", lang, items=_bold(options))]
    lines: list[str] = []
    for name in sorted(entries):
        lines += [".TP", f"\\fB{roff(name)}\\fR", *entries[name]]
    return lines


def main() -> None:
    import sys

    sys.stdout.write(render_manpage())


if __name__ == "__main__":
    main()
