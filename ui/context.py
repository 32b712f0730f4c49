"""What every screen needs from the running app, passed in (no global singletons).

Nothing here touches the disk at start-up: the settings file is only written when a setting
changes, and the store (SQLAlchemy, the database file) is opened the first time it is needed, so a
quick check that never opens it leaves no trace.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QSettings

from ui.clock import Clock


# The same variable kinship_app.store reads (store/engine.py ENV_VAR); named here so that reading
# it does not import SQLAlchemy at start-up.
DATABASE_ENV_VAR = "KINSHIP_DATABASE_URL"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("kinship-app", appauthor=False))


class AppContext:
    def __init__(self, data_dir: Path | None = None, database_url: str | None = None,
                 today: Callable[[], dt.date] | None = None, clock: Clock | None = None):
        self.data_dir = Path(data_dir).expanduser() if data_dir else default_data_dir()
        # An explicit ini path under the data folder: never the global registry or ~/.config.
        self.settings = QSettings(str(self.data_dir / "settings.ini"), QSettings.Format.IniFormat)
        self._database_url = database_url
        if clock is None:
            # ``today`` pins the whole clock to that day (tests and screenshots written on one day
            # must pass on any other): the store then stamps the same day the screens show.
            clock = Clock.on(today()) if today is not None else Clock()
        self.clock = clock
        self.today: Callable[[], dt.date] = clock.today
        self._store: Any = None
        # Encryption at rest (kinship_app/store/crypto.py): the passphrase is kept in memory only,
        # for reopening the store after a settings change; ``kdf`` lowers the key derivation's cost
        # in tests only (None: the shipped default).
        self._passphrase: str | None = None
        self.kdf: Any = None
        # Tests of other screens start from an app whose first-run security choice was made.
        self.skip_security_setup = False
        # The start page may look for an unfinished check off the UI thread while a screen opens
        # the store: only one may create it.
        self._store_lock = threading.Lock()

    @property
    def database_url(self) -> str:
        """The PostgreSQL address from Settings or the command line, else the SQLite file here."""
        url = (self._database_url or str(self.settings.value("data/database_url", "") or "")
               or os.environ.get(DATABASE_ENV_VAR, "").strip())
        return url or f"sqlite:///{self.data_dir / 'kinship.sqlite3'}"

    def set_database_url(self, url: str) -> None:
        self._database_url = None
        self.settings.setValue("data/database_url", url)
        self.close_store()

    def setting(self, key: str, default: Any) -> Any:
        value = self.settings.value(key, default)
        if isinstance(default, int) and not isinstance(value, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        return value

    def set_setting(self, key: str, value: Any) -> None:
        if not self.data_dir.is_dir():
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        ini = self.data_dir / "settings.ini"
        if not ini.exists():
            # Private from the start, whatever the umask: Qt rewrites it in place and keeps the mode.
            os.close(os.open(ini, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        self.settings.setValue(key, value)

    def store(self) -> Any:
        """The open store (imported and opened on first use: SQLAlchemy alone costs ~0.5 s)."""
        with self._store_lock:
            if self._store is None:
                self._store = self._open_store()
        return self._store

    def _open_store(self) -> Any:
        from kinship_app.assess import assess
        from kinship_app.store import Store

        return Store(self.database_url, clock=self.clock.now,
                     assess=assess, create_folder=True,
                     worker=str(self.settings.value("store/worker", "") or ""),
                     passphrase=self._passphrase, kdf=self.kdf, require_passphrase=self.is_organisation())

    # -- encryption at rest: unlock, first-run choice ------------------------------------------

    def sqlite_file(self) -> Path | None:
        url = self.database_url
        return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None

    def is_protected(self) -> bool:
        """The local file is encrypted (its key parameters are beside it). A cheap file check: no
        SQLAlchemy, no database opened."""
        path = self.sqlite_file()
        return path is not None and (path.with_name(path.name + ".keyparams").exists()
                                     or path.with_name(path.name + ".keyparams.new").exists())

    def is_organisation(self) -> bool:
        """A charity's workspace (a setting): its saved households must have a passphrase."""
        return str(self.settings.value("security/workspace", "home") or "home") == "organisation"

    def needs_unlock(self) -> bool:
        return self._store is None and self.is_protected()

    def needs_setup(self) -> bool:
        """Saved households are about to be made for the first time and nobody has yet chosen
        whether to protect them with a passphrase."""
        path = self.sqlite_file()
        if path is None or self.skip_security_setup or self._store is not None:
            return False
        if path.exists() or self.is_protected():
            return False
        return str(self.settings.value("security/choice", "") or "") not in ("passphrase", "none")

    def unlock(self, passphrase: str | None) -> Any:
        """Open the store with ``passphrase`` (a wrong one raises and changes nothing)."""
        with self._store_lock:
            if self._store is None:
                self._passphrase = passphrase
                try:
                    self._store = self._open_store()
                except BaseException:
                    self._passphrase = None
                    raise
        return self._store

    def set_up_security(self, passphrase: str | None) -> Any:
        """The first-run choice: a passphrase (the store is created encrypted) or none (home only)."""
        if passphrase is None and self.is_organisation():
            from kinship_app.store.crypto import PassphraseRequiredError

            raise PassphraseRequiredError()
        store = self.unlock(passphrase)
        self.set_setting("security/choice", "passphrase" if passphrase is not None else "none")
        return store

    def check_passphrase(self, passphrase: str) -> bool:
        """For the lock screen: is this the open store's passphrase (derives the key once)."""
        store = self._store
        if store is None:
            return False
        return bool(store.verify_passphrase(passphrase))

    def store_exists(self) -> bool:
        """False only when the local file has never been made: then nothing can be resumed."""
        url = self.database_url
        return not url.startswith("sqlite:") or Path(url.removeprefix("sqlite:///")).exists()

    def close_store(self) -> None:
        if self._store is not None:
            close = getattr(self._store, "close", None)
            if close:
                close()
            self._store = None
