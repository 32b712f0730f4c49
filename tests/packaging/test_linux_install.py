"""install.sh and uninstall.sh (packaging/linux) on a stand-in bundle, in a home folder of their own:
one user, no root; the menu entry points at the installed program, even from an awkward path; the
uninstaller removes what was installed and keeps the saved households."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import archive

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux install scripts")

FAKE_PROGRAM = """#!/bin/sh
if [ "${1:-}" = "--version" ]; then echo "kinship-app 0.1.0"; exit 0; fi
echo "started with: $*"
"""


def make_bundle(where: Path) -> Path:
    bundle = where / "kinship-app"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "kinship-app").write_text(FAKE_PROGRAM)
    (bundle / "kinship-app").chmod(0o755)
    archive.add_linux_files(bundle, "0.1.0")
    return bundle


def env_for(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def run(script: Path, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(script)], env=env_for(home), capture_output=True, text=True, timeout=60)


def unescape_exec(value: str) -> list[str]:
    """The Desktop Entry spec's Exec value back into its arguments (string escapes, then quoting)."""
    value = value.replace("\\\\", "\\")
    args, current, quoted, i = [], "", False, 0
    while i < len(value):
        ch = value[i]
        if quoted and ch == "\\" and i + 1 < len(value):
            current += value[i + 1]
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            args.append(current)
            current = ""
        else:
            current += ch
        i += 1
    args.append(current)
    return [a.replace("%%", "%") for a in args if a]


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


@pytest.mark.parametrize("home_name", ["home", 'a "tricky" $HOME with 100% spaces'])
def test_install_for_one_user_then_uninstall_keeping_the_data(tmp_path, home_name):
    home = tmp_path / home_name
    home.mkdir()
    bundle = make_bundle(tmp_path / "unpacked")
    proc = run(bundle / "install.sh", home)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "Installed Kinship care helper 0.1.0" in proc.stdout

    installed = home / ".local" / "opt" / "kinship-app"
    assert (installed / "kinship-app").is_file() and (installed / "uninstall.sh").is_file()
    entry_file = home / ".local" / "share" / "applications" / "kinship-app.desktop"
    entry = desktop_entry(entry_file)
    assert unescape_exec(entry["Exec"]) == [str(installed / "kinship-app")]
    assert entry["Icon"] == "kinship-app" and entry["Terminal"] == "false"
    started = subprocess.run(unescape_exec(entry["Exec"]) + ["x"], capture_output=True, text=True)
    assert started.stdout == "started with: x\n"
    for size in ("16x16", "48x48", "256x256", "512x512"):
        assert (home / ".local/share/icons/hicolor" / size / "apps/kinship-app.png").is_file()
    assert (home / ".local/share/icons/hicolor/scalable/apps/kinship-app.svg").is_file()
    assert os.readlink(home / ".local/bin/kinship-app") == str(installed / "kinship-app")
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry_file)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    # The user's saved households, made by the app later.
    data = home / ".local" / "share" / "kinship-app"
    data.mkdir()
    (data / "kinship.sqlite3").write_bytes(b"households")

    proc = run(installed / "uninstall.sh", home)
    assert proc.returncode == 0, proc.stderr
    assert not installed.exists() and not entry_file.exists()
    assert not (home / ".local/bin/kinship-app").exists()
    assert not list((home / ".local/share/icons").rglob("kinship-app.*"))
    assert (data / "kinship.sqlite3").read_bytes() == b"households"
    assert f"Your saved households are still in {data}" in proc.stdout


def test_installing_again_replaces_the_old_copy(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    bundle = make_bundle(tmp_path / "unpacked")
    assert run(bundle / "install.sh", home).returncode == 0
    leftover = home / ".local/opt/kinship-app/_internal/old-file"
    leftover.write_text("from the old version")
    assert run(bundle / "install.sh", home).returncode == 0
    assert not leftover.exists()
    assert not (home / ".local/opt/kinship-app.new").exists()
    assert not (home / ".local/opt/kinship-app.old").exists()


def test_a_program_that_does_not_start_is_not_installed(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    bundle = make_bundle(tmp_path / "unpacked")
    (bundle / "kinship-app").write_text("#!/bin/sh\nexit 127\n")
    proc = run(bundle / "install.sh", home)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Could not install: the program in")
    assert not (home / ".local").exists()


def test_someone_elses_kinship_app_command_is_left_alone(tmp_path):
    home = tmp_path / "home"
    (home / ".local/bin").mkdir(parents=True)
    theirs = home / ".local/bin/kinship-app"
    theirs.write_text("#!/bin/sh\necho mine\n")
    bundle = make_bundle(tmp_path / "unpacked")
    assert run(bundle / "install.sh", home).returncode == 0
    assert theirs.read_text() == "#!/bin/sh\necho mine\n"
    assert run(home / ".local/opt/kinship-app/uninstall.sh", home).returncode == 0
    assert theirs.read_text() == "#!/bin/sh\necho mine\n"


def test_the_menu_entry_template_is_valid():
    template = Path(archive.ROOT) / "packaging" / "linux" / "kinship-app.desktop"
    entry = desktop_entry(template)
    assert entry["Type"] == "Application" and entry["Name"] == "Kinship care helper"
    assert entry["StartupWMClass"] == "kinship-app"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(template)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
