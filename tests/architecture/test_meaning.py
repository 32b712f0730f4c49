"""Meaning apart from wording: the rules and the assessment hold codes; no rule words anything, and
nothing outside the app's Settings switches the language for the whole process."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULE_FILES = ["kinship_app/definition.py", "kinship_app/entitlements.py", "kinship_app/assess.py",
              "kinship_app/result.py", "kinship_app/facts.py", "kinship_app/data/parameters.py"]


def _calls(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


@pytest.mark.parametrize("rel", RULE_FILES)
def test_no_rule_words_anything(rel):
    calls = _calls(ROOT / rel)
    assert not calls & {"_", "gettext", "ngettext", "format_money", "format_date"}, rel


def test_only_the_apps_settings_switch_the_language():
    callers = []
    for path in list((ROOT / "kinship_app").rglob("*.py")) + list((ROOT / "ui").rglob("*.py")):
        if "set_language" in _calls(path):
            callers.append(str(path.relative_to(ROOT)))
    # the saved setting at start-up, and Settings while running
    assert sorted(callers) == ["ui/app.py", "ui/main_window.py"], callers
