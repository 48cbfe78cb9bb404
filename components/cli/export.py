"""`export`: the filtered events to stdout as CSV, JSON Lines, GeoJSON or ACLED's CSV layout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from components import services, store
from components.cli.common import date_arg, db_path, logger
from components.errors import FilterError
from components.filters import EventFilter
from components.records import DATASETS
from components.store.export import FORMATS


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the filtered events to stdout")
    p.add_argument("--db", default=None)
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("--country", action="append", default=[], help="country name or ISO2 code")
    p.add_argument("--since", type=date_arg)
    p.add_argument("--until", type=date_arg)
    p.add_argument("--dataset", action="append", default=[], choices=DATASETS, help="only these datasets")


def cmd_export(args: argparse.Namespace) -> int:
    db = db_path(args)
    flt = EventFilter(
        countries=country_codes(db, args.country),
        date_from=args.since,
        date_to=args.until,
        include_undated=not (args.since or args.until),
        datasets=tuple(sorted(set(args.dataset))),
    )
    exported = services.export_events(db, flt, args.format)
    sys.stdout.write(exported.text)
    if args.format == "geojson":
        sys.stdout.write("\n")
    logger.info("exported %d events", exported.n_events)
    return 0


def country_codes(db: str, values: Sequence[str]) -> tuple[str, ...]:
    """Country names or ISO2 codes -> codes; unknown names are an error, not an empty export."""
    if not values:
        return ()
    with store.reading(db) as con:
        known = store.countries(con)
    by_name = {str(n).casefold(): c for c, n in zip(known.country_code, known.country, strict=True)}
    codes = []
    for value in values:
        v = value.strip()
        if len(v) == 2 and v.isalpha():
            codes.append(v.upper())
        elif v.casefold() in by_name:
            codes.append(by_name[v.casefold()])
        else:
            raise FilterError(f"unknown country {value!r}; known: {', '.join(sorted(by_name)) or 'none'}")
    return tuple(sorted(set(codes)))
