"""Scale-out: the same pipeline on a Dask distributed cluster, writing a Parquet dataset.

`python -m components ingest --engine dask [--scheduler ADDRESS] --out DIR PATH...` reads the
articles on the client, drops those already in DIR, and sends chunks to the workers. Each worker runs
`pipeline.run` (the model and gazetteer load once per worker process), builds its rows in an in-memory
DuckDB with the store's schema and writes them as Parquet: `DIR/events/month=YYYY-MM/*.parquet`
(`month=undated` for undated events) and `DIR/{articles,mentions,event_sources}/*.parquet`. The
dashboard and `export` read DIR like a database file (`CT_DB=DIR`, see parquet.connect_parquet).

A chunk's articles file is written last (renamed into place): it commits the chunk. A worker that dies
mid-write leaves files without it; readers skip them (chunks.scan) and the next ingest deletes them
first (a WARNING with counts), so their articles count as not stored and are processed again: no events
lost, none twice. A task run again (Dask retries a task whose worker died) first deletes its chunk's files.

When the workers are done, the client merges reports of the same event across the whole dataset with
the single-process ingest's dedup (replayed batch by batch, see dedup_overlay.py) and records the
merges in the overlay `DIR/dedup/merges.parquet`; the workers' files are never rewritten. The overlay
also records which articles have been through dedup: a run stopped before it was written leaves its
articles pending, and the next run (or `python -m components dedup --db DIR`) deduplicates them first.

Without `--scheduler` a LocalCluster with one single-threaded worker process per core is started.
Files are written by the workers, so on a real cluster DIR must be a path every worker and the client
can reach (a shared file system).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from components import pipeline, settings, store
from components.ingest.articles import Skip, read_paths
from components.records import Article
from components.scaleout import chunks, parquet
from components.scaleout import overlay as dedup_overlay

logger = logging.getLogger(__name__)

CHUNK = 64  # articles per task


@dataclass
class DaskReport:
    """What a distributed ingest did (the same counts as pipeline.IngestReport)."""

    articles_new: int = 0
    duplicates: int = 0
    events: int = 0
    merged: int = 0  # new reports merged into another event by dedup (as pipeline.IngestReport)
    resumed: int = 0  # articles an interrupted run left undeduplicated, deduplicated by this run
    tasks: int = 0
    workers: int = 0
    skipped: list[Skip] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"articles new: {self.articles_new}, already in the dataset: {self.duplicates}, "
            f"skipped: {len(self.skipped)}",
            f"events written: {self.events}; {self.tasks} tasks on {self.workers} workers",
            f"reports merged into one event with other reports: {self.merged}",
            f"time: {self.seconds:.1f} s",
        ]
        if self.resumed:
            out.insert(3, f"dedup finished for {self.resumed} articles left by an interrupted run")
        return out + [f"skipped {s.path}: {s.reason}" for s in self.skipped]


def process_chunk(
    articles: Sequence[Article], out_dir: str, chunk_id: str
) -> tuple[list[str], int, list[Skip]]:
    """Run on a worker: every stage over `articles`, then Parquet files into `out_dir`.

    Returns (ids of the articles written, events written, skips)."""
    results, skips = [], []
    for result in pipeline.run(articles):
        if isinstance(result, Skip):
            skips.append(result)
        else:
            results.append(result)
    if not results:
        return [], 0, skips
    con = store.open_memory()
    try:
        store.write_articles(con, [(r.article, r.places, r.events) for r in results])
        return [r.article.article_id for r in results], write_parquet(con, Path(out_dir), chunk_id), skips
    finally:
        con.close()


def write_parquet(con: duckdb.DuckDBPyConnection, out: Path, chunk_id: str) -> int:
    """Write the rows of the in-memory store `con` as this chunk's Parquet files; returns the events.
    The articles file, the chunk's commit marker, comes last (see chunks.py)."""
    chunks.remove_chunk(out, chunk_id)  # an earlier attempt's files: its events may sit in other months
    for table in ("mentions", "event_sources"):
        (out / table).mkdir(parents=True, exist_ok=True)
        target = str(out / table / f"part-{chunk_id}.parquet")
        con.execute(f"COPY {table} TO '{_quote(target)}' (FORMAT parquet)")
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if n_events:
        con.execute(
            f"""COPY (SELECT *, coalesce(strftime(event_date, '%Y-%m'), 'undated') AS month FROM events)
                TO '{_quote(str(out / "events"))}'
                (FORMAT parquet, PARTITION_BY (month), FILENAME_PATTERN 'part-{chunk_id}-{{i}}',
                 OVERWRITE_OR_IGNORE)"""
        )
    (out / chunks.MARKER).mkdir(parents=True, exist_ok=True)
    tmp = chunks.marker_tmp(out, chunk_id)
    con.execute(f"COPY articles TO '{_quote(str(tmp))}' (FORMAT parquet)")
    tmp.replace(out / chunks.MARKER / f"part-{chunk_id}.parquet")  # atomic: the chunk is complete
    return int(n_events)


def _quote(path: str) -> str:
    return path.replace("'", "''")


def existing_article_ids(out_dir: Path) -> set[str]:
    """Ids of the articles already in the dataset (a re-run adds nothing twice)."""
    if not any((out_dir / "articles").glob("*.parquet")):
        return set()
    with contextlib.closing(parquet.connect_parquet(out_dir)) as con:
        return {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}


def finish_dedup(
    out_dir: str | Path, run: Sequence[Sequence[str]] = (), *, batch_size: int | None = None
) -> dedup_overlay.DatasetDedup:
    """Deduplicate what the dataset `out_dir` holds undeduplicated: the articles an interrupted run left,
    then this run's batches (`run`; none for `python -m components dedup --db DIR`)."""
    if not any((Path(out_dir) / "articles").glob("*.parquet")):
        return dedup_overlay.DatasetDedup()
    with contextlib.closing(parquet.connect_parquet(out_dir)) as con:
        return dedup_overlay.dedup_dataset(con, out_dir, run, batch_size=batch_size)


def ingest(
    paths: Sequence[str | Path],
    *,
    out_dir: str | Path,
    scheduler: str | None = None,
    published: dt.date | None = None,
    n_workers: int | None = None,
    chunk: int = CHUNK,
) -> DaskReport:
    """Ingest files/folders on a Dask cluster into the Parquet dataset `out_dir` (one run at a time:
    chunks.run_lock)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with chunks.run_lock(out):
        return _ingest(paths, out, scheduler=scheduler, published=published, n_workers=n_workers, chunk=chunk)


def dedup(out_dir: str | Path) -> dedup_overlay.DatasetDedup:
    """`python -m components dedup --db DIR`: finish the dedup an interrupted run left (under the run
    lock)."""
    with chunks.run_lock(out_dir):
        return finish_dedup(out_dir)


def _ingest(
    paths: Sequence[str | Path],
    out: Path,
    *,
    scheduler: str | None,
    published: dt.date | None,
    n_workers: int | None,
    chunk: int,
) -> DaskReport:
    from dask.distributed import Client, LocalCluster  # imported here: only this engine needs Dask

    started = time.perf_counter()
    report = DaskReport()
    items = list(read_paths(paths, published=published))
    report.skipped = [i for i in items if isinstance(i, Skip)]
    chunks.remove_orphans(out)  # chunks a dead worker cut short: their articles are not stored
    known = existing_article_ids(out)
    todo: list[Article] = []
    for item in items:
        if not isinstance(item, Article):
            continue
        item, reason = pipeline.prepare(item)
        if reason:
            report.skipped.append(Skip(item.path or item.article_id, f"{item.path}: {reason}"))
        elif item.article_id in known:
            report.duplicates += 1
        else:
            known.add(item.article_id)
            todo.append(item)
    parts = [todo[i : i + chunk] for i in range(0, len(todo), chunk)]
    run_id = uuid.uuid4().hex[:8]
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
    client = Client(scheduler or cluster)
    try:
        report.workers = len(client.scheduler_info()["workers"])
        chunk_ids = [f"{run_id}-{i:05d}" for i in range(len(parts))]
        futures = client.map(process_chunk, parts, [str(out.resolve())] * len(parts), chunk_ids, pure=False)
        written: set[str] = set()
        for article_ids, n_events, skips in client.gather(futures):
            written.update(article_ids)
            report.articles_new += len(article_ids)
            report.events += n_events
            report.skipped.extend(skips)
        report.tasks = len(parts)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    # Cross-report dedup on the client, in the single-process ingest's write batches (same merges),
    # after the articles an interrupted run left undeduplicated (always checked: also with no new ones).
    size = int(settings.get("write_batch"))
    run = dedup_overlay.batches([a.article_id for a in todo if a.article_id in written], size)
    outcome = finish_dedup(out, run, batch_size=size)
    report.merged, report.resumed = outcome.merged, outcome.resumed
    report.seconds = time.perf_counter() - started
    counts = (report.articles_new, report.events, report.merged, report.seconds, report.workers)
    logger.info("dask ingest: %d articles, %d events (%d reports merged) in %.1f s on %d workers", *counts)
    return report
