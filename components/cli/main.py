"""The parser of `python -m components` and the dispatch of its commands (the commands live in one
module per group: ingest.py, export.py, geo.py, evaluate.py)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from components import __version__
from components.cli import evaluate, export, geo, ingest
from components.errors import ConflictTimelineError

# The description `--help` prints.
DESCRIPTION = (
    "`python -m components ...`: ingest, export, geoparse, build-gazetteer, synth and watch (feeds), with\n"
    "progress bars.\n"
    "\n"
    "Errors of the package become one-line messages and exit code 2; nothing here prints a traceback.\n"
)

# The sub-commands in the order `--help` lists them.
PARSERS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (
    ingest.add_ingest_parser,
    export.add_export_parser,
    ingest.add_import_parser,
    ingest.add_dedup_parser,
    ingest.add_split_parser,
    ingest.add_migrate_parser,
    geo.add_geoparse_parser,
    geo.add_build_gazetteer_parser,
    geo.add_places_parser,
    evaluate.add_bench_parser,
    evaluate.add_evaluate_parser,
    ingest.add_watch_parser,
    evaluate.add_synth_parser,
)

# Each command's function: it gets the parsed arguments and returns the exit code.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "ingest": ingest.cmd_ingest,
    "export": export.cmd_export,
    "geoparse": geo.cmd_geoparse,
    "build-gazetteer": geo.cmd_build_gazetteer,
    "bench": evaluate.cmd_bench,
    "evaluate": evaluate.cmd_evaluate,
    "import": ingest.cmd_import,
    "migrate": ingest.cmd_migrate,
    "dedup": ingest.cmd_dedup,
    "split": ingest.cmd_split,
    "synth": evaluate.cmd_synth,
    "places": geo.cmd_places,
    "watch": ingest.cmd_watch,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"conflict-timeline {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details")
    sub = parser.add_subparsers(dest="command", required=True)
    for add_parser in PARSERS:
        add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a package error is a one-line message and exit code 2."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return COMMANDS[args.command](args)
    except ConflictTimelineError as err:
        sys.stderr.write(f"error: {err}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
