"""Keyboard only, counted (issue 11): real key events to whatever has the keyboard, from opening the
app (first run included) to a saved letter. No mouse, no widget ever shown as a window of its own.

What is counted: every key press. The letter's own details (typing them, and Tab between their
boxes) are counted apart, as "form keys": the target is for everything else."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QMainWindow, QMenu, QWidget
from test_households_helpers import household, ops, store  # noqa: F401 (fixtures)

LEEDS_TYPED = "Leeds"


class StrayWindows(QObject):
    """Records any widget shown as a window of its own (not the main window, a dialog or a menu)."""

    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            if not isinstance(obj, (QMainWindow, QDialog, QMenu)) and obj.metaObject().className() != "QTipLabel":
                self.seen.append(f"{obj.metaObject().className()} {obj.objectName()!r} {getattr(obj, 'text', lambda: '')()!r}")
        return False


class Keys:
    def __init__(self, qtbot, window):
        self.qtbot, self.window = qtbot, window
        self.count = 0
        self.form = 0
        self.log: list[str] = []

    def focus(self) -> QWidget:
        return QApplication.focusWidget() or self.window

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, form=False, times=1):
        for _ in range(times):
            self.log.append(f"{Qt.Key(key).name} on {self.focus().objectName() or type(self.focus()).__name__}")
            self.qtbot.keyClick(self.focus(), key, modifier)
            QApplication.processEvents()
            if form:
                self.form += 1
            else:
                self.count += 1

    def type(self, text, form=False):
        for ch in text:
            if ch == "\n":
                self.press(Qt.Key.Key_Return, form=form)
                continue
            self.qtbot.keyClicks(self.focus(), ch)
            if form:
                self.form += 1
            else:
                self.count += 1
        QApplication.processEvents()


def open_app(qtbot, ctx):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    w.ops.show_errors = False
    w.apply_appearance()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.first_run_if_needed()
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    QApplication.processEvents()
    return w


def save_dialog(monkeypatch, tmp_path, keys):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "saved" / "letter.pdf"
    target.parent.mkdir()

    def native(*_a, **_k):
        keys.count += 1  # Enter in the native save dialog, keeping the name it suggests
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(native))
    return target


def test_a_saved_support_summary_in_at_most_25_key_presses(qtbot, ctx, tmp_path, monkeypatch):
    stray = StrayWindows()
    QApplication.instance().installEventFilter(stray)
    try:
        window = open_app(qtbot, ctx)
        keys = Keys(qtbot, window)
        target = save_dialog(monkeypatch, tmp_path, keys)
        assert window.current_key() == "first_run"
        keys.press(Qt.Key.Key_Return)  # English, normal size
        assert window.current_key() == "start"
        keys.press(Qt.Key.Key_Return)  # Start now
        check = window.screen("check")
        for qid in ("relationship", "living"):
            assert check.current == qid
            keys.press(Qt.Key.Key_Return)  # Grandparent; 28 days or more
        assert check.current == "age"
        keys.type("9")
        keys.press(Qt.Key.Key_Return)
        for qid in ("order", "looked_after_before", "parents"):
            assert check.current == qid, keys.log
            keys.press(Qt.Key.Key_Return)  # a special guardianship order; yes; no
        assert check.current == "council"
        keys.type(LEEDS_TYPED)
        keys.press(Qt.Key.Key_Return)
        assert check.mode == "answers", keys.log
        keys.press(Qt.Key.Key_Return)  # See the result
        qtbot.waitUntil(lambda: check.mode == "result", timeout=30000)  # worked out off the UI thread
        assert check.assessment.category == "special_guardianship"
        keys.press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget().objectName() == "letter_support_summary", keys.log
        keys.press(Qt.Key.Key_Return)
        panel = window.screen("letters").panel
        assert panel.letter.id == "support_summary"
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=30000)  # a letter is made off the UI thread
        if panel.current is panel.details:  # the names are optional: Enter goes on without them
            keys.press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.current is panel.preview, timeout=30000)  # made off the UI thread
        keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(target.exists, timeout=30000)  # written off the UI thread
        assert target.read_bytes().startswith(b"%PDF")
        assert keys.count <= 25, (keys.count, keys.log)
        assert stray.seen == []
        print(f"support summary: {keys.count} key presses")
    finally:
        QApplication.instance().removeEventFilter(stray)


def fill_details(keys, panel):
    """Fill every required detail by keyboard: typing, and Tab from one box to the next (form keys)."""
    from ui.screens import letters_details as ld

    sample = {
        ld.TextField: "Sam Ward", ld.LongTextField: "none", ld.AddressField: "3 Hill Street\nLeeds\nLS2 7PQ",
        ld.PeopleField: "Jo Ward, 3 Hill Street, Leeds, LS2 7PQ",
    }
    fields = panel.details.form.fields
    for i, f in enumerate(fields):
        if not f.required:
            continue
        target = f.focus_widget()
        for _ in range(12):
            if QApplication.focusWidget() is target:
                break
            keys.press(Qt.Key.Key_Tab, form=True)
        assert QApplication.focusWidget() is target, (f.path, keys.log[-5:])
        if isinstance(f, ld.DateField):
            for part in ("1", "9", "2026"):
                keys.type(part, form=True)
                if part != "2026":
                    keys.press(Qt.Key.Key_Tab, form=True)
        elif isinstance(f, ld.AddressesField):
            keys.press(Qt.Key.Key_Tab, form=True)  # to "There are none"
            assert isinstance(QApplication.focusWidget(), QCheckBox)
            keys.press(Qt.Key.Key_Space, form=True)
        elif type(f) in sample:
            keys.type(sample[type(f)], form=True)
        else:
            keys.type("x", form=True)
    # Out of the last box to Continue (still the form's keys), then Enter.
    for _ in range(12):
        if QApplication.focusWidget() is panel.details.go:
            break
        keys.press(Qt.Key.Key_Tab, form=True)
    keys.press(Qt.Key.Key_Return)


def test_a_saved_private_fostering_notice_in_at_most_45_key_presses_plus_the_details(qtbot, ctx, tmp_path,
                                                                                      monkeypatch):
    stray = StrayWindows()
    QApplication.instance().installEventFilter(stray)
    try:
        window = open_app(qtbot, ctx)
        keys = Keys(qtbot, window)
        target = save_dialog(monkeypatch, tmp_path, keys)
        keys.press(Qt.Key.Key_Return)  # first run
        keys.press(Qt.Key.Key_Return)  # Start now
        check = window.screen("check")
        keys.press(Qt.Key.Key_Down, times=3)  # Another relative…
        keys.press(Qt.Key.Key_Return)  # …opens its answers, with the keyboard on the first
        keys.press(Qt.Key.Key_Down)  # Cousin
        keys.press(Qt.Key.Key_Return)
        assert check.answers.get("relationship") == "cousin", keys.log
        keys.press(Qt.Key.Key_Return)  # 28 days or more
        keys.type("9")
        keys.press(Qt.Key.Key_Return)
        assert check.current == "order"
        keys.press(Qt.Key.Key_Down, times=4)  # No, there is no court order
        keys.press(Qt.Key.Key_Return)
        assert check.current == "services"
        keys.press(Qt.Key.Key_Down, times=3)  # No, we arranged it in the family
        keys.press(Qt.Key.Key_Return)
        assert check.current == "parents"
        keys.press(Qt.Key.Key_Return)  # No
        keys.type(LEEDS_TYPED)
        keys.press(Qt.Key.Key_Return)
        keys.press(Qt.Key.Key_Return)  # See the result
        qtbot.waitUntil(lambda: check.mode == "result", timeout=30000)
        assert check.assessment.category == "private_fostering", keys.log
        for _ in range(4):
            if QApplication.focusWidget().objectName() == "action_letter_private_fostering_notice":
                break
            keys.press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget().objectName() == "action_letter_private_fostering_notice", keys.log
        keys.press(Qt.Key.Key_Return)
        panel = window.screen("letters").panel
        assert panel.letter.id == "private_fostering_notice" and panel.current is panel.details
        fill_details(keys, panel)
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=30000)  # made off the UI thread
        assert panel.current is panel.preview, (panel.details.errors.accessibleName(), keys.log[-6:])
        keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(target.exists, timeout=30000)  # written off the UI thread
        assert target.read_bytes().startswith(b"%PDF")
        assert keys.count <= 45, (keys.count, keys.log)
        assert stray.seen == []
        print(f"private fostering notice: {keys.count} key presses plus {keys.form} in the details form")
    finally:
        QApplication.instance().removeEventFilter(stray)


def test_enter_presses_the_focused_button_on_any_screen(qtbot, window):
    start = window.show_screen("start")
    start.households_button.setFocus()
    qtbot.keyClick(start.households_button, Qt.Key.Key_Return)
    assert window.current_key() == "households"


def test_focus_starts_on_something_that_shows_it_never_a_heading(qtbot, window):
    from PySide6.QtWidgets import QLabel

    for key in ("start", "households", "support", "letters", "settings"):
        window.show_screen(key)
        QApplication.processEvents()
        focused = QApplication.focusWidget()
        assert focused is not None and not isinstance(focused, QLabel), (key, focused)
        assert focused.focusPolicy() & Qt.FocusPolicy.TabFocus, (key, focused)


def test_a_households_sections_are_tab_stops_and_have_shortcuts(qtbot, window, household):
    screen = window.show_screen("households")
    screen.open_household(household.id)
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.view)
    view = screen.view
    overview = view.section_button("overview")
    assert QApplication.focusWidget() is overview
    reached = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    for key in ("actions", "history", "notes"):
        assert view.section_button(key) in reached, key
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert view.current_section() == "history" and QApplication.focusWidget() is view.section_button("history")
    qtbot.keyClick(view.section_button("notes"), Qt.Key.Key_Return)
    assert view.current_section() == "notes"
    assert [k for k in ("overview", "actions", "history", "notes") if view.section_button(k).isChecked()] == ["notes"]


def test_tab_follows_reading_order_on_check_your_answers_and_choosing_a_letter(qtbot, window):
    from check_driver import run_check, see_result

    answers = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
               "services": "family", "parents": "none", "council": "E08000035"}
    run_check(qtbot, window, answers)
    page = window.screen("check").answers_page
    order = [page.back_button, *page.answers.change_buttons.values(), page.see_button]
    for a, b in zip(order, order[1:]):
        assert a.nextInFocusChain() is b or _next_tab_stop(a) is b, (a.objectName(), b.objectName())
    see_result(qtbot, window)
    letters = window.show_screen("letters")
    choose = letters.panel.choose
    radios = [row.radio for row in choose.choices.rows.values()]
    assert QApplication.focusWidget() is radios[0]
    assert _next_tab_stop(radios[-1]) is choose.go  # the letters, then Continue


def _next_tab_stop(w):
    nxt = w.nextInFocusChain()
    while not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus and nxt.isVisible() and nxt.isEnabled()):
        nxt = nxt.nextInFocusChain()
    return nxt
