"""A quick check leaves nothing on disk; "Hide this screen" clears the window at once."""

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QRadioButton

from check_driver import check_screen, page, run_check, see_result

LEEDS = "E08000035"
ANSWERS = {"relationship": "friend_of_family", "living": "28_plus", "age": 9, "order": "none",
           "services": "family", "parents": "none", "council": LEEDS}


def snapshot(root):
    out = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            st = os.stat(path)
            out[path] = (st.st_size, st.st_mtime_ns)
    return out


def test_a_quick_check_writes_nothing_to_disk(qtbot, window, tmp_path):
    before = snapshot(tmp_path)
    run_check(qtbot, window, ANSWERS)
    results = see_result(qtbot, window)
    assert results.assessment.category == "private_fostering"
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "data").exists()  # not even the data folder was made


def test_the_whole_app_run_on_a_temporary_home_writes_no_answers(tmp_path):
    """In a fresh process with HOME and the XDG folders pointed at a temporary folder."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_RUNTIME_DIR=str(tmp_path / "run"), QT_QPA_PLATFORM="offscreen", KINSHIP_DATABASE_URL="")
    (tmp_path / "run").mkdir(mode=0o700)
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(os.path.dirname(__file__))!r})
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from ui.context import AppContext
        from ui.main_window import MainWindow
        import check_driver

        class Bot:  # the few qtbot calls the driver uses, without pytest
            def mouseClick(self, w, button, pos=None):
                from PySide6.QtTest import QTest
                QTest.mouseClick(w, button, pos=pos)
            def keyClicks(self, w, text):
                from PySide6.QtTest import QTest
                QTest.keyClicks(w, text)

        window = MainWindow(AppContext())
        window.show()
        check_driver.run_check(Bot(), window, {ANSWERS!r})
        print(check_driver.see_result(Bot(), window).assessment.category)
    """)
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "private_fostering"
    written = [p for p in home.rglob("*") if p.is_file()]
    for path in written:  # Qt or fontconfig may leave caches; none may hold an answer
        data = path.read_bytes()
        assert b"friend_of_family" not in data and b"E08000035" not in data, path
    assert not any(p.suffix.startswith(".sqlite") for p in written), written


def test_hide_this_screen_button_clears_everything_at_once(qtbot, window):
    run_check(qtbot, window, ANSWERS)
    see_result(qtbot, window)
    qtbot.mouseClick(window.hide_button, Qt.MouseButton.LeftButton)
    assert window.is_hidden_screen()
    assert window.windowTitle().strip() == ""
    assert window.stack.currentWidget() is window.hidden_screen
    assert not window.topbar.isVisible() and not window.footer.isVisible()
    visible = [l.text() for l in window.findChildren(QLabel) if l.isVisible() and l.text()]
    assert visible == []
    screen = check_screen(window)
    assert screen.answers == {} and screen.assessment is None  # the quick check is forgotten
    qtbot.mouseClick(window.hidden_screen.back, Qt.MouseButton.LeftButton)
    assert window.current_key() == "start"
    window.show_screen("check")
    assert not any(r.isChecked() for r in page(window).findChildren(QRadioButton))


def test_shift_pressed_three_times_hides_the_screen(qtbot, window):
    run_check(qtbot, window, {"relationship": "parent", "employed": "no"})
    target = window.windowHandle()  # where a real key press arrives first
    qtbot.keyClick(target, Qt.Key.Key_Shift)
    qtbot.keyClick(target, Qt.Key.Key_Shift)
    assert not window.is_hidden_screen()
    qtbot.keyClick(target, Qt.Key.Key_Shift)
    assert window.is_hidden_screen()


def test_shift_presses_broken_by_typing_do_not_hide(qtbot, window):
    target = window.windowHandle()
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Shift, Qt.Key.Key_A, Qt.Key.Key_Shift):
        qtbot.keyClick(target, key)
    assert not window.is_hidden_screen()


def test_hiding_closes_a_dialog_and_shift_works_inside_it(qtbot, window):
    from PySide6.QtCore import QTimer

    from ui.screens.glossary import GlossaryDialog

    seen = []

    def press_shift_three_times():
        dialog = window.findChild(GlossaryDialog)
        seen.append(dialog is not None and dialog.isVisible())
        for _ in range(3):
            qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_Shift)

    QTimer.singleShot(100, press_shift_three_times)
    window.show_glossary("looked_after")  # modal: returns once the dialog is closed
    assert seen == [True]
    assert window.is_hidden_screen()
    assert not any(d.isVisible() for d in window.findChildren(GlossaryDialog))
