"""One question per page (GOV.UK question pages): Back top left, the question as the heading, help
in the page, Continue bottom left, and an error summary at the top that takes focus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QScrollArea,
    QVBoxLayout, QWidget,
)

from kinship_app import flow
from kinship_app.glossary import BY_CODE
from kinship_app.i18n import _
from ui.widgets import ChoiceList, Disclosure, ErrorSummary, Page, button, column, heading, label, set_button_text


class QuestionPage(QWidget):
    """Shows one ``flow.Question``; emits ``answered(value)`` on a valid Continue, ``back`` on Back."""

    answered = Signal(object)
    back = Signal()
    glossary = Signal(str)

    def __init__(self, question: flow.Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question_{question.id}")
        # Back above the scrolling page and Continue below it: both always in view, whatever the
        # window height or text size (GOV.UK: Back top left, Continue bottom left).
        outer = column(self, 0)
        self.back_button = button("", "link", self.back.emit)
        self.back_button.setObjectName("back")
        outer.addWidget(_bar(self.back_button, "backbar"))
        self.page = Page()
        outer.addWidget(self.page, 1)
        b = self.page.body
        self.errors = ErrorSummary()
        b.addWidget(self.errors)
        self.caption = label("", "caption")
        b.addWidget(self.caption)
        self.heading = heading()
        b.addWidget(self.heading)
        self.error_text = label("", "error")
        self.error_text.hide()

        self.help = Disclosure()
        b.addWidget(self.help)
        self.term_buttons: list[tuple[str, Any]] = []
        terms = QHBoxLayout()
        terms.setSpacing(4)
        for code in question.glossary:
            if code in BY_CODE:
                tb = button("", "link", lambda _c=False, k=code: self.glossary.emit(k))
                tb.setObjectName(f"term_{code}")
                self.term_buttons.append((code, tb))
        if self.term_buttons:
            terms_box = QVBoxLayout()
            terms_box.setSpacing(0)
            for _code, tb in self.term_buttons:
                terms_box.addWidget(tb)
            b.addLayout(terms_box)
        b.addWidget(self.error_text)

        self.input = _make_input(question)
        b.addWidget(self.input)

        self.continue_button = button("", "primary", self._continue)
        self.continue_button.setObjectName("continue")
        outer.addWidget(_bar(self.continue_button, "actionbar"))
        self.page.finish()
        for key in ("Return", "Enter"):
            sc = QShortcut(QKeySequence(key), self, self._enter)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        q = self.question
        set_button_text(self.back_button, _("Back"))
        self.caption.setText(_("Check what support you can get"))
        self.heading.setText(_(q.title))
        self.heading.setAccessibleName(_(q.title))
        self.page.setAccessibleName(_(q.title))
        self.help.set_content(_(q.help_title), _(q.help))
        for code, tb in self.term_buttons:
            term = _(BY_CODE[code].term)
            set_button_text(tb, _("What does '{term}' mean?").format(term=term))
        set_button_text(self.continue_button, _("Continue"))
        self.input.retranslate_ui()
        if self.errors.isVisible():
            self._show_error(self._last_error)

    _last_error = ""

    def set_value(self, value: Any, extra: dict[str, Any] | None = None) -> None:
        self.errors.clear()
        self.error_text.hide()
        self.input.set_value(value, extra or {})

    def extra_answers(self) -> dict[str, Any]:
        return self.input.extra_answers()

    def focus_first(self) -> None:
        self.page.verticalScrollBar().setValue(0)
        self.input.focus_first()
        focused = self.focusWidget()
        if focused is not None:
            self.page.ensureWidgetVisible(focused, 50, 120)

    def _enter(self) -> None:
        # Enter on a focused button presses that button; on an answer it chooses that answer and
        # continues (a group of answers opens instead, with the keyboard in it); anywhere else it
        # means Continue.
        focused = self.focusWidget()
        if focused is not None and focused.inherits("QPushButton") and focused is not self.continue_button:
            focused.click()
            return
        if focused is not None and focused.inherits("QRadioButton") and not focused.isChecked():
            focused.click()
        if isinstance(self.input, GroupedChoiceInput) and self.input.open_group():
            return
        self._continue()

    def _continue(self) -> None:
        error = self.input.validate()
        if error:
            self._show_error(error)
            return
        self.errors.clear()
        self.error_text.hide()
        self.answered.emit(self.input.value())

    def _show_error(self, error: str) -> None:
        self._last_error = error
        self.error_text.setText(error)
        self.error_text.show()
        self.errors.show_errors([(error, self.input.focus_target())])


def _bar(w: QWidget, role: str) -> QFrame:
    """A strip outside the scrolling page holding one button, lined up with the page's text."""
    bar = QFrame()
    bar.setProperty("role", role)
    lay = QHBoxLayout(bar)
    top_bottom = 2 if role == "backbar" else 6
    lay.setContentsMargins(27, top_bottom, 24, top_bottom)  # lined up with the page's margin and focus frame
    lay.addWidget(w)
    lay.addStretch(1)
    return bar


def _make_input(q: flow.Question) -> "_Input":
    if q.kind == "age":
        return AgeInput(q)
    if q.kind == "council":
        return CouncilInput(q)
    if q.extra.get("groups"):
        return GroupedChoiceInput(q)
    return ChoiceInput(q)


class _Input(QWidget):
    def __init__(self, q: flow.Question):
        super().__init__()
        self.q = q

    def extra_answers(self) -> dict[str, Any]:
        return {}


class ChoiceInput(_Input):
    def __init__(self, q: flow.Question):
        super().__init__(q)
        lay = column(self)
        self.choices = ChoiceList()
        self._group_labels: list[tuple[QLabel, str]] = []
        self._divider: QLabel | None = None
        group = None
        for option in q.options:
            if option.code == flow.UNSURE and len(q.options) > 3:
                self._divider = self.choices.add_divider("")
            elif option.group and option.group != group:
                group = option.group
                self._group_labels.append((self.choices.add_group_label(""), group))
            self.choices.add_choice(option.code, "")
        lay.addWidget(self.choices)

    def retranslate_ui(self) -> None:
        for lab, text in self._group_labels:
            lab.setText(_(text))
        if self._divider is not None:
            self._divider.setText(_("or"))
        for option in self.q.options:
            self.choices.rows[option.code].set_text(_(option.text), _(option.hint) if option.hint else "")

    def set_value(self, value: Any, extra: dict[str, Any]) -> None:
        self.choices.set_value(value)

    def value(self) -> Any:
        return self.choices.value()

    def validate(self) -> str:
        return "" if self.choices.value() else _(self.q.error)

    def focus_first(self) -> None:
        self.choices.focus_first()

    def focus_target(self) -> QWidget | None:
        return self.choices.first_radio()


class GroupedChoiceInput(_Input):
    """A short list of groups; a group with several answers opens them under it when chosen (GOV.UK
    radios with a conditional reveal). The answer is always one of the question's own option codes."""

    def __init__(self, q: flow.Question):
        super().__init__(q)
        lay = column(self)
        self.groups = q.extra["groups"]
        self.top = ChoiceList()
        self.subs: dict[str, ChoiceList] = {}
        self._divider: QLabel | None = None
        options = {o.code: o for o in q.options}
        for code, _text, members in self.groups:
            if code == flow.UNSURE:
                self._divider = self.top.add_divider("")
            row = self.top.add_choice(code, "")
            if len(members) > 1:
                sub = ChoiceList()
                sub.setObjectName(f"within_{code}")
                for member in members:
                    sub.add_choice(member, "")
                sub.hide()
                self.subs[code] = sub
                # Straight under its group's row, so reading order and Tab order agree.
                self.top._layout.insertWidget(self.top._layout.indexOf(row) + 1, sub)
        self._options = options
        self.top.group.buttonToggled.connect(self._reveal)
        lay.addWidget(self.top)
        self._indent()

    def _indent(self) -> None:
        # Indented under its group on the side the reading starts from: a widget's own margins are
        # not mirrored in a right-to-left language, so they are set for the direction in use.
        rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for sub in self.subs.values():
            sub.setContentsMargins(0 if rtl else 40, 0, 40 if rtl else 0, 8)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._indent()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._indent()
        if self._divider is not None:
            self._divider.setText(_("or"))
        for code, text, members in self.groups:
            hint = ""
            if len(members) == 1 and members[0] in self._options and self._options[members[0]].hint:
                hint = _(self._options[members[0]].hint)
            self.top.rows[code].set_text(_(text), hint)
        for sub in self.subs.values():
            for code, row in sub.rows.items():
                option = self._options[code]
                row.set_text(_(option.text), _(option.hint) if option.hint else "")

    def _group_of(self, code: Any) -> str | None:
        return next((g for g, _t, members in self.groups if code in members), None)

    def _reveal(self, *args: Any) -> None:
        chosen = self.top.value()
        for code, sub in self.subs.items():
            sub.setVisible(code == chosen)
        if args and args[-1] and chosen in self.subs:  # a group just chosen: bring its answers into view
            QTimer.singleShot(0, lambda: self._show_answers_of(chosen))

    def _show_answers_of(self, code: str) -> None:
        # Once laid out: the answers the group opened, then its own row, in view (at 200% text they
        # can open below the window's edge, where a mouse user would not see that they appeared).
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        sub = self.subs.get(code)
        if area is None or sub is None or not sub.isVisible():
            return
        area.ensureWidgetVisible(sub, 0, 16)
        row = self.top.rows.get(code)
        if row is not None:
            area.ensureWidgetVisible(row, 0, 16)

    def set_value(self, value: Any, extra: dict[str, Any]) -> None:
        group = self._group_of(value)
        self.top.set_value(group)
        for code, sub in self.subs.items():
            sub.set_value(value if code == group else None)
        self._reveal()

    def value(self) -> Any:
        group = self.top.value()
        if group in self.subs:
            return self.subs[group].value()
        return group

    def validate(self) -> str:
        if self.top.value() is None:
            return _(self.q.error)
        if self.value() is None:  # a group chosen, but none of the answers it opened
            return _(self.q.extra["group_error"])
        return ""

    def focus_first(self) -> None:
        group = self.top.value()
        if group in self.subs and self.subs[group].value():
            self.subs[group].focus_first()
        else:
            self.top.focus_first()

    def open_group(self) -> bool:
        """A group is chosen but none of its answers yet: put the keyboard on its first answer."""
        group = self.top.value()
        if group in self.subs and self.subs[group].value() is None:
            self._reveal()
            self.subs[group].focus_first()
            return True
        return False

    def focus_target(self) -> QWidget | None:
        group = self.top.value()
        if group in self.subs:
            return self.subs[group].first_radio()
        return self.top.first_radio()


class AgeInput(_Input):
    def __init__(self, q: flow.Question):
        super().__init__(q)
        lay = column(self)
        self.age_label = label("")
        self.age = QLineEdit()
        self.age.setObjectName("age")
        self.age.setMaxLength(2)
        self.age.setMaximumWidth(160)
        self.age_label.setBuddy(self.age)
        self.unsure = QCheckBox()
        self.unsure.setObjectName("age_unsure")
        self.unsure.toggled.connect(self._update)
        self.age.textChanged.connect(self._update)
        self.disability_heading = heading("", 2)
        self.disability_hint = label("", "hint")
        self.disability = ChoiceList()
        for option in flow.YES_NO_UNSURE:
            self.disability.add_choice(option.code, "")
        self.disability_error = label("", "error")
        self.disability_error.hide()
        for w in (self.age_label, self.age, self.unsure, self.disability_heading, self.disability_hint,
                  self.disability_error, self.disability):
            lay.addWidget(w)
        self._update()

    def retranslate_ui(self) -> None:
        self.age_label.setText(_("Age in years"))
        self.age.setAccessibleName(_("Age in years"))
        self.age.setAccessibleDescription(_("For a baby under 1, enter 0"))
        self.unsure.setText(_("I'm not sure of the child's age"))
        self.disability_heading.setText(_("Does the child have a disability?"))
        self.disability_hint.setText(_("For example a long-term illness or condition that has a big effect on daily life"))
        for option in flow.YES_NO_UNSURE:
            self.disability.rows[option.code].set_text(_(option.text))

    def _age_number(self) -> int | None:
        text = self.age.text().strip()
        return int(text) if text.isdigit() else None

    def _update(self) -> None:
        self.age.setEnabled(not self.unsure.isChecked())
        show = not self.unsure.isChecked() and flow.needs_disability(self._age_number())
        for w in (self.disability_heading, self.disability_hint, self.disability):
            w.setVisible(show)
        if not show:
            self.disability_error.hide()

    def set_value(self, value: Any, extra: dict[str, Any]) -> None:
        self.unsure.setChecked(value == flow.UNSURE)
        self.age.setText(str(value) if isinstance(value, int) else "")
        self.disability.set_value(extra.get("disabled"))
        self.disability_error.hide()
        self._update()

    def value(self) -> Any:
        return flow.UNSURE if self.unsure.isChecked() else self._age_number()

    def extra_answers(self) -> dict[str, Any]:
        if self.value() != flow.UNSURE and flow.needs_disability(self._age_number()):
            return {"disabled": self.disability.value()}
        return {}

    def validate(self) -> str:
        self.disability_error.hide()
        if self.unsure.isChecked():
            return ""
        text = self.age.text().strip()
        if not text:
            return _(self.q.error)
        if not text.isdigit():
            return _("Enter the child's age as a number, like 9")
        if int(text) > flow.MAX_AGE:
            return _("The child's age must be {max} or under").format(max=flow.MAX_AGE)
        if flow.needs_disability(int(text)) and not self.disability.value():
            error = _("Select whether the child has a disability")
            self.disability_error.setText(error)
            self.disability_error.show()
            return error
        return ""

    def focus_first(self) -> None:
        (self.unsure if self.unsure.isChecked() else self.age).setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_target(self) -> QWidget | None:
        if self.disability_error.isVisible():
            return self.disability.first_radio()
        return self.age


class CouncilInput(_Input):
    """A search box over the 153 councils and the matching list; or 'I'm not sure'."""

    def __init__(self, q: flow.Question):
        super().__init__(q)
        lay = column(self)
        self.search_label = label("")
        self.search = QLineEdit()
        self.search.setObjectName("council_search")
        self.search_label.setBuddy(self.search)
        # Our own Clear button beside the box (Qt's built-in one sat over the box's thick border).
        self.clear_search = button("", "link", self._clear)
        self.clear_search.setObjectName("council_clear")
        search_row = QHBoxLayout()
        search_row.setSpacing(8)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.clear_search)
        self.list_label = label("", "hint")
        self.list = QListWidget()
        self.list.setObjectName("council_list")
        self.list.setMinimumHeight(220)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)
        self.list_label.setBuddy(self.list)
        self.unsure = QCheckBox()
        self.unsure.setObjectName("council_unsure")
        self.unsure.toggled.connect(self._update)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_single)
        lay.addWidget(self.search_label)
        lay.addLayout(search_row)
        for w in (self.list_label, self.list, self.unsure):
            lay.addWidget(w)
        self._councils: list[Any] | None = None

    def _all(self) -> list[Any]:
        if self._councils is None:
            from kinship_app.data import councils

            self._councils = councils.all()
            for c in self._councils:
                item = QListWidgetItem(_council_label(c))
                item.setData(Qt.ItemDataRole.UserRole, c.code)
                self.list.addItem(item)
        return self._councils

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("Search for your council"))
        self.search.setAccessibleName(_("Search for your council"))
        self.search.setPlaceholderText(_("For example Leeds or Kent"))
        set_button_text(self.clear_search, _("Clear"))
        self.clear_search.setAccessibleName(_("Clear the search"))
        self.list_label.setText(_("Councils that match"))
        self.list.setAccessibleName(_("Councils that match"))
        self.unsure.setText(_("I'm not sure which council"))

    def _filter(self, text: str) -> None:
        self._all()
        needle = " ".join(text.split()).casefold()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hide = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hide)
            if not hide and first is None:
                first = item
        current = self.list.currentItem()
        if (current is None or current.isHidden()) and first is not None and needle:
            self.list.setCurrentItem(first)

    def _clear(self) -> None:
        self.search.clear()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _pick_single(self) -> None:
        visible = [self.list.item(i) for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if len(visible) == 1:
            self.list.setCurrentItem(visible[0])

    def _update(self) -> None:
        for w in (self.search, self.clear_search, self.list):
            w.setEnabled(not self.unsure.isChecked())

    def set_value(self, value: Any, extra: dict[str, Any]) -> None:
        self._all()
        self.unsure.setChecked(value == flow.UNSURE)
        self.search.clear()
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == value:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
        self._update()

    def value(self) -> Any:
        if self.unsure.isChecked():
            return flow.UNSURE
        item = self.list.currentItem()
        if item is None or item.isHidden() or not item.isSelected():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def validate(self) -> str:
        return "" if self.value() else _(self.q.error)

    def focus_first(self) -> None:
        self._all()
        (self.unsure if self.unsure.isChecked() else self.search).setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_target(self) -> QWidget | None:
        return self.search


def _council_label(council: Any) -> str:
    if council.nice_name and council.nice_name != council.name:
        return f"{council.nice_name} ({council.name})"
    return council.name


def council_name(code: str) -> str:
    from kinship_app.data import councils

    c = councils.get(code)
    return _council_label(c) if c else code
