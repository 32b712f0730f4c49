import sys
from pathlib import Path

# The app window fixture is shared with the GUI tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from app_fixtures import ctx, window  # noqa: E402,F401
