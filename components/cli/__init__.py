"""The command line, `python -m components COMMAND ...`: one module per group of commands.

- main.py      the parser, `main()` and the dispatch (errors become one-line messages and exit code 2)
- ingest.py    ingest, import, dedup, split, migrate and watch (feeds): fill or change the database
- export.py    export: the filtered events as CSV, JSON Lines, GeoJSON or ACLED's CSV
- geo.py       geoparse, places (corrections) and build-gazetteer
- evaluate.py  evaluate, bench and synth
- common.py    shared argument types and the --db default

Commands call the services (components/services.py) and the store's `reading()` / `writing()`.
"""

from __future__ import annotations

from components.cli.evaluate import EVALUATIONS
from components.cli.main import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "EVALUATIONS", "build_parser", "main"]
