"""The About box names the version from pyproject.toml, and shows the app's icon, as a person sees it."""

import tomllib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

VERSION = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]["version"]


def open_about(qtbot, window) -> dict:
    seen = {}

    def read_and_close():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen["title"] = box.windowTitle()
        seen["text"] = box.informativeText()
        seen["icon"] = box.iconPixmap()
        box.accept()

    QTimer.singleShot(0, read_and_close)
    start = window.show_screen("start")
    qtbot.mouseClick(start.about_button, Qt.MouseButton.LeftButton)
    return seen


def test_the_about_box_shows_the_version_and_the_icon(qtbot, window):
    from ui.icon import app_icon

    QApplication.setWindowIcon(app_icon())  # as ui.app.run does
    try:
        seen = open_about(qtbot, window)
    finally:
        QApplication.setWindowIcon(QIcon())
    assert seen["title"].startswith("About")
    assert seen["text"].splitlines()[0] == f"Version {VERSION}"
    assert seen["icon"].width() == 64
