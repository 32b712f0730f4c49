"""Turn PyInstaller's folder (dist/kinship-app) into the archive people download.

    python packaging/archive.py [dist]

Linux: adds install.sh, uninstall.sh, the menu entry and the icons (share/), and a short
READ-ME-FIRST.txt, then packs dist/kinship-app-VERSION-linux-ARCH.tar.gz whose one folder is
kinship-app-VERSION/. Windows: a .zip of the folder (the installer proper is made by Inno Setup from
packaging/windows/kinship-app.iss; see README). macOS: a .zip of the .app (made with ditto).
Only the Linux archive has been tried.
Prints the archive's path.
"""

from __future__ import annotations

import platform
import shutil
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "kinship-app"

READ_ME = """Kinship care helper {version}
=========================

To install it for yourself (no administrator password needed):

    ./install.sh

It then appears in your applications menu as "Kinship care helper".
You can also start it without installing: double-click "kinship-app" in this folder,
or run ./kinship-app

Your saved households are kept in ~/.local/share/kinship-app on this computer.
Nothing is sent anywhere.

To remove the program later:

    ~/.local/opt/kinship-app/uninstall.sh

(your saved households are kept; the script tells you where they are).
"""


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


def add_linux_files(bundle: Path, ver: str) -> None:
    """The install scripts, menu entry and icons, beside the program."""
    linux = ROOT / "packaging" / "linux"
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(linux / script, bundle / script)
        (bundle / script).chmod(0o755)
    apps = bundle / "share" / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    shutil.copy2(linux / f"{NAME}.desktop", apps / f"{NAME}.desktop")
    icons = ROOT / "resources" / "icons"
    target = bundle / "share" / "icons" / "hicolor"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(icons / "hicolor", target)
    (target / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    shutil.copy2(icons / f"{NAME}.svg", target / "scalable" / "apps" / f"{NAME}.svg")
    (bundle / "READ-ME-FIRST.txt").write_text(READ_ME.format(version=ver), encoding="utf-8")


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # The same archive whoever builds it: no build user's names or ids.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def make_archive(dist: Path) -> Path:
    bundle = dist / NAME
    if not (bundle / "_internal").is_dir():
        raise SystemExit(f"error: {bundle} is not a PyInstaller folder: run `make dist` (or pyinstaller) first")
    ver = version()
    top = f"{NAME}-{ver}"
    if sys.platform.startswith("linux"):
        add_linux_files(bundle, ver)
        out = dist / f"{top}-linux-{arch()}.tar.gz"
        tmp = out.with_suffix(".tmp")
        with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname=top, filter=_tar_filter)
        tmp.replace(out)
        return out
    if sys.platform == "darwin":
        # The .app, zipped by Apple's own tool: it keeps the frameworks' links and the signature.
        import subprocess

        apps = sorted(dist.glob("*.app"))
        if not apps:
            raise SystemExit(f"error: no .app in {dist}")
        out = dist / f"{top}-macos-{arch()}.zip"
        subprocess.run(["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(apps[0]), str(out)], check=True)
        return out
    out = dist / f"{top}-windows-{arch()}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(bundle.rglob("*")):
            zf.write(path, Path(top) / path.relative_to(bundle))
    return out


def main(argv: list[str]) -> int:
    dist = Path(argv[0]) if argv else ROOT / "dist"
    print(make_archive(dist))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
