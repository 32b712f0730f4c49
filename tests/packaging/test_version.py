"""The version: written once in pyproject.toml, shown by --version (both commands) and the About box,
and found in the PyInstaller bundle too, which carries no package metadata."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kinship_app import version as version_module

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


@pytest.fixture
def fresh(monkeypatch):
    version_module.version.cache_clear()
    yield monkeypatch
    version_module.version.cache_clear()


def test_the_version_is_pyprojects(fresh):
    import kinship_app

    assert version_module.version() == PYPROJECT_VERSION
    assert kinship_app.__version__ == PYPROJECT_VERSION


def test_without_metadata_the_bundles_file_is_read(fresh, tmp_path):
    (tmp_path / "_version.txt").write_text("9.8.7\n")
    fresh.setattr(version_module, "_from_metadata", lambda: None)
    fresh.setattr(version_module, "BUNDLED", tmp_path / "_version.txt")
    assert version_module.version() == "9.8.7"


def test_without_metadata_or_bundle_file_a_source_checkout_reads_pyproject(fresh, tmp_path):
    fresh.setattr(version_module, "_from_metadata", lambda: None)
    fresh.setattr(version_module, "BUNDLED", tmp_path / "missing.txt")
    assert version_module.version() == PYPROJECT_VERSION


@pytest.mark.parametrize("pyproject", [
    '[project]\nname = "someone-else"\nversion = "5.0"\n',  # another project's file
    'not toml at all [[[',
    '[project]\nname = "kinship-app"\n',  # no version
])
def test_with_nothing_to_read_the_version_is_unknown_not_a_guess(fresh, tmp_path, pyproject):
    (tmp_path / "pyproject.toml").write_text(pyproject)
    fresh.setattr(version_module, "_from_metadata", lambda: None)
    fresh.setattr(version_module, "BUNDLED", tmp_path / "missing.txt")
    fresh.setattr(version_module, "PYPROJECT", tmp_path / "pyproject.toml")
    assert version_module.version() == "unknown"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), cwd=ROOT)


def test_python_m_kinship_app_version():
    proc = _run("-m", "kinship_app", "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"kinship-app {PYPROJECT_VERSION}\n"


def test_the_kinship_app_command_prints_the_version(capsys):
    from ui.launcher import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"kinship-app {PYPROJECT_VERSION}\n"


def test_python_m_ui_version():
    proc = _run("-m", "ui", "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"kinship-app {PYPROJECT_VERSION}\n"


def test_importing_the_core_does_not_read_the_version():
    # The version is looked up when asked for, so start-up pays nothing for it.
    proc = _run("-c", "import sys, kinship_app, kinship_app.cli; print('kinship_app.version' in sys.modules)")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
