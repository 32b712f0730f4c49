"""Shared widgets in the GOV.UK pattern, sized for large text and usable by keyboard.

Every focusable widget made here carries an accessible name (what a screen reader says), because a
label that is not a buddy leaves a control nameless in Qt (UX.md, "screen readers").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Signal
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QBoxLayout, QFrame, QHBoxLayout, QLabel, QLayout, QLayoutItem, QPushButton,
    QScrollArea, QSizePolicy, QVBoxLayout, QWidget, QWidgetItem,
)

from kinship_app.i18n import _
from ui.qtnames import Qt, set_enum

if TYPE_CHECKING:
    from PySide6.QtWidgets import QRadioButton, QStyleOptionButton

CONTENT_MAX_WIDTH = 1100
# Qt::TextShowMnemonic: QFontMetrics.size takes the text flags as a plain int.
_TEXT_SHOW_MNEMONIC = 0x0800


def restyle(w: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used by a selector changed."""
    if not w.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # never polished yet: it is polished with the new property when first shown
    w.style().unpolish(w)
    w.style().polish(w)


def label(text: str = "", role: str = "", *, rich: bool = False) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    # By name: the start screen is drawn before the Qt namespace is built (ui/qtnames.py).
    set_enum(lab, "textFormat", "RichText" if rich else "PlainText")
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        lab.setProperty("role", role)
    if rich:
        lab.setOpenExternalLinks(False)
        set_enum(lab, "textInteractionFlags", "NoTextInteraction")
    return lab


def heading(text: str = "", level: int = 1) -> QLabel:
    lab = label(text, "heading" if level == 1 else "subheading")
    lab.setAccessibleName(text)
    return lab


class WrapButton(QPushButton):
    """A push button whose words wrap onto more lines when there is not room for them on one.

    QPushButton never wraps: a long translated link ("Otwórz list: Poproś o ocenę potrzeb…") at 200%
    text was wider than the window and was cut off. This is still a real QPushButton (Tab stop, Space
    and Enter press it, checkable, its accessible name is its text, the style sheet's focus ring and
    link look apply) that only lays its text out in lines: ``heightForWidth`` tells the layout how tall
    it is at a width, and it draws those lines through the style, so colours and the focus state are
    the style sheet's. Lines break where Unicode allows (between words; inside a word only when one
    word alone is wider than the space). ``text()`` stays the words as given.

    Layouts ask these sizes on every pass, so the common case costs next to nothing: at its one-line
    width or wider it answers with QPushButton's own size hint (which Qt keeps until the text, font
    or style changes), and its narrowest width is kept per text, font and one-line size. Only a
    width too narrow for one line measures lines through the style.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None):
        # The text set after: QPushButton(text, parent) is told from QPushButton(icon, text, parent) by
        # building the QIcon type (151 enum members) before the first frame.
        super().__init__(parent)
        self.setText(text)
        # Height for width through the size policy (QWidget's own hasHeightForWidth reads it), so
        # layouts never call into Python only to ask.
        policy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # The layout gives it the rectangle it asked for: the app's style (Fusion and its style sheet)
        # puts no "layout item" margins around a push button, so none are taken off the height it
        # needs for its lines (tests/ui/test_start_up_path.py holds this for every kind of button).
        self._cache: dict[tuple, list[str]] = {}
        self._narrowest: tuple[tuple, QSize] | None = None
        self._frame: tuple[tuple, int] | None = None

    # -- measuring (while the words fit on one line, Qt's own QPushButton code does everything) ----

    def _shown(self) -> str:
        """The text as drawn: a single '&' marks a keyboard shortcut and is not drawn ('&&' is '&')."""
        text = self.text()
        return re.sub(r"&(.)", r"\1", text, flags=re.DOTALL) if "&" in text else text

    def _content(self, lines: list[str]) -> QSize:
        joined = "\n".join(x.replace("&", "&&") for x in lines)
        return self.fontMetrics().size(_TEXT_SHOW_MNEMONIC, joined or "XXXX")

    def _measure(self, lines: list[str], content: QSize) -> QSize:
        """The button's size around text of size ``content``: the style's padding and border, measured
        as when it has the keyboard (the focus ring is the widest border), so it never needs more room
        when focused than the layout gave it."""
        from PySide6.QtWidgets import QStyle

        opt = self._option(lines)
        opt.state |= QStyle.StateFlag.State_HasFocus
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, opt, content, self)

    def _frame_width(self) -> int:
        """The style's padding and borders across the button, with the focus ring (``_measure``).

        Kept, and measured again whenever anything the style sheet's answer depends on here may
        have changed: the one-line size hint (Qt measures it again when the style, the font or the
        text changes), the font, the ``role`` and ``current`` properties the sheet's selectors
        read, and the widget's and the application's style sheets."""
        app = QApplication.instance()
        key = (super().sizeHint().toTuple(), self.font().key(), self.property("role"), self.property("current"),
               self.styleSheet(), app.styleSheet() if app is not None else "")
        if self._frame is None or self._frame[0] != key:
            line = self.fontMetrics().height()
            self._frame = (key, self._measure(["X"], QSize(100, line)).width() - 100)
        return self._frame[1]

    def _text_width(self, width: int) -> int:
        """How wide the text may be in a button ``width`` wide."""
        return max(1, width - self._frame_width())

    def lines(self, width: int) -> list[str]:
        """The text in lines that each fit a button ``width`` pixels wide (one line when it fits)."""
        if width >= super().sizeHint().width():
            return [self._shown()]
        text = self._shown()
        avail = self._text_width(width)
        key = (text, avail, self.font().key(), self.isRightToLeft())
        if key not in self._cache:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = self._break(text, avail)
        return self._cache[key]

    def _break(self, text: str, avail: int) -> list[str]:
        if not text or self._content([text]).width() <= avail:
            return [text]
        from PySide6.QtGui import QTextLayout, QTextOption

        layout = QTextLayout(text, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # No text direction: where lines break does not depend on it (only the order they are drawn in,
        # which the style does), and naming one would build the Qt namespace (ui/qtnames.py).
        layout.setTextOption(option)
        out: list[str] = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(avail)
            out.append(text[line.textStart():line.textStart() + line.textLength()].strip())
        layout.endLayout()
        return [x for x in out if x] or [text]

    def _option(self, lines: list[str]) -> QStyleOptionButton:
        from PySide6.QtWidgets import QStyleOptionButton

        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        opt.text = "\n".join(x.replace("&", "&&") for x in lines)
        return opt

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API) - as narrow as its widest word
        one = super().sizeHint()
        text = self.text()
        # The one-line size hint changes with the style, the font and the text; the font's key and
        # the text are in the key too, so a change that keeps the hint's size is still seen.
        key = (text, one.width(), one.height(), self.font().key())
        if self._narrowest is not None and self._narrowest[0] == key:
            return QSize(self._narrowest[1])
        words = self._shown().split()
        if len(words) < 2:
            size = one
        else:
            widest = max(self.fontMetrics().horizontalAdvance(w) for w in words)
            size = QSize(one.width() - self._content([self._shown()]).width() + widest, one.height())
        self._narrowest = (key, QSize(size))
        return size

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        one = super().sizeHint()
        if width >= one.width():
            return one.height()
        lines = self.lines(width)
        if len(lines) < 2:
            return one.height()
        return self._measure(lines, QSize(self._text_width(width), self._content(lines).height())).height()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._align_in_column()
        super().showEvent(event)

    # A button made by ``button()`` shows the pointing hand under the mouse. It is given when the mouse
    # first comes over it: a cursor shape is a Qt enum, and the start screen is drawn before the Qt
    # namespace is built (ui/qtnames.py).
    pointing_hand = False

    def enterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.pointing_hand and not self.testAttribute(Qt.WidgetAttribute.WA_SetCursor):
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        super().enterEvent(event)

    def _align_in_column(self) -> None:
        """In a column (a vertical box layout) the button keeps to its leading edge at its own width.

        A vertical layout is only as wide as the narrowest maximum of its items, and a button's maximum
        is its width on one line: so a column holding a short and a long button asked the long one how
        tall it is at the short one's width (wrapped) and gave it that space (blank) instead of to the
        text below. An item with an alignment has no such maximum; Qt then gives the button its own
        width, or the column's when that is narrower, and it wraps."""
        holder = self.parentWidget()
        layout = _layout_holding(holder.layout(), self) if holder is not None and holder.layout() else None
        if isinstance(layout, QBoxLayout) and layout.direction() in (QBoxLayout.Direction.TopToBottom,
                                                                     QBoxLayout.Direction.BottomToTop):
            index = layout.indexOf(self)
            if index >= 0 and not layout.itemAt(index).alignment():
                layout.setAlignment(self, Qt.AlignmentFlag.AlignLeading)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.width() >= super().sizeHint().width():
            super().paintEvent(event)  # on one line: QPushButton draws it
            return
        lines = self.lines(self.width())
        if len(lines) < 2:
            super().paintEvent(event)
            return
        from PySide6.QtWidgets import QStyle, QStylePainter

        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, self._option(lines))


def _layout_holding(layout: QLayout, w: QWidget) -> QLayout | None:
    """The layout, ``layout`` or one nested in it, that holds ``w`` as an item of its own."""
    if layout.indexOf(w) >= 0:
        return layout
    for i in range(layout.count()):
        inner = layout.itemAt(i).layout()
        found = _layout_holding(inner, w) if inner is not None else None
        if found is not None:
            return found
    return None


def button(text: str = "", role: str = "", on_click: Callable[[], None] | None = None) -> QPushButton:
    b = WrapButton(text)
    if role:
        b.setProperty("role", role)
    # Enter (or Return) on a focused button presses it, as Space does, on every screen: Qt only does
    # that for a button marked auto-default.
    b.setAutoDefault(True)
    b.pointing_hand = True
    if on_click:
        b.clicked.connect(on_click)
    return b


def on_its_own_row(w: QWidget) -> QHBoxLayout:
    """A row holding ``w`` at its own width on the leading side (a button wraps when the window is
    narrower). For a page's column: a button put straight into a column is aligned there when first
    shown (``WrapButton._align_in_column``), which reads a Qt enum; on the start screen, drawn before
    the Qt namespace is built (ui/qtnames.py), buttons sit on rows instead."""
    row = QHBoxLayout()
    row.addWidget(w)
    row.addStretch(1)
    return row


def tab_chain(widgets: Iterable[QWidget | None]) -> None:
    """Tab goes through these in this order (reading order), whatever order they were made in."""
    chain = [w for w in widgets if w is not None]
    for a, b in zip(chain, chain[1:]):
        QWidget.setTabOrder(a, b)


def focusables(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` that Tab stops at, in the order they were made."""
    return [w for w in root.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]


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
        set_enum(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner.setObjectName("pageContent")
        # Its height comes from the words wrapped at the page's width (height for width), never from
        # the minimum sizes of wrapped labels (measured as if narrow): those left pages of blank space.
        inner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
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
        set_enum(self, "focusPolicy", "StrongFocus")

    def finish(self) -> None:
        self.body.addStretch(1)

    def clear(self) -> None:
        clear_layout(self.body)


def clear_layout(layout: QLayout) -> None:
    """Empty a layout, nested layouts included: every widget in it is hidden and deleted (a label left
    in a nested layout would stay on screen under the next page's text)."""
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
            item.layout().deleteLater()


def print_with_preview(parent: QWidget, title: str, paint: Callable[..., None]) -> bool:
    """Print through a print preview (the pages as they will print, then the native print dialog).
    ``paint(printer)`` draws the document; returns True when it was sent to a printer."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.paintRequested.connect(paint)
    window = parent.window() if parent is not None else None
    if hasattr(window, "watch_for_hide"):
        window.watch_for_hide(dialog)
    dialog.resize(900, 700)
    return dialog.exec() == QPrintPreviewDialog.DialogCode.Accepted


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
        self._align_words()

    def _align_words(self) -> None:
        """The words start beside the radio mark, whatever their script: a label sets a paragraph by
        its own first letter, so "العربية" in an English list (or "English" in an Arabic one) stood at
        the far side of the row, away from its radio mark."""
        side = Qt.AlignmentFlag.AlignRight if self.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
        for words in (self.text, self.hint):
            words.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._align_words()
        super().changeEvent(event)

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
    """Lays widgets in reading order (left to right, or right to left in Arabic and Urdu) and wraps to
    a new row, so a toolbar never forces sideways scrolling. ``baseline=True`` sets the first lines
    of the words in a row on one baseline (a title and the words beside it, in different sizes);
    ``row_spacing`` is the space between rows (``spacing`` when not given)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, *, baseline: bool = False,
                 row_spacing: int | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._row_spacing = spacing if row_spacing is None else row_spacing
        self._baseline = baseline
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)

    def addWidget(self, w: QWidget) -> None:  # noqa: N802 (Qt API)
        # A widget item made and owned here (Python), as before issue 15's start-up round: the C++
        # QLayout.addWidget made Qt's caching item, owned on the C++ side but kept in this Python
        # list, and CI then twice caught a household page mid-relayout and once crashed building one
        # (a segmentation fault in test-later). Safety first; the start-up figure loses a little.
        self.addChildWidget(w)
        self.addItem(QWidgetItem(w))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt API)
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """Everything on one row: the size it would like. (Its smallest size is its widest item, and its
        height at any width comes from heightForWidth.) Qt asks the height for this width too, so a
        flow that has the room is never measured as if squeezed to its narrowest, every button wrapped."""
        width = height = 0
        for item in self._shown():
            hint = _natural_size(item)
            width += hint.width() + (self._spacing if width else 0)
            height = max(height, hint.height())
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt API)
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _shown(self) -> list[QLayoutItem]:
        """The items that take room: a hidden widget takes none."""
        parent = self.parentWidget()
        return [i for i in self._items if i.widget() is None or i.widget().isVisibleTo(parent)]

    def _place(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        rows: list[list[tuple[QLayoutItem, int, int, int]]] = [[]]  # (item, x, width, height)
        x = area.x()
        for item in self._shown():
            hint = _natural_size(item)
            if x + hint.width() > area.right() + 1 and rows[-1]:
                rows.append([])
                x = area.x()
            width, height = min(hint.width(), area.width()), hint.height()
            if width < hint.width() and item.hasHeightForWidth():  # too wide for a row of its own: it wraps
                height = item.heightForWidth(width)
            rows[-1].append((item, x, width, height))
            x += hint.width() + self._spacing
        mirrored = self.parentWidget() is not None and self.parentWidget().isRightToLeft()
        y = area.y()
        for row in rows:
            if not row:
                continue
            drops = [self._drop(item, row) for item, *_rest in row]
            line = max(drop + height for drop, (_i, _x, _w, height) in zip(drops, row))
            if move:
                for drop, (item, x, width, height) in zip(drops, row):
                    if mirrored:  # reading order runs from the right edge
                        x = area.x() + area.right() - (x + width - 1)
                    item.setGeometry(QRect(QPoint(x, y + drop), QSize(width, height)))
            y += line + self._row_spacing
        used = y - self._row_spacing if any(rows) else y
        return used - rect.y() + m.bottom()

    def _drop(self, item: QLayoutItem, row: list) -> int:
        """How far below the row's top ``item`` sits, so that first lines share a baseline."""
        if not self._baseline:
            return 0
        return max(_ascent(other) for other, *_rest in row) - _ascent(item)


def _natural_size(item: QLayoutItem) -> QSize:
    """An item's size on one line: a word-wrapped label's size hint is narrower than its words (Qt
    picks a pleasing shape), which would wrap a short title in a row with room for it."""
    w = item.widget()
    hint = item.sizeHint()
    if isinstance(w, QLabel) and w.wordWrap() and w.textFormat() == Qt.TextFormat.PlainText and w.text():
        m = w.contentsMargins()
        width = max(w.fontMetrics().horizontalAdvance(x) for x in w.text().split("\n"))
        width += m.left() + m.right() + 2 * w.margin() + 1
        if width > hint.width():
            return QSize(width, w.heightForWidth(width))
    return hint


def _ascent(item: QLayoutItem) -> int:
    """From the top of a laid-out item to the baseline of its first line of words."""
    w = item.widget()
    if isinstance(w, QLabel):
        return w.contentsMargins().top() + w.margin() + w.fontMetrics().ascent()
    return 0
