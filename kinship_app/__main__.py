import sys

from kinship_app.cli import main

sys.exit(main())
