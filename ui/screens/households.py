"""Households: the support worker's list of families, and one household's page.

On a shared laptop the recent list shows references (KC-2026-0042), never names: a name appears
only when someone searched for it. Every change goes through the store's service layer via the
operations helper (errors become a plain-words dialog); the GUI never writes SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
    QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from kinship_app.i18n import _, format_date, ngettext
from ui import widgets
from ui.screens.households_kit import chosen_code, field_label, set_field_label

RECENT_LIMIT = 20  # households a page of the list (and of search results) shows
PLAIN_FILTER = "JSON (*.json)"


def _encrypted_filter() -> str:
    return _("Encrypted household") + " (*.kinship)"


def _import_filter() -> str:
    return _("Household files") + " (*.kinship *.json);;" + _("All files") + " (*)"


def _when(moment: dt.datetime | dt.date) -> str:
    return format_date(moment.date() if isinstance(moment, dt.datetime) else moment)


class HouseholdList(widgets.Page):
    """Search, recent households, create and import."""

    open_requested = Signal(int)
    create_requested = Signal()
    import_requested = Signal()
    page_requested = Signal(int)  # the first row of the page wanted (an offset)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = widgets.heading()
        self.intro = widgets.label()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label = field_label("", self.search)
        self.search_button = widgets.button(role="primary")
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.search_button)
        self.status = widgets.label()
        self.status.hide()
        self.list_title = widgets.heading(level=2)
        self.empty = widgets.label()
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setMinimumHeight(180)
        # A page at a time (the store reads one page from its indexes, never every household).
        self.page_label = widgets.label()
        self.previous_button = widgets.button()
        self.next_button = widgets.button()
        pager = QHBoxLayout()
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.previous_button)
        pager.addWidget(self.next_button)
        self.actions = widgets.FlowLayout()
        self.open_button = widgets.button(role="primary")
        self.create_button = widgets.button()
        self.import_button = widgets.button()
        for b in (self.open_button, self.create_button, self.import_button):
            self.actions.addWidget(b)
        for w in (self.title, self.status, self.intro, self.search_label):
            self.body.addWidget(w)
        self.body.addLayout(row)
        for w in (self.list_title, self.empty, self.results):
            self.body.addWidget(w)
        self.body.addLayout(pager)
        self.body.addLayout(self.actions)
        self.finish()

        self.search_button.clicked.connect(self._search)
        self.search.returnPressed.connect(self._search)
        self.results.itemActivated.connect(lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.open_button.clicked.connect(self._open_selected)
        self.create_button.clicked.connect(self.create_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.previous_button.clicked.connect(lambda: self.page_requested.emit(max(0, self._start - RECENT_LIMIT)))
        self.next_button.clicked.connect(lambda: self.page_requested.emit(self._start + RECENT_LIMIT))
        self._find: Callable[[str], list[Any]] | None = None
        self._showing_search = False
        self._rows: list[Any] = []
        self._start, self._total = 0, 0

    def retranslate_ui(self) -> None:
        self.title.setText(_("Households"))
        self.title.setAccessibleName(_("Households"))
        self.setAccessibleName(_("Households"))
        self.intro.setText(_("Find a household by a name or its reference. So that other people using this "
                             "computer cannot read names over your shoulder, the recent list shows "
                             "references only."))
        set_field_label(self.search_label, _("Name or reference"))
        widgets.set_button_text(self.search_button, _("Search"))
        widgets.set_button_text(self.open_button, _("Open household"))
        widgets.set_button_text(self.create_button, _("Create a household"))
        widgets.set_button_text(self.import_button, _("Import a household…"))
        widgets.set_button_text(self.previous_button, _("Previous page"))
        widgets.set_button_text(self.next_button, _("Next page"))
        self.results.setAccessibleName(_("Search results") if self._showing_search else _("Recent households"))
        self.show_rows(self._rows, self._showing_search, self._start, self._total)

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def set_finder(self, find: Callable[[str], list[Any]]) -> None:
        self._find = find

    def _search(self) -> None:
        if self._find is not None:
            self._find(self.search.text().strip())

    def _open_selected(self) -> None:
        item = self.results.currentItem()
        if item is None and self.results.count():
            item = self.results.item(0)
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def show_rows(self, rows: list[Any], searched: bool, start: int = 0, total: int | None = None) -> None:
        """One page: ``rows`` from row ``start`` of ``total`` households (or search results)."""
        self._rows, self._showing_search = list(rows), searched
        self._start, self._total = start, (start + len(rows) if total is None else total)
        self.list_title.setText(_("Search results") if searched else _("Recent households"))
        self.results.setAccessibleName(self.list_title.text())
        self.results.clear()
        for row in rows:
            parts = [row.reference]
            if searched:
                names = ", ".join(n for n in (*row.carer_names, *row.child_names) if n) or row.label
                if names:
                    parts.append(names)
            parts.append(_("changed {date}").format(date=_when(row.updated_at)))
            if row.open_actions:
                parts.append(ngettext("{n} thing to do", "{n} things to do", row.open_actions)
                             .format(n=row.open_actions))
            item = QListWidgetItem(" — ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)
        self.empty.setVisible(not rows)
        self.empty.setText(_("No household matches “{text}”.").format(text=self.search.text().strip())
                           if searched else _("No households are saved on this computer yet."))
        self.open_button.setEnabled(bool(rows))
        paged = self._total > RECENT_LIMIT or start > 0
        for w in (self.page_label, self.previous_button, self.next_button):
            w.setVisible(paged and bool(rows))
        if rows:
            self.page_label.setText(
                (_("Results {first:,} to {last:,} of {total:,}") if searched
                 else _("Households {first:,} to {last:,} of {total:,}, most recently changed first"))
                .format(first=start + 1, last=start + len(rows), total=self._total))
        self.previous_button.setEnabled(start > 0)
        self.next_button.setEnabled(start + len(rows) < self._total)


class CreateHousehold(widgets.Page):
    """The least a household needs: who the carer and child are, and the council area."""

    submitted = Signal(str, str, object)  # carer name, child name, council code or None
    cancelled = Signal()

    def __init__(self, councils, parent: QWidget | None = None):
        super().__init__(parent)
        self.back = widgets.button(role="link")
        self.title = widgets.heading()
        self.errors = widgets.ErrorSummary()
        self.intro = widgets.label()
        self.carer = QLineEdit()
        self.child = QLineEdit()
        self.council = QComboBox()
        self.council.setEditable(True)
        self.council.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.council.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        for c in councils.all():
            self.council.addItem(c.nice_name, c.code)
        self.council.setCurrentIndex(-1)
        self.carer_label = field_label("", self.carer)
        self.child_label = field_label("", self.child)
        self.council_label = field_label("", self.council)
        self.council_hint = widgets.label(role="hint")
        self.save = widgets.button(role="primary")
        for w in (self.back, self.title, self.errors, self.intro, self.carer_label, self.carer,
                  self.child_label, self.child, self.council_label, self.council_hint, self.council, self.save):
            self.body.addWidget(w)
        self.finish()
        self.back.clicked.connect(self.cancelled)
        self.save.clicked.connect(self._submit)

    def retranslate_ui(self) -> None:
        widgets.set_button_text(self.back, _("Back"))
        self.title.setText(_("Create a household"))
        self.title.setAccessibleName(self.title.text())
        self.setAccessibleName(self.title.text())
        self.intro.setText(_("You can add addresses and more children later. Answers to the check are saved "
                             "as they are given."))
        set_field_label(self.carer_label, _("Carer's name"))
        set_field_label(self.child_label, _("Child's name"))
        set_field_label(self.council_label, _("Council area where the carer lives"))
        self.council_hint.setText(_("Type to find it, for example Leeds. Leave it empty if you do not know."))
        widgets.set_button_text(self.save, _("Save household"))

    def reset(self) -> None:
        self.carer.clear()
        self.child.clear()
        self.council.setCurrentIndex(-1)
        self.council.setEditText("")
        self.errors.clear()

    def council_code(self) -> str | None:
        return chosen_code(self.council)

    def _submit(self) -> None:
        problems = []
        if not self.carer.text().strip():
            problems.append((_("Enter the carer's name"), self.carer))
        if not self.child.text().strip():
            problems.append((_("Enter the child's name"), self.child))
        typed = self.council.currentText().strip()
        if typed and self.council_code() is None:
            problems.append((_("Choose the council area from the list, or leave it empty"), self.council))
        if problems:
            self.errors.show_errors(problems)
            return
        self.errors.clear()
        self.submitted.emit(self.carer.text().strip(), self.child.text().strip(), self.council_code())


class HouseholdView(widgets.Page):
    """One household: a header, section buttons that wrap at large text, and the one section shown.
    Header and section scroll together, so at 200% text the header never crowds the section out."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.back = widgets.button(role="link")
        self.title = widgets.heading()
        self.subtitle = widgets.label()
        self.status = widgets.Card("panel")
        self.status_text = self.status.add(widgets.label())
        self.status.hide()
        self.section_bar = widgets.FlowLayout()
        # No QButtonGroup: Qt makes the checkable buttons of any group a single Tab stop (arrow
        # keys only), and each section must be a Tab stop of its own. show_section keeps exactly
        # one checked. Alt+1… open them too.
        self.body.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.title)
        self.body.addWidget(self.subtitle)
        self.body.addWidget(self.status)
        self.body.addLayout(self.section_bar)
        self.finish()
        self.back.clicked.connect(self.back_requested)
        self._buttons: dict[str, QPushButton] = {}
        self._pages: dict[str, QWidget] = {}

    def add_section(self, key: str, page: QWidget) -> QPushButton:
        b = widgets.button(role="section")
        b.setCheckable(True)
        # The app theme has no "selected" look for a button; a thick border in the selection
        # colour marks the section shown, and screen readers hear "checked".
        b.setStyleSheet("QPushButton:checked { border: 2px solid palette(highlight); "
                        "border-bottom: 6px solid palette(highlight); }")
        self.section_bar.addWidget(b)
        self.body.insertWidget(self.body.count() - 1, page)
        b.clicked.connect(lambda _c=False, k=key: self.show_section(k))
        if self._buttons:  # Tab goes from one section button to the next, as they read
            QWidget.setTabOrder(list(self._buttons.values())[-1], b)
        n = len(self._buttons) + 1
        if n <= 9:
            sc = QShortcut(QKeySequence(f"Alt+{n}"), self, lambda k=key: self._go_to_section(k))
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            b.setAccessibleDescription(_("Alt+{n}").format(n=n))
        self._buttons[key] = b
        self._pages[key] = page
        if len(self._buttons) == 1:
            b.setChecked(True)
        else:
            page.hide()
        return b

    def say(self, text: str) -> None:
        self.status_text.setText(text)
        self.status.setVisible(bool(text))

    def section_button(self, key: str) -> QPushButton:
        return self._buttons[key]

    def current_section(self) -> str:
        return next(k for k, b in self._buttons.items() if b.isChecked())

    def _go_to_section(self, key: str) -> None:
        self.show_section(key)
        self._buttons[key].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_section(self, key: str) -> None:
        for k, b in self._buttons.items():
            b.setChecked(k == key)
        for k, page in self._pages.items():
            page.setVisible(k == key)
        self.verticalScrollBar().setValue(0)


class HouseholdsScreen(QWidget):
    """The households screen, built as ``HouseholdsScreen(ctx, ops, window)`` (ui/main_window.py).

    From ``ctx`` it takes ``ctx.store`` (a callable: the store is opened on first use, so a quick
    check that never comes here leaves nothing on disk), the ``ctx.today`` clock and the data
    folder. A child's answers are changed in the main window's check flow, which saves each answer
    to the store as it is given.
    """

    household_opened = Signal(int)

    def __init__(self, ctx, ops, window=None, councils=None, parent: QWidget | None = None):
        super().__init__(parent)
        if councils is None:
            from kinship_app.data import councils
        self.ctx, self.window_ = ctx, window
        self._store, self._today, self._ops = ctx.store, ctx.today, ops
        self._data_dir = Path(ctx.data_dir)
        self._councils = councils
        self.household: Any = None
        self.estimates: list[Any] = []  # the open household's allowance estimates, newest first
        self.estimate_dialog: Any = None
        self._estimates_shown: tuple = ()
        self._searched = ""  # the text of the search being paged through

        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.list_page = HouseholdList()
        self.list_page.set_finder(self.find)
        self.list_page.page_requested.connect(self._show_page)
        self.create_page = CreateHousehold(councils)
        self.view = HouseholdView()
        from ui.screens.households_people import PeopleEditor

        self.people_page = PeopleEditor(self)
        for page in (self.list_page, self.create_page, self.view, self.people_page):
            self.stack.addWidget(page)
        self.people_page.saved.connect(lambda record: self.open_household(record.id))
        self.people_page.cancelled.connect(lambda: self.stack.setCurrentWidget(self.view))
        self.list_page.open_requested.connect(self.open_household)
        self.list_page.create_requested.connect(self._start_create)
        self.list_page.import_requested.connect(self.import_household)
        self.create_page.cancelled.connect(self.show_list)
        self.create_page.submitted.connect(self._create)
        self.view.back_requested.connect(self.show_list)

        from ui.screens.households_sections import (
            ActionsSection, HistorySection, NotesSection, OverviewSection,
        )
        self.overview = OverviewSection(self)
        self.actions = ActionsSection(self)
        self.history = HistorySection(self)
        self.notes = NotesSection(self)
        self._extra_sections: list[Any] = []
        for key, page in (("overview", self.overview), ("actions", self.actions),
                          ("history", self.history), ("notes", self.notes)):
            self.view.add_section(key, page)
        self._add_letters_and_support()

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        if hasattr(ops, "changed"):
            ops.changed.connect(self._on_changed)
        self.retranslate_ui()

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def store(self) -> Any:
        return self._store()

    @property
    def today(self) -> Callable[[], dt.date]:
        return self._today

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            changes: str = "") -> None:
        """Store work off the UI thread (ui/operations.py). ``fn`` must not touch widgets: read what
        it needs from them before, and show its result in ``on_done``."""
        self._ops.run(fn, on_done, changes=changes)

    def _add_letters_and_support(self) -> None:
        from ui.screens.letters import LettersPanel
        from ui.screens.support import SupportPanel

        self.letters = LettersPanel(today=self._today, ops=self._ops, store=self._store)
        self.letters.letter_recorded.connect(lambda _id: self.reload())
        self.support = SupportPanel(today=self._today, data_dir=self._data_dir)
        self.view.add_section("letters", self.letters)
        self.view.add_section("support", self.support)
        self._extra_sections = [self.letters, self.support]

    def retranslate_ui(self) -> None:
        self.list_page.retranslate_ui()
        self.create_page.retranslate_ui()
        self.people_page.retranslate_ui()
        widgets.set_button_text(self.view.back, _("Back to households"))
        self.view.setAccessibleName(_("Household"))
        titles = {"overview": _("Overview"), "actions": _("Things to do"), "history": _("History"),
                  "notes": _("Notes"), "letters": _("Letters"), "support": _("Support near you")}
        for key, text in titles.items():
            widgets.set_button_text(self.view.section_button(key), text)
        for section in (self.overview, self.actions, self.history, self.notes, *self._extra_sections):
            section.retranslate_ui()
        if self._estimates_shown and self.household is not None:
            self._show_estimates(*self._estimates_shown)  # the overview was built again in the new language
        self._show_header()

    def _focus_search(self) -> None:
        self.show_list()
        self.list_page.search.setFocus()

    def _on_changed(self, what: str) -> None:
        if what == "household" and self.household is not None and self.stack.currentWidget() is self.view:
            self.reload()

    # -- the list ------------------------------------------------------------------------------

    def show_list(self) -> None:
        self.list_page.say("")
        self._close_estimate()
        self.household = None
        self.letters.set_household(None, None)
        self.stack.setCurrentWidget(self.list_page)
        self._list_page(0)
        self.list_page.search.setFocus()

    def _list_page(self, start: int) -> None:
        def read() -> tuple[list[Any], int]:
            store = self.store
            return store.list_households(limit=RECENT_LIMIT, offset=start), store.count_households()

        self.run(read, lambda got: self.list_page.show_rows(got[0], False, start, got[1]))

    def find(self, text: str, start: int = 0) -> None:
        if not text:
            self.show_list()
            return

        def read() -> tuple[list[Any], int]:
            store = self.store
            return store.search(text, limit=RECENT_LIMIT, offset=start), store.count_search(text)

        self._searched = text
        self.run(read, lambda got: self.list_page.show_rows(got[0], True, start, got[1]))

    def _show_page(self, start: int) -> None:
        if self.list_page._showing_search:
            self.find(self._searched, start)
        else:
            self._list_page(start)
        self.list_page.results.setFocus()

    def _start_create(self) -> None:
        self.create_page.reset()
        self.stack.setCurrentWidget(self.create_page)
        self.create_page.carer.setFocus()

    def _create(self, carer: str, child: str, council: str | None) -> None:
        from kinship_app.store.records import CarerRecord, ChildRecord

        def create():
            return self.store.create_household(
                carers=[CarerRecord(name=carer)], children=[ChildRecord(name=child)],
                council=council)

        self.run(create, lambda record: self.open_household(record.id), changes="household")

    # -- one household -------------------------------------------------------------------------

    def open_household(self, household_id: int, then: Callable[[], None] | None = None) -> None:
        if self.household is not None and self.household.id != household_id:
            self._close_estimate()  # the other household's estimate never stays open over this one

        def show(loaded):
            self._show_household(*loaded)
            self.view.say("")
            self.stack.setCurrentWidget(self.view)
            self.view.show_section("overview")
            # Focus where it shows: the section shown (Tab goes on to its content).
            self.view.section_button("overview").setFocus()
            self.household_opened.emit(household_id)
            if then is not None:
                then()

        self.run(lambda: self._load(household_id), show)

    def open_letter(self, household_id: int, child_id: int | None, letter_id: str) -> None:
        """A letter named on a saved child's result, opened in the household's Letters (so the
        details typed are saved with the household)."""
        def choose() -> None:
            if child_id is not None and child_id != self.letters.child_id:
                self.letters._select_child(child_id)
            self.view.show_section("letters")
            if any(info.id == letter_id for info in self.letters.letters):
                self.letters.choose_letter(letter_id)
            if self.letters.current is self.letters.preview:
                self.letters.preview.print_button.setFocus()
            elif self.letters.current is self.letters.details:
                self.letters.details.focus_first()

        self.open_household(household_id, choose)

    def reload(self) -> None:
        """Show the open household again as saved now, staying on the section shown."""
        if self.household is not None:
            household_id = self.household.id
            self.run(lambda: self._load(household_id), lambda loaded: self._show_household(*loaded))

    def _load(self, household_id: int) -> tuple[Any, dict[str, list[Any]]]:
        """Everything one household's page shows, read in one go (inside the operations helper, so
        a store that cannot be read is reported in words)."""
        store = self.store
        record = store.get_household(household_id)
        estimates = store.estimates(household_id)
        if estimates:
            # Rates or rules that changed since an estimate was saved: it is worked out again from its
            # saved inputs and kept (the old one stays in history); the page then says what changed.
            from kinship_app.store import ConflictError

            try:
                if store.refresh_estimates(household_id, self._today(), expected_version=record.version):
                    record, estimates = store.get_household(household_id), store.estimates(household_id)
            except ConflictError:
                pass  # saved by someone else just now: worked out again next time the page is read
        runs = [run for child in record.children for run in store.history(child.id)]
        return record, {
            "estimates": estimates,
            "runs": runs,
            "letters": store.letters(record.id),
            "notes": store.notes(record.id),
            "actions": store.actions(record.id),
            # Letters need each checked child's case with its letter details, as saved now.
            "cases": {child_id: store.case_for(child_id) for child_id in {run.child_id for run in runs}},
        }

    def _show_household(self, record, details: dict[str, list[Any]]) -> None:
        self.household = record
        self._show_header()
        self.overview.show(record, details)
        self._show_estimates(record, details)
        self.actions.show(record, details["actions"])
        self.history.show(record, details["runs"], details["letters"])
        self.notes.show(record, details["notes"])
        latest = _latest_runs(details["runs"])
        ids = [c.id for c in record.children]
        # Keep the child the letters are about when the page is refreshed (ids are unique).
        child_id = self.letters.child_id if self.letters.child_id in ids else (ids[0] if ids else None)
        self.letters.set_household(record, child_id, latest, details["cases"])
        self.support.set_council(record.council)
        open_count = sum(1 for a in details["actions"] if not a.done)
        text = _("Things to do") + (f" ({open_count})" if open_count else "")
        widgets.set_button_text(self.view.section_button("actions"), text)

    # -- allowance estimates (households_estimate.py) ----------------------------------------------

    def _show_estimates(self, record, details: dict[str, Any]) -> None:
        from ui.screens.households_estimate import estimate_cards

        self._estimates_shown = (record, details)
        self.estimates = details.get("estimates", [])
        cards = estimate_cards(self, record, self.estimates, _latest_runs(details["runs"]))
        at = min(1 + len(record.children), self.overview.content.count())  # after the children's cards
        for i, card in enumerate(cards):
            self.overview.content.insertWidget(at + i, card)
        # The letters can include "How I worked this out" from each child's current estimate.
        from ui.screens.households_estimate import by_child

        set_estimates = getattr(self.letters, "set_estimates", None)
        if set_estimates is not None:
            set_estimates({cid: items[0] for cid, items in by_child(self.estimates).items()})

    def open_estimate(self, child_id: int) -> None:
        """Open the estimate for a child of the open household, with its saved answers if it has
        some; *Save with the household* keeps the new one."""
        from ui.screens.estimate import open_estimate

        record = self.household
        current = next((e for e in getattr(self, "estimates", []) if e.child_id == child_id), None)
        today = self._today()

        def read() -> dict[str, Any]:
            case = self.store.case_for(child_id).to_dict()
            return {k: v for k, v in case.items() if k != "people"}  # no names in the dialog's sums

        def saver(finances: dict[str, Any], done) -> None:
            household_id, version = record.id, self.household.version if self.household else record.version
            self.run(lambda: self.store.save_estimate(household_id, child_id, finances, today,
                                                      expected_version=version), done, changes="household")

        def opened(case: dict[str, Any]) -> None:
            if self.household is None or self.household.id != record.id:
                return  # another household (or none) is on screen now
            self._close_estimate()
            self.estimate_dialog = open_estimate(self, case, today, saver=saver,
                                                 finances=current.finances if current else None)

        self.run(read, opened)

    def _close_estimate(self) -> None:
        from shiboken6 import isValid

        dialog, self.estimate_dialog = getattr(self, "estimate_dialog", None), None
        if dialog is not None and isValid(dialog):  # closed by the person already: deleted
            dialog.close()

    def _show_header(self) -> None:
        record = self.household
        if record is None:
            return
        self.view.title.setText(_("Household {reference}").format(reference=record.reference))
        self.view.title.setAccessibleName(self.view.title.text())
        self.view.setAccessibleName(self.view.title.text())
        names = [c.name for c in record.carers if c.name] + [c.name for c in record.children if c.name]
        council = self._councils.get(record.council) if record.council else None
        parts = [", ".join(names)] if names else []
        parts.append(council.nice_name if council else _("Council area not known"))
        self.view.subtitle.setText(" · ".join(parts))

    def edit_people(self) -> None:
        self.people_page.edit(self.household)
        self.stack.setCurrentWidget(self.people_page)
        self.people_page.title.setFocus()

    # -- the check, with every answer saved --------------------------------------------------------

    def change_answers(self, child_id: int) -> None:
        """Open the main window's check for a child of the open household: it carries on from the
        saved progress, saves each answer as it is given, and when the result is asked for saves the
        answers and assesses them once (``MainWindow.check_household``, ``casework.record_check``);
        ``ops.changed`` then refreshes this page."""
        self.window_.check_household(self.household.id, child_id)

    # -- what the main window asks of a screen ---------------------------------------------------

    def title(self) -> str:
        if self.stack.currentWidget() is self.view and self.household is not None:
            return _("Household {reference}").format(reference=self.household.reference)
        return _("Households")

    def on_shown(self) -> None:
        if self.stack.currentWidget() is self.view and self.household is not None:
            self.reload()
        elif self.stack.currentWidget() is not self.create_page:
            self.show_list()

    def clear_sensitive(self) -> None:
        """'Hide this screen': forget the household on screen, its names and anything typed about it
        (a note not yet saved goes too: on a shared computer the screen must be empty at once)."""
        forget = getattr(self._ops, "forget_pending", None)
        if forget:
            forget()  # a household still being read must not fill the page again a moment later
        self.list_page.search.clear()
        self._searched = ""
        self.list_page.show_rows([], searched=False)
        self.create_page.reset()
        self._close_estimate()
        self.household = None
        self.estimates, self._estimates_shown = [], ()
        self.letters.set_household(None, None)
        self.people_page.forget()
        for section in (self.overview, self.actions, self.history, self.notes):
            section.forget()
        self.view.title.clear()
        self.view.subtitle.clear()
        self.view.say("")
        self.stack.setCurrentWidget(self.list_page)

    def print_(self) -> None:
        if self.stack.currentWidget() is self.view and self.view.current_section() == "letters":
            self.letters.print_letter()

    # -- re-check, export, import, erase ----------------------------------------------------------

    def reassess(self, child_id: int) -> None:
        """Check again with the saved answers on today's date (rates and rules as they are today)."""
        today = self._today()
        self.run(lambda: self.store.reassess(child_id, today), lambda _run: self.reload(), changes="household")

    def export_household(self) -> None:
        """Ask how to protect the file (ui/screens/households_export.py), then where to save it."""
        from ui.screens.households_export import ExportDialog

        record = self.household
        dialog = ExportDialog(record.reference, plain_allowed=self.store.plain_export_allowed(),
                              organisation=self.store.has_accounts or self.ctx.is_organisation(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda passphrase: self._save_export(record, passphrase))
        self.export_dialog = dialog
        self._watch(dialog)
        dialog.open()

    def _save_export(self, record: Any, passphrase: str | None) -> None:
        from kinship_app.store import export_file

        suffix = export_file.PLAIN_SUFFIX if passphrase is None else export_file.ENCRYPTED_SUFFIX
        path, _f = QFileDialog.getSaveFileName(self, _("Export household {reference}").format(
            reference=record.reference), str(Path.home() / f"{record.reference}{suffix}"),
            PLAIN_FILTER if passphrase is None else _encrypted_filter())
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix

        def write():
            return export_file.save(path, self.store.export_household_file(record.id, passphrase))

        if passphrase is None:
            words = _("Household {reference} was saved to {path} as plain JSON, without a passphrase. Anyone who "
                      "gets this file can read it: keep it somewhere safe and delete it when it is no longer "
                      "needed.")
        else:
            words = _("Household {reference} was saved to {path}, protected by the passphrase you chose. Whoever "
                      "opens it needs that passphrase: tell it to them another way, not with the file.")
        self.run(write, lambda p: self.view.say(words.format(reference=record.reference, path=p)))

    def import_household(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Import a household"), str(Path.home()), _import_filter())
        if path:
            self._import_file(Path(path), None)

    def _import_file(self, path: Path, passphrase: str | None, dialog: Any = None) -> None:
        """Read and import ``path`` off the UI thread; an encrypted file asks for its passphrase
        (again, if it was wrong) and imports nothing until it opens."""
        from kinship_app.store import ExportPassphraseNeededError, WrongExportPassphraseError, export_file
        from ui.screens.households_export import ImportPassphraseDialog

        def read():
            raw = export_file.read_file(path)
            return self.store.import_household_file(raw, passphrase, name=path.name, keep_reference=False)

        def done(record):
            if dialog is not None:
                dialog.accept()
            self.open_household(record.id)

        def failed(error: Exception) -> None:
            if isinstance(error, WrongExportPassphraseError) and dialog is not None:
                dialog.wrong(str(error))
                return
            if isinstance(error, ExportPassphraseNeededError) and dialog is None:
                ask = ImportPassphraseDialog(path.name, parent=self)
                ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                ask.chosen.connect(lambda text: self._import_file(path, text, ask))
                self.import_dialog = ask
                self._watch(ask)
                ask.open()
                return
            if dialog is not None:
                dialog.reject()
            self._ops.report(error)

        self._ops.run(read, done, on_error=failed, changes="household")

    def _watch(self, dialog: QWidget) -> None:
        watch = getattr(self.window_ or self.window(), "watch_for_hide", None)
        if watch is not None:
            watch(dialog)  # Shift pressed three times still hides everything, and input keeps the lock away

    def erase_household(self) -> None:
        record = self.household
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Erase household {reference}").format(reference=record.reference))
        box.setText(_("Erase household {reference} for good?").format(reference=record.reference))
        box.setInformativeText(_("This deletes its people, answers, checks, letters, notes and things to do from "
                                 "this computer. It cannot be undone. If the family may want a copy, export "
                                 "the household first."))
        erase = box.addButton(_("Erase for good"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is not erase:
            return

        def done(report):
            self.show_list()
            words = _("Household {reference} was erased from this computer.").format(reference=report.reference)
            if report.pending:
                # Erase never freezes the window: it waited a few seconds at most, says what for, and
                # finishes in the background as soon as it can.
                words += " " + report.pending + " " + _("This finishes by itself; you can carry on.")
                QTimer.singleShot(5000, self._finish_erasing)
            self.list_page.say(words)

        self.run(lambda: self.store.erase_household(record.id), done, changes="household")

    def _finish_erasing(self, tries: int = 60) -> None:
        def done(report):
            if report.pending and tries > 1:
                QTimer.singleShot(5000, lambda: self._finish_erasing(tries - 1))
            elif not report.pending:
                self.list_page.say(_("The erased household's last traces have now been removed."))

        self.run(lambda: self.store.finish_erasing(wait_seconds=1.0), done)


def _latest_runs(runs: list[Any]) -> dict[int, Any]:
    latest: dict[int, Any] = {}
    for run in sorted(runs, key=lambda r: (r.run_at, r.id)):
        latest[run.child_id] = run
    return latest
