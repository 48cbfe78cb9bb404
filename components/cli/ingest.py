"""Commands that fill or change the database: ingest, import, dedup, split, migrate and watch (feeds)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components import services, settings, store
from components.cli.common import date_arg, db_help, db_path, logger
from components.errors import StoreError


def add_ingest_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="ingest article files or folders into the database")
    p.add_argument("paths", nargs="+", help="files (.txt .html .json .jsonl .csv) or folders")
    p.add_argument("--db", default=None, help=db_help())
    p.add_argument("--published", type=date_arg, help="publication date for articles without one")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--explain",
        action="store_true",
        help="also print why each sentence with a trigger word made no event (forecast, negation, ...)",
    )
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
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes that analyse articles (local: default one per core from 256 new articles, "
        "setting ingest_workers; dask: LocalCluster workers, default cores)",
    )


def add_import_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import an ACLED, UCDP GED or GDELT 2.0 events file")
    p.add_argument("file", help="the dataset file (CSV for acled/ucdp, tab-separated for gdelt)")
    p.add_argument("--format", required=True, choices=("acled", "ucdp", "gdelt"))
    p.add_argument("--db", default=None, help=db_help())


def add_dedup_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dedup", help="merge reports of the same event (re-run over every event)")
    dataset_note = "; for a Parquet dataset, deduplicate the articles an interrupted Dask run left"
    p.add_argument("--db", default=None, help=db_help() + dataset_note)
    km, days = settings.get("dedup_km"), settings.get("dedup_days")
    p.add_argument("--km", type=float, default=None, help=f"distance (default: {km})")
    p.add_argument("--days", type=int, default=None, help=f"± days (default: {days})")


def add_split_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("split", help="undo a dedup merge: the event's reports become separate events")
    p.add_argument("event_id")
    p.add_argument("--db", default=None, help=db_help())


def add_migrate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("migrate", help="upgrade a database written by an older version")
    p.add_argument("--db", default=None)


def add_watch_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("watch", help="poll RSS/Atom feeds and ingest their new items")
    p.add_argument("feeds", nargs="+", help="feed URLs or files")
    p.add_argument("--every", default="15m", help="interval between polls: 30s, 15m, 1h (default 15m)")
    p.add_argument("--db", default=None, help=db_help())
    p.add_argument("--once", action="store_true", help="poll once and exit")


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.engine == "dask" and args.explain:
        sys.stderr.write("error: --explain works with the single-process engine (no --engine dask)\n")
        return 2
    if args.engine == "dask":
        from components.scaleout import distributed

        out = args.out or str(Path(settings.get("db_path")).parent / "parquet")
        report = distributed.ingest(
            args.paths,
            out_dir=out,
            scheduler=args.scheduler,
            published=args.published,
            n_workers=args.workers,
        )
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
        args.paths,
        db_path=db_path(args),
        published=args.published,
        progress=progress,
        explain=args.explain,
        workers=args.workers,
    )
    if bar is not None:
        bar.close()
    sys.stdout.write("\n".join(report.lines()) + "\n")
    if args.explain:
        sys.stdout.write("\n".join(report.explain_lines()) + "\n")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    report = services.import_files([args.file], args.format, db_path(args))
    sys.stdout.write("\n".join(report.lines()) + "\n")
    return 0


def cmd_dedup(args: argparse.Namespace) -> int:
    from components.events import dedup

    path = Path(db_path(args))
    if path.is_dir():  # a Parquet dataset: finish the dedup an interrupted Dask run left pending
        from components.scaleout import distributed

        if args.km is not None or args.days is not None:
            raise StoreError(
                f"{path} is a Parquet dataset: its dedup uses the settings' window, not --km/--days"
            )
        outcome = distributed.dedup(path)
        sys.stdout.write(
            f"dedup of {path}: {outcome.resumed} pending articles deduplicated, "
            f"{outcome.merged} reports merged\n"
        )
        return 0
    with store.writing(path) as con:
        report = dedup.dedup(con, km=args.km, days=args.days)
    sys.stdout.write(report.line() + "\n")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from components.events import dedup

    with store.writing(db_path(args)) as con:
        reports = dedup.split(con, args.event_id)
    if not reports:
        sys.stdout.write(f"event {args.event_id} has no merged reports: nothing to split\n")
    else:
        sys.stdout.write(
            f"split {args.event_id}: {len(reports)} reports restored as events: {', '.join(reports)}\n"
        )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    path = db_path(args)
    with store.writing(path):  # a writable open upgrades the schema in place
        pass
    sys.stdout.write(f"{path}: schema version {store.SCHEMA_VERSION}\n")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from components.ingest import feeds

    try:
        every = feeds.parse_interval(args.every)
    except ValueError as err:
        sys.stderr.write(f"error: {err}\n")
        return 2
    db = db_path(args)
    schedule = "" if args.once else f" every {args.every}"
    logger.info("watching %d feeds into %s%s", len(args.feeds), db, schedule)
    try:
        for report in services.watch_feeds(args.feeds, db, every=every, once=args.once):
            sys.stdout.write(report.line() + "\n")
            sys.stdout.flush()
    except KeyboardInterrupt:
        logger.info("stopped")
        return 0
    return 0
