"""The start page (GOV.UK start-page pattern): what the check does, what you need, how long it takes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kinship_app.i18n import _
from ui.advice import advice_lines, describe
from ui.widgets import Card, button, heading, label, on_its_own_row, page_in, set_button_text


class StartScreen(QWidget):
    def __init__(self, ctx: Any, ops: Any, window: Any):
        super().__init__()
        self.ctx, self.ops, self.window_ = ctx, ops, window
        self._resume: Any = None
        self.page = page_in(self)
        b = self.page.body

        self.heading = heading()
        b.addWidget(self.heading)
        self.lead = label("")
        b.addWidget(self.lead)
        self.bullets = label("")
        b.addWidget(self.bullets)
        self.time = label("")
        b.addWidget(self.time)

        self.need_heading = heading("", 2)
        b.addWidget(self.need_heading)
        self.need = label("")
        b.addWidget(self.need)
        self.privacy = label("", "hint")
        b.addWidget(self.privacy)

        row = QHBoxLayout()
        row.setSpacing(12)
        self.start_button = button("", "primary", self._start)
        self.start_button.setObjectName("start_check")
        row.addWidget(self.start_button)
        self.resume_button = button("", "", self._resume_check)
        self.resume_button.setObjectName("resume_check")
        self.resume_button.hide()
        row.addWidget(self.resume_button)
        row.addStretch(1)
        b.addLayout(row)
        self.resume_hint = label("", "hint")
        self.resume_hint.hide()
        b.addWidget(self.resume_hint)

        self.workers_heading = heading("", 2)
        b.addWidget(self.workers_heading)
        self.workers = label("")
        b.addWidget(self.workers)
        self.households_button = button("", "", lambda: self.window_.show_screen("households"))
        self.households_button.setObjectName("open_households")
        b.addLayout(on_its_own_row(self.households_button))
        has_households = "households" in getattr(window, "_nav", {})
        for w in (self.workers_heading, self.workers, self.households_button):
            w.setVisible(has_households)

        self.advice = Card()
        self.advice_heading = heading("", 2)
        self.advice.add(self.advice_heading)
        self.advice_text = label("")
        self.advice.add(self.advice_text)
        b.addWidget(self.advice)
        self.about_button = button("", "link", self.window_.show_about)
        self.about_button.setObjectName("about")
        b.addLayout(on_its_own_row(self.about_button))
        self.page.finish()
        self.retranslate_ui()

    def title(self) -> str:
        return _("Start")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Check what support you can get as a kinship carer"))
        self.heading.setAccessibleName(self.heading.text())
        self.page.setAccessibleName(self.heading.text())
        self.lead.setText(_("If you are raising a child who is not your own — a grandchild, a niece or nephew, "
                            "a brother or sister, or a friend's child — use this check to find out:"))
        self.bullets.setText("\n".join("•  " + t for t in (
            _("what kind of kinship care you have, and why"),
            _("what money and help you may be able to get"),
            _("what to do next, and by when"),
        )))
        self.time.setText(_("It takes about 5 minutes. You will be asked up to 7 questions."))
        self.need_heading.setText(_("What you will need"))
        self.need.setText("\n".join("•  " + t for t in (
            _("the child's age"),
            _("any court papers about the child, if you have them"),
            _("the name of your council"),
        )))
        self.privacy.setText(_("The quick check saves nothing on this computer. When you close it, your answers are gone."))
        set_button_text(self.start_button, _("Check what support you can get"))
        set_button_text(self.resume_button, _("Carry on where you left off"))
        self.workers_heading.setText(_("For support workers"))
        self.workers.setText(_("Keep a record for each family you help: their checks, letters, notes and what to do next."))
        set_button_text(self.households_button, _("Households"))
        set_button_text(self.about_button, _("About this app and when its information was checked"))
        self.advice_heading.setText(_("Talk to someone"))
        self.advice_text.setText(self._advice_text())
        self._update_resume()

    def _advice_text(self) -> str:
        lines = []
        for service in advice_lines():
            lines.append(describe(service))
            if getattr(service, "note", ""):
                lines.append(_(service.note))
            lines.append("")
        return "\n".join(lines).strip()

    def on_shown(self) -> None:
        self._find_resumable()
        self.start_button.setFocus()  # Qt.FocusReason.OtherFocusReason

    # "Carry on where you left off" looks for a saved household's unfinished check, but only when a
    # store already exists: the quick check must not create one, and start-up must not wait for it.
    def _find_resumable(self) -> None:
        finder = getattr(self.window_, "find_resumable", None)
        if finder is None:
            return
        finder(self._got_resumable)

    def _got_resumable(self, found: Any) -> None:
        self._resume = found
        self._update_resume()

    def _update_resume(self) -> None:
        found = self._resume
        self.resume_button.setVisible(bool(found))
        self.resume_hint.setVisible(bool(found))
        if found:
            self.resume_hint.setText(_("Household {reference}: a check not finished yet.").format(
                reference=found.get("reference", "")))

    def _start(self) -> None:
        self.window_.start_check()

    def _resume_check(self) -> None:
        if self._resume:
            self.window_.resume(self._resume)
