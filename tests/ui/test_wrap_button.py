"""Buttons whose words wrap (ui.widgets.WrapButton, made by ``button()``): a long translated link at
200% text is never wider than the window, and is still a button for the keyboard and screen reader."""

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout, QWidget

from ui import theme
from ui.widgets import WrapButton, button

LONG = "Otwórz list: Poproś o ocenę potrzeb w zakresie wsparcia przy specjalnej opiece (special guardianship)"


@pytest.fixture
def styled(qtbot):
    app = QApplication.instance()
    old = app.styleSheet(), app.font()
    theme.apply(app, "light", 200)
    yield
    app.setStyleSheet(old[0])
    app.setFont(old[1])


def column_with(qtbot, width, *buttons, direction=Qt.LayoutDirection.LeftToRight):
    holder = QWidget()
    holder.setLayoutDirection(direction)
    lay = QVBoxLayout(holder)
    for b in buttons:
        lay.addWidget(b)
    lay.addStretch(1)
    qtbot.addWidget(holder)
    holder.resize(width, 900)
    holder.show()
    qtbot.waitExposed(holder)
    for _ in range(4):
        QApplication.processEvents()
    return holder


def test_button_makes_a_wrapping_button_for_every_role(qtbot):
    for role in ("", "link", "primary"):
        b = button("Continue", role)
        assert isinstance(b, WrapButton) and b.hasHeightForWidth() and b.autoDefault()
        b.deleteLater()


def test_a_long_link_in_a_narrow_column_wraps_keeping_every_word(qtbot, styled):
    link = button(LONG, "link")
    _holder = column_with(qtbot, 420, link)
    one_line = link.sizeHint()
    assert one_line.width() > 420  # it would not fit on one line
    assert link.width() <= 420
    lines = link.lines(link.width())
    assert len(lines) >= 3
    assert " ".join(lines).split() == LONG.split()  # no word lost, none cut
    assert link.height() >= link.heightForWidth(link.width()) > one_line.height()
    widest = max(link.fontMetrics().horizontalAdvance(x) for x in lines)
    assert widest <= link.width()


def test_it_never_asks_for_less_than_its_longest_word(qtbot, styled):
    link = button(LONG, "link")
    longest = max(LONG.split(), key=lambda w: link.fontMetrics().horizontalAdvance(w))
    assert link.minimumSizeHint().width() >= link.fontMetrics().horizontalAdvance(longest)
    assert link.minimumSizeHint().width() < link.sizeHint().width()


def test_a_short_button_stays_on_one_line_at_its_own_width(qtbot, styled):
    short = button("Print", "")
    _holder = column_with(qtbot, 900, short)
    assert short.lines(short.width()) == ["Print"]
    assert short.size() == short.sizeHint()


def test_a_column_of_a_short_and_a_long_link_leaves_no_blank_space(qtbot, styled):
    # A vertical layout is as wide as its narrowest item's maximum: without the alignment the long link
    # was measured (wrapped) at the short one's width and given that height on one line.
    long_link, short_link = button(LONG[:60], "link"), button("Short", "link")
    _holder = column_with(qtbot, 1200, long_link, short_link)
    assert long_link.lines(long_link.width()) == [LONG[:60]]
    assert long_link.height() == long_link.heightForWidth(long_link.width()) == long_link.sizeHint().height()


def test_it_is_a_button_for_the_keyboard_and_the_screen_reader(qtbot, styled):
    link = button(LONG, "link")
    holder = column_with(qtbot, 420, link)
    holder.activateWindow()
    pressed = []
    link.clicked.connect(lambda: pressed.append(1))
    assert link.focusPolicy() & Qt.FocusPolicy.TabFocus
    link.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(link, Qt.Key.Key_Return)
    qtbot.keyClick(link, Qt.Key.Key_Space)
    qtbot.keyClick(link, Qt.Key.Key_Enter)
    assert len(pressed) == 3
    iface = QAccessible.queryAccessibleInterface(link)
    assert iface.text(QAccessible.Text.Name) == LONG
    assert iface.role() == QAccessible.Role.Button


def ink_rows(image, colour: QColor) -> list[int]:
    return [y for y in range(image.height()) if any(image.pixelColor(x, y) == colour for x in range(0, image.width(), 3))]


def test_the_focus_ring_covers_every_line(qtbot, styled):
    link = button(LONG, "link")
    holder = column_with(qtbot, 420, link)
    holder.activateWindow()
    link.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(link.hasFocus)
    image = link.grab().toImage()
    focus = QColor(theme.colours("light")["focus"])
    rows = ink_rows(image, focus)
    # the yellow focus background runs from the first line to the last, not one line only
    assert rows and rows[0] < image.height() * 0.2 and rows[-1] > image.height() * 0.8


def test_right_to_left_lines_start_at_the_right(qtbot, styled):
    text = "افتح الرسالة: اطلب تقييم دعم الوصاية الخاصة (special guardianship support assessment)"
    link = button(text, "link")
    _holder = column_with(qtbot, 420, link, direction=Qt.LayoutDirection.RightToLeft)
    assert len(link.lines(link.width())) >= 2
    right_edge = link.mapTo(link.window(), QPoint(link.width(), 0)).x()
    assert right_edge >= 420 - 20  # the button keeps to the leading (right) edge of the column
    image = link.grab().toImage()
    xs = [x for x in range(image.width()) for y in range(0, image.height(), 2) if image.pixelColor(x, y).lightness() < 140]
    assert max(xs) > image.width() * 0.85


def test_in_a_row_beside_words_it_wraps_rather_than_pushing_past_the_window(qtbot, styled):
    holder = QWidget()
    row = QHBoxLayout(holder)
    from ui.widgets import label

    row.addWidget(label("Some words beside the button"), 1)
    link = button(LONG, "link")
    row.addWidget(link)
    qtbot.addWidget(holder)
    holder.resize(700, 600)
    holder.show()
    qtbot.waitExposed(holder)
    for _ in range(4):
        QApplication.processEvents()
    assert link.geometry().right() <= 700
    assert holder.minimumSizeHint().width() <= 700
    assert link.height() >= link.heightForWidth(link.width())


def test_the_measured_padding_follows_the_role_and_the_style_sheet(qtbot, styled):
    """The padding and focus border a wrapped button leaves round its words are kept between layout
    passes; a change of role (a selector of the style sheet) or of the style sheet measures them again,
    even when the button's one-line size and font stay the same."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    from ui.widgets import restyle

    app = QApplication.instance()
    # A role whose only difference is a wider focus ring: same font, same size when not focused.
    app.setStyleSheet(app.styleSheet() + '\nQPushButton[role="ring"]:focus { border: 9px solid #000000; }')
    link, other = button(LONG, ""), button("Other", "")
    holder = column_with(qtbot, 420, link, other)
    other.setFocus(Qt.FocusReason.OtherFocusReason)  # not focused itself: its size is the same in both roles
    QApplication.processEvents()

    def measured() -> int:  # straight from the style, focused, as the button measures itself
        opt = QStyleOptionButton()
        link.initStyleOption(opt)
        opt.text = "X"
        opt.state |= QStyle.StateFlag.State_HasFocus
        line = link.fontMetrics().height()
        size = link.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, opt, QSize(100, line), link)
        return size.width() - 100

    plain, one_line, font = link._text_width(300), link.sizeHint(), link.font().key()
    assert plain == 300 - measured()
    link.setProperty("role", "ring")
    restyle(link)
    assert (link.sizeHint(), link.font().key()) == (one_line, font)
    assert link._text_width(300) == 300 - measured() == plain - 12  # 9px a side instead of 3px
    app.setStyleSheet(app.styleSheet() + '\nQPushButton[role="ring"]:focus { border: 3px solid #000000; }')
    for _ in range(2):
        QApplication.processEvents()
    assert link._text_width(300) == 300 - measured() == plain
    assert len(link.lines(link.width())) >= 2 and holder.isVisible()
