"""`python -m components ...` runs the command-line interface."""

import sys

from components.cli import main

if __name__ == "__main__":  # not when a spawned worker process re-imports the main module
    sys.exit(main())
