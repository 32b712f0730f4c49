"""Which way the imports run: ui -> kinship_app, never back (the `kinship-app` script is ui.launcher).

What start-up may load is checked by running it: tests/ui/test_app.py looks at ``sys.modules``."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports(path: Path):
    """(module, inside a function?) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((a.name, in_function) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def test_the_core_never_imports_the_gui_not_even_lazily():
    links = []
    for path in (ROOT / "kinship_app").rglob("*.py"):
        for module, in_function in imports(path):
            if module == "ui" or module.startswith(("ui.", "PySide6")):
                links.append((str(path.relative_to(ROOT)), module, in_function))
    assert links == []
