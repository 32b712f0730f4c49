"""Start-up: launch to start screen painted, against a bare PySide6 window started the same way.

Both are fresh processes that quit as soon as their first window has painted, so the figure
includes Python and Qt start-up. The goal is the app within 1.35x of the bare window (issue 15;
the README's "Speed at a charity's scale" says what remains). Run with ``make bench``,
``make bench-report`` (with the other speed figures), or ``python tests/benchmarks/test_startup_bench.py``
for the medians and the ratio. Nothing here asserts a time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
import sys
import time
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
class Quit(QObject):  # as ui.app.QuitWhenPainted: the moment the first paint has finished, then quit
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.User))
        return False
    def event(self, event):
        if event.type() == QEvent.Type.User:
            sys.stderr.write(f"painted {time.monotonic():.6f}\\n")
            sys.stderr.flush()
            QTimer.singleShot(0, app.quit)
            return True
        return super().event(event)
quitter = Quit()
window.centralWidget().installEventFilter(quitter)
window.resize(1100, 780)
window.show()
sys.exit(app.exec())
"""


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))


def launch_app(data_dir: str) -> float:
    return _timed([sys.executable, "-m", "ui", "--quit-when-shown", "--data-dir", data_dir])[0]


def launch_bare() -> float:
    return _timed([sys.executable, "-c", BARE])[0]


def _timed(cmd: list[str]) -> tuple[float, float, float]:
    """One run: seconds from launch to the first paint finished (the ``painted`` line, a
    ``time.monotonic()`` reading, which every process shares), wall seconds of the whole process
    (with what it does after the first paint: fonts loaded for other scripts, quitting), and the
    CPU seconds (user + system) it used, which move less with other people's work on a shared
    machine than wall time does."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    launched = time.monotonic()
    proc = subprocess.run(cmd, check=True, env=_env(), capture_output=True, timeout=120, text=True)
    wall = time.monotonic() - launched
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    painted = next(float(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("painted "))
    return painted - launched, wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compile_sources() -> None:
    """Byte-compile the app as an installer does (this machine sets PYTHONDONTWRITEBYTECODE)."""
    import compileall
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for package in ("kinship_app", "ui"):
        compileall.compile_dir(str(root / package), quiet=1)


def measure(rounds: int = 9) -> dict[str, float]:
    """Alternate the two so that machine load affects both alike; medians of ``rounds`` each."""
    compile_sources()
    data_dir = tempfile.mkdtemp()
    app_cmd = [sys.executable, "-m", "ui", "--quit-when-shown", "--data-dir", data_dir]
    bare_cmd = [sys.executable, "-c", BARE]
    _timed(app_cmd), _timed(bare_cmd)  # warm the file cache for both
    app_runs, bare_runs = [], []
    for _ in range(rounds):
        app_runs.append(_timed(app_cmd))
        bare_runs.append(_timed(bare_cmd))
    result = {}
    for i, name in enumerate(("", "process_", "cpu_")):
        app, bare = statistics.median(r[i] for r in app_runs), statistics.median(r[i] for r in bare_runs)
        result.update({f"app_{name}s": app, f"bare_{name}s": bare, f"{name}ratio": app / bare})
    return result


def test_startup_to_the_start_screen(benchmark, tmp_path):
    if benchmark.enabled:
        compile_sources()
    bare = statistics.median(launch_bare() for _ in range(3)) if benchmark.enabled else launch_bare()
    benchmark.extra_info["bare_window_s"] = round(bare, 3)
    elapsed = benchmark.pedantic(launch_app, args=(str(tmp_path),), rounds=7 if benchmark.enabled else 1,
                                 iterations=1, warmup_rounds=1 if benchmark.enabled else 0)  # as a second launch
    if benchmark.enabled:
        benchmark.extra_info["ratio_to_bare_window"] = round(benchmark.stats.stats.median / bare, 2)
    assert elapsed is not None and elapsed > 0


def test_the_built_in_council_codes_are_still_checked_off_the_start_up_path(tmp_path, monkeypatch):
    """Start-up reads the advice lines without the councils list; the built-in services file's
    council codes are then checked on the first lookup by council, with the same error as before."""
    import pytest

    from kinship_app.data import services
    from kinship_app.data._files import DataError

    text = services.NATIONAL_FILE.read_text(encoding="utf-8")
    assert '"E09000004"' in text
    broken = tmp_path / "national.toml"
    broken.write_text(text.replace('"E09000004"', '"E09999999"', 1), encoding="utf-8")
    monkeypatch.setattr(services, "NATIONAL_FILE", broken)
    services._check_national_covers.cache_clear()
    try:
        assert len(services.all()) == len(services.load([]).all())  # the advice lines need no councils
        with pytest.raises(DataError) as err:
            services.for_council("E08000035")
        assert err.value.path == str(broken) and err.value.field.endswith(".covers")
        assert "'E09999999' is not the code of an English council" in err.value.message
        # A code of the wrong shape is still refused while the file is read.
        broken.write_text(text.replace('"E09000004"', '"Leeds"', 1), encoding="utf-8")
        with pytest.raises(DataError, match="not the code of an English council"):
            services.all()
    finally:
        services._check_national_covers.cache_clear()


if __name__ == "__main__":
    result = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
    print(f"launch to start screen painted: {result['app_s'] * 1000:.0f} ms (median)")
    print(f"launch to bare PySide6 window painted: {result['bare_s'] * 1000:.0f} ms (median)")
    print(f"ratio: {result['ratio']:.2f}")
    print(f"whole process, wall: {result['app_process_s'] * 1000:.0f} ms against "
          f"{result['bare_process_s'] * 1000:.0f} ms, ratio {result['process_ratio']:.2f}")
    print(f"whole process, CPU time: {result['app_cpu_s'] * 1000:.0f} ms against {result['bare_cpu_s'] * 1000:.0f} ms, "
          f"ratio {result['cpu_ratio']:.2f}")
