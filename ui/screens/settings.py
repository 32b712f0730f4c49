"""Settings: text size, theme, language and where the data is kept. Changes apply at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from kinship_app.i18n import _, available_languages, get_language
from ui.screens.about import translation_note
from ui import theme
from ui.widgets import Card, ChoiceList, Disclosure, ErrorSummary, button, heading, label, page_in, set_button_text


class SettingsScreen(QWidget):
    def __init__(self, ctx: Any, ops: Any, window: Any):
        super().__init__()
        self.ctx, self.ops, self.window_ = ctx, ops, window
        self.page = page_in(self)
        b = self.page.body
        self.errors = ErrorSummary()
        b.addWidget(self.errors)
        self.heading = heading()
        b.addWidget(self.heading)

        self.size_heading = heading("", 2)
        b.addWidget(self.size_heading)
        self.size_hint = label("", "hint")
        b.addWidget(self.size_hint)
        self.size = ChoiceList()
        self.size.setObjectName("text_size")
        for pct in theme.TEXT_SIZES:
            self.size.add_choice(str(pct), f"{pct}%")
        self.size.chosen.connect(self._size_chosen)
        b.addWidget(self.size)

        self.theme_heading = heading("", 2)
        b.addWidget(self.theme_heading)
        self.theme = ChoiceList()
        self.theme.setObjectName("theme")
        for code in theme.THEMES:
            self.theme.add_choice(code, "")
        self.theme.chosen.connect(self._theme_chosen)
        b.addWidget(self.theme)

        self.language_heading = heading("", 2)
        b.addWidget(self.language_heading)
        self.language_label = label("")
        b.addWidget(self.language_label)
        self.language = QComboBox()
        self.language.setObjectName("language")
        # As wide as its longest language name (a squashed box cut the names off).
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language.setMinimumContentsLength(16)
        self.language_label.setBuddy(self.language)
        for code, name in available_languages().items():
            self.language.addItem(name, code)
        self.language.activated.connect(self._language_chosen)
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addStretch(1)
        b.addLayout(row)
        # Said in the language itself: whether a native-speaking adviser has checked the translation.
        self.review_note = label("", "hint")
        self.review_note.setObjectName("translation_review")
        self.review_note.setWordWrap(True)
        b.addWidget(self.review_note)

        self.data_heading = heading("", 2)
        b.addWidget(self.data_heading)
        self.data_card = Card()
        self.data_where = label("")
        self.data_where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_card.add(self.data_where)
        # The shared database is for charities with a server: out of sight unless asked for.
        self.advanced = Disclosure()
        self.advanced.setObjectName("advanced")
        self.advanced.text.hide()
        self.data_card.add(self.advanced)
        self.url_label = label("")
        self.advanced.panel.add(self.url_label)
        self.url = QLineEdit()
        self.url.setObjectName("database_url")
        self.url_label.setBuddy(self.url)
        self.advanced.panel.add(self.url)
        buttons = QHBoxLayout()
        self.use_url = button("", "", self._use_url)
        self.use_url.setObjectName("use_database_url")
        self.use_file = button("", "", self._use_file)
        self.use_file.setObjectName("use_local_file")
        buttons.addWidget(self.use_url)
        buttons.addWidget(self.use_file)
        buttons.addStretch(1)
        self.advanced.panel.layout_.addLayout(buttons)
        b.addWidget(self.data_card)
        # Locking and passphrase (issue 12): its own widget, ui/lock.py.
        from ui.lock import SecuritySettings

        self.security = SecuritySettings(ctx, ops, window)
        b.addWidget(self.security)
        self.page.finish()
        self.retranslate_ui()

    def title(self) -> str:
        return _("Settings")

    def on_shown(self) -> None:
        self.size.set_value(str(self.ctx.setting("appearance/text_size", 100)))
        self.theme.set_value(str(self.ctx.setting("appearance/theme", "light")))
        i = self.language.findData(get_language())
        self.language.setCurrentIndex(max(i, 0))
        self._show_data_location()
        self.security.on_shown()
        self.size.focus_first()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Settings"))
        self.heading.setAccessibleName(_("Settings"))
        self.page.setAccessibleName(_("Settings"))
        self.size_heading.setText(_("Text size"))
        self.size_hint.setText(_("Makes all the words and buttons bigger. 200% makes them twice the normal size."))
        for pct in theme.TEXT_SIZES:
            self.size.rows[str(pct)].set_text(_("{percent}%").format(percent=pct) + ("  " + _("(normal)") if pct == 100 else ""))
        self.theme_heading.setText(_("Colours"))
        for code, name in theme.THEMES.items():
            self.theme.rows[code].set_text(_(name))
        self.language_heading.setText(_("Language"))
        self.language_label.setText(_("Language of the app"))
        self.language.setAccessibleName(_("Language of the app"))
        note = translation_note(get_language())
        self.review_note.setText(note)
        self.review_note.setVisible(bool(note))
        self.data_heading.setText(_("Where your data is kept"))
        self.advanced.set_content(_("Advanced: a shared database (for charities and teams)"), "")
        self.url_label.setText(_("Shared database address (PostgreSQL), for a team sharing one database"))
        self.url.setAccessibleName(_("Shared database address"))
        self.url.setPlaceholderText("postgresql+psycopg://user@server/kinship")
        set_button_text(self.use_url, _("Use this address"))
        set_button_text(self.use_file, _("Use a file on this computer"))
        self._show_data_location()
        if hasattr(self, "security"):
            self.security.retranslate_ui()

    def _show_data_location(self) -> None:
        url = self.ctx.database_url
        if url.startswith("sqlite:"):
            self.data_where.setText(_("Saved households are kept in a file on this computer: {path}").format(
                path=url.removeprefix("sqlite:///")))
        else:
            self.data_where.setText(_("Saved households are kept in a shared database at {address}").format(
                address=_hide_password(url)))

    def _size_chosen(self, value: str) -> None:
        self.ctx.set_setting("appearance/text_size", int(value))
        self.window_.apply_appearance()

    def _theme_chosen(self, value: str) -> None:
        self.ctx.set_setting("appearance/theme", value)
        self.window_.apply_appearance()

    def _language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        self.ctx.set_setting("appearance/language", code)
        self.window_.apply_language(code)

    def _use_url(self) -> None:
        url = self.url.text().strip()
        if not url.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
            self.errors.show_errors([(_("Enter the shared database address, starting postgresql://"), self.url)])
            return
        self.errors.clear()
        self.ctx.set_database_url(url)
        self.url.clear()  # shown (without its password) above; never left in the box
        self._show_data_location()

    def _use_file(self) -> None:
        self.errors.clear()
        self.ctx.set_database_url("")
        self._show_data_location()


def _hide_password(url: str) -> str:
    # Never show a password on a shared screen.
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        auth, host = rest.rsplit("@", 1)
        user = auth.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url
