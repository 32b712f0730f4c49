"""The passphrase dialogs of a household export and import (kinship_app/store/export_file.py).

An export is encrypted with a passphrase the person chooses here, typed twice. Saving it as plain
JSON instead is offered only where the store allows it (``Store.plain_export_allowed``: a carer's
own store, or a coordinator in an organisation), behind a tick box that says plainly who can read
such a file. Importing an encrypted file asks for its passphrase; a wrong one is said in the dialog,
which stays open to try again, and nothing is imported.

Both dialogs are opened with ``open()`` (window-modal, no nested event loop) and report through
their signals. The lock closes them (ui/locking.py), which forgets what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QStyle, QVBoxLayout, QWidget

from kinship_app.i18n import _
from kinship_app.store.crypto import MIN_PASSPHRASE
from ui.screens.households_kit import field_label
from ui.widgets import button, heading, label, page_in


class _Dialog(QDialog):
    """A scrolling page (wrapped text at 100% to 200% text, never taller than the screen) above a
    row of buttons that stays in view."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 16)
        outer.setSpacing(8)
        holder = QWidget()
        outer.addWidget(holder, 1)
        self.page = page_in(holder)
        self.body = self.page.body
        self.body.setSpacing(10)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(24, 0, 24, 0)
        outer.addLayout(self.buttons)

    def fit(self) -> None:
        """About 64 characters wide; as tall as the words need at that width, up to the screen's height."""
        self.ensurePolished()
        for child in self.findChildren(QWidget):
            child.ensurePolished()  # the style sheet's fonts, before anything is measured
        width = max(420, self.fontMetrics().averageCharWidth() * 64)
        screen = self.screen()
        limit = screen.availableGeometry() if screen is not None else None
        if limit is not None:
            width = min(width, limit.width() - 40)
        # measured as if a scroll bar took its share of the width, so that none is needed
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 8
        content = self.page.widget().heightForWidth(width - bar)
        height = max(content, 0) + self.buttons.sizeHint().height() + 32
        if limit is not None:
            height = min(height, limit.height() - 60)
        self.setMinimumWidth(min(width, 420))
        self.resize(width, height)

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 (Qt's name)
        super().setWindowTitle(title)
        self.page.setAccessibleName(title)  # the page takes focus (to scroll by keys): a screen reader names it

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.fit()


def _error_label() -> QLabel:
    lab = label("", "error")
    lab.setObjectName("dialog_error")
    lab.hide()
    return lab


def _show_error(dialog: _Dialog, lab: QLabel, words: str, field: QLineEdit) -> None:
    """The problem in words above the field it is about, which gets the focus (and the words as its
    description, so a screen reader reads them)."""
    lab.setText(words)
    lab.show()
    field.setAccessibleDescription(words)
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    dialog.fit()


def _clear_error(lab: QLabel, *fields: QLineEdit) -> None:
    lab.hide()
    lab.setText("")
    for f in fields:
        f.setAccessibleDescription("")


def _secret_field(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ExportDialog(_Dialog):
    """Choose how the export is protected. ``chosen`` carries the passphrase, or None for plain JSON."""

    chosen = Signal(object)

    def __init__(self, reference: str, *, plain_allowed: bool, organisation: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(_("Export household {reference}").format(reference=reference))
        layout = self.body
        layout.addWidget(heading(_("Protect the file with a passphrase"), 2))
        layout.addWidget(label(_(
            "The file holds everything saved about this household: names, addresses, answers, letters and "
            "notes. It is encrypted, so only someone who knows the passphrase can open it. Tell the passphrase "
            "to the person who will open the file another way: by phone or in person, not in the same email "
            "or on the same USB stick. It cannot be recovered if it is forgotten.")))
        self.passphrase = _secret_field("export_passphrase")
        layout.addWidget(field_label(_("Passphrase for this file (at least {n} characters)").format(
            n=MIN_PASSPHRASE), self.passphrase))
        self.error = _error_label()
        layout.addWidget(self.error)
        layout.addWidget(self.passphrase)
        self.again = _secret_field("export_passphrase_again")
        layout.addWidget(field_label(_("Type the passphrase again"), self.again))
        layout.addWidget(self.again)
        self.plain = QCheckBox(_("Save without a passphrase (plain JSON)"))
        self.plain.setObjectName("export_plain")
        self.plain_warning = label(
            _("Anyone who gets a plain file can read everything in it. In an organisation, only a coordinator "
              "can choose this, for a family that asked for a copy they can open in other programs, and the "
              "audit log records it.") if organisation else
            _("Anyone who gets a plain file can read everything in it. Choose this only for a copy you keep "
              "somewhere safe or want to open in other programs."), "hint")
        self.plain_allowed = plain_allowed
        self.plain.setVisible(plain_allowed)
        self.plain_warning.setVisible(False)
        self.plain.toggled.connect(self._plain_toggled)
        layout.addWidget(self.plain)
        layout.addWidget(self.plain_warning)
        row = self.buttons
        self.save = button(_("Choose where to save…"), "primary", self.submit)
        self.save.setObjectName("export_save")
        self.save.setDefault(True)
        self.cancel = button(_("Cancel"), "", self.reject)
        row.addWidget(self.save)
        row.addWidget(self.cancel)
        row.addStretch(1)
        self.page.finish()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        self.fit()

    def _plain_toggled(self, on: bool) -> None:
        self.plain_warning.setVisible(on)
        for w in (self.passphrase, self.again):
            w.setEnabled(not on)
        _clear_error(self.error, self.passphrase, self.again)
        self.fit()

    def submit(self) -> None:
        if self.plain_allowed and self.plain.isChecked():
            self.accept()
            self.chosen.emit(None)
            return
        text, again = self.passphrase.text(), self.again.text()
        if len(text.strip()) < MIN_PASSPHRASE:
            _show_error(self, self.error, _("Choose a passphrase of at least {n} characters: several words you "
                                            "will remember make a good one.").format(n=MIN_PASSPHRASE), self.passphrase)
            return
        if text != again:
            self.again.clear()
            _show_error(self, self.error, _("The two passphrases are not the same. Type it again."), self.again)
            return
        self.accept()
        self.chosen.emit(text)

    def done(self, result: int) -> None:
        # Nothing typed stays in a hidden widget once the dialog has closed.
        for w in (self.passphrase, self.again):
            w.clear()
        super().done(result)


class ImportPassphraseDialog(_Dialog):
    """Ask for an encrypted export's passphrase. ``chosen`` carries it; ``wrong()`` shows that it did
    not open the file and lets the person try again."""

    chosen = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("import_passphrase_dialog")
        self.setWindowTitle(_("Import a household"))
        layout = self.body
        layout.addWidget(heading(_("{name} is protected by a passphrase").format(name=name), 2))
        layout.addWidget(label(_("Type the passphrase that was chosen when the file was saved. Nothing is imported "
                                 "until it opens.")))
        self.passphrase = _secret_field("import_passphrase")
        layout.addWidget(field_label(_("Passphrase"), self.passphrase))
        self.error = _error_label()
        layout.addWidget(self.error)
        layout.addWidget(self.passphrase)
        self.passphrase.returnPressed.connect(self.submit)
        row = self.buttons
        self.open_button = button(_("Open and import"), "primary", self.submit)
        self.open_button.setObjectName("import_open")
        self.open_button.setDefault(True)
        self.cancel = button(_("Cancel"), "", self.reject)
        row.addWidget(self.open_button)
        row.addWidget(self.cancel)
        row.addStretch(1)
        self.page.finish()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        self.fit()

    def submit(self) -> None:
        text = self.passphrase.text()
        if not text:
            _show_error(self, self.error, _("Type the file's passphrase."), self.passphrase)
            return
        _clear_error(self.error, self.passphrase)
        self.open_button.setEnabled(False)  # until the passphrase has been tried (off the UI thread)
        self.chosen.emit(text)

    def wrong(self, words: str) -> None:
        self.open_button.setEnabled(True)
        self.passphrase.clear()
        _show_error(self, self.error, words, self.passphrase)

    def done(self, result: int) -> None:
        self.passphrase.clear()
        super().done(result)
