"""The About box names the version from pyproject.toml, as a person sees it."""

import tomllib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

VERSION = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]["version"]


def test_the_about_box_shows_the_version(qtbot, window):
    seen = {}

    def read_and_close():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen["title"] = box.windowTitle()
        seen["text"] = box.informativeText()
        box.accept()

    QTimer.singleShot(0, read_and_close)
    start = window.show_screen("start")
    qtbot.mouseClick(start.about_button, Qt.MouseButton.LeftButton)
    assert seen["title"].startswith("About")
    assert f"Version {VERSION}" in seen["text"].splitlines()[0]
