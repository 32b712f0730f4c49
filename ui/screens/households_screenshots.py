"""Screenshots of the households, letters and support screens for the README:
``python -m ui.screens.households_screenshots ui/screenshots``.

Runs offscreen in a temporary data folder with a made-up household (nothing of yours is read or
written) and goes through the real screens: the list, a household, a letter's details and its
preview, and support near you, then the household again at 200% text in a 1280×720 window.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 11, 22)
# Margaret Ellis, special guardian of her grandson in Leeds (the tests use the same household).
SAMPLE_FACTS = {
    "child": {"age": 9, "looked_after_before_order": True},
    "carer": {"relationship": "grandparent"},
    "arrangement": {"order": "special_guardianship_order", "days_so_far": 400},
    "household": {"council": "E08000035", "employed": True},
}


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    out = Path(argv[0] if argv else "ui/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from kinship_app.store import CarerRecord, ChildRecord
    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(Path(tempfile.mkdtemp()) / "data", today=lambda: TODAY)
    store = ctx.store()
    for name in ("Amira Hassan", "Tom Bell", "Siân Jones"):
        store.create_household(council="E08000035", carers=[CarerRecord(name=name)],
                               children=[ChildRecord(name="Child")])
    record = store.create_household(
        council="E08000035",
        carers=[CarerRecord(name="Margaret Ellis", address=("12 Mill Lane", "Leeds", "LS6 2AB"),
                            phone="0113 496 0000")],
        children=[ChildRecord(name="Ellis Ward", date_of_birth=dt.date(2017, 3, 27), facts=SAMPLE_FACTS)])
    child = record.children[0]
    store.reassess(child.id, TODAY)
    store.add_note(record.id, "Margaret phoned: the school has asked for a copy of the order.")

    window = MainWindow(ctx)
    window.apply_appearance()
    window.resize(1280, 800)
    window.show()

    def shot(name: str) -> None:
        window.ops.wait()  # households are read off the UI thread: the page is shown once they are
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(out / f"{name}.png"))

    screen = window.show_screen("households")
    shot("households-list")
    screen.open_household(record.id)
    shot("household-overview")
    screen.view.show_section("actions")
    shot("household-things-to-do")

    screen.view.show_section("letters")
    letters = screen.letters
    letters.choose.choices.set_value("sg_support_assessment")
    letters.choose.go.click()
    form = letters.details.form
    form.field("council.address").edit.setPlainText("Civic Hall\nLeeds\nLS1 1UR")
    for box, text in zip(form.field("order_date").boxes, ("2", "9", "2024")):
        box.setText(text)
    shot("letter-details")
    letters.details.go.click()
    app.processEvents()
    top = letters.preview.title.mapTo(screen.view.widget(), letters.preview.title.rect().topLeft()).y()
    screen.view.verticalScrollBar().setValue(top - 16)
    shot("letter-preview")

    support = window.show_screen("support")
    support.set_council("E08000035")
    app.processEvents()
    support.verticalScrollBar().setValue(support.panel.kind_label.mapTo(support.panel, support.panel.rect().topLeft()).y())
    shot("support-near-you")
    window.show_screen("households")

    ctx.set_setting("appearance/text_size", 200)
    window.apply_appearance()
    window.resize(1280, 720)
    screen.view.show_section("overview")
    shot("household-200-percent")
    window.close()
    ctx.close_store()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
