"""What goes into the bundle beyond the app's own code: the rules the PyInstaller spec applies.

Kept apart from the spec so they can be tested (tests/packaging/test_bundle_rules.py) and read in
one place. The aim is a bundle with everything the app uses on every desktop and nothing else:

- Qt plugins: the screens (X11 through ``xcb``, ``offscreen`` for running without a screen,
  Windows, macOS), printing, typing accents and other scripts (compose and IBus input methods),
  accessibility, the common image formats. Left out: Wayland (Qt falls back to X11 through
  XWayland, which every Wayland desktop ships), GTK's theme (it would pull in GTK), SVG (our icons
  are PNGs), network and TLS (the app never goes online), touch-screen and embedded-device drivers,
  the virtual keyboard (it needs Qt Quick).
- Translations: Qt's own (``qtbase``) and Babel's locale data only for the app's languages.
"""

from __future__ import annotations

import re
from pathlib import Path

# English (the source language) and the languages the app is translated into (UX.md); every
# catalogue under locale/ is added to these when the bundle is built.
LANGUAGES = frozenset({"en", "pl", "ro", "pa", "ur", "bn", "ar"})

# Plugin folder -> the plugins kept (their names without "lib" and the file ending). A folder not
# listed is kept whole; one listed with an empty set is left out.
QT_PLUGINS: dict[str, frozenset[str]] = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa", "qdirect2d"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}),
    "imageformats": frozenset({"qico", "qjpeg", "qgif", "qicns"}),
    "iconengines": frozenset(),
    "egldeviceintegrations": frozenset(),
    "generic": frozenset(),
    "tls": frozenset(),
    "networkinformation": frozenset(),
    "bearer": frozenset(),
    "wayland-decoration-client": frozenset(),
    "wayland-graphics-integration-client": frozenset(),
    "wayland-shell-integration": frozenset(),
    "sqldrivers": frozenset(),
    "qmltooling": frozenset(),
    "virtualkeyboard": frozenset(),
}


def languages(root: Path) -> frozenset[str]:
    """Our languages plus any catalogue shipped under ``root``/locale."""
    found = {p.parent.parent.name for p in (root / "locale").glob("*/LC_MESSAGES/*.po")}
    return LANGUAGES | {code.split("_")[0] for code in found} | found


def _plugin_name(filename: str) -> str:
    stem = Path(filename).name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_plugin(plugin_type: str, filename: str) -> bool:
    # By the exact kind: "platforms/darwin" (macOS' helpers) is not "platforms".
    kept = QT_PLUGINS.get(plugin_type.replace("\\", "/"))
    return kept is None or _plugin_name(filename) in kept


def keep_qt_plugin_file(dest: str) -> bool:
    """The same rule for a file's place in the bundle: "PySide6/Qt/plugins/<kind>/<file>" (on
    Windows "PySide6/plugins/<kind>/<file>"). True for anything that is not a Qt plugin."""
    parts = dest.replace("\\", "/").split("/")
    if "plugins" not in parts[:-1] or "PySide6" not in parts:
        return True
    at = len(parts) - 1 - parts[::-1].index("plugins")
    kind = "/".join(parts[at + 1:-1])
    return not kind or keep_qt_plugin(kind, parts[-1])


_QT_QM = re.compile(r"^(?P<base>[a-z_]+?)_(?P<lang>[a-z]{2,3})(?:_[A-Za-z]+)*\.qm$")
_BABEL = re.compile(r"^(?P<lang>[a-z]{2,3})(?:_[A-Za-z0-9]+)*\.dat$")


def keep_data(dest: str, langs: frozenset[str] = LANGUAGES) -> bool:
    """False for a data file the bundle does not need: another language's Qt or Babel file."""
    parts = dest.replace("\\", "/").split("/")
    name = parts[-1]
    if len(parts) >= 2 and parts[-2] == "translations" and name.endswith(".qm"):
        m = _QT_QM.match(name)
        # Qt's "qt_xx.qm" is only an index of other modules' catalogues; "qtbase" is what we load.
        return bool(m) and m["base"] == "qtbase" and m["lang"] in langs
    if len(parts) >= 2 and parts[-2] == "locale-data" and name.endswith(".dat"):
        if name == "root.dat":
            return True
        m = _BABEL.match(name)
        return bool(m) and m["lang"] in langs
    return True


def migration_imports(folder: Path) -> list[str]:
    """Modules the Alembic migration scripts import: Alembic runs them from their source files, so
    PyInstaller does not see their imports by itself."""
    import ast

    found: set[str] = set()
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # "from alembic import op": op may be a module of its own (modules are lower case;
                # a lower-case name that is not a module only gives a warning in PyInstaller's log).
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names if alias.name.islower())
    return sorted(found)
