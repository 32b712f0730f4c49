"""The core never imports Qt or the GUI, and never reads the clock itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "kinship_app"


def test_importing_every_core_module_imports_no_qt():
    code = (
        "import importlib, pkgutil, sys, kinship_app\n"
        "for m in pkgutil.walk_packages(kinship_app.__path__, 'kinship_app.'):\n"
        "    if m.name.endswith('__main__') or '.migrations.versions' in m.name: continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(len([n for n in sys.modules if n.startswith('kinship_app')]))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) >= 8  # it really imported the core


def test_core_never_reads_the_clock():
    """Only the CLI edge (kinship_app/cli.py) may ask for today's date; everything else is passed it."""
    offenders = []
    for path in CORE.rglob("*.py"):
        if path.name == "cli.py" and path.parent == CORE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("today", "now", "utcnow") and \
                    isinstance(node.value, (ast.Name, ast.Attribute)):
                base = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
                if base in ("date", "datetime", "dt"):
                    offenders.append(f"{path.relative_to(CORE)}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr == "time" and isinstance(node.value, ast.Name) \
                    and node.value.id == "time":
                offenders.append(f"{path.relative_to(CORE)}:{node.lineno}")
    assert not offenders, offenders

