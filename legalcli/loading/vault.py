"""Encrypted case files (.lcx): scrypt key derivation and AES-256-GCM.

Layout: the magic `LCX1`, a two-byte big-endian header length, a JSON header (KDF and
its parameters, salt, nonce), then the ciphertext with its GCM tag.  The magic and the
header are authenticated as associated data, so a changed parameter is detected like a
changed byte of the text.  `cryptography` is imported only here, and only when a vault
is used.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

from legalcli.core.errors import InputError, Location

MAGIC = b"LCX1"
# scrypt at n = 2^17, r = 8, p = 1 (OWASP's recommended minimum): ~0.3 s and 128 MiB
# to derive a key, so guessing passphrases is slow.
N, R, P = 2**17, 8, 1
# A file's own parameters are accepted only within these bounds: a forged header must
# not make us allocate gigabytes or loop for minutes (n = 2^20, r = 16, p = 4 took 25 s
# and 2.1 GB, times `batch -j N`).  scrypt's memory is 128·n·r bytes and its time grows
# with n·r·p, so both products are bounded, not only each factor.  Measured on the
# 2-core reference machine (docs/security.md): the dearest header allowed, n = 2^18,
# r = 8, p = 4 (or n = 2^17, r = 16, p = 4), costs ~1.7 s and 256 MiB (peak RSS 274 MiB).
# Files we write (n = 2^17, r = 8, p = 1) cost ~0.3 s and 128 MiB.
N_RANGE = (2**17, 2**18)
R_RANGE = (8, 16)
P_RANGE = (1, 4)
MAX_KDF_MEMORY = 256 * 2**20  # bytes: 128·n·r
MAX_KDF_WORK = 2**18 * 8 * 4  # n·r·p
MAX_HEADER = 1024


def kdf_affordable(n: int, r: int, p: int) -> bool:
    """Whether opening a file with these scrypt parameters costs at most ~256 MiB and ~2 s."""
    within = n <= N_RANGE[1] and r <= R_RANGE[1] and p <= P_RANGE[1]
    return within and 128 * n * r <= MAX_KDF_MEMORY and n * r * p <= MAX_KDF_WORK


@dataclass(frozen=True, slots=True)
class Header:
    n: int
    r: int
    p: int
    salt: bytes
    nonce: bytes

    def encode(self) -> bytes:
        data = {
            "v": 1,
            "kdf": "scrypt",
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": base64.b64encode(self.salt).decode(),
            "cipher": "AES-256-GCM",
            "nonce": base64.b64encode(self.nonce).decode(),
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


def is_vault(data: bytes) -> bool:
    return data.startswith(MAGIC)


def _key(passphrase: str, header: Header) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=header.salt, length=32, n=header.n, r=header.r, p=header.p)
    return kdf.derive(passphrase.encode("utf-8"))


def encrypt(plaintext: bytes, passphrase: str) -> bytes:
    """A vault file's bytes holding `plaintext`."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise InputError("the passphrase must not be empty")
    header = Header(N, R, P, os.urandom(16), os.urandom(12))
    head = header.encode()
    prefix = MAGIC + len(head).to_bytes(2, "big") + head
    return prefix + AESGCM(_key(passphrase, header)).encrypt(header.nonce, plaintext, prefix)


def _header(data: bytes, where: Location) -> tuple[Header, int]:
    if len(data) < len(MAGIC) + 2:
        raise InputError("the encrypted case file is truncated", location=where)
    size = int.from_bytes(data[4:6], "big")
    if size > MAX_HEADER or len(data) < 6 + size + 16:
        raise InputError("the encrypted case file is truncated or damaged", location=where)
    try:
        raw = json.loads(data[6 : 6 + size])
        header = Header(
            n=int(raw["n"]),
            r=int(raw["r"]),
            p=int(raw["p"]),
            salt=base64.b64decode(raw["salt"], validate=True),
            nonce=base64.b64decode(raw["nonce"], validate=True),
        )
        ok = raw.get("v") == 1 and raw.get("kdf") == "scrypt" and raw.get("cipher") == "AES-256-GCM"
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, OverflowError):
        # OverflowError: a JSON Infinity as a parameter.
        raise InputError("the encrypted case file's header is damaged", location=where) from None
    if not kdf_affordable(header.n, header.r, header.p):
        # Refused before any key derivation: the parameters are the file's to choose.
        raise InputError(
            "the encrypted case file asks for a key derivation costlier than legalcli allows "
            "(scrypt n ≤ {n}, r ≤ {r}, p ≤ {p}, at most {mib} MiB); it was not written by legalcli, or it was changed",
            location=where,
            n=f"2^{N_RANGE[1].bit_length() - 1}",
            r=R_RANGE[1],
            p=P_RANGE[1],
            mib=MAX_KDF_MEMORY // 2**20,
        )
    well_formed = header.n >= N_RANGE[0] and header.n & (header.n - 1) == 0 and header.r >= R_RANGE[0] and header.p >= P_RANGE[0]
    if not ok or not well_formed or len(header.salt) < 16 or len(header.nonce) != 12:
        raise InputError("the encrypted case file's header has unsupported parameters", location=where)
    return header, 6 + size


def check_header(data: bytes, *, path: str) -> None:
    """Refuse a damaged or too costly header before anyone is asked for a passphrase."""
    _header(data, Location(path))


def decrypt(data: bytes, passphrase: str, *, path: str) -> bytes:
    """The plaintext of a vault file; InputError for a wrong passphrase or any change."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    where = Location(path)
    header, offset = _header(data, where)
    try:
        return AESGCM(_key(passphrase, header)).decrypt(header.nonce, data[offset:], data[:offset])
    except InvalidTag:
        # GCM cannot tell a wrong passphrase from a changed byte; say both.
        raise InputError("cannot decrypt: the passphrase is wrong, or the file was changed or damaged", location=where) from None
