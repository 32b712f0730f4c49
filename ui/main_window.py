"""The main window: a navigation bar, a stacked screen area and an advice-line footer.

How a screen plugs in
---------------------
A screen is a self-contained ``QWidget`` built as ``Screen(ctx, ops, window)``:
``ctx`` is the ``ui.context.AppContext`` (data folder, settings, ``ctx.store()`` opened lazily,
``ctx.today()``), ``ops`` the ``ui.operations.Operations`` helper (run core calls, errors to a
dialog, ``ops.changed`` to refresh), ``window`` this ``MainWindow``. The screen may define:

- ``retranslate_ui()``: set every text through ``_()``; called again when the language changes;
- ``title() -> str``: the window title while it is shown;
- ``on_shown()``: called each time it is brought to the front (refresh, put focus on the heading);
- ``print_()``: what Ctrl+P does on this screen;
- ``clear_sensitive()``: forget anything on screen when "Hide this screen" is used.

A modal dialog a screen opens should be passed to ``window.watch_for_hide(dialog)`` before
``exec()``, so that Shift pressed three times still hides everything while it is open.

Register it in ``SCREENS`` below with its module, class name and navigation label. It is imported
and built the first time it is opened (start-up stays fast). Open screens with
``window.show_screen(key)``; a screen reached with arguments (a household, a letter) exposes its
own method, e.g. ``window.screen("households").open_household(id)``. To run a check for a saved
household, call ``window.check_household(household_id, child_id)``: it reads (off the UI thread) the
saved progress if any, else the child's saved facts as answers ("Check your answers" when they are
complete, ``casework.saved_answers``), autosaves every answer (``Store.save_progress``), and when the
person asks for the result ``casework.record_check`` merges the answers into the child's facts,
assesses them once and keeps the run: the result screen shows that stored run, the one History and
the letters show. The lower-level ``window.start_check(saver=..., answers=..., question=...,
assessor=..., on_finished=...)`` takes any ``saver(answers, question_id)`` and
``assessor(answers, as_of) -> casework.CheckResult`` (the quick check's when None).

Slow work (the store, assessments, letters' page pictures) goes through ``ops.run`` so the window
keeps answering; the footer shows "Working…" while it runs (ui/operations.py).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QMainWindow, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget,
)

from kinship_app.i18n import N_, _
from ui import theme
from ui.context import AppContext
from ui.operations import Operations
from ui.qtnames import Qt, set_enum
from ui.widgets import FlowLayout, button, label, restyle, set_button_text

APP_NAME = N_("Kinship care helper")

# key -> (module, class, navigation label or "" for no button)
SCREENS: dict[str, tuple[str, str, str]] = {
    "start": ("ui.screens.start", "StartScreen", N_("Start")),
    "check": ("ui.screens.check", "CheckScreen", ""),
    "households": ("ui.screens.households", "HouseholdsScreen", N_("Households")),
    "support": ("ui.screens.support", "SupportScreen", N_("Support near you")),
    "letters": ("ui.screens.letters", "LettersScreen", N_("Letters")),
    "settings": ("ui.screens.settings", "SettingsScreen", N_("Settings")),
    # An organisation's coordinator: workers, caseloads and the audit log (shown once one signs in).
    "team": ("ui.screens.team", "TeamScreen", N_("Team")),
    "first_run": ("ui.screens.first_run", "FirstRunScreen", ""),
}

SHIFT_PRESSES_TO_HIDE = 3
SHIFT_WINDOW_MS = 1500


class _ShiftWatcher(QObject):
    """Shift pressed three times in quick succession hides the screen, wherever the focus is.

    It watches the main window's QWindow, where every key press arrives once before Qt hands it to
    the focused widget; an application-wide filter would run Python for every event of every widget
    (it tripled the time to build the start screen)."""

    triggered = Signal()

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._times: list[int] = []

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() == Qt.Key.Key_Shift and not event.isAutoRepeat():
            from time import monotonic

            now = int(monotonic() * 1000)
            self._times = [t for t in self._times if now - t < SHIFT_WINDOW_MS] + [now]
            if len(self._times) >= SHIFT_PRESSES_TO_HIDE:
                self._times = []
                self.triggered.emit()
        elif event.key() != Qt.Key.Key_Shift:
            self._times = []
        return False


class HiddenScreen(QWidget):
    """What 'Hide this screen' leaves: nothing about kinship care, children or families."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        self.back = button("", "", None)
        lay.addWidget(self.back, 0, Qt.AlignmentFlag.AlignCenter)
        lay.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        set_button_text(self.back, _("Open again"))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # Laid out while hidden, the button can keep a width measured before the last change of
        # language or text size ("Otwórz ponownie" two pixels short at 200%): measure it again.
        self.back.updateGeometry()
        super().showEvent(event)


class _BusyIndicator(QWidget):
    """"Working…" with a moving bar, in the footer while the operations helper has work running.

    Shown only when the work lasts longer than a moment (BUSY_DELAY_MS), so quick saves do not
    make the footer flicker; the window keeps answering all the while."""

    BUSY_DELAY_MS = 300

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QProgressBar

        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.text = label("", "hint")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no end known: a moving bar
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(96)
        # No taller than it needs: the footer's box layout then centres it in its height.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        lay.addWidget(self.text)
        lay.addWidget(self.bar)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.BUSY_DELAY_MS)
        self._timer.timeout.connect(self.show)
        self.setObjectName("busy_indicator")
        self.hide()
        self.retranslate_ui()

    def set_busy(self, busy: bool) -> None:
        if busy:
            self._timer.start()
        else:
            self._timer.stop()
            self.hide()

    def retranslate_ui(self) -> None:
        self.text.setText(_("Working…"))
        self.bar.setAccessibleName(_("Working, please wait. You can keep using the app."))
        self.setAccessibleName(self.bar.accessibleName())


class MainWindow(QMainWindow):
    language_changed = Signal()
    screen_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, later: Any = None):
        """``later``: something with ``add(work)`` that runs work once the first frame is on screen
        (``ui.app.AfterFirstPaint``); the keyboard shortcuts and the application-state watch are
        set up then. Without it (tests, a second window) they are set up at once."""
        super().__init__(parent)
        self.ctx = ctx
        self._shown_once = False
        self.ops = Operations(self)
        self._screens: dict[str, QWidget] = {}
        self._nav: dict[str, Any] = {}
        self._current = ""
        self._hidden = False
        self.setObjectName("mainWindow")
        self.setMinimumSize(640, 480)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.topbar = QFrame()
        self.topbar.setProperty("role", "topbar")
        top = QHBoxLayout(self.topbar)
        top.setContentsMargins(16, 8, 16, 8)
        self.app_title = QLabel()
        self.app_title.setProperty("role", "apptitle")
        # At the top when the navigation wraps onto more rows: a column with a stretch below it (as an
        # item aligned to the top, without an alignment flag: see ui/qtnames.py).
        title_column = QVBoxLayout()
        title_column.setContentsMargins(0, 0, 0, 0)
        title_column.addWidget(self.app_title)
        title_column.addStretch(1)
        top.addLayout(title_column)
        nav_holder = QWidget()
        self.nav_layout = FlowLayout(nav_holder)
        top.addWidget(nav_holder, 1)
        for key, (module, _cls, text) in SCREENS.items():
            if not text or importlib.util.find_spec(module) is None:
                continue
            b = button("", "", lambda _c=False, k=key: self.show_screen(k))
            b.setObjectName(f"nav_{key}")
            self._nav[key] = b
            self.nav_layout.addWidget(b)
        self.help_button = button("", "", self.show_glossary)
        self.help_button.setObjectName("nav_help")
        self.nav_layout.addWidget(self.help_button)
        self.hide_button = button("", "hide", self.hide_screen)
        self.hide_button.setObjectName("hide_screen")
        self.nav_layout.addWidget(self.hide_button)
        outer.addWidget(self.topbar)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self._hidden_screen: HiddenScreen | None = None  # made when first used (hidden_screen)

        self.footer = QFrame()
        self.footer.setProperty("role", "panel")
        foot = QHBoxLayout(self.footer)
        foot.setContentsMargins(16, 6, 16, 6)
        self.footer_text = label("")
        foot.addWidget(self.footer_text, 1)
        self.busy_indicator = _BusyIndicator()
        foot.addWidget(self.busy_indicator)  # a box layout centres it in the footer's height
        self.ops.busy_changed.connect(self.busy_indicator.set_busy)
        outer.addWidget(self.footer)
        self.setCentralWidget(central)

        self._shift = _ShiftWatcher(self)
        self._shift.triggered.connect(self.hide_screen)

        # Shortcuts are keys (Qt enums: ui/qtnames.py), not drawn: set up after the first frame.
        if later is not None:
            later.add(self._make_actions)
        else:
            self._make_actions()
        self.retranslate_ui()
        self._restore_geometry()
        # Idle and session locking, the unlock page, the first-run passphrase choice (ui/locking.py).
        from ui.locking import LockController

        self.locking = LockController(self, later=later)
        self.account_changed(None)
        if not self.locking.start():
            self.show_screen("start")

    # -- screens ---------------------------------------------------------------------------------

    @property
    def hidden_screen(self) -> HiddenScreen:
        """What "Hide this screen" shows, made the first time it is needed."""
        if self._hidden_screen is None:
            self._hidden_screen = HiddenScreen()
            self._hidden_screen.back.clicked.connect(self.unhide)
            self.stack.addWidget(self._hidden_screen)
        return self._hidden_screen

    def screen(self, key: str) -> QWidget:
        """The screen for ``key``, built on first use."""
        if key not in self._screens:
            module, cls, _text = SCREENS[key]
            factory = getattr(importlib.import_module(module), cls)
            widget = factory(self.ctx, self.ops, self)
            widget.setObjectName(f"screen_{key}")
            self._screens[key] = widget
            self.stack.addWidget(widget)
        return self._screens[key]

    def first_run_if_needed(self) -> bool:
        """On the very first start (nothing in settings.ini yet), ask the language and the text size
        before anything else. ``ui.app.run`` calls it; returns True when the question is shown."""
        from ui.screens.first_run import needs_first_run

        if not needs_first_run(self.ctx):
            return False
        self.show_screen("first_run")
        return True

    def built_screens(self) -> dict[str, QWidget]:
        return dict(self._screens)

    def current_key(self) -> str:
        return self._current

    def show_screen(self, key: str) -> QWidget:
        if self._hidden:
            self.unhide()
        if self.locking.intercept(key):
            return self.locking.screen()
        widget = self.screen(key)
        self._current = key
        self.stack.setCurrentWidget(widget)
        for k, b in self._nav.items():
            current = "true" if k == key else "false"
            if b.property("current") != current:
                b.setProperty("current", current)
                # Before the window is first shown nothing in it has been polished: the style sheet
                # reads the property when it is (and restyle would build the Qt namespace early).
                if self._shown_once:
                    restyle(b)
            b.setAccessibleDescription(_("You are here") if k == key else "")
        self._update_title()
        shown = getattr(widget, "on_shown", None)
        if shown:
            shown()
        self.screen_changed.emit(key)
        return widget

    def account_changed(self, account: Any) -> None:
        """Who is signed in changed (an organisation's store): the Team screen is a coordinator's."""
        team = self._nav.get("team")
        if team is not None:
            coordinator = account is not None and getattr(account, "is_coordinator", False)
            team.setVisible(bool(coordinator or (account is None and self.ctx.is_organisation())))

    def start_check(self, saver: Callable[[dict, str], None] | None = None, answers: dict | None = None,
                    question: str | None = None, assessor: Callable[[dict, Any], Any] | None = None,
                    on_finished: Callable[[Any], None] | None = None) -> QWidget:
        """Open the check. ``saver(answers, question_id)`` is called (off the UI thread) after every
        answer; ``assessor(answers, as_of)`` turns the finished answers into a
        ``kinship_app.casework.CheckResult`` (off the UI thread; the quick check's, which saves
        nothing, when None); ``on_finished(result)`` is called once the result is shown."""
        check = self.screen("check")
        check.begin(answers=answers, question=question, saver=saver, assessor=assessor, on_finished=on_finished)
        return self.show_screen("check")

    def check_household(self, household_id: int, child_id: int | None = None) -> None:
        """Open the check for a saved household's child once its saved answers are read (off the UI
        thread): the finished check is saved, assessed once and kept by ``casework.record_check``."""
        ctx = self.ctx
        # Every autosave says which saved version it follows, so another editor's answers are never
        # silently replaced (a conflict is shown in words, with both sets of answers).
        version = {"saved": 0}

        def load() -> tuple[dict | None, str | None]:
            from kinship_app import casework

            store = ctx.store()
            progress = store.progress(household_id)
            version["saved"] = progress.version if progress is not None else 0
            if progress is not None and progress.child_id == child_id:
                return progress.answers, progress.question_id
            if child_id is not None:
                # Changing a finished check starts from what is saved: "Check your answers" when the
                # facts answer every question on their route, else the first question they leave open.
                household = store.get_household(household_id)
                return casework.saved_answers(household.child(child_id).facts, household.council), None
            return None, None

        def save(given: dict, where: str) -> None:
            from kinship_app.store import ConflictError

            try:
                version["saved"] = ctx.store().save_progress(household_id, given, where, child_id=child_id,
                                                             expected_version=version["saved"]).version
            except ConflictError as conflict:
                # Shown once, in words, with both sets of answers (the operations helper's dialog);
                # these answers stay on screen, and the next answer saves over the version just shown.
                theirs = conflict.theirs
                version["saved"] = theirs.version if theirs is not None else 0
                raise

        def assessor(given: dict, as_of: Any) -> Any:
            from kinship_app import casework

            if child_id is None:  # an unfinished check begun before the household had a child
                ctx.store().clear_progress(household_id)
                return casework.assess_answers(given, as_of)
            return casework.record_check(ctx.store(), household_id, child_id, given, as_of)

        def opened(loaded: tuple[dict | None, str | None]) -> None:
            answers, question = loaded
            self.start_check(saver=save, answers=answers, question=question, assessor=assessor)
            # A letter button on this child's result opens the household's own Letters.
            self.screen("check").letter_opener = (
                lambda letter_id: self._household_letter(household_id, child_id, letter_id))
            if child_id is not None:  # Estimate the allowance on this child's result saves with the household
                self.screen("check").estimate_saver = estimate_saver

        def estimate_saver(finances: dict, done: Callable[[Any], None]) -> None:
            as_of = ctx.today()

            def save() -> Any:
                # The estimate is a new row worked out from the household's facts as saved now, so it
                # follows the version saved now (no one's answers are overwritten by it).
                store = ctx.store()
                version = store.get_household(household_id).version
                return store.save_estimate(household_id, child_id, finances, as_of, expected_version=version)

            self.ops.run(save, done, changes="household")

        self.ops.run(load, opened)

    def _household_letter(self, household_id: int, child_id: int | None, letter_id: str) -> None:
        # The run the result shows is already recorded (casework.record_check, before it is shown).
        self.show_screen("households").open_letter(household_id, child_id, letter_id)

    def find_resumable(self, callback: Callable[[dict | None], None]) -> None:
        """The most recently changed household with an unfinished check, found off the UI thread."""
        if not self.ctx.store_exists():
            callback(None)  # never create a database just to look
            return

        def work() -> dict | None:
            store = self.ctx.store()
            for summary in store.list_households(limit=50):
                progress = store.progress(summary.id)
                if progress is not None:
                    return {"household_id": summary.id, "reference": summary.reference,
                            "child_id": progress.child_id}
            return None

        self.ops.run(work, callback, on_error=lambda exc: callback(None))

    def resume(self, found: dict) -> None:
        self.check_household(found["household_id"], found.get("child_id"))

    def _update_title(self) -> None:
        if self._hidden:
            self.setWindowTitle(" ")
            return
        widget = self._screens.get(self._current)
        title = getattr(widget, "title", None)
        words = title() if title else ""
        self.setWindowTitle(f"{words} – {_(APP_NAME)}" if words else _(APP_NAME))

    # -- hide this screen --------------------------------------------------------------------------

    def hide_screen(self) -> None:
        """Clear the window at once: a blank page, a blank title, minimised; unsaved answers are dropped."""
        self._hidden = True
        self.ops.forget_pending()  # a page still being read must not appear behind the blank one
        # Close any dialog on top first: it may show a family's details.
        app = QApplication.instance()
        for _attempt in range(10):  # dialogs may be stacked; never loop for ever
            modal = app.activeModalWidget() if app is not None else None
            if modal is None:
                break
            if hasattr(modal, "reject"):
                modal.reject()
            modal.hide()
        for widget in self._screens.values():
            clear = getattr(widget, "clear_sensitive", None)
            if clear:
                clear()
        self.topbar.hide()
        self.footer.hide()
        self.stack.setCurrentWidget(self.hidden_screen)
        self.setWindowTitle(" ")
        self.repaint()
        self.showMinimized()

    def unhide(self) -> None:
        self._hidden = False
        self.topbar.show()
        self.footer.show()
        self._current = ""
        self.show_screen("start")

    def is_hidden_screen(self) -> bool:
        return self._hidden

    # -- glossary, about, shortcuts ----------------------------------------------------------------

    def show_glossary(self, code: str = "") -> None:
        from ui.screens.glossary import GlossaryDialog

        dialog = GlossaryDialog(self, code)
        self.watch_for_hide(dialog)
        dialog.exec()

    def watch_for_hide(self, dialog: QWidget) -> None:
        """Let Shift x3 hide the screen while ``dialog`` (a separate window) has the keyboard."""
        dialog.winId()  # makes its QWindow now, before exec() shows it
        if dialog.windowHandle() is not None:
            dialog.windowHandle().installEventFilter(self._shift)
            self.locking.watch(dialog.windowHandle())

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ui.screens.about import about_text

        box = QMessageBox(self)
        box.setWindowTitle(_("About {app}").format(app=_(APP_NAME)))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(_(APP_NAME))
        box.setInformativeText(about_text(self.ctx))
        icon = QApplication.windowIcon()  # the app's own (ui/icon.py), set at start-up
        if not icon.isNull():
            box.setIconPixmap(icon.pixmap(64, 64))
        box.setAccessibleName(_("About {app}").format(app=_(APP_NAME)))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)  # Enter closes it; it has the keyboard
        self.watch_for_hide(box)
        box.exec()

    def _make_actions(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence, QShortcut

        def act(shortcut, handler, name: str) -> QAction:
            a = QAction(self)  # Qt.ShortcutContext.WindowShortcut, Qt's default for an action
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
            a.triggered.connect(handler)
            a.setObjectName(name)
            self.addAction(a)
            return a

        self.action_quit = act(QKeySequence.StandardKey.Quit, self.close, "action_quit")
        self.action_quit.setShortcuts([QKeySequence("Ctrl+Q")])
        self.action_print = act(QKeySequence("Ctrl+P"), self._print_current, "action_print")
        self.action_help = act(QKeySequence("F1"), lambda: self.show_glossary(self._glossary_hint()), "action_help")
        self.action_settings = act(QKeySequence("Ctrl+,"), lambda: self.show_screen("settings"), "action_settings")
        self.action_home = act(QKeySequence("Alt+Home"), lambda: self.show_screen("start"), "action_home")
        self.action_about = act(QKeySequence("Ctrl+Shift+A"), self.show_about, "action_about")
        # Escape twice would be easy to hit by accident; Shift x3 and the button are the quick exits.
        QShortcut(QKeySequence("Ctrl+Shift+H"), self, self.hide_screen)

    def _glossary_hint(self) -> str:
        widget = self._screens.get(self._current)
        hint = getattr(widget, "glossary_terms", None)
        terms = hint() if hint else ()
        return terms[0] if terms else ""

    def _print_current(self) -> None:
        widget = self._screens.get(self._current)
        handler = getattr(widget, "print_", None)
        if handler:
            handler()

    # -- language, theme, geometry -----------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.app_title.setText(_(APP_NAME))
        for key, b in self._nav.items():
            set_button_text(b, _(SCREENS[key][2]))
        set_button_text(self.help_button, _("Help and words (F1)"))
        set_button_text(self.hide_button, _("Hide this screen"),
                        _("Clears the window at once. You can also press Shift three times."))
        if self._hidden_screen is not None:
            self._hidden_screen.retranslate_ui()
        self.busy_indicator.retranslate_ui()
        self.footer_text.setText(_footer_text())
        for widget in self._screens.values():
            retranslate = getattr(widget, "retranslate_ui", None)
            if retranslate:
                retranslate()
        rtl = _is_rtl()
        if rtl != self.isRightToLeft():  # by name: ui/qtnames.py
            set_enum(self, "layoutDirection", "RightToLeft" if rtl else "LeftToRight")
        self._update_title()

    def apply_language(self, code: str) -> None:
        from kinship_app.i18n import set_language

        set_language(code)
        from ui import fonts, qt_language

        qt_language.apply(code)  # Qt's own words
        fonts.apply_language(code)  # the script's fonts
        app = QApplication.instance()
        if app is not None:
            app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if _is_rtl() else Qt.LayoutDirection.LeftToRight)
        self.retranslate_ui()
        self.language_changed.emit()

    def apply_appearance(self) -> None:
        app = QApplication.instance()
        theme.apply(app, str(self.ctx.setting("appearance/theme", "light")),
                    int(self.ctx.setting("appearance/text_size", 100)))

    def _restore_geometry(self) -> None:
        saved = self.ctx.settings.value("window/geometry")
        if saved is None or not self.restoreGeometry(saved):
            self.resize(1100, 780)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._shown_once = True
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and handle is not getattr(self, "_watched", None):
            handle.installEventFilter(self._shift)
            self.locking.watch(handle)
            self._watched = handle

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        for widget in self._screens.values():
            closing = getattr(widget, "on_closing", None)
            if closing:
                closing()
        if not self._hidden:
            self.ctx.set_setting("window/geometry", self.saveGeometry())
            self.ctx.settings.sync()
        # Work still running finishes (a save lands) but is not shown: the window is going.
        self.ops.forget_pending()
        self.ops.wait(5000)
        self.ctx.close_store()
        super().closeEvent(event)


def _is_rtl() -> bool:
    from kinship_app.i18n import is_rtl

    return is_rtl()


def _footer_text() -> str:
    from ui.advice import footer_line

    return footer_line()
