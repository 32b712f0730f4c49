"""The app's own icon (resources/icons, drawn for the app) for its windows and the task bar."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from kinship_app.data._files import RESOURCES

HICOLOR = RESOURCES / "icons" / "hicolor"
NAME = "kinship-app"


def app_icon() -> QIcon:
    """Every PNG size there is, so each place that shows the icon gets a sharp one. Qt reads a file
    only when that size is first drawn. A null icon if the files are missing (Qt's default then)."""
    icon = QIcon()
    for folder in sorted(HICOLOR.glob("*x*"), key=lambda p: int(p.name.split("x")[0])):
        png = folder / "apps" / f"{NAME}.png"
        if png.is_file():
            side = int(folder.name.split("x")[0])
            icon.addFile(str(png), QSize(side, side))
    return icon
