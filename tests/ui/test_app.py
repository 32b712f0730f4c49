"""Start-up as a desktop app: the command, --quit-when-shown, one copy per data folder, lazy loading."""

import os
import subprocess
import sys
import time

import pytest


def run_app(args, env_extra=None, timeout=60):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "ui", *args], capture_output=True, text=True,
                          env=env, timeout=timeout)


def test_quit_when_shown_starts_the_gui_and_quits_after_painting(tmp_path):
    launched = time.monotonic()
    proc = run_app(["--quit-when-shown", "--data-dir", str(tmp_path / "data")])
    ended = time.monotonic()
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "data" / "kinship.sqlite3").exists()  # the store was never opened
    # It says when the first paint finished, on the clock every process shares (for the start-up
    # benchmark): once, between the launch and the end of the process.
    painted = [line for line in proc.stderr.splitlines() if line.startswith("painted ")]
    assert len(painted) == 1 and launched < float(painted[0].split()[1]) < ended, proc.stderr


def test_start_up_loads_neither_the_store_nor_reportlab_nor_the_rates(tmp_path):
    code = (
        "import sys\n"
        "from ui.launcher import main\n"
        f"assert main(['--quit-when-shown', '--data-dir', {str(tmp_path)!r}]) == 0\n"
        "heavy = [m for m in ('sqlalchemy', 'reportlab', 'kinship_app.store', 'kinship_app.data.rates',\n"
        "         'kinship_app.assess', 'alembic', 'PySide6.QtPrintSupport', 'kinship_app.case',\n"
        "         'kinship_app.data.councils', 'json') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_what_the_first_screen_does_not_show_waits_until_it_has_painted(tmp_path):
    """The other scripts' fonts and Python's cyclic garbage collector wait until the first frame is
    on screen (ui.app.AfterFirstPaint), and both do come then."""
    code = (
        "import gc, sys\n"
        "import ui.app\n"
        "from ui import fonts\n"
        "from ui.launcher import main\n"
        "seen = {}\n"
        "painted = ui.app.QuitWhenPainted.event\n"
        "def event(self, e):\n"
        "    if e.type() == ui.app.QEvent.Type.User:\n"
        "        seen['fonts'] = sorted(f for f, ok in fonts._loaded.items() if ok)\n"
        "        seen['gc'] = gc.isenabled()\n"
        "    return painted(self, e)\n"
        "ui.app.QuitWhenPainted.event = event\n"
        f"assert main(['--quit-when-shown', '--data-dir', {str(tmp_path)!r}]) == 0\n"
        "print(seen['fonts'], seen['gc'])\n"
        "print(sorted(f for f, ok in fonts._loaded.items() if ok), gc.isenabled())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    at_first_paint, at_the_end = proc.stdout.strip().splitlines()
    assert at_first_paint == "[] False"  # English needs no font of its own; the collector is off
    from ui import fonts

    assert at_the_end == f"{sorted(fonts.FALLBACK_ORDER)} True"


def test_a_second_copy_brings_the_first_forward_and_exits(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    first = subprocess.Popen([sys.executable, "-m", "ui", "--data-dir", str(tmp_path / "d")],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        from PySide6.QtNetwork import QLocalSocket

        from ui.app import _server_name

        deadline = time.monotonic() + 30
        name = _server_name(tmp_path / "d")
        while time.monotonic() < deadline:  # wait until the first copy is listening
            sock = QLocalSocket()
            sock.connectToServer(name)
            if sock.waitForConnected(200):
                sock.disconnectFromServer()
                break
            time.sleep(0.2)
        second = subprocess.run([sys.executable, "-m", "ui", "--data-dir", str(tmp_path / "d")],
                                env=env, capture_output=True, text=True, timeout=30)
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first copy is still running
        # A different data folder is a different copy.
        other = run_app(["--quit-when-shown", "--data-dir", str(tmp_path / "e")])
        assert other.returncode == 0
    finally:
        first.terminate()
        first.wait(10)
        first.stdout.close()
        first.stderr.close()


def test_window_size_is_remembered(qtbot, tmp_path):
    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(tmp_path / "data")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.resize(700, 520)  # the offscreen screen is 800x600; restoreGeometry keeps a window on screen
    w.close()
    w2 = MainWindow(AppContext(tmp_path / "data"))
    qtbot.addWidget(w2)
    assert (w2.width(), w2.height()) == (700, 520)


def test_settings_change_text_size_and_theme_at_once(qtbot, window, ctx):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    settings = window.show_screen("settings")
    before = QApplication.instance().font().pointSizeF()
    qtbot.mouseClick(settings.size.rows["200"].radio, Qt.MouseButton.LeftButton)
    assert QApplication.instance().font().pointSizeF() == pytest.approx(before * 2)
    qtbot.mouseClick(settings.theme.rows["dark"].radio, Qt.MouseButton.LeftButton)
    assert QApplication.instance().palette().window().color().name() == "#1b1b1b"
    assert ctx.setting("appearance/text_size", 100) == 200 and ctx.setting("appearance/theme", "") == "dark"
    qtbot.mouseClick(settings.size.rows["100"].radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(settings.theme.rows["light"].radio, Qt.MouseButton.LeftButton)


def test_settings_database_address_is_checked_and_the_password_never_shown(qtbot, window, ctx):
    from PySide6.QtCore import Qt

    settings = window.show_screen("settings")
    assert not settings.url.isVisible()  # under "Advanced", for charities: not shown to every user
    qtbot.mouseClick(settings.advanced.toggle, Qt.MouseButton.LeftButton)
    assert settings.url.isVisible()
    qtbot.keyClicks(settings.url, "not an address")
    qtbot.mouseClick(settings.use_url, Qt.MouseButton.LeftButton)
    assert settings.errors.isVisible()
    settings.url.setText("postgresql+psycopg://worker:secret@db.example/kinship")
    qtbot.mouseClick(settings.use_url, Qt.MouseButton.LeftButton)
    assert ctx.database_url == "postgresql+psycopg://worker:secret@db.example/kinship"
    assert "secret" not in settings.data_where.text() and "db.example" in settings.data_where.text()
    qtbot.mouseClick(settings.use_file, Qt.MouseButton.LeftButton)
    assert ctx.database_url.startswith("sqlite:///")


def test_about_lists_the_data_checked_on_dates(qtbot, window):
    from ui.screens.about import about_text

    text = about_text(window.ctx)
    assert "Councils (153)" in text
    assert "Advice lines and services" in text
    # What changed in December 2026 (issue 10), listed for the people who use the app.
    assert "What changed in December 2026:" in text
    assert "day-one right from 6 April 2026" in text and "Step-parents can get Guardian's Allowance" in text


def test_about_opens_from_the_start_page(qtbot, window, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.informativeText()) or 0)
    start = window.show_screen("start")
    qtbot.mouseClick(start.about_button, Qt.MouseButton.LeftButton)
    assert shown and "Our information was last checked" in shown[0]


def test_the_database_address_comes_from_the_flag_then_settings_then_the_environment(tmp_path, monkeypatch):
    from kinship_app.store.engine import ENV_VAR
    from ui.context import DATABASE_ENV_VAR, AppContext

    assert DATABASE_ENV_VAR == ENV_VAR
    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://env@db/k")
    ctx = AppContext(tmp_path / "d")
    assert ctx.database_url == "postgresql+psycopg://env@db/k"
    ctx.set_database_url("postgresql+psycopg://setting@db/k")
    assert ctx.database_url == "postgresql+psycopg://setting@db/k"
    assert AppContext(tmp_path / "d", "postgresql+psycopg://flag@db/k").database_url == "postgresql+psycopg://flag@db/k"
    monkeypatch.delenv(ENV_VAR)
    ctx.set_database_url("")
    assert ctx.database_url == f"sqlite:///{tmp_path / 'd' / 'kinship.sqlite3'}"


NO_SCREEN = ("kinship-app needs a desktop screen to show its window. To use it without one, try: "
             "kinship-app assess case.json (see README).")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11/Wayland check is for Linux")
@pytest.mark.parametrize("how", ["module", "script"])
def test_no_screen_says_so_in_one_plain_line(tmp_path, how):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    script = os.path.join(os.path.dirname(sys.executable), "kinship-app")
    if how == "script" and not os.path.exists(script):
        pytest.skip("the kinship-app script is not installed next to this Python")
    command = [sys.executable, "-m", "ui"] if how == "module" else [script]
    done = subprocess.run([*command, "--data-dir", str(tmp_path / "data")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == NO_SCREEN + "\n"  # not Qt's "could not connect to display" and an abort
    assert not (tmp_path / "data").exists()  # nothing made on the way out


def test_no_screen_is_only_when_nothing_says_where_the_window_goes():
    from ui.app import no_screen

    assert no_screen([], {}, "linux")
    assert no_screen([], {"DISPLAY": ""}, "linux")
    assert not no_screen([], {"DISPLAY": ":0"}, "linux")
    assert not no_screen([], {"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not no_screen([], {"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not no_screen(["-platform", "offscreen"], {}, "linux")
    assert not no_screen([], {}, "win32") and not no_screen([], {}, "darwin")


def test_the_app_still_starts_where_a_platform_is_chosen(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([sys.executable, "-m", "ui", "--data-dir", str(tmp_path / "data"),
                           "--quit-when-shown"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "desktop screen" not in done.stderr


@pytest.mark.parametrize("argv", [
    [], ["--quit-when-shown"], ["--data-dir", "/tmp/k"], ["--data-dir=/tmp/k", "--database-url", "sqlite:///x.db"],
    ["--data-dir", "a", "--data-dir", "b"], ["-platform", "offscreen", "--data-dir", "d"], ["--data-d", "abbrev"], ["--quit"],
    ["--database-url=postgresql://u@h/db", "--quit-when-shown", "stray"], ["-style", "Fusion"],
])
def test_the_quick_flag_reading_agrees_with_argparse(argv):
    from ui.app import _parse_with_argparse, parse_args

    assert vars(parse_args(argv)) == vars(_parse_with_argparse(argv))


def test_a_flag_without_its_value_is_still_an_argparse_error():
    from ui.app import parse_args

    with pytest.raises(SystemExit) as stop:
        parse_args(["--data-dir"])
    assert stop.value.code == 2
