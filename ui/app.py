"""Start the desktop app: ``run(argv)`` is what ``kinship-app`` calls with no subcommand.

Flags: ``--data-dir PATH`` (where the database file and settings live), ``--database-url URL``
(a PostgreSQL address instead), ``--quit-when-shown`` (start normally, quit as soon as the start
screen has been painted: for timing start-up from outside).

Only one copy runs per data folder: a second launch brings the first to the front and exits.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The plain-Python modules the start screen needs (its advice lines), imported before PySide6:
# once PySide6 is loaded, its import hook reads the source file of every module that imports
# anything, to look for "from __feature__" (measured: about 4 ms of start-up for these).
import kinship_app.data.services  # noqa: F401 (imported for the order, see above)
import kinship_app.i18n  # noqa: F401

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


def _tell_pyside_which_modules_use_it() -> None:
    """PySide6's import hook reads the source of every module an ``import`` names after PySide6
    has loaded (``os`` and ``typing`` again and again too), looking for the word PySide6, to
    decide whether its ``__feature__`` switches apply there (measured: about 15 ms of start-up
    on a loaded machine). We use no features, so the answer is known in advance: 0 (default
    features) for our GUI modules, -1 (not a PySide module) for everything else already loaded,
    the core (which never imports Qt: tests/architecture) and the few standard modules the start
    screen imports later. Its internals are PySide6's (pinned below 6.12): if they change, nothing
    is skipped and nothing else changes."""
    try:
        import PySide6.support.feature as feature  # noqa: PLC0415

        table = feature.pyside_feature_dict
    except (ImportError, AttributeError):
        return
    if not isinstance(table, dict):
        return
    later = ("__future__", "tomllib", "tomllib._parser", "tomllib._re", "tomllib._types", "string", "textwrap",
             "traceback", "logging", "warnings", "threading", "importlib", "collections.abc", "types")
    for name in [*sys.modules, *later]:
        table.setdefault(name, 0 if name == "ui" or name.startswith(("ui.", "PySide6")) else -1)
    from pathlib import Path as _Path

    here = _Path(__file__).resolve().parent
    for path in [*here.glob("*.py"), *here.glob("screens/*.py")]:
        module = ".".join(("ui", *path.relative_to(here).with_suffix("").parts))
        table.setdefault(module.removesuffix(".__init__"), 0)


_tell_pyside_which_modules_use_it()


_VALUE_FLAGS = {"--data-dir": "data_dir", "--database-url": "database_url"}


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The app's flags; anything else (Qt's own flags) is left to Qt."""
    # The plain forms are read here: argparse looks up its own translations on every parser it
    # makes (gettext and locale, about 4 ms of start-up). Anything else (help, an abbreviation, a
    # missing value) goes to argparse, which answers exactly as before.
    args = argparse.Namespace(data_dir=None, database_url=None, quit_when_shown=False)
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if arg == "--quit-when-shown":
            args.quit_when_shown = True
        elif name in _VALUE_FLAGS and eq:
            setattr(args, _VALUE_FLAGS[name], value)
        elif arg in _VALUE_FLAGS and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            setattr(args, _VALUE_FLAGS[arg], argv[i + 1])
            i += 1
        elif arg.startswith("--") or arg in ("-h",):
            return _parse_with_argparse(argv)
        i += 1
    if args.data_dir is not None:
        args.data_dir = Path(args.data_dir)
    return args


def _parse_with_argparse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kinship-app", add_help=True)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--quit-when-shown", action="store_true")
    args, _qt_args = parser.parse_known_args(argv)
    return args


class QuitWhenPainted(QObject):
    """Quits the event loop right after ``widget`` has painted for the first time, and writes
    ``painted SECONDS`` on standard error: ``time.monotonic()`` once that first paint of the window
    has finished. The monotonic clock is shared by every process on the computer, so a benchmark
    can time launch to first paint (tests/benchmarks/test_startup_bench.py), leaving out what
    happens after it (fonts for other scripts loaded, quitting)."""

    def __init__(self, widget, app: QApplication):
        super().__init__(widget)
        self.app = app
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            # Posted now, delivered once the paint of the whole window under way has finished.
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.User))
        return False

    def event(self, event) -> bool:  # noqa: D102 (Qt API)
        if event.type() == QEvent.Type.User:
            import time

            sys.stderr.write(f"painted {time.monotonic():.6f}\n")
            sys.stderr.flush()
            QTimer.singleShot(0, self.app.quit)
            return True
        return super().event(event)


class AfterFirstPaint(QObject):
    """Runs work the first screen does not show once the window's first frame is on screen.

    It watches the window for its first paint; Qt paints the whole window in one go, so an event
    posted then is handled after every widget of that frame has been drawn. The work then runs on
    the next turn of the event loop (after the ``--quit-when-shown`` timing line, which is posted
    during the same frame). Should no paint come (a window started minimised), it runs after
    ``FALLBACK_MS`` anyway."""

    FALLBACK_MS = 2000

    def __init__(self):
        super().__init__()
        self._todo: list = []
        self._window = None

    def watch(self, window) -> None:
        """Watch ``window`` (made after this, so that it can hand work to it) for its first paint."""
        self.setParent(window)  # kept alive by the window, gone with it
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._run)  # dropped if the window goes first

    def add(self, work) -> None:
        self._todo.append(work)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.User))
        return False

    def event(self, event) -> bool:  # noqa: D102 (Qt API)
        if event.type() == QEvent.Type.User:
            QTimer.singleShot(0, self, self._run)
            return True
        return super().event(event)

    def _run(self) -> None:
        todo, self._todo = self._todo, []
        if self._window is not None:
            self._window.removeEventFilter(self)
        for work in todo:
            work()


def _server_name(data_dir: Path) -> str:
    import hashlib

    return "kinship-app-" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]


def _already_running(name: str) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(name)
    if sock.waitForConnected(300):
        sock.write(b"show\n")
        sock.flush()
        sock.waitForBytesWritten(300)
        sock.disconnectFromServer()
        return True
    return False


def _listen(name: str, window):
    from PySide6.QtNetwork import QLocalServer

    server = QLocalServer(window)
    if not server.listen(name):
        # A copy that crashed leaves its socket behind; take it over.
        QLocalServer.removeServer(name)
        server.listen(name)

    def on_connection() -> None:
        conn = server.nextPendingConnection()
        if conn is not None:
            conn.disconnected.connect(conn.deleteLater)
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    server.newConnection.connect(on_connection)
    return server


def no_screen(argv: list[str], environ: dict[str, str], platform: str = sys.platform) -> bool:
    """True on Linux with no desktop to show a window on: Qt would abort ("could not connect to
    display", exit 134) with a message that means nothing to a carer. ``QT_QPA_PLATFORM`` or Qt's
    ``-platform`` flag (offscreen, vnc…) is someone choosing where the window goes: left to Qt."""
    if not platform.startswith("linux"):
        return False
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return False
    return not any(a == "-platform" or a.startswith("-platform=") for a in argv)


def run(argv: list[str] | None = None, *, collect_after_paint: bool = False) -> int:
    """Start the window. ``collect_after_paint``: the caller turned Python's cyclic garbage collector
    off for start-up (``ui.launcher``); it is turned on again once the first frame is on screen."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if QApplication.instance() is None and no_screen(argv, dict(os.environ)):
        from kinship_app.i18n import _

        sys.stderr.write(_("kinship-app needs a desktop screen to show its window. To use it without one, try: "
                           "kinship-app assess case.json (see README).") + "\n")
        sys.stderr.flush()
        return 1
    args = parse_args(argv)
    # Everything the app creates (data folder, settings, backups, exports, letters, temporary files)
    # is this account's alone: 0700 folders, 0600 files, created that way (issue 12).
    os.umask(0o077)
    from ui import theme

    app = QApplication.instance()
    if app is None:
        # Fusion from the start, given to Qt as its own flag (see theme.FUSION_PROPERTY).
        app = QApplication([sys.argv[0] if sys.argv else "kinship-app", "-style", "Fusion"])
        app.setProperty(theme.FUSION_PROPERTY, True)
    app.setApplicationName("kinship-app")
    app.setOrganizationName("kinship-app")
    app.setDesktopFileName("kinship-app")  # matches the installed kinship-app.desktop (packaging/linux)
    from ui.context import AppContext

    ctx = AppContext(args.data_dir, args.database_url)
    # --quit-when-shown is for timing a fresh start, so it never hands over to a running copy.
    name = "" if args.quit_when_shown else _server_name(ctx.data_dir)
    if name and _already_running(name):
        return 0

    language = str(ctx.setting("appearance/language", "en") or "en")
    if language != "en":
        from kinship_app.i18n import set_language

        try:
            set_language(language)
        except ValueError:
            language = "en"  # a language whose file was removed: carry on in English
        else:
            from ui import fonts, qt_language

            qt_language.apply(language)
            fonts.apply_language(language)

    from ui.main_window import MainWindow

    # Style first: widgets built afterwards are polished once, not twice.
    theme.apply(app, str(ctx.setting("appearance/theme", "light")), int(ctx.setting("appearance/text_size", 100)))
    # Work the first frame does not show waits until it is on screen: the window's icon, keyboard
    # shortcuts, other scripts' fonts, Python's cyclic garbage collector.
    later = AfterFirstPaint()
    window = MainWindow(ctx, later=later)
    later.watch(window)
    if name:
        window._single_instance = _listen(name, window)  # kept alive with the window
    if args.quit_when_shown:
        QuitWhenPainted(window.screen("start"), app)
    else:
        window.first_run_if_needed()
    window.show()

    def set_icon() -> None:
        from ui.icon import app_icon

        app.setWindowIcon(app_icon())  # windows, the task bar, the About box

    later.add(set_icon)
    def load_fonts() -> None:
        from ui import fonts

        fonts.load_all(language)

    # Every script's fonts, for names typed in any script: no font of the first screen's language is
    # among them (apply_language above registered those), so the first frame is drawn the same.
    later.add(load_fonts)
    if collect_after_paint:
        import gc

        later.add(gc.enable)
    return app.exec()
