"""`legalcli vault …`: encrypted case files — open, lock, rekey."""

from typing import Annotated

import typer

from legalcli.cli.commands import check_outputs, emit, load, write_atomic
from legalcli.cli.options import LangOpt, OutputOpt, RulesOpt, h
from legalcli.cli.style import Command, Group, typer_app
from legalcli.core.errors import InputError, Location
from legalcli.i18n import choose_lang

app = typer_app(name="vault", cls=Group, help=h("help.cmd.vault"))


@app.callback(invoke_without_command=True)
def _vault(ctx: typer.Context) -> None:
    from legalcli.cli.style import group_help

    group_help(ctx)


VaultArg = Annotated[str, typer.Argument(metavar="FILE", help=h("help.arg.vault"))]


def _read_vault(path: str) -> bytes:
    from legalcli.loading.case import VAULT_LIMITS
    from legalcli.loading.reader import read_bytes
    from legalcli.loading.vault import is_vault

    data = read_bytes(path, VAULT_LIMITS)
    if not is_vault(data):
        raise InputError("is not an encrypted case file", location=Location(path))
    return data


@app.command("open", cls=Command, help=h("help.cmd.vault_open"))
def vault_open(path: VaultArg, output: OutputOpt = None, lang: LangOpt = None, rules: RulesOpt = None) -> None:
    from legalcli.cli.passphrase import ask_passphrase
    from legalcli.loading.case import dump_case, read_case

    use_lang = choose_lang(lang)
    check_outputs([("-o", output)], [path])  # `vault open c.lcx -o c.lcx` would unseal it in place
    _read_vault(path)
    case = read_case(path, load(rules), passphrase=lambda: ask_passphrase(use_lang))
    emit(dump_case(case), output)


@app.command("lock", cls=Command, help=h("help.cmd.vault_lock"))
def vault_lock(
    path: Annotated[str, typer.Argument(metavar="CASE", help=h("help.arg.plain_case"))],
    output: Annotated[str, typer.Option("-o", "--output", metavar="FILE", help=h("help.opt.output"))],
    lang: LangOpt = None,
    rules: RulesOpt = None,
) -> None:
    from legalcli.cli.passphrase import ask_passphrase, check_new_passphrase
    from legalcli.i18n import t
    from legalcli.loading.case import VAULT_LIMITS, dump_case, read_case
    from legalcli.loading.reader import read_bytes
    from legalcli.loading.vault import encrypt, is_vault

    use_lang = choose_lang(lang)
    # An output never replaces an input, even to seal it: lock to a new file, check it
    # opens, then remove the plain one (docs/security.md, "Outputs and signals").
    check_outputs([("-o", output)], [path])
    check_new_passphrase()
    if is_vault(read_bytes(path, VAULT_LIMITS)):
        raise InputError("is already encrypted", location=Location(path))
    case = read_case(path, load(rules))  # validated before it is sealed
    write_atomic(output, encrypt(dump_case(case).encode("utf-8"), ask_passphrase(use_lang, new=True)))
    typer.echo(t("vault.saved", use_lang, path=output), err=True)


@app.command("rekey", cls=Command, help=h("help.cmd.vault_rekey"))
def vault_rekey(path: VaultArg, lang: LangOpt = None) -> None:
    from legalcli.cli.passphrase import ENV_NEW, ask_passphrase, check_new_passphrase
    from legalcli.i18n import t
    from legalcli.loading.vault import decrypt, encrypt

    use_lang = choose_lang(lang)
    check_new_passphrase(ENV_NEW)
    plaintext = decrypt(_read_vault(path), ask_passphrase(use_lang), path=path)
    write_atomic(path, encrypt(plaintext, ask_passphrase(use_lang, new=True, env=ENV_NEW)))
    typer.echo(t("vault.rekeyed", use_lang, path=path), err=True)
