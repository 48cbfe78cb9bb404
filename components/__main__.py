"""`python -m components ...` runs the command-line interface."""

import sys

from components.cli import main

sys.exit(main())
