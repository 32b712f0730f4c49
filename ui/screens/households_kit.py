"""Small pieces the households, support and letters screens share, on top of ``ui.widgets``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget


def field_label(text: str, buddy: QWidget) -> QLabel:
    """A label tied to its field as buddy, so Qt names the field after it (screen readers)."""
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setBuddy(buddy)
    _name(buddy, text)
    return lab


def set_field_label(lab: QLabel, text: str) -> None:
    lab.setText(text)
    if lab.buddy() is not None:
        _name(lab.buddy(), text)


def _name(widget: QWidget, text: str) -> None:
    name = text.replace("&", "")
    widget.setAccessibleName(name)
    # An editable combo box's typing field takes the focus itself, so it needs the name too.
    edit = getattr(widget, "lineEdit", lambda: None)()
    if edit is not None:
        edit.setAccessibleName(name)


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class Panel(QWidget):
    """A screen's content without its own scrolling, so it can sit inside another page (a
    household's sections scroll together with the household's header) or in ``ScrollingScreen``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(14)

    def finish(self) -> None:
        self.body.addStretch(1)


def scroll_to_top(widget: QWidget) -> None:
    """Scroll the page that holds ``widget`` back to its top (after a step changes)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.verticalScrollBar().setValue(0)


def chosen_code(box) -> str | None:
    """The code of the item an editable combo box names: the one chosen, or the one whose name was
    typed in full (any case); None if the words typed name none."""
    typed = box.currentText().strip()
    if not typed:
        return None
    i = box.currentIndex()
    if i >= 0 and box.itemText(i).casefold() == typed.casefold():
        return box.itemData(i)
    i = box.findText(typed, Qt.MatchFlag.MatchFixedString)
    return box.itemData(i) if i >= 0 else None
