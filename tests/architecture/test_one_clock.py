"""One clock: only the app context's clock (ui/clock.py) and the CLI edge (kinship_app/cli.py) read the
wall clock. The store, the screens, the letters and the operations helper take the date and time
from the context's clock, so tests pin it and a test written on one day passes on any other."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {ROOT / "ui" / "clock.py", ROOT / "kinship_app" / "cli.py"}

# Names whose attributes read the wall clock: datetime.now(), date.today(), time.time(), Qt's
# QDateTime.currentDateTime() and QDate.currentDate().
CLOCK_READS = {
    ("date", "today"), ("datetime", "today"), ("datetime", "now"), ("datetime", "utcnow"),
    ("dt", "today"), ("dt", "now"), ("time", "time"), ("time", "time_ns"), ("time", "localtime"),
    ("time", "gmtime"), ("time", "ctime"), ("time", "strftime"),
    ("QDateTime", "currentDateTime"), ("QDateTime", "currentDateTimeUtc"),
    ("QDateTime", "currentMSecsSinceEpoch"), ("QDate", "currentDate"), ("QTime", "currentTime"),
}


def clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, (ast.Name, ast.Attribute)):
            base = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            if (base, node.attr) in CLOCK_READS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {base}.{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module in ("time", "datetime"):
            for alias in node.names:
                if alias.name in ("time", "localtime", "gmtime", "time_ns"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} from {node.module} import {alias.name}")
    return found


def test_nothing_but_the_app_context_reads_the_wall_clock():
    files = [p for folder in ("kinship_app", "ui") for p in (ROOT / folder).rglob("*.py")]
    assert len(files) > 40
    offenders = [hit for p in files if p not in ALLOWED for hit in clock_reads(p)]
    assert not offenders, offenders


def test_the_checker_finds_a_clock_read(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import datetime as dt\nfrom PySide6.QtCore import QDate\n"
                   "a = dt.datetime.now()\nb = QDate.currentDate()\nimport time\nc = time.time()\n")
    hits = [h.split(" ", 1)[1] for h in clock_reads_relative(bad)]
    assert hits == ["datetime.now", "QDate.currentDate", "time.time"]


def clock_reads_relative(path: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, path.parent
    try:
        return clock_reads(path)
    finally:
        ROOT = saved
