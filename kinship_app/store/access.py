"""Who may see and change what: worker and coordinator accounts and caseloads, enforced in the
store's service layer (and, on PostgreSQL, again by row-level security: pg_security.py).

- A store with no accounts is a carer's own (or a drop-in that has not set them up): no sign-in,
  no caseloads, everything visible, as before.
- Once an account exists every call needs someone signed in (``Store.sign_in``).
- A **worker** reads, lists, searches, changes, exports and erases only households in caseloads
  shared with them; anything else is refused as if it were not there (``NotSharedError``).
- A **coordinator** sees every household, manages accounts and caseloads, makes backups and
  restores, changes the store's passphrase and reads the audit log.

Each account's passphrase or PIN is kept only as an Argon2id hash (argon2-cffi's PasswordHasher,
with the store's key-derivation cost). A PIN is at least 6 digits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinship_app.i18n import _
from kinship_app.store.crypto import DEFAULT_KDF, KdfParams
from kinship_app.store.errors import InvalidDataError, StoreError

WORKER, COORDINATOR = "worker", "coordinator"
ROLES = (WORKER, COORDINATOR)
PASSPHRASE, PIN = "passphrase", "pin"
MIN_PIN = 6
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class AccountRecord:
    id: int
    name: str
    role: str
    secret_kind: str
    active: bool
    created_at: dt.datetime
    caseload_ids: tuple[int, ...] = ()

    @property
    def is_coordinator(self) -> bool:
        return self.role == COORDINATOR


@dataclass(frozen=True)
class CaseloadRecord:
    id: int
    name: str
    created_at: dt.datetime
    member_ids: tuple[int, ...] = ()
    households: int = 0


class NotSignedInError(StoreError):
    def __init__(self) -> None:
        super().__init__(_("Sign in first: these saved households belong to an organisation, and each worker "
                           "sees only the caseloads shared with them."))


class SignInError(StoreError):
    def __init__(self) -> None:
        super().__init__(_("That name and passphrase or PIN do not match an account here. Check them and try "
                           "again, or ask your coordinator."))


class NotAllowedError(StoreError):
    def __init__(self) -> None:
        super().__init__(_("Only a coordinator can do that. Ask your coordinator."))


class NotSharedError(StoreError):
    """A household (or child, action) outside the caseloads shared with the signed-in worker."""

    def __init__(self, what: str, key: object) -> None:
        super().__init__(_("{what} {key} is not in a caseload shared with you. Ask your coordinator if you "
                           "need to see it.").format(what=what, key=key))


def hasher(kdf: KdfParams | None = None):  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher, Type

    cost = kdf or DEFAULT_KDF
    return PasswordHasher(time_cost=cost.time_cost, memory_cost=cost.memory_cost, parallelism=cost.parallelism,
                          type=Type.ID)


def check_secret(kind: str, secret: object) -> str:
    if kind not in (PASSPHRASE, PIN):
        raise InvalidDataError("secret_kind", _("must be passphrase or pin"))
    if not isinstance(secret, str):
        raise InvalidDataError("secret", _("must be text"))
    if kind == PIN and (len(secret) < MIN_PIN or not secret.isascii() or not secret.isdigit()):
        raise InvalidDataError("secret", _("a PIN is at least {n} digits").format(n=MIN_PIN))
    if kind == PASSPHRASE and len(secret.strip()) < MIN_PASSPHRASE:
        raise InvalidDataError("secret", _("a passphrase needs at least {n} characters").format(n=MIN_PASSPHRASE))
    return secret


def hash_secret(secret: str, kdf: KdfParams | None = None) -> str:
    return hasher(kdf).hash(secret.encode("utf-8", "surrogatepass"))


def verify_secret(stored: str, secret: str, kdf: KdfParams | None = None) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(hasher(kdf).verify(stored, secret.encode("utf-8", "surrogatepass")))
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against when the name is unknown, so a wrong name takes as long as a wrong secret.
_DUMMY: dict[KdfParams | None, str] = {}


def dummy_verify(secret: str, kdf: KdfParams | None = None) -> None:
    if kdf not in _DUMMY:
        _DUMMY[kdf] = hash_secret("not an account", kdf)
    verify_secret(_DUMMY[kdf], secret, kdf)
