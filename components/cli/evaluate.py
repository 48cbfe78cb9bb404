"""Measuring commands: evaluate (scores on labelled data), bench (throughput) and synth (test data)."""

from __future__ import annotations

import argparse
import json
import sys

from components.cli.common import db_help, db_path
from components.errors import ConflictTimelineError

# The project's own front-line report sets (data/eval/frontline-*.jsonl), by `--corpus` name.
FRONTLINE_CORPORA = (
    "frontline",
    "frontline-holdout",
    "frontline-holdout2",
    "frontline-uk",
    "frontline-ru",
    "frontline-uk-holdout",
    "frontline-ru-holdout",
    "frontline-dev",
    "frontline-uk-dev",
    "frontline-ru-dev",
    "frontline-holdout3",
    "frontline-uk-holdout3",
    "frontline-ru-holdout3",
    "frontline-dev2",
    "frontline-uk-dev2",
    "frontline-ru-dev2",
)


def add_bench_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="benchmarks: print numbers and ratios measured in one run")
    p.add_argument(
        "what",
        choices=["ingest", "server"],
        help="ingest: throughput next to the spaCy ceilings; server: map query+figure time per filter",
    )
    p.add_argument("--sizes", default="10000,100000,1000000", help="server: database sizes (events)")
    p.add_argument("--folder", default=None, help="server: where the synthetic databases are kept")
    p.add_argument("--articles", type=int, default=10_000, help="size of the generated corpus")
    p.add_argument("--ucdp-limit", type=int, default=None, help="at most this many UCDP headlines")
    p.add_argument(
        "--language",
        choices=("en", "uk", "ru"),
        default="en",
        help="ingest: the language of the generated corpus (uk, ru: that corpus alone)",
    )
    p.add_argument(
        "--workers", type=int, default=None, help="ingest: processes of the parallel run (default: cores)"
    )


def add_evaluate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score the pipeline on labelled data in ../shared/eval")
    what = p.add_subparsers(dest="what", required=True)
    e = what.add_parser("geoparse", help="toponym detection and resolution (GeoWebNews, LGL)")
    e.add_argument("--corpus", choices=("gwn", "lgl"), required=True)
    e.add_argument("--limit", type=int, default=None, help="only the first N articles")
    e.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    e.add_argument("--errors", action="store_true", help="also list frequent misses and wrong places")
    e.add_argument(
        "--all-mentions",
        action="store_true",
        help="also score the mentions the gazetteer could not place (as 20,039 km errors)",
    )
    e = what.add_parser(
        "events", help="UCDP events (where, when, who, how many) or a front-line report set of the project"
    )
    e.add_argument("--corpus", choices=["ucdp", *FRONTLINE_CORPORA], default="ucdp")
    e.add_argument("--misses", action="store_true", help="front-line sets: list the items got wrong")
    e.add_argument("--limit", type=int, default=None, help="only the first N events")
    e.add_argument("--eval-dir", default=None, help="folder holding the corpora (default: ../shared/eval)")
    e.add_argument("--json", action="store_true", help="print the numbers as JSON")
    e = what.add_parser("event-location", help="Halterman: is the chosen place the labelled LOCATION?")
    e.add_argument("--limit", type=int, default=None, help="only the first N labelled sentences")
    e.add_argument("--eval-dir", default=None, help="folder holding the corpora (default: ../shared/eval)")


def add_synth_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("synth", help="write synthetic events (for scale tests and demos) into a database")
    p.add_argument("--events", type=int, required=True, help="how many events")
    p.add_argument("--db", default=None, help=db_help())
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same events)")


def cmd_bench(args: argparse.Namespace) -> int:
    from components.evaluation import bench

    if args.what == "server":
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
        sys.stdout.write(bench.format_server(bench.run_server(sizes, folder=args.folder)) + "\n")
        return 0
    rows = bench.run_ingest(
        args.articles, ucdp_limit=args.ucdp_limit, lang=args.language, workers=args.workers
    )
    sys.stdout.write(bench.format_rows(rows) + "\n")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    return EVALUATIONS[args.what](args)


def eval_geoparse(args: argparse.Namespace) -> int:
    from components.evaluation import geo as evaluate_geo
    from components.geo.gazetteer.index import load_gazetteer

    gaz = load_gazetteer()
    docs = evaluate_geo.read_corpus(args.corpus, gaz)[: args.limit]
    predictions, seconds = evaluate_geo.predict(docs, gaz)
    scores = evaluate_geo.score(args.corpus, docs, predictions, seconds, placed_only=not args.all_mentions)
    sys.stdout.write(json.dumps(scores.as_dict()) + "\n" if args.json else scores.table())
    if args.errors:
        sys.stdout.write(evaluate_geo.errors_report(docs, predictions))
    return 0


def eval_events(args: argparse.Namespace) -> int:
    from components.evaluation import events as ev

    if args.corpus in FRONTLINE_CORPORA:
        return eval_frontline(args)

    path = ev.eval_dir(args.eval_dir) / ev.UCDP_FILE
    if not path.exists():
        raise ConflictTimelineError(f"no UCDP data at {path}")
    report = ev.evaluate_ucdp(ev.load_ucdp(path, limit=args.limit))
    text = json.dumps(report.as_dict(), indent=1) if args.json else "\n".join(report.lines())
    sys.stdout.write(text + "\n")
    return 0


def eval_frontline(args: argparse.Namespace) -> int:
    from components.evaluation import frontline

    items = frontline.load(args.corpus)[: args.limit]
    report = frontline.evaluate(items, corpus=args.corpus)
    if args.json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=1) + "\n")
    else:
        sys.stdout.write("\n".join(frontline.iter_lines(report, misses=args.misses)) + "\n")
    return 0


def eval_event_location(args: argparse.Namespace) -> int:
    from components.evaluation import events as ev

    path = ev.eval_dir(args.eval_dir) / ev.HALTERMAN_FILE
    if not path.exists():
        raise ConflictTimelineError(f"no event_location data at {path}")
    report = ev.evaluate_event_location(ev.load_halterman(path, limit=args.limit))
    sys.stdout.write("\n".join(report.lines()) + "\n")
    return 0


# `evaluate WHAT`: one function per sub-command.
EVALUATIONS = {
    "geoparse": eval_geoparse,
    "events": eval_events,
    "event-location": eval_event_location,
}


def cmd_synth(args: argparse.Namespace) -> int:
    from components.evaluation import synth

    if args.events < 1:
        sys.stderr.write("error: --events must be at least 1\n")
        return 2
    report = synth.write(db_path(args), args.events, seed=args.seed)
    sys.stdout.write(report.line() + "\n")
    return 0
