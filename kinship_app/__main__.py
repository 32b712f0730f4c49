import sys

from kinship_app.cli import finish, main

argv = sys.argv[1:]
sys.exit(finish(argv, main(argv)))
