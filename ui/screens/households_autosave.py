"""The household side of the check flow's autosave hook (``MainWindow.start_check``).

Every answer is written to the store as it is given (``Store.save_progress``: one transaction,
wholly there or wholly absent after a crash), together with the question to come back to. When the
check reaches its result, the answers become the child's saved facts and the store assesses them
(so the household's history keeps exactly what was said), and the check is marked finished.

Which household has a check under way is also kept in the app's settings (a number, no names), so
after a crash the app can reopen that check at the same question without searching every
household — and a quick check, which has no household, leaves nothing behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from kinship_app import flow

UNFINISHED_KEY = "households/unfinished_check"


class HouseholdCheck:
    """Saves one child's check answers as they are given, and keeps the result when it is reached."""

    def __init__(self, store: Callable[[], Any], household_id: int, child_id: int,
                 today: Callable[[], dt.date], ops, settings=None, on_saved: Callable[[Any], None] | None = None):
        self._store, self.household_id, self.child_id = store, household_id, child_id
        self._today, self._ops, self._settings = today, ops, settings
        self._on_saved = on_saved

    def resume_point(self) -> tuple[dict[str, Any], str | None]:
        """The answers and question to open the check at: this child's saved answers if the last
        check of the household was theirs, otherwise a fresh start."""
        progress = self._store().progress(self.household_id)
        if progress is None or progress.child_id != self.child_id:
            return {}, None
        return dict(progress.answers), progress.question_id

    def save(self, answers: dict[str, Any], question_id: str) -> None:
        """The check flow's ``saver``: called after every answer."""
        self._ops.run(lambda: self._store().save_progress(self.household_id, answers, question_id,
                                                          child_id=self.child_id),
                      background=False)
        if self._settings is not None:
            if question_id == flow.END:
                self._settings.remove(UNFINISHED_KEY)
            else:
                self._settings.setValue(UNFINISHED_KEY, self.household_id)

    def finished(self, answers: dict[str, Any], assessment: Any) -> None:
        """The check flow's ``on_finished``: keep the answers as the child's facts and assess them."""
        def keep():
            from kinship_app.case import parse_case

            store = self._store()
            facts = flow.answers_to_case(answers)
            parse_case(facts)  # refuse to save a case the rules would refuse
            record = store.get_household(self.household_id)
            children = [dataclasses.replace(c, facts={k: v for k, v in facts.items() if k != "people"})
                        if c.id == self.child_id else c for c in record.children]
            council = (facts.get("household") or {}).get("council")
            changes: dict[str, Any] = {"children": children}
            if council and council != record.council:
                # The household's council wins over the facts when the store builds the case.
                changes["council"] = council
            store.update_household(record.id, expected_version=record.version, **changes)
            return store.reassess(self.child_id, self._today())

        self._ops.run(keep, self._on_saved, changes="household", background=False)
        if self._settings is not None:
            self._settings.remove(UNFINISHED_KEY)


def unfinished_household(settings) -> int | None:
    value = settings.value(UNFINISHED_KEY, None) if settings is not None else None
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
