"""Build the installable app with the Python running this script (a venv of its own, never the
development one, so no test tools end up in the bundle). The same steps on Linux, Windows and macOS:

    python packaging/build.py deps    install the app's run-time dependencies (from pyproject.toml)
                                      and PyInstaller into this Python
    python packaging/build.py         build dist/kinship-app with packaging/kinship-app.spec, then
                                      the archive (packaging/archive.py)

`make dist` runs both in .venv-dist on Linux; README, "Install", gives the Windows and macOS commands.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# PyInstaller's Qt plugin selection (see the spec) uses its 6.x hook helpers.
PYINSTALLER = "pyinstaller>=6.10,<7"


def runtime_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"])


def install_deps() -> int:
    cmd = [sys.executable, "-m", "pip", "install", "-q", *runtime_requirements(), PYINSTALLER]
    return subprocess.call(cmd)


def build() -> int:
    dist, work = ROOT / "dist", ROOT / "build" / "pyinstaller"
    code = subprocess.call([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                            "--distpath", str(dist), "--workpath", str(work),
                            str(ROOT / "packaging" / "kinship-app.spec")], cwd=ROOT)
    if code:
        return code
    return subprocess.call([sys.executable, str(ROOT / "packaging" / "archive.py"), str(dist)])


def main(argv: list[str]) -> int:
    if argv == ["deps"]:
        return install_deps()
    if not argv:
        return build()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
