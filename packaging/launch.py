"""The bundle's program: exactly the ``kinship-app`` command (ui/launcher.py)."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
