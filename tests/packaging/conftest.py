import sys
from pathlib import Path

# packaging/ holds build scripts, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
