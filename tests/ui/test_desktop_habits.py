"""Desktop habits (issue 11): first run asks the language and the text size; the window's size and
place are remembered (settings.ini in the test's own folder); Settings' shared database under
"Advanced"; the language box wide enough; the council search's Clear button beside its box."""

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from ui.screens.first_run import FIRST_RUN_KEY


def test_first_run_asks_language_and_text_size_then_never_again(qtbot, window, ctx):
    from kinship_app.i18n import available_languages

    assert window.first_run_if_needed()
    first = window.screen("first_run")
    assert window.current_key() == "first_run"
    assert set(first.language.rows) == set(available_languages())
    assert first.language.value() == "en" and first.size.value() == "100"
    assert QApplication.focusWidget() is first.go  # Enter keeps what is chosen
    qtbot.mouseClick(first.size.rows["150"].radio, Qt.MouseButton.LeftButton)
    assert int(ctx.setting("appearance/text_size", 0)) == 150
    assert QApplication.font().pointSizeF() > 12
    qtbot.keyClick(first.go, Qt.Key.Key_Return)
    assert window.current_key() == "start"
    assert ctx.setting(FIRST_RUN_KEY, "") == "yes"
    assert (ctx.data_dir / "settings.ini").exists()
    assert not window.first_run_if_needed()
    ctx.set_setting("appearance/text_size", 100)
    window.apply_appearance()


def test_window_size_and_place_are_remembered(qtbot, ctx):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.resize(720, 500)  # within the offscreen screen (800×600), which a restored window is kept inside
    w.move(40, 30)
    QApplication.processEvents()
    size, place = w.size(), w.pos()
    w.close()
    assert (ctx.data_dir / "settings.ini").exists()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.size() == size
    # The place the window manager gives back may differ by its frame (2 px offscreen).
    assert (again.pos() - place).manhattanLength() <= 6, (again.pos(), place)
    again.close()


def test_the_shared_database_is_under_advanced(qtbot, window):
    settings = window.show_screen("settings")
    assert settings.data_where.isVisible()
    assert not settings.url.isVisible() and not settings.use_url.isVisible()
    assert "Advanced" in settings.advanced.toggle.text()


def test_the_language_box_shows_the_longest_name_whole(qtbot, window):
    settings = window.show_screen("settings")
    box = settings.language
    metrics = box.fontMetrics()
    longest = max(metrics.horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    assert box.width() >= longest + 30  # the text plus the arrow


def test_the_council_search_clear_button_is_beside_the_box(qtbot, window):
    from check_driver import page

    window.start_check()
    check = window.screen("check")
    check.answers = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
                     "services": "family", "parents": "none"}
    check.show_question("council")
    p = page(window)
    search = p.findChild(QLineEdit, "council_search")
    clear = p.findChild(QPushButton, "council_clear")
    assert not search.isClearButtonEnabled()
    qtbot.keyClicks(search, "Lee")
    box = QRect(search.mapTo(p, QPoint(0, 0)), search.size())
    button = QRect(clear.mapTo(p, QPoint(0, 0)), clear.size())
    assert clear.isVisible() and not box.intersects(button)
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert search.text() == "" and QApplication.focusWidget() is search
