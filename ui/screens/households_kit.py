"""Small pieces the households, support and letters screens share, on top of ``ui.widgets``."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget


def field_label(text: str, buddy: QWidget) -> QLabel:
    """A label tied to its field as buddy, so Qt names the field after it (screen readers)."""
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setBuddy(buddy)
    buddy.setAccessibleName(text.replace("&", ""))
    return lab


def set_field_label(lab: QLabel, text: str) -> None:
    lab.setText(text)
    if lab.buddy() is not None:
        lab.buddy().setAccessibleName(text.replace("&", ""))


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
