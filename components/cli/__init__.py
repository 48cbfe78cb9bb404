"""`python -m components ...`: ingest, export, geoparse, build-gazetteer, synth and watch (feeds), with
progress bars.

Errors of the package become one-line messages and exit code 2; nothing here prints a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from components import __version__, services, settings, store
from components.errors import ConflictTimelineError, FilterError, StoreError
from components.filters import EventFilter
from components.records import DATASETS
from components.store import export

logger = logging.getLogger("components")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"expected a date like 2022-10-15, got {value!r}") from err


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components", description=__doc__)
    parser.add_argument("--version", action="version", version=f"conflict-timeline {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="ingest article files or folders into the database")
    p.add_argument("paths", nargs="+", help="files (.txt .html .json .jsonl .csv) or folders")
    p.add_argument("--db", default=None, help=f"DuckDB file (default: {settings.get('db_path')})")
    p.add_argument("--published", type=_date, help="publication date for articles without one")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: this process into --db; dask: a Dask cluster into the Parquet dataset --out",
    )
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument(
        "--out", default=None, help="Parquet dataset folder for --engine dask (default: data/parquet)"
    )
    p.add_argument("--workers", type=int, default=None, help="LocalCluster worker processes (default: cores)")

    p = sub.add_parser("export", help="write the filtered events to stdout")
    p.add_argument("--db", default=None)
    p.add_argument("--format", choices=export.FORMATS, default="csv")
    p.add_argument("--country", action="append", default=[], help="country name or ISO2 code")
    p.add_argument("--since", type=_date)
    p.add_argument("--until", type=_date)
    p.add_argument("--dataset", action="append", default=[], choices=DATASETS, help="only these datasets")

    p = sub.add_parser("import", help="import an ACLED, UCDP GED or GDELT 2.0 events file")
    p.add_argument("file", help="the dataset file (CSV for acled/ucdp, tab-separated for gdelt)")
    p.add_argument("--format", required=True, choices=("acled", "ucdp", "gdelt"))
    p.add_argument("--db", default=None, help=f"DuckDB file (default: {settings.get('db_path')})")

    p = sub.add_parser("dedup", help="merge reports of the same event (re-run over every event)")
    p.add_argument("--db", default=None, help=f"DuckDB file (default: {settings.get('db_path')}); for a "
                   "Parquet dataset, deduplicate the articles an interrupted Dask run left")  # fmt: skip
    p.add_argument("--km", type=float, default=None, help=f"distance (default: {settings.get('dedup_km')})")
    p.add_argument("--days", type=int, default=None, help=f"± days (default: {settings.get('dedup_days')})")

    p = sub.add_parser("split", help="undo a dedup merge: the event's reports become separate events")
    p.add_argument("event_id")
    p.add_argument("--db", default=None, help=f"DuckDB file (default: {settings.get('db_path')})")

    p = sub.add_parser("migrate", help="upgrade a database written by an older version")
    p.add_argument("--db", default=None)

    p = sub.add_parser("geoparse", help="print one JSON line per place mention")
    p.add_argument("files", nargs="*", help="plain-text files or JSONL {id, text, published}")

    p = sub.add_parser("build-gazetteer", help="build the offline gazetteer from package data")
    p.add_argument("--min-population", type=int, default=500)
    p.add_argument("--countries", default="", help="comma-separated ISO2 codes (default: all)")
    p.add_argument("--out", default=None, help=f"folder (default: {settings.get('gazetteer_dir')})")
    p.add_argument("--if-missing", action="store_true", help="only build when no current gazetteer exists")
    p.add_argument("--no-admin2", action="store_true", help="leave out second-level regions (ADM2)")

    p = sub.add_parser("places", help="correct place resolutions (stored, re-applied, undoable)")
    places = p.add_subparsers(dest="action", required=True)
    f = places.add_parser("fix", help="resolve NAME to a GeoNames id in stored and future articles")
    f.add_argument("name", help="the place as written in the articles (case and diacritics do not matter)")
    f.add_argument("--to", type=int, required=True, metavar="GEONAMEID", help="the right place's GeoNames id")
    f.add_argument("--article", default=None, metavar="ID", help="only in this article (default: everywhere)")
    f.add_argument("--by", default="", metavar="WHO", help="who made the correction")
    f.add_argument("--db", default=None)
    u = places.add_parser("undo", help="undo a correction, restoring the previous resolution")
    u.add_argument("correction_id", type=int)
    u.add_argument("--by", default="", metavar="WHO")
    u.add_argument("--db", default=None)
    ls = places.add_parser("list", help="every correction, newest first")
    ls.add_argument("--db", default=None)

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
    e = what.add_parser("events", help="UCDP events: where, when, who, how many")
    e.add_argument("--corpus", choices=["ucdp"], default="ucdp")
    e.add_argument("--limit", type=int, default=None, help="only the first N events")
    e.add_argument("--eval-dir", default=None, help="folder holding the corpora (default: ../shared/eval)")
    e.add_argument("--json", action="store_true", help="print the numbers as JSON")
    e = what.add_parser("event-location", help="Halterman: is the chosen place the labelled LOCATION?")
    e.add_argument("--limit", type=int, default=None, help="only the first N labelled sentences")
    e.add_argument("--eval-dir", default=None, help="folder holding the corpora (default: ../shared/eval)")

    p = sub.add_parser("watch", help="poll RSS/Atom feeds and ingest their new items")
    p.add_argument("feeds", nargs="+", help="feed URLs or files")
    p.add_argument("--every", default="15m", help="interval between polls: 30s, 15m, 1h (default 15m)")
    p.add_argument("--db", default=None, help=f"DuckDB file (default: {settings.get('db_path')})")
    p.add_argument("--once", action="store_true", help="poll once and exit")

    p = sub.add_parser("synth", help="write synthetic events (for scale tests and demos) into a database")
    p.add_argument("--events", type=int, required=True, help="how many events")
    p.add_argument("--db", default=None, help=f"DuckDB file (default: {settings.get('db_path')})")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same events)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.engine == "dask":
        from components.scaleout import distributed

        out = args.out or str(Path(settings.get("db_path")).parent / "parquet")
        report = distributed.ingest(args.paths, out_dir=out, scheduler=args.scheduler,
                                    published=args.published, n_workers=args.workers)  # fmt: skip
        sys.stdout.write("\n".join(report.lines()) + "\n")
        return 0
    from tqdm import tqdm

    from components import pipeline

    bar = None

    def progress(done: int, total: int, label: str) -> None:
        nonlocal bar
        if args.no_progress:
            return
        if bar is None:
            bar = tqdm(total=total, unit="article", desc="ingest", file=sys.stderr)
        bar.n = done
        bar.set_postfix_str(label[:40], refresh=True)

    report = pipeline.ingest_paths(
        args.paths, db_path=args.db or settings.get("db_path"), published=args.published,
        progress=progress,
    )  # fmt: skip
    if bar is not None:
        bar.close()
    sys.stdout.write("\n".join(report.lines()) + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    db = args.db or settings.get("db_path")
    with store.reading(db) as con:
        codes = _country_codes(con, args.country)
    flt = EventFilter(countries=codes, date_from=args.since, date_to=args.until,
                      include_undated=not (args.since or args.until),
                      datasets=tuple(sorted(set(args.dataset))))  # fmt: skip
    exported = services.export_events(db, flt, args.format)
    sys.stdout.write(exported.text)
    if args.format == "geojson":
        sys.stdout.write("\n")
    logger.info("exported %d events", exported.n_events)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    report = services.import_files([args.file], args.format, args.db or settings.get("db_path"))
    sys.stdout.write("\n".join(report.lines()) + "\n")
    return 0


def cmd_dedup(args: argparse.Namespace) -> int:
    from components.events import dedup

    path = Path(args.db or settings.get("db_path"))
    if path.is_dir():  # a Parquet dataset: finish the dedup an interrupted Dask run left pending
        from components.scaleout import distributed

        if args.km is not None or args.days is not None:
            raise StoreError(
                f"{path} is a Parquet dataset: its dedup uses the settings' window, not --km/--days"
            )
        outcome = distributed.dedup(path)
        sys.stdout.write(f"dedup of {path}: {outcome.resumed} pending articles deduplicated, "
                         f"{outcome.merged} reports merged\n")  # fmt: skip
        return 0
    con = store.connect(path)
    try:
        report = dedup.dedup(con, km=args.km, days=args.days)
    finally:
        con.close()
    sys.stdout.write(report.line() + "\n")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from components.events import dedup

    con = store.connect(args.db or settings.get("db_path"))
    try:
        reports = dedup.split(con, args.event_id)
    finally:
        con.close()
    if not reports:
        sys.stdout.write(f"event {args.event_id} has no merged reports: nothing to split\n")
    else:
        sys.stdout.write(
            f"split {args.event_id}: {len(reports)} reports restored as events: {', '.join(reports)}\n"
        )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    path = args.db or settings.get("db_path")
    con = store.connect(path)  # a writable open upgrades the schema in place
    con.close()
    sys.stdout.write(f"{path}: schema version {store.SCHEMA_VERSION}\n")
    return 0


def _country_codes(con, values: Sequence[str]) -> tuple[str, ...]:
    """Country names or ISO2 codes -> codes; unknown names are an error, not an empty export."""
    if not values:
        return ()
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


def _geoparse_inputs(files: Sequence[str]) -> Iterator[tuple[str, str, dt.date | None]]:
    from components.ingest.articles import parse_date

    sources = [(f, Path(f).read_text(encoding="utf-8")) for f in files] or [("stdin", sys.stdin.read())]
    for name, content in sources:
        if name.endswith(".jsonl") or (name == "stdin" and content.lstrip().startswith("{")):
            for lineno, line in enumerate(content.splitlines(), start=1):
                if line.strip():
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        logger.warning("%s:%d: not a JSON line, skipped", name, lineno)
                        continue
                    yield (
                        str(rec.get("id", f"{name}:{lineno}")),
                        str(rec.get("text", "")),
                        parse_date(rec.get("published")),
                    )
        else:
            yield name, content, None


def cmd_geoparse(args: argparse.Namespace) -> int:
    from components import pipeline
    from components.ingest.articles import Skip
    from components.records import Article

    inputs = list(_geoparse_inputs(args.files))
    docs = [Article(article_id=doc, title="", text=text, published=pub) for doc, text, pub in inputs]
    for result in pipeline.run(docs):
        if isinstance(result, Skip):
            logger.warning("skipped %s: %s", result.path, result.reason)
            continue
        for rm in result.places:
            p, m = rm.place, rm.mention
            rec = {
                "doc": m.article_id, "start": m.start_char, "end": m.end_char, "text": m.text,
                "name": p.name if p else None, "latitude": p.latitude if p else None,
                "longitude": p.longitude if p else None, "geonameid": p.geonameid if p else None,
                "country_code": p.country_code if p else None, "admin1": p.admin1 if p else None,
                "feature_code": p.feature_code if p else None, "score": round(rm.score, 3),
            }  # fmt: skip
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


def cmd_places(args: argparse.Namespace) -> int:
    from components.store import corrections

    db = args.db or settings.get("db_path")
    if args.action == "fix":
        cid = services.fix_place(db, args.name, args.to, article_id=args.article, by=args.by)
        with store.reading(db) as con:
            row = corrections.list_corrections(con).set_index("correction_id").loc[cid]
        sys.stdout.write(f"correction {cid}: {args.name!r} -> {row.place_name}, {row.country_code} "
                         f"({args.to}){' in article ' + args.article if args.article else ''}\n")  # fmt: skip
    elif args.action == "undo":
        services.undo_place_fix(db, args.correction_id, by=args.by)
        sys.stdout.write(f"correction {args.correction_id} undone\n")
    else:
        with store.writing(db) as con:  # as `fix` and `undo`: creates (or upgrades) the database
            df = corrections.list_corrections(con)
        sys.stdout.write(df.to_string(index=False) + "\n" if len(df) else "no corrections\n")
    return 0


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


def cmd_build_gazetteer(args: argparse.Namespace) -> int:
    from components.geo.gazetteer import build as gazetteer_build
    from components.geo.gazetteer import index as gazetteer

    countries = tuple(c.strip().upper() for c in args.countries.split(",") if c.strip()) or None
    out = Path(args.out or settings.get("gazetteer_dir"))
    if args.if_missing and gazetteer.is_current(out):
        sys.stdout.write(f"gazetteer in {out} is up to date\n")
        return 0
    stats = gazetteer_build.build(out, min_population=args.min_population, countries=countries,
                                  admin2=not args.no_admin2)  # fmt: skip
    sys.stdout.write(f"gazetteer built in {out}: {stats}\n")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from components.evaluation import bench

    if args.what == "server":
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
        sys.stdout.write(bench.format_server(bench.run_server(sizes, folder=args.folder)) + "\n")
        return 0
    rows = bench.run_ingest(args.articles, ucdp_limit=args.ucdp_limit)
    sys.stdout.write(bench.format_rows(rows) + "\n")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    return EVALUATIONS[args.what](args)


def _eval_events(args: argparse.Namespace) -> int:
    from components.evaluation import events as ev

    path = ev.eval_dir(args.eval_dir) / ev.UCDP_FILE
    if not path.exists():
        raise ConflictTimelineError(f"no UCDP data at {path}")
    report = ev.evaluate_ucdp(ev.load_ucdp(path, limit=args.limit))
    text = json.dumps(report.as_dict(), indent=1) if args.json else "\n".join(report.lines())
    sys.stdout.write(text + "\n")
    return 0


def _eval_event_location(args: argparse.Namespace) -> int:
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
    "events": _eval_events,
    "event-location": _eval_event_location,
}


def cmd_synth(args: argparse.Namespace) -> int:
    from components.evaluation import synth

    if args.events < 1:
        sys.stderr.write("error: --events must be at least 1\n")
        return 2
    report = synth.write(args.db or settings.get("db_path"), args.events, seed=args.seed)
    sys.stdout.write(report.line() + "\n")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from components.ingest import feeds

    try:
        every = feeds.parse_interval(args.every)
    except ValueError as err:
        sys.stderr.write(f"error: {err}\n")
        return 2
    db = args.db or settings.get("db_path")
    logger.info(
        "watching %d feeds into %s%s", len(args.feeds), db, "" if args.once else f" every {args.every}"
    )
    try:
        for report in services.watch_feeds(args.feeds, db, every=every, once=args.once):
            sys.stdout.write(report.line() + "\n")
            sys.stdout.flush()
    except KeyboardInterrupt:
        logger.info("stopped")
        return 0
    return 0


COMMANDS = {
    "ingest": cmd_ingest,
    "export": cmd_export,
    "geoparse": cmd_geoparse,
    "build-gazetteer": cmd_build_gazetteer,
    "bench": cmd_bench,
    "evaluate": cmd_evaluate,
    "import": cmd_import,
    "migrate": cmd_migrate,
    "dedup": cmd_dedup,
    "split": cmd_split,
    "synth": cmd_synth,
    "places": cmd_places,
    "watch": cmd_watch,
}
