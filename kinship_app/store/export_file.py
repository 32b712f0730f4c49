"""A household export file: encrypted with a passphrase the person chooses, or (where allowed) plain.

An export leaves the encrypted store for somewhere the person picks (a USB stick, an email to the
family, another venue), so it is protected on its own:

- The key comes from the export's passphrase through Argon2id (``argon2-cffi``, the store's cost:
  RFC 9106's second recommended setting), with a fresh 16-byte salt for every file.
- The household's JSON (``transfer.export_household``, unchanged) is encrypted and authenticated
  with AES-256-GCM (the ``cryptography`` package) under a fresh 12-byte nonce; the file's header
  (format, key-derivation costs and salt, cipher, nonce) is the associated data, so changing any
  of it is detected too.
- A short check value (SHA-256 of a second key from the same Argon2id output) tells a wrong
  passphrase ("try again") apart from a file damaged after it was saved. It lets nobody test a
  guess faster than the GCM tag would: each guess still costs one Argon2id run.

The file is JSON, so it is self-describing and any language can read it::

    {"format": "kinship-app/household-encrypted", "format_version": 1,
     "about": "...", "cipher": "AES-256-GCM",
     "kdf": {"name": "argon2id", "version": 19, "time_cost": 3, "memory_cost_kib": 65536,
             "parallelism": 4, "hash_len": 64, "salt": "<base64>"},
     "nonce": "<base64>", "check": "<base64>", "ciphertext": "<base64: AES-GCM output, tag last>"}

Decrypting: Argon2id(passphrase, salt) gives 64 bytes; the first 32 are the AES key, the
SHA-256 of the last 32 starts with ``check``; the associated data is the header's canonical JSON
(``_header_bytes``). The plaintext is the plain export (``"format": "kinship-app/household"``).

Reading is strict and total: anything that is not one of these two kinds of file (plain JSON
exports from earlier versions still import), or is truncated or damaged, is an ``ImportDataError``
with a plain message; nothing here raises anything else for any bytes. Nothing here reads the
clock or imports Qt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from kinship_app import jsonsafe
from kinship_app.i18n import _
from kinship_app.store.cipher import write_private
from kinship_app.store.crypto import DEFAULT_KDF, KdfParams, check_new_passphrase
from kinship_app.store.errors import ImportDataError, StoreError

FORMAT = "kinship-app/household-encrypted"
FORMAT_VERSION = 1
PLAIN_FORMAT = "kinship-app/household"
CIPHER = "AES-256-GCM"
ENCRYPTED_SUFFIX = ".kinship"
PLAIN_SUFFIX = ".json"
MAX_FILE_BYTES = 64 * 1024 * 1024
# A file from outside says how hard its key is to derive: refuse costs that would stall or exhaust
# the computer (the shipped cost is 3 passes over 64 MiB).
MAX_TIME_COST = 10
MAX_MEMORY_KIB = 1024 * 1024
MAX_PARALLELISM = 16
_SALT, _NONCE, _CHECK = 16, 12, 16
ABOUT = ("A household exported from the kinship care app, encrypted with a passphrase chosen when it was "
         "saved (AES-256-GCM, key from Argon2id). Import it into the app and type that passphrase.")


class ExportPassphraseNeededError(StoreError):
    """The file is encrypted: ask for its passphrase and read it again."""

    def __init__(self, name: str) -> None:
        super().__init__(_("{name} is protected by a passphrase. Type the passphrase chosen when it was "
                           "saved.").format(name=name))
        self.name = name


class WrongExportPassphraseError(StoreError):
    def __init__(self, name: str) -> None:
        super().__init__(_("That passphrase does not open {name}. Nothing was imported. Check that Caps Lock "
                           "is off and try again; the passphrase is the one chosen when the file was "
                           "saved.").format(name=name))
        self.name = name


class PlainExportNotAllowedError(StoreError):
    def __init__(self) -> None:
        super().__init__(_("In an organisation, an export must be protected by a passphrase; only a "
                           "coordinator can save one without. Choose a passphrase for the file. Nothing was "
                           "saved."))


# -- writing -------------------------------------------------------------------------------------------------

def plain_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def derive(passphrase: str, salt: bytes, kdf: KdfParams) -> tuple[bytes, bytes]:
    """(AES key, check value) for ``passphrase``: one Argon2id run of 64 bytes."""
    from argon2.low_level import Type, hash_secret_raw

    raw = hash_secret_raw(passphrase.encode("utf-8", "surrogatepass"), salt, time_cost=kdf.time_cost,
                          memory_cost=kdf.memory_cost, parallelism=kdf.parallelism, hash_len=64, type=Type.ID)
    return raw[:32], hashlib.sha256(raw[32:]).digest()[:_CHECK]


class SealingKey:
    """A derived export key with its salt and cost, made before the household is read (the
    Argon2id run happens outside the store's write transaction)."""

    __slots__ = ("_key", "check", "kdf", "salt")

    def __init__(self, passphrase: str, kdf: KdfParams | None = None):
        check_new_passphrase(passphrase)
        self.kdf = kdf or DEFAULT_KDF
        self.salt = os.urandom(_SALT)
        self._key, self.check = derive(passphrase, self.salt, self.kdf)

    def seal(self, document: dict[str, Any]) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(_NONCE)
        header = _header(self.kdf, self.salt, nonce)
        ciphertext = AESGCM(self._key).encrypt(nonce, plain_bytes(document), _header_bytes(header))
        envelope = {**header, "about": ABOUT, "check": _b64(self.check), "ciphertext": _b64(ciphertext)}
        return json.dumps(envelope, indent=1).encode("ascii")

    def __repr__(self) -> str:
        return "SealingKey(…)"


def seal(document: dict[str, Any], passphrase: str, kdf: KdfParams | None = None) -> bytes:
    return SealingKey(passphrase, kdf).seal(document)


def _header(kdf: KdfParams, salt: bytes, nonce: bytes) -> dict[str, Any]:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "cipher": CIPHER,
            "kdf": {"name": "argon2id", "version": 19, "time_cost": kdf.time_cost,
                    "memory_cost_kib": kdf.memory_cost, "parallelism": kdf.parallelism, "hash_len": 64,
                    "salt": _b64(salt)},
            "nonce": _b64(nonce)}


def _header_bytes(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def save(path: str | Path, data: bytes) -> Path:
    """Write an export atomically (a temporary file beside it, fsync, rename) as a 0600 file."""
    path = Path(path)
    write_private(path, data)
    return path


# -- reading -------------------------------------------------------------------------------------------------

def _not_ours(name: str, error: object = None) -> ImportDataError:
    text = _("is not a household file exported from this app, or it is incomplete or damaged")
    if error:
        text += f" ({error})"
    return ImportDataError(name, text)


def load(raw: bytes, name: str) -> Any:
    """The JSON in an export file (plain or encrypted envelope), read safely (``jsonsafe``)."""
    if not isinstance(raw, bytes | bytearray):
        raise _not_ours(name)
    if len(raw) > MAX_FILE_BYTES:
        raise ImportDataError(name, _("is too large to be a household file exported from this app"))
    try:
        text = bytes(raw).decode("utf-8")
        data = jsonsafe.loads(text.removeprefix("\ufeff"))
    except UnicodeDecodeError:
        raise _not_ours(name) from None
    except json.JSONDecodeError as exc:
        raise _not_ours(name, exc) from None  # where in the file, for whoever looks into it
    except RecursionError:
        raise _not_ours(name) from None
    return data


def read_file(path: str | Path) -> bytes:
    """An export file's bytes; a file that cannot be read, or is far too large, is an ImportDataError."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportDataError(path.name, _("is too large to be a household file exported from this app"))
        return path.read_bytes()
    except OSError as exc:
        raise ImportDataError(path.name, _("cannot be read ({error})").format(error=exc.strerror or exc)) from None


def is_encrypted(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def read(raw: bytes, passphrase: str | None, *, name: str) -> Any:
    """The plain export document in ``raw`` (bytes of a file named ``name``).

    Plain JSON exports are returned as they are (``transfer.parse_export`` checks them). An
    encrypted one needs ``passphrase``: without it ``ExportPassphraseNeededError``; a wrong one
    ``WrongExportPassphraseError``; a damaged one ``ImportDataError``.
    """
    data = load(raw, name)
    if not is_encrypted(data):
        return data
    return unseal(data, passphrase, name=name)


def unseal(envelope: dict[str, Any], passphrase: str | None, *, name: str) -> Any:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kdf, salt, nonce, check, ciphertext = _envelope(envelope, name)
    if passphrase is None:
        raise ExportPassphraseNeededError(name)
    if not isinstance(passphrase, str):
        raise WrongExportPassphraseError(name)
    key, expected = derive(passphrase, salt, kdf)
    if not hmac.compare_digest(expected, check):
        raise WrongExportPassphraseError(name)
    try:
        plain = AESGCM(key).decrypt(nonce, ciphertext, _header_bytes(_header(kdf, salt, nonce)))
    except InvalidTag:
        raise ImportDataError(name, _("was changed or damaged after it was saved, so it cannot be opened. "
                                      "Nothing was imported. Ask for the file to be saved and sent "
                                      "again.")) from None
    document = load(plain, name)
    if not isinstance(document, dict) or document.get("format") != PLAIN_FORMAT:
        raise _not_ours(name)
    return document


def _envelope(data: dict[str, Any], name: str) -> tuple[KdfParams, bytes, bytes, bytes, bytes]:
    def bad(field: str, reason: str | None = None) -> ImportDataError:
        return ImportDataError(f"{name}: {field}", reason or _("is missing or damaged"))

    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise bad("format_version")
    if version > FORMAT_VERSION:
        raise ImportDataError(name, _("was saved by a newer version of this app; please update the app"))
    if data.get("cipher") != CIPHER:
        raise bad("cipher")
    k = data.get("kdf")
    if not isinstance(k, dict) or k.get("name") != "argon2id" or k.get("version") != 19 or k.get("hash_len") != 64:
        raise bad("kdf")
    costs = [k.get(f) for f in ("time_cost", "memory_cost_kib", "parallelism")]
    if any(isinstance(c, bool) or not isinstance(c, int) for c in costs):
        raise bad("kdf")
    time_cost, memory, lanes = costs
    if not (1 <= time_cost <= MAX_TIME_COST and 1 <= lanes <= MAX_PARALLELISM and 8 * lanes <= memory <= MAX_MEMORY_KIB):
        raise bad("kdf", _("asks for a key derivation cost this app does not accept"))

    def b64(value: Any, field: str, size: int | None = None, minimum: int = 0) -> bytes:
        if not isinstance(value, str):
            raise bad(field)
        try:
            out = base64.b64decode(value.encode("ascii"), validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            raise bad(field) from None
        if (size is not None and len(out) != size) or len(out) < minimum:
            raise bad(field)
        return out

    salt = b64(k.get("salt"), "kdf.salt", minimum=_SALT)
    if len(salt) > 64:
        raise bad("kdf.salt")
    nonce = b64(data.get("nonce"), "nonce", _NONCE)
    check = b64(data.get("check"), "check", _CHECK)
    ciphertext = b64(data.get("ciphertext"), "ciphertext", minimum=16)
    return KdfParams(time_cost=time_cost, memory_cost=memory, parallelism=lanes), salt, nonce, check, ciphertext
