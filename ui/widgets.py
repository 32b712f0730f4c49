"""Shared widgets in the GOV.UK pattern, sized for large text and usable by keyboard.

Every focusable widget made here carries an accessible name (what a screen reader says), because a
label that is not a buddy leaves a control nameless in Qt (UX.md, "screen readers").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton, QFrame, QHBoxLayout, QLabel, QLayout, QLayoutItem, QPushButton, QScrollArea, QSizePolicy,
    QVBoxLayout, QWidget, QWidgetItem,
)

from kinship_app.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QRadioButton

CONTENT_MAX_WIDTH = 1100


def restyle(w: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used by a selector changed."""
    if not w.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # never polished yet: it is polished with the new property when first shown
    w.style().unpolish(w)
    w.style().polish(w)


def label(text: str = "", role: str = "", *, rich: bool = False) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        lab.setProperty("role", role)
    if rich:
        lab.setOpenExternalLinks(False)
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return lab


def heading(text: str = "", level: int = 1) -> QLabel:
    lab = label(text, "heading" if level == 1 else "subheading")
    lab.setAccessibleName(text)
    return lab


def button(text: str = "", role: str = "", on_click: Callable[[], None] | None = None) -> QPushButton:
    b = QPushButton(text)
    if role:
        b.setProperty("role", role)
    b.setAutoDefault(False)
    b.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    if on_click:
        b.clicked.connect(on_click)
    return b


def set_button_text(b: QAbstractButton, text: str, description: str = "") -> None:
    b.setText(text)
    b.setAccessibleName(text.replace("&", ""))
    if description:
        b.setAccessibleDescription(description)


class Page(QScrollArea):
    """A screen's scrolling page: vertical scrolling only, content wraps to the window's width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner.setObjectName("pageContent")
        outer = QHBoxLayout(inner)
        outer.setContentsMargins(24, 16, 24, 24)
        column = QWidget()
        column.setMaximumWidth(CONTENT_MAX_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.body = QVBoxLayout(column)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(14)
        outer.addWidget(column, 1)
        outer.addStretch(0)
        self.setWidget(inner)
        self.column = column
        # The page itself takes focus, so the arrow and Page Down keys scroll text between controls.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def finish(self) -> None:
        self.body.addStretch(1)

    def clear(self) -> None:
        _empty(self.body)


def _empty(layout: "QLayout") -> None:
    """Take everything out of ``layout``, rows of widgets included: a widget in a nested row left
    behind would stay on screen, in the old language, beside its rebuilt twin."""
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()
        elif item.layout() is not None:
            _empty(item.layout())
            item.layout().deleteLater()


def column(owner: QWidget, spacing: int = 8) -> QVBoxLayout:
    """A margin-free vertical layout filling ``owner``."""
    lay = QVBoxLayout(owner)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(spacing)
    return lay


def page_in(owner: QWidget) -> Page:
    """Give a screen its scrolling page."""
    page = Page()
    column(owner, 0).addWidget(page)
    return page


class Card(QFrame):
    def __init__(self, role: str = "card", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", role)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 14)
        self.layout_.setSpacing(8)

    def add(self, w: QWidget) -> QWidget:
        self.layout_.addWidget(w)
        return w


class _ClickLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class _FocusWatcher(QObject):
    """Paints the whole option row as focused: the bare radio indicator is too small to see."""

    def __init__(self, row: QWidget):
        super().__init__(row)
        self.row = row

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.row.setProperty("focused", "true" if event.type() == QEvent.Type.FocusIn else "false")
            restyle(self.row)
            for child in self.row.findChildren(QLabel):
                restyle(child)
        return False


class ChoiceRow(QFrame):
    """A radio button whose words wrap (QRadioButton's own text never wraps and would clip at 200%)."""

    def __init__(self, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtWidgets import QRadioButton  # not needed for the start page: loaded when first used

        self.code = code
        self.setProperty("role", "choice")
        self.radio = QRadioButton()
        self.radio.setObjectName(f"choice_{code}")
        self.radio.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.text = _ClickLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.clicked.connect(self.radio.click)
        self.text.setBuddy(self.radio)
        self.hint = label("", "hint")
        self.hint.hide()
        words = QVBoxLayout()
        words.setContentsMargins(0, 8, 0, 8)
        words.setSpacing(2)
        words.addWidget(self.text)
        words.addWidget(self.hint)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(8)
        row.addWidget(self.radio, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        self.setMinimumHeight(44)
        self.radio.installEventFilter(_FocusWatcher(self))

    def set_text(self, text: str, hint: str = "") -> None:
        self.text.setText(text)
        self.radio.setAccessibleName(text)
        self.radio.setAccessibleDescription(hint)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))


class ChoiceList(QWidget):
    """One answer from a list, none selected at first (GOV.UK radios). Arrow keys move between rows."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtWidgets import QButtonGroup

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.rows: dict[str, ChoiceRow] = {}
        self.group_labels: list[QLabel] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.group.buttonClicked.connect(lambda b: self.chosen.emit(self.value() or ""))

    def add_group_label(self, text: str) -> QLabel:
        lab = label(text, "subheading")
        self.group_labels.append(lab)
        self._layout.addWidget(lab)
        return lab

    def add_choice(self, code: str, text: str, hint: str = "") -> ChoiceRow:
        row = ChoiceRow(code)
        row.set_text(text, hint)
        self.group.addButton(row.radio)
        self.rows[code] = row
        self._layout.addWidget(row)
        return row

    def add_divider(self, text: str) -> QLabel:
        lab = label(text)
        self._layout.addWidget(lab)
        return lab

    def value(self) -> str | None:
        for code, row in self.rows.items():
            if row.radio.isChecked():
                return code
        return None

    def set_value(self, code: str | None) -> None:
        self.group.setExclusive(False)
        for c, row in self.rows.items():
            row.radio.setChecked(c == code)
        self.group.setExclusive(True)

    def first_radio(self) -> QRadioButton | None:
        for row in self.rows.values():
            if row.isVisible() or not self.isVisible():
                return row.radio
        return None

    def focus_first(self) -> None:
        chosen = self.value()
        target = self.rows[chosen].radio if chosen else self.first_radio()
        if target:
            target.setFocus(Qt.FocusReason.OtherFocusReason)


class ErrorSummary(QFrame):
    """'There is a problem' at the top of the page; it takes focus so a screen reader reads it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "error_summary")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 12, 16, 12)
        self.title = label("", "subheading")
        self._layout.addWidget(self.title)
        self._links: list[QPushButton] = []
        self.hide()

    def show_errors(self, errors: Iterable[tuple[str, QWidget | None]]) -> None:
        for link in self._links:
            link.deleteLater()
        self._links = []
        errors = list(errors)
        self.title.setText(_("There is a problem"))
        texts = []
        for text, target in errors:
            link = button(text, "link")
            link.setAccessibleName(text)
            link.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            if target is not None:
                link.clicked.connect(lambda _c=False, t=target: t.setFocus(Qt.FocusReason.OtherFocusReason))
            self._layout.addWidget(link)
            self._links.append(link)
            texts.append(text)
        self.setAccessibleName(_("There is a problem") + ": " + " ".join(texts))
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        for link in self._links:
            link.deleteLater()
        self._links = []
        self.hide()


class Disclosure(QWidget):
    """GOV.UK 'details': a toggle that shows more help in the page (never only a tooltip)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self.toggle = button("", "link", self._toggle)
        self.toggle.setCheckable(True)
        self.panel = Card("panel")
        self.text = label("")
        self.panel.add(self.text)
        self.panel.hide()
        lay.addWidget(self.toggle)
        lay.addWidget(self.panel)
        self._title = ""

    def set_content(self, title: str, text: str) -> None:
        self._title = title
        self.text.setText(text)
        self._update()

    def _toggle(self) -> None:
        self.panel.setVisible(self.toggle.isChecked())
        self._update()

    def _update(self) -> None:
        arrow = "▼ " if self.toggle.isChecked() else "▶ "
        self.toggle.setText(arrow + self._title)
        self.toggle.setAccessibleName(self._title)
        self.toggle.setAccessibleDescription(_("Shows more help") if not self.toggle.isChecked() else _("Hides the help"))


class FlowLayout(QLayout):
    """Lays widgets left to right and wraps to a new row, so a toolbar never forces sideways scrolling."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)

    def addWidget(self, w: QWidget) -> None:  # noqa: N802 (Qt API)
        self.addChildWidget(w)
        self.addItem(QWidgetItem(w))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt API)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt API)
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt API)
        size = QSize()
        for item in self._items:
            if item.widget() is None or item.widget().isVisibleTo(self.parentWidget()):
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            w = item.widget()
            if w is not None and not w.isVisibleTo(self.parentWidget()):
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(min(hint.width(), area.width()), hint.height())))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()
