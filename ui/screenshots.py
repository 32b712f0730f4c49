"""Take the README's screenshots from the real app: ``python -m ui.screenshots resources/screenshots``.

Runs offscreen in a temporary data folder (nothing of yours is read or written), answers a check
through the real question screens and saves a PNG of each main screen.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 800)
ANSWERS = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "special_guardianship_order",
           "looked_after_before": "yes", "parents": "none", "council": "E08000035"}


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QRadioButton

    out = Path(argv[0] if argv else "resources/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(Path(tempfile.mkdtemp()) / "data", today=lambda: dt.date(2026, 11, 22))
    theme_name = argv[1] if len(argv) > 1 else "light"
    ctx.set_setting("appearance/theme", theme_name)
    window = MainWindow(ctx)
    window.apply_appearance()
    window.resize(*SIZE)
    window.show()

    def shot(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(out / f"{name}.png"))

    shot("start")
    window.start_check()
    check = window.screen("check")
    for qid in ("relationship", "living", "age", "order", "looked_after_before", "parents", "council"):
        page = check.stack.currentWidget()
        value = ANSWERS[qid]
        if qid == "age":
            page.input.age.setText(str(value))
        elif qid == "council":
            page.input.search.setText("Leeds")
            page.input._pick_single()
        else:
            page.findChild(QRadioButton, f"choice_{value}").setChecked(True)
        if qid == "order":
            shot("question")
            page.continue_button.click()
            check.stack.currentWidget().continue_button.click()
            shot("question-error")
            continue
        if qid == "council":
            shot("question-council")
        page.continue_button.click()
    shot("check-your-answers")
    check.answers_page.see_button.click()
    shot("result")
    results = check._results
    results.page.verticalScrollBar().setValue(results.page.verticalScrollBar().maximum() // 3)
    shot("result-cards")
    window.show_screen("settings")
    shot("settings")
    ctx.set_setting("appearance/text_size", 200)
    window.apply_appearance()
    window.resize(1280, 720)
    check.change("order")
    window.show_screen("check")
    shot("question-200-percent")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
