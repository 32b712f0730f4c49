"""A saved household's check survives a killed process: it reopens at the same question, answers kept."""

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt


from check_driver import answer, check_screen, page, see_result

LEEDS = "E08000035"

CHILD_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from kinship_app.store import ChildRecord
    from ui.context import AppContext
    from ui.main_window import MainWindow
    import check_driver

    class Bot:
        def mouseClick(self, w, button, pos=None):
            QTest.mouseClick(w, button, pos=pos)
        def keyClicks(self, w, text):
            QTest.keyClicks(w, text)

    ctx = AppContext(Path(sys.argv[1]))
    window = MainWindow(ctx)
    window.show()
    store = ctx.store()
    household = store.create_household(label="Ward family", council="E08000035",
                                       children=[ChildRecord(name="Ellis Ward")])
    child_id = household.children[0].id
    window.check_household(household.id, child_id)
    assert window.ops.wait()  # the saved answers are read off the UI thread
    bot = Bot()
    check_driver.answer(bot, window, "relationship", "grandparent")
    check_driver.answer(bot, window, "living", "28_plus")
    check_driver.answer(bot, window, "age", 11)
    assert window.ops.wait()  # each answer is saved off the UI thread; wait until they are
    print("READY", household.id, child_id, check_driver.check_screen(window).current, flush=True)
    time.sleep(120)
""")


def test_resume_after_the_process_is_killed(qtbot, tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", CHILD_SCRIPT, str(data), os.path.dirname(__file__)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert line.startswith("READY"), proc.stderr.read() if proc.poll() is not None else line
        _ready, household_id, child_id, current = line.split()
        assert current == "order"
        os.kill(proc.pid, signal.SIGKILL)  # no chance to save anything on the way out
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()

    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(data)
    window = MainWindow(ctx)
    window.ops.show_errors = False
    qtbot.addWidget(window)
    window.show()
    start = window.screen("start")
    qtbot.waitUntil(lambda: start.resume_button.isVisible(), timeout=10000)
    assert "Ward" not in start.resume_hint.text()  # a reference, not a family name, on a shared screen
    qtbot.mouseClick(start.resume_button, Qt.MouseButton.LeftButton)

    screen = check_screen(window)
    qtbot.waitUntil(lambda: window.current_key() == "check")
    assert screen.current == "order"  # the same question
    assert screen.answers == {"relationship": "grandparent", "living": "28_plus", "age": 11}
    qtbot.mouseClick(page(window).back_button, Qt.MouseButton.LeftButton)
    assert page(window).input.age.text() == "11"
    answer(qtbot, window, "age", 11)
    answer(qtbot, window, "order", "cao_lives_with")
    answer(qtbot, window, "looked_after_before", "no")
    answer(qtbot, window, "parents", "none")
    answer(qtbot, window, "council", LEEDS)
    results = see_result(qtbot, window)
    assert results.assessment.category == "child_arrangements_order"
    window.ops.wait()
    qtbot.waitUntil(lambda: ctx.store().progress(int(household_id)) is None, timeout=10000)

    store = ctx.store()
    runs = store.history(int(child_id))
    assert runs and runs[0].assessment.category == "child_arrangements_order"
    facts = store.get_household(int(household_id)).child(int(child_id)).facts
    assert facts["carer"]["relationship"] == "grandparent" and facts["child"]["age"] == 11
    window.close()


def test_a_failed_autosave_is_reported_and_the_check_carries_on(qtbot, window):
    reported = []
    window.ops.report = reported.append

    def broken_saver(answers, where):
        raise OSError("No space left on device")

    window.start_check(saver=broken_saver)
    answer(qtbot, window, "relationship", "grandparent")
    qtbot.waitUntil(lambda: bool(reported))  # saved off the UI thread: the failure comes back a moment later
    assert "No space left" in str(reported[0])
    assert check_screen(window).current == "living"  # the answer is kept and the check goes on
    assert check_screen(window).answers["relationship"] == "grandparent"
