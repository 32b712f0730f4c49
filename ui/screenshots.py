"""Take the README's screenshots from the real app: ``python -m ui.screenshots ui/screenshots [theme]``.

Runs offscreen in a temporary data folder (nothing of yours is read or written), in a 1280×720
window, answers checks through the real screens and saves a PNG of each main screen: the first
screen of the four checks of issue 11 at 100% and 200% text, and three checks in a row in the same
window. With a theme (``dark``, ``high_contrast``) it saves only the result and a question in it.
With ``languages`` it saves, in each shipped language, a question and the first screen of the aunt's
special guardianship result (``lang-<code>-question.png``, ``lang-<code>-result.png``), and that
result at 200% text in Polish and Arabic.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 720)
LEEDS, KENT = "E08000035", "E10000016"
ANSWERS = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "special_guardianship_order",
           "looked_after_before": "yes", "parents": "none", "council": LEEDS}
# The languages shipped (issue 13), in the README's order.
LANGUAGES = ("pl", "ro", "pa", "ur", "bn", "ar")
# The four checks of issue 11.
FOUR = {
    "bereaved-grandmother": {"relationship": "grandparent", "living": "28_plus", "age": 7, "order": "none",
                             "services": "family", "parents": "one", "council": LEEDS},
    "aunt-special-guardian": {"relationship": "aunt_uncle", "living": "28_plus", "age": 10,
                              "order": "special_guardianship_order", "looked_after_before": "yes",
                              "parents": "none", "council": KENT},
    "cousin-five-weeks": {"relationship": "cousin", "living": "28_plus", "age": 8, "order": "none",
                          "services": "family", "parents": "none", "council": LEEDS},
    "not-sure-to-everything": {"relationship": "unknown", "living": "unknown", "age": "unknown",
                               "order": "unknown", "services": "unknown", "parents": "unknown",
                               "council": "unknown"},
}


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

    out = Path(argv[0] if argv else "ui/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(Path(tempfile.mkdtemp()) / "data", today=lambda: dt.date(2026, 11, 22))
    theme_name = argv[1] if len(argv) > 1 else "light"
    ctx.set_setting("appearance/theme", "light" if theme_name == "languages" else theme_name)
    window = MainWindow(ctx)
    window.apply_appearance()
    window.resize(*SIZE)
    window.show()
    check = window.screen("check")

    def shot(name: str, widget=None) -> None:
        for _ in range(3):
            app.processEvents()
        if theme_name not in ("light", "languages"):
            name = f"{name}-{theme_name.replace('_', '-')}"
        (widget or window).grab().save(str(out / f"{name}.png"))

    def see_result() -> None:
        check.answers_page.see_button.click()
        window.ops.wait()  # the result is worked out off the UI thread
        for _ in range(5):
            app.processEvents()

    def result_of(answers: dict):
        window.start_check()
        check.answers = dict(answers)
        check.show_answers()
        see_result()
        return check._results

    if theme_name == "languages":
        for code in LANGUAGES:
            window.apply_language(code)
            window.start_check()
            check.show_question("order")
            shot(f"lang-{code}-question")
            result_of(FOUR["aunt-special-guardian"])
            shot(f"lang-{code}-result")
        # At 200% text the long translated letter links wrap (ui.widgets.WrapButton).
        ctx.set_setting("appearance/text_size", 200)
        window.apply_appearance()
        for code in ("pl", "ar"):
            window.apply_language(code)
            results = result_of(FOUR["aunt-special-guardian"])
            results.page.ensureWidgetVisible(results.findChild(QWidget, "things_to_do"), 0, 0)
            shot(f"lang-{code}-result-200-percent")
        ctx.set_setting("appearance/text_size", 100)
        window.apply_appearance()
        window.apply_language("en")
        window.close()
        return 0

    if theme_name != "light":
        result_of(ANSWERS)
        shot("result")
        window.start_check()
        check.stack.currentWidget().findChild(QRadioButton, "choice_grandparent").setFocus()
        shot("question")
        window.close()
        return 0

    window.first_run_if_needed()
    shot("first-run")
    window.screen("first_run").finish()
    shot("start")
    window.start_check()
    for qid in ("relationship", "living", "age", "order", "looked_after_before", "parents", "council"):
        page = check.stack.currentWidget()
        value = ANSWERS[qid]
        if qid == "relationship":
            page.findChild(QRadioButton, "choice_group_friend").click()
            shot("question")
        if qid == "age":
            page.input.age.setText(str(value))
        elif qid == "council":
            page.input.search.setText("Leeds")
            page.input._pick_single()
        else:
            page.findChild(QRadioButton, f"choice_{value}").click()
        if qid == "order":
            page.continue_button.click()
            check.stack.currentWidget().continue_button.click()
            shot("question-error")
            continue
        if qid == "council":
            shot("question-council")
        page.continue_button.click()
    shot("check-your-answers")
    see_result()
    shot("result")
    results = check._results
    results.cards["child_benefit"].open_detail()
    results.page.ensureWidgetVisible(results.cards["child_benefit"], 0, 40)
    shot("result-cards")
    # Three checks in a row in the same window: nothing of one family on the next one's screen.
    for n, key in enumerate(("not-sure-to-everything", "bereaved-grandmother", "aunt-special-guardian"), 1):
        result_of(FOUR[key])
        shot(f"three-in-a-row-{n}")
    settings = window.show_screen("settings")
    shot("settings")
    settings.advanced.toggle.click()
    app.processEvents()
    settings.page.ensureWidgetVisible(settings.use_url, 0, 40)
    shot("settings-advanced")
    for size in (100, 200):
        ctx.set_setting("appearance/text_size", size)
        window.apply_appearance()
        for key, answers in FOUR.items():
            result_of(answers)
            shot(f"result-{key}" + ("-200-percent" if size == 200 else ""))
    window.start_check()
    check.change("order")
    window.show_screen("check")
    shot("question-200-percent")
    ctx.set_setting("appearance/text_size", 100)
    window.apply_appearance()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
