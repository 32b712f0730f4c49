"""The glossary of legal words (F1): a searchable list and the meaning, all reachable by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kinship_app.glossary import BY_CODE, TERMS
from kinship_app.i18n import _
from ui.widgets import heading, label


class GlossaryDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, code: str = ""):
        super().__init__(parent)
        self.setObjectName("glossary")
        self.setWindowTitle(_("Help: what the words mean"))
        self.resize(860, 560)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(_("What the words mean")))
        self.search_label = label(_("Search the words"))
        self.search = QLineEdit()
        self.search.setObjectName("glossary_search")
        self.search.setAccessibleName(_("Search the words"))
        self.search_label.setBuddy(self.search)
        lay.addWidget(self.search_label)
        lay.addWidget(self.search)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("glossary_terms")
        self.list.setAccessibleName(_("Words"))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)
        for term in TERMS:
            item = QListWidgetItem(_(term.term))
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            self.list.addItem(item)
        row.addWidget(self.list, 2)
        right = QVBoxLayout()
        self.term = heading("", 2)
        self.meaning = label("")
        self.meaning.setObjectName("glossary_meaning")
        self.source = label("", "hint")
        right.addWidget(self.term)
        right.addWidget(self.meaning)
        right.addWidget(self.source)
        right.addStretch(1)
        row.addLayout(right, 3)
        lay.addLayout(row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        close.setAccessibleName(_("Close"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.list.currentItemChanged.connect(self._show)
        self.search.textChanged.connect(self._filter)
        self.select(code or TERMS[0].code)
        self.list.setFocus()

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(i)

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        term = BY_CODE[item.data(Qt.ItemDataRole.UserRole)]
        self.term.setText(_(term.term))
        self.meaning.setText(_(term.meaning))
        self.source.setText(_("Source: {source}").format(source=term.source))

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            term = BY_CODE[item.data(Qt.ItemDataRole.UserRole)]
            hit = not needle or needle in _(term.term).casefold() or needle in _(term.meaning).casefold()
            item.setHidden(not hit)
