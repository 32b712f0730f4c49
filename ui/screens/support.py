"""Support near you: advice lines, training, peer-support groups and the council's kinship local
offer for one council area, from the offline services directory (kinship_app.data.services).

The built-in records carry only contact details confirmed from a source. We hold no confirmed
contact for any council's kinship local offer, so unless a charity's file gives one we say so
plainly and point to the council's page on GOV.UK — never a guessed number. A charity can add its
own local directory (same format, resources/services/README.md): the whole file is checked before
any of it is used and it is kept in the app's data folder, so it is there next time.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QVBoxLayout, QWidget

from kinship_app.i18n import N_, _, format_date, ngettext
from ui import widgets
from ui.screens.households_kit import Panel, chosen_code, clear_layout, field_label, set_field_label

ALL = ""


class SupportPanel(Panel):
    """Support for one council area, filtered by kind, topic and how people take part."""

    directory_added = Signal(str)

    def __init__(self, today: Callable[[], dt.date], data_dir: Path | None, council: str | None = None,
                 services=None, councils=None, parent: QWidget | None = None):
        super().__init__(parent)
        if services is None:
            from kinship_app.data import services
        if councils is None:
            from kinship_app.data import councils
        self._services, self._councils = services, councils
        self._today = today
        # A charity's directory files live here (nothing is sent anywhere).
        self._folder = Path(data_dir) / "services" if data_dir else None
        self._load_error = ""
        self.directory = self._load_directory()

        self.title = widgets.heading()
        self.intro = widgets.label()
        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.council_box = QComboBox()
        self.council_box.setEditable(True)
        self.council_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.council_box.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        for c in self._councils.all():
            self.council_box.addItem(c.nice_name, c.code)
        self.council_box.setCurrentIndex(-1)
        self.kind_box, self.delivery_box, self.topic_box = QComboBox(), QComboBox(), QComboBox()
        self.council_label = field_label("", self.council_box)
        self.kind_label = field_label("", self.kind_box)
        self.delivery_label = field_label("", self.delivery_box)
        self.topic_label = field_label("", self.topic_box)
        form.addRow(self.council_label, self.council_box)
        self.body.addLayout(form)
        # The three narrowing choices sit side by side and wrap under each other at large text.
        filters = widgets.FlowLayout(spacing=16)
        for lab, box in ((self.kind_label, self.kind_box), (self.delivery_label, self.delivery_box),
                         (self.topic_label, self.topic_box)):
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(lab)
            column.addWidget(box)
            filters.addWidget(cell)
        holder = QWidget()
        holder.setLayout(filters)
        self.body.addWidget(holder)

        self.offer = widgets.Card("panel")
        self.offer_title = self.offer.add(widgets.heading(level=2))
        self.offer_text = self.offer.add(widgets.label(rich=True))
        self.offer_text.setOpenExternalLinks(True)
        self.offer_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.addWidget(self.offer)

        self.count = widgets.label()
        self.body.addWidget(self.count)
        self.results = QVBoxLayout()
        self.results.setSpacing(10)
        self.body.addLayout(self.results)

        self.own_title = widgets.heading(level=2)
        self.own_text = widgets.label()
        self.add_button = widgets.button(on_click=self.choose_directory_file)
        self.status = widgets.label()
        for w in (self.own_title, self.own_text, self.add_button, self.status):
            self.body.addWidget(w)
        self.finish()

        if council:
            self.set_council(council)
        self.council_box.currentIndexChanged.connect(self.refresh)
        self.council_box.lineEdit().editingFinished.connect(self.refresh)
        for box in (self.kind_box, self.delivery_box, self.topic_box):
            box.currentIndexChanged.connect(self.refresh)
        self.retranslate_ui()

    # -- state ---------------------------------------------------------------------------------

    def _extra_files(self) -> list[Path]:
        if self._folder is None or not self._folder.is_dir():
            return []
        return sorted(self._folder.glob("*.toml"))

    def _load_directory(self):
        try:
            return self._services.load(self._extra_files())
        except ValueError as exc:
            # A charity file that no longer checks (edited by hand since) must not hide the
            # national records: show those, and say which file was left out and why.
            self._load_error = str(exc)
            return self._services.load()

    def set_council(self, code: str | None) -> None:
        self.council_box.setCurrentIndex(self.council_box.findData(code) if code else -1)
        if not code:
            self.council_box.setEditText("")
        self.refresh()

    def council_code(self) -> str | None:
        return chosen_code(self.council_box)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Support near you"))
        self.title.setAccessibleName(self.title.text())
        self.intro.setText(_("Free advice, training, groups where you can meet other kinship carers, and what "
                             "the council offers kinship families. This works without the internet. We only "
                             "list contact details that have been checked."))
        set_field_label(self.council_label, _("Council area"))
        set_field_label(self.kind_label, _("Kind of support"))
        set_field_label(self.delivery_label, _("How you take part"))
        set_field_label(self.topic_label, _("Topic"))
        s = self._services
        _fill(self.kind_box, {ALL: N_("All kinds of support"), **s.KIND_TITLES})
        _fill(self.delivery_box, {ALL: N_("Any way: phone, online or in person"), **s.DELIVERY_TITLES})
        _fill(self.topic_box, {ALL: N_("All topics"), **s.TOPIC_TITLES})
        self.own_title.setText(_("Your own local directory"))
        self.own_text.setText(_("A charity or group can add its own list of local groups and contacts, and share "
                                "the file with other venues. The whole file is checked first: if anything in it "
                                "is wrong, nothing from it is added."))
        widgets.set_button_text(self.add_button, _("Add a directory file…"))
        self.refresh()

    # -- results -------------------------------------------------------------------------------

    def refresh(self) -> None:
        code = self.council_code()
        kind = self.kind_box.currentData() or None
        delivery = self.delivery_box.currentData() or None
        topic = self.topic_box.currentData() or None
        self._show_offer(code)
        if code:
            found = self.directory.for_council(code, kind=kind, topic=topic, delivery=delivery)
        else:
            # No area chosen yet: the national services still apply to everyone in England.
            found = [s for s in self.directory.all() if not s.local
                     and (kind is None or s.kind == kind) and (topic is None or topic in s.topics)
                     and (delivery is None or delivery in s.delivery)]
        clear_layout(self.results)
        if found:
            self.count.setText(ngettext("{n} service matches.", "{n} services match.", len(found)).format(n=len(found)))
        else:
            self.count.setText(_("Nothing matches these choices. Choose “All kinds of support” or “All topics” to "
                                 "see more."))
        for service in found:
            self.results.addWidget(self._card(service))
        if self._load_error:
            self.status.setText(_("A directory file was left out because it has a mistake: {error}")
                                .format(error=self._load_error))

    def _show_offer(self, code: str | None) -> None:
        if not code:
            self.offer_title.setText(_("Your council's kinship local offer"))
            self.offer_text.setText(html.escape(_("Choose the council area to see its kinship local offer and "
                                                  "local groups.")))
            return
        council = self._councils.get(code)
        offer = self.directory.local_offer(code)
        self.offer_title.setText(_("{council}: kinship local offer").format(council=council.nice_name))
        lines = []
        if offer.known:
            if offer.website:
                lines.append(_link(_("Website:"), offer.website))
            if offer.phone:
                lines.append(html.escape(_("Phone: {phone}").format(phone=offer.phone)))
            if offer.email:
                lines.append(html.escape(_("Email: {email}").format(email=offer.email)))
            if offer.provider is not None:
                lines.append(html.escape(_("From {provider}'s directory, checked on {date}.").format(
                    provider=offer.provider.name, date=format_date(offer.checked_on))))
        else:
            # The 2024 statutory guidance asks each council for a "kinship local offer" (FACTS.md 1.1);
            # we hold no checked contact for any council's, so we say so and never guess one.
            lines.append(html.escape(_("Councils publish a 'kinship local offer' that says what support they give "
                                       "kinship families. We do not have a checked contact for it in {council}: "
                                       "look on the council's website, or ask its children's services.")
                                     .format(council=council.nice_name)))
            if offer.gov_uk_url:
                lines.append(_link(_("Find the council's website on GOV.UK:"), offer.gov_uk_url))
        self.offer_text.setText("<br>".join(lines))

    def _card(self, service) -> QWidget:
        built_in = service.provider is None
        card = widgets.Card()
        card.add(widgets.heading(_(service.name) if built_in else service.name, level=2))
        what = [_(self._services.KIND_TITLES[service.kind])]
        what += [_(self._services.DELIVERY_TITLES[d]) for d in service.delivery]
        card.add(widgets.label(" · ".join(what), "hint"))
        if service.note:
            card.add(widgets.label(_(service.note) if built_in else service.note))
        lines = []
        if service.phone:
            lines.append(html.escape(_("Phone: {phone}").format(phone=service.phone)))
        if service.textphone:
            lines.append(html.escape(_("Textphone: {phone}").format(phone=service.textphone)))
        if service.hours:
            lines.append(html.escape(_(service.hours) if built_in else service.hours))
        if service.where:
            lines.append(html.escape(_("Where: {place}").format(place=service.where)))
        if service.website:
            lines.append(_link(_("Website:"), service.website))
        if lines:
            contact = widgets.label("<br>".join(lines), rich=True)
            contact.setOpenExternalLinks(True)
            contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            card.add(contact)
        if built_in:
            card.add(widgets.label(_("Checked on {date}.").format(date=format_date(service.checked_on)), "hint"))
        elif service.verified:
            card.add(widgets.label(_("From {provider}, who checked it on {date}.").format(
                provider=service.provider.name, date=format_date(service.checked_on)), "hint"))
        else:
            # A charity's own record that it has not marked as checked: show it, but not as fact.
            card.add(widgets.label(_("From {provider}. They have not said these details were checked: "
                                     "check them before you rely on them.").format(provider=service.provider.name),
                                   "error"))
        return card

    # -- a charity's own directory -------------------------------------------------------------

    def choose_directory_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Add a directory file"), str(Path.home()), _("Directory files (*.toml)"))
        if path:
            self.add_directory_file(Path(path))

    def add_directory_file(self, path: Path) -> bool:
        if self._folder is None:
            return False
        try:
            target = self._services.import_file(path, self._folder, self._extra_files())
            self.directory = self._services.load(self._extra_files())
        except (ValueError, OSError) as exc:
            self.status.setProperty("role", "error")
            self.status.setText(_("{name} was not added, and nothing from it is used. The problem: {error}")
                                .format(name=path.name, error=exc))
            self._restyle(self.status)
            return False
        self._load_error = ""
        added = [s for s in self.directory.all() if s.provider is not None and Path(s.provider.file) == target]
        self.status.setProperty("role", "")
        self._restyle(self.status)
        self.status.setText(ngettext("Added {n} record from {name}. It will be here next time too.",
                                     "Added {n} records from {name}. They will be here next time too.",
                                     len(added)).format(n=len(added), name=path.name))
        self.refresh()
        self.directory_added.emit(str(target))
        return True

    @staticmethod
    def _restyle(w: QWidget) -> None:
        w.style().unpolish(w)
        w.style().polish(w)


def _fill(box: QComboBox, choices: dict[str, str]) -> None:
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for code, title in choices.items():
        box.addItem(_(title), code)
    index = box.findData(current)
    box.setCurrentIndex(index if index >= 0 else 0)
    box.blockSignals(False)


def _link(label: str, url: str) -> str:
    safe = html.escape(url, quote=True)
    return f'{html.escape(label)} <a href="{safe}">{safe}</a>'


class SupportScreen(widgets.Page):
    """Support near you as a screen of its own (``SupportScreen(ctx, ops, window)``, see
    ui/main_window.py). It starts at the council area of the check just done, if there is one."""

    def __init__(self, ctx, ops=None, window=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_ = window
        self.panel = SupportPanel(today=ctx.today, data_dir=ctx.data_dir)
        self.body.addWidget(self.panel)
        self.set_council = self.panel.set_council
        self.setAccessibleName(_("Support near you"))

    def title(self) -> str:
        return _("Support near you")

    def on_shown(self) -> None:
        if self.panel.council_code() is None:
            code = _council_of_last_check(self.window_)
            if code:
                self.panel.set_council(code)
        self.panel.title.setFocus()

    def retranslate_ui(self) -> None:
        self.panel.retranslate_ui()
        self.setAccessibleName(_("Support near you"))


def _council_of_last_check(window) -> str | None:
    check = window.built_screens().get("check") if window is not None else None
    answers = getattr(check, "answers", None)
    if not answers:
        return None
    from kinship_app import flow

    return (flow.answers_to_case(answers).get("household") or {}).get("council")
