"""First run: the language (from those the app has) and the text size, asked once before anything
else, each shown at once as it is chosen. Continue keeps them (Settings changes them later)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kinship_app.i18n import _, available_languages, get_language
from ui import theme
from ui.widgets import ChoiceList, FlowLayout, button, heading, label, page_in, set_button_text

FIRST_RUN_KEY = "app/first_run_done"
# The sizes offered on the first page: normal, bigger, twice the size (Settings has every step).
FIRST_RUN_SIZES = (100, 150, 200)


def needs_first_run(ctx: Any) -> bool:
    return str(ctx.setting(FIRST_RUN_KEY, "")) != "yes"


class FirstRunScreen(QWidget):
    def __init__(self, ctx: Any, ops: Any, window: Any):
        super().__init__()
        self.ctx, self.ops, self.window_ = ctx, ops, window
        self.page = page_in(self)
        b = self.page.body
        self.heading = heading()
        b.addWidget(self.heading)
        self.lead = label("")
        b.addWidget(self.lead)
        self.language_heading = heading("", 2)
        b.addWidget(self.language_heading)
        self.language = ChoiceList()
        self.language.setObjectName("first_run_language")
        for code, name in available_languages().items():
            self.language.add_choice(code, name)  # each language in its own words
        self.language.chosen.connect(self._language_chosen)
        b.addWidget(self.language)
        self.size_heading = heading("", 2)
        b.addWidget(self.size_heading)
        self.size = ChoiceList()
        self.size.setObjectName("first_run_text_size")
        for pct in FIRST_RUN_SIZES:
            self.size.add_choice(str(pct), f"{pct}%")
        self.size.chosen.connect(self._size_chosen)
        b.addWidget(self.size)
        holder = QWidget()
        row = FlowLayout(holder)
        self.go = button("", "primary", self.finish)
        self.go.setObjectName("first_run_continue")
        row.addWidget(self.go)
        b.addWidget(holder)
        self.later = label("", "hint")
        b.addWidget(self.later)
        self.page.finish()
        self.retranslate_ui()

    def title(self) -> str:
        return _("Welcome")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Welcome"))
        self.heading.setAccessibleName(self.heading.text())
        self.page.setAccessibleName(self.heading.text())
        self.lead.setText(_("Choose the language and the size of the words. You can change them later in Settings."))
        self.language_heading.setText(_("Language"))
        self.size_heading.setText(_("Size of the words"))
        for pct in FIRST_RUN_SIZES:
            words = {100: _("Normal"), 150: _("Bigger"), 200: _("Twice the normal size")}[pct]
            self.size.rows[str(pct)].set_text(f"{words} ({_('{percent}%').format(percent=pct)})")
        set_button_text(self.go, _("Continue"))
        self.later.setText(_("Press Enter to keep what is chosen."))

    def on_shown(self) -> None:
        self.language.set_value(get_language())
        self.size.set_value(str(self.ctx.setting("appearance/text_size", 100)))
        # The main action has the keyboard: Enter keeps English at the normal size.
        self.go.setDefault(True)
        self.go.setFocus(Qt.FocusReason.OtherFocusReason)

    def _language_chosen(self, code: str) -> None:
        self.ctx.set_setting("appearance/language", code)
        self.window_.apply_language(code)

    def _size_chosen(self, value: str) -> None:
        self.ctx.set_setting("appearance/text_size", int(value))
        self.window_.apply_appearance()

    def finish(self) -> None:
        self.ctx.set_setting(FIRST_RUN_KEY, "yes")
        self.ctx.settings.sync()
        self.window_.show_screen("start")
