"""``Qt``: the Qt namespace (``Qt.AlignmentFlag``, ``Qt.Key``…), built the first time it is used.

PySide6 makes every Python enum of the namespace (93 enums, about 1,200 members, through Python's
``enum`` module) the moment anything names ``PySide6.QtCore.Qt``: 114M instructions, 12-25 ms,
about a quarter of everything the app added to a bare window's start-up (issue 15). The start
screen is drawn without it. The modules on the start-up path (``tests/ui/test_start_up_path.py``
lists them) take ``Qt`` from here instead of from ``PySide6.QtCore``, so the namespace is built when
something first needs it (a key pressed, a screen opened), after the first frame.

On that path, code that must set an enum before the first frame does it without a Python enum:
``set_enum`` (a property by its key's name, through Qt's meta-object system) or an equivalent that
needs none (README, "Speed at a charity's scale"). Everywhere else, import ``Qt`` from wherever you
like: once built it costs nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore


class _Namespace:
    """Looks each name up on ``PySide6.QtCore.Qt`` when it is read (and keeps it)."""

    __slots__ = ("_names",)

    def __init__(self) -> None:
        self._names: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        names = object.__getattribute__(self, "_names")
        if name not in names:
            names[name] = getattr(QtCore.Qt, name)
        return names[name]

    def __repr__(self) -> str:
        return "<Qt namespace, built when first used (ui/qtnames.py)>"


Qt: Any = _Namespace()


def built() -> bool:
    """Whether PySide6 has built the Qt namespace in this process yet."""
    return "Qt" in vars(QtCore)


def set_enum(obj: QtCore.QObject, prop: str, key: str) -> None:
    """Set the enum or flags property ``prop`` of ``obj`` to ``key`` ("PlainText", or
    "AlignLeft|AlignTop" for flags) by name, through Qt's meta-object system: no Python enum is made.
    A name that is not a key of that property's enum is an error, not silently ignored."""
    if not obj.setProperty(prop, key):
        raise ValueError(f"{type(obj).__name__}.{prop} has no value {key!r}")
