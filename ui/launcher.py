"""The ``kinship-app`` command: the desktop app, or the core's headless commands.

It lives in ``ui`` because it starts the GUI: the core's command line (``kinship_app.cli``) never
imports ``ui``, so imports run one way only. ``kinship-app`` alone (or with the app's own flags such
as ``--quit-when-shown``) opens the window; ``kinship-app assess …`` and the letter commands go to
the core, exactly as ``python -m kinship_app …`` does.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """``argv`` None: the process's own command line (the script), which a headless command may end
    as soon as its output is out (``kinship_app.cli.finish``); given, ``main`` always returns."""
    own = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("--help", "-h", "--version")):
        # Start-up makes many thousands of objects that live as long as the app (Qt's classes and
        # enums, our modules): Python's cyclic collector would walk them again and again before the
        # first frame. It is off until the window has painted (ui.app.run turns it on again).
        import gc

        gc.disable()
        from ui.app import run

        return run(argv, collect_after_paint=True)
    from kinship_app.cli import finish, main as core_main

    status = core_main(argv)
    return finish(argv, status) if own else status
