"""The lock screen: unlocking protected saved households, the first-run passphrase choice, and the
screen shown after the app locks itself (idle, or the computer's session locked or suspended).

While it shows, nothing about any family is on screen: the main window hides its navigation and
shows only this page. The screens underneath keep their state, so no unsaved edit is lost.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from kinship_app.i18n import _
from ui.qtnames import Qt
from ui.widgets import ChoiceList, ErrorSummary, button, heading, label, page_in, set_button_text

UNLOCK, RESUME, SETUP, SIGN_IN = "unlock", "resume", "setup", "sign_in"
DEFAULT_IDLE_MINUTES = 5
IDLE_SETTING = "security/idle_minutes"


def idle_minutes(ctx: Any) -> int:
    """The idle time before the app locks itself (a setting, 1 to 240 minutes; 5 by default)."""
    value = ctx.setting(IDLE_SETTING, DEFAULT_IDLE_MINUTES)
    return value if isinstance(value, int) and 1 <= value <= 240 else DEFAULT_IDLE_MINUTES
# Why the app locked itself: the words say so, so nobody thinks something broke.
REASONS = ("start", "idle", "session", "manual")


class LockScreen(QWidget):
    unlocked = Signal()

    def __init__(self, ctx: Any, ops: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.ctx, self.ops = ctx, ops
        self.mode, self.reason = UNLOCK, "start"
        self._busy = False
        self.page = page_in(self)
        b = self.page.body
        self.errors = ErrorSummary()
        b.addWidget(self.errors)
        self.heading = heading()
        b.addWidget(self.heading)
        self.intro = label("")
        b.addWidget(self.intro)

        self.choice = ChoiceList()
        self.choice.setObjectName("security_choice")
        self.choice.add_choice("passphrase", "")
        self.choice.add_choice("none", "")
        self.choice.chosen.connect(lambda _code: self._update_fields())
        b.addWidget(self.choice)

        self.name_label = label("")
        b.addWidget(self.name_label)
        self.name = QLineEdit()
        self.name.setObjectName("account_name")
        self.name_label.setBuddy(self.name)
        self.name.returnPressed.connect(self.submit)
        b.addWidget(self.name)
        self.pass_label = label("")
        b.addWidget(self.pass_label)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_label.setBuddy(self.passphrase)
        self.passphrase.returnPressed.connect(self.submit)
        b.addWidget(self.passphrase)
        self.confirm_label = label("")
        b.addWidget(self.confirm_label)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("passphrase_again")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_label.setBuddy(self.confirm)
        self.confirm.returnPressed.connect(self.submit)
        b.addWidget(self.confirm)
        self.status = label("", "hint")
        self.status.setObjectName("lock_status")
        b.addWidget(self.status)

        row = QHBoxLayout()
        self.go = button("", "primary", self.submit)
        self.go.setObjectName("unlock")
        self.go.setDefault(True)
        row.addWidget(self.go)
        row.addStretch(1)
        b.addLayout(row)
        self.page.finish()
        self.retranslate_ui()

    # -- modes ---------------------------------------------------------------------------------

    def show_mode(self, mode: str, reason: str = "start") -> None:
        self.mode, self.reason = mode, reason
        self.errors.clear()
        self.status.setText("")
        self.passphrase.clear()
        self.confirm.clear()
        self.name.clear()
        self.choice.set_value(None)
        self.retranslate_ui()
        self._update_fields()
        target = {UNLOCK: self.passphrase, SIGN_IN: self.name}.get(mode) or (
            self.choice.first_radio() if mode == SETUP else self.go)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_fields(self) -> None:
        setup, unlock = self.mode == SETUP, self.mode == UNLOCK
        self.choice.setVisible(setup)
        organisation = self.ctx.is_organisation()
        self.choice.rows["none"].setVisible(not organisation)
        signing_in = self.mode == SIGN_IN
        for w in (self.name_label, self.name):
            w.setVisible(signing_in)
        wants = unlock or signing_in or (setup and (organisation or self.choice.value() == "passphrase"))
        for w in (self.pass_label, self.passphrase):
            w.setVisible(wants)
        for w in (self.confirm_label, self.confirm):
            w.setVisible(setup and wants)

    def retranslate_ui(self) -> None:
        reasons = {
            "start": _("These saved households are protected by a passphrase."),
            "idle": _("The app locked itself because nobody used it for a while."),
            "session": _("The app locked itself because the computer was locked or went to sleep."),
            "manual": _("The app is locked."),
        }
        if self.mode == UNLOCK:
            self.heading.setText(_("Unlock saved households"))
            self.intro.setText(reasons.get(self.reason, reasons["manual"]) + " "
                               + _("Type the passphrase to carry on. Nothing you were doing has been lost."))
            set_button_text(self.go, _("Unlock"))
        elif self.mode == SIGN_IN:
            self.heading.setText(_("Sign in"))
            start = "" if self.reason == "start" else reasons.get(self.reason, reasons["manual"]) + " "
            self.intro.setText(start + _("Each worker signs in with their own name and passphrase or PIN, and "
                                         "sees only the caseloads shared with them."))
            set_button_text(self.go, _("Sign in"))
        elif self.mode == RESUME:
            self.heading.setText(_("The app is locked"))
            self.intro.setText(reasons.get(self.reason, reasons["manual"]) + " "
                               + _("Nothing is shown while it is locked. Select Carry on to go back to what "
                                   "you were doing."))
            set_button_text(self.go, _("Carry on"))
        else:
            self.heading.setText(_("Protect the saved households"))
            if self.ctx.is_organisation():
                self.intro.setText(_("Saved households hold private details about children and families. An "
                                     "organisation's saved households always need a passphrase: choose one "
                                     "that everyone who may open them will be told in person."))
            else:
                self.intro.setText(_("Saved households hold private details about children and families. A "
                                     "passphrase keeps them unreadable to anyone who gets hold of this computer "
                                     "or its files. Choose one now; you will type it each time you open them."))
            set_button_text(self.go, _("Continue"))
        self.heading.setAccessibleName(self.heading.text())
        self.page.setAccessibleName(self.heading.text())
        self.choice.rows["passphrase"].set_text(_("Use a passphrase (recommended)"),
                                    _("Several words you will remember, at least 8 characters. If it is "
                                      "forgotten, nobody can open the saved households: not even us."))
        self.choice.rows["none"].set_text(_("No passphrase"),
                                    _("Only if this computer is yours alone and nobody else can use your "
                                      "account: anyone who can open your files could read the households."))
        secret = _("Your passphrase or PIN") if self.mode == SIGN_IN else _("Passphrase")
        self.pass_label.setText(secret)
        self.passphrase.setAccessibleName(secret)
        self.name_label.setText(_("Your name"))
        self.name.setAccessibleName(_("Your name"))
        self.confirm_label.setText(_("Type the passphrase again"))
        self.confirm.setAccessibleName(_("Type the passphrase again"))

    # -- actions -------------------------------------------------------------------------------

    def submit(self) -> None:
        if self._busy:
            return
        self.errors.clear()
        if self.mode == RESUME:
            self.unlocked.emit()
            return
        if self.mode == SETUP:
            self._set_up()
            return
        if self.mode == SIGN_IN:
            name, secret = self.name.text().strip(), self.passphrase.text()
            problems = []
            if not name:
                problems.append((_("Type your name"), self.name))
            if not secret:
                problems.append((_("Type your passphrase or PIN"), self.passphrase))
            if problems:
                self.errors.show_errors(problems)
                return
            self._work(lambda: self.ctx.store().sign_in(name, secret))
            return
        text = self.passphrase.text()
        if not text:
            self.errors.show_errors([(_("Type the passphrase"), self.passphrase)])
            return
        self._run(text)

    def _set_up(self) -> None:
        choice = "passphrase" if self.ctx.is_organisation() else self.choice.value()
        if choice is None:
            self.errors.show_errors([(_("Choose whether to use a passphrase"), self.choice.first_radio())])
            return
        if choice == "none":
            self._work(lambda: self.ctx.set_up_security(None))
            return
        text = self.passphrase.text()
        from kinship_app.store.crypto import MIN_PASSPHRASE

        if len(text.strip()) < MIN_PASSPHRASE:
            self.errors.show_errors([(_("A passphrase needs at least {n} characters").format(n=MIN_PASSPHRASE),
                                      self.passphrase)])
            return
        if text != self.confirm.text():
            self.errors.show_errors([(_("The two passphrases are not the same"), self.confirm)])
            return
        self._work(lambda: self.ctx.set_up_security(text))

    def _run(self, text: str) -> None:
        if self.ctx.needs_unlock():
            self._work(lambda: self.ctx.unlock(text))
            return

        def check() -> None:
            if not self.ctx.check_passphrase(text):
                from kinship_app.store.crypto import WrongPassphraseError

                raise WrongPassphraseError()

        self._work(check)

    def _work(self, fn: Any) -> None:
        self._busy = True
        self.go.setEnabled(False)
        self.status.setText(_("Setting up…") if self.mode == SETUP else _("Checking…"))

        def done(_result: Any) -> None:
            self._busy = False
            self.go.setEnabled(True)
            self.status.setText("")
            self.passphrase.clear()
            self.confirm.clear()
            self.unlocked.emit()

        def failed(error: Exception) -> None:
            self._busy = False
            self.go.setEnabled(True)
            self.status.setText("")
            self.passphrase.clear()
            self.errors.show_errors([(str(error), self.passphrase)])

        self.ops.run(fn, done, on_error=failed)


class SecuritySettings(QWidget):
    """The Settings page's "Locking and passphrase" part: idle minutes, lock now, change passphrase."""

    def __init__(self, ctx: Any, ops: Any, window: Any, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtWidgets import QSpinBox, QVBoxLayout

        self.ctx, self.ops, self.window_ = ctx, ops, window
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading = heading("", 2)
        lay.addWidget(self.heading)
        self.errors = ErrorSummary()
        lay.addWidget(self.errors)
        self.idle_label = label("")
        lay.addWidget(self.idle_label)
        self.idle = QSpinBox()
        self.idle.setObjectName("idle_minutes")
        self.idle.setRange(1, 240)
        self.idle_label.setBuddy(self.idle)
        self.idle.valueChanged.connect(self._idle_changed)
        row = QHBoxLayout()
        row.addWidget(self.idle)
        self.lock_now = button("", "", lambda: self.window_.locking.lock("manual"))
        self.lock_now.setObjectName("lock_now")
        row.addWidget(self.lock_now)
        row.addStretch(1)
        lay.addLayout(row)
        self.change_label = label("")
        lay.addWidget(self.change_label)
        self.fields: list[tuple[Any, QLineEdit]] = []
        for name in ("old_passphrase", "new_passphrase", "new_passphrase_again"):
            lab = label("")
            field = QLineEdit()
            field.setObjectName(name)
            field.setEchoMode(QLineEdit.EchoMode.Password)
            lab.setBuddy(field)
            lay.addWidget(lab)
            lay.addWidget(field)
            self.fields.append((lab, field))
        row2 = QHBoxLayout()
        self.change = button("", "", self._change)
        self.change.setObjectName("change_passphrase")
        row2.addWidget(self.change)
        row2.addStretch(1)
        lay.addLayout(row2)
        self.status = label("", "hint")
        self.status.setObjectName("passphrase_status")
        lay.addWidget(self.status)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Locking and passphrase"))
        self.idle_label.setText(_("Lock the app after this many minutes without use"))
        self.idle.setAccessibleName(_("Minutes without use before the app locks"))
        self.idle.lineEdit().setAccessibleName(_("Minutes without use before the app locks"))
        set_button_text(self.lock_now, _("Lock now"))
        protected = self.ctx.is_protected()
        self.change_label.setText(_("Change the passphrase that protects the saved households. Every backup is "
                                    "changed too. Keep the new one safe: nobody can open the households without it.")
                                  if protected else
                                  _("Protect the saved households with a passphrase: the file and every backup are "
                                    "encrypted. Keep it safe: nobody can open the households without it."))
        words = ((_("Current passphrase"), _("New passphrase"), _("Type the new passphrase again")))
        for (lab, field), text in zip(self.fields, words):
            lab.setText(text)
            field.setAccessibleName(text)
        self.fields[0][0].setVisible(protected)
        self.fields[0][1].setVisible(protected)
        set_button_text(self.change, _("Change the passphrase") if protected else _("Set a passphrase"))

    def on_shown(self) -> None:
        self.idle.blockSignals(True)
        self.idle.setValue(idle_minutes(self.ctx))
        self.idle.blockSignals(False)
        self.retranslate_ui()
        local = self.ctx.sqlite_file() is not None
        for w in (self.change_label, self.change, *[x for pair in self.fields for x in pair]):
            w.setVisible(local and (w not in self.fields[0] or self.ctx.is_protected()))

    def _idle_changed(self, minutes: int) -> None:
        self.ctx.set_setting(IDLE_SETTING, int(minutes))
        self.window_.locking.apply_settings()

    def _change(self) -> None:
        from kinship_app.store.crypto import MIN_PASSPHRASE

        self.errors.clear()
        old, new, again = (field.text() for _lab, field in self.fields)
        protected = self.ctx.is_protected()
        problems = []
        if protected and not old:
            problems.append((_("Type the current passphrase"), self.fields[0][1]))
        if len(new.strip()) < MIN_PASSPHRASE:
            problems.append((_("A passphrase needs at least {n} characters").format(n=MIN_PASSPHRASE),
                             self.fields[1][1]))
        elif new != again:
            problems.append((_("The two passphrases are not the same"), self.fields[2][1]))
        if problems:
            self.errors.show_errors(problems)
            return

        def work() -> None:
            self.ctx.store().change_passphrase(old if protected else None, new, kdf=self.ctx.kdf)
            self.ctx._passphrase = new

        def done(_result: Any) -> None:
            for _lab, field in self.fields:
                field.clear()
            self.status.setText(_("The passphrase was changed. Use the new one from now on."))
            self.ctx.set_setting("security/choice", "passphrase")
            self.on_shown()

        def failed(error: Exception) -> None:
            for _lab, field in self.fields:
                field.clear()
            self.errors.show_errors([(str(error), self.fields[0][1] if protected else self.fields[1][1])])

        self.status.setText(_("Changing the passphrase…"))
        self.ops.run(work, done, on_error=failed)
