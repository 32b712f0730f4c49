"""The app's version: written once, in pyproject.toml, and read from there wherever the app runs.

- installed (``pip install -e .`` included): the package metadata pip wrote from pyproject.toml;
- the PyInstaller bundle, which has no metadata: ``_version.txt`` beside this file, written by
  packaging/kinship-app.spec from pyproject.toml when the bundle is built;
- a source checkout run without installing: pyproject.toml itself.
"""

from __future__ import annotations

import functools
from pathlib import Path

DIST_NAME = "kinship-app"
BUNDLED = Path(__file__).with_name("_version.txt")
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
UNKNOWN = "unknown"


@functools.cache
def version() -> str:
    return _from_metadata() or _from_bundle(BUNDLED) or _from_pyproject(PYPROJECT) or UNKNOWN


def _from_metadata() -> str | None:
    from importlib.metadata import PackageNotFoundError, version as dist_version

    try:
        return dist_version(DIST_NAME)
    except PackageNotFoundError:
        return None


def _from_bundle(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _from_pyproject(path: Path) -> str | None:
    import tomllib

    try:
        with path.open("rb") as fh:
            project = tomllib.load(fh).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    if project.get("name") != DIST_NAME:  # some other project's file
        return None
    found = project.get("version")
    return found if isinstance(found, str) and found else None
