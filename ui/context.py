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
        self.data_dir.mkdir(parents=True, exist_ok=True)
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
                     worker=str(self.settings.value("store/worker", "") or ""))

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
