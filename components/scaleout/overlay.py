"""Cross-report dedup for a Parquet dataset (the Dask engine's output), without rewriting its files.

The workers' Parquet files are never changed. After they finish, the client replays what the
single-process ingest does (pipeline._store): the run's articles are added in batches of `write_batch`,
in the order the files were read, and `dedup.dedup` runs after each batch for that batch's events only,
so the same rules merge the same reports into the same events. The replay works on an in-memory copy of
the columns dedup reads and writes; the dataset's earlier merges are already applied to it.

Its outcome is one overlay file, `DIR/dedup/merges.parquet`, with two kinds of rows: for every event
that dedup changed (a report merged into another event, or an event that received reports) its
`event_id`, `merged_into`, `n_reports` and `n_sources`; and, with only `article_id` set, every article
that has been through dedup (the record). It covers the whole dataset and is replaced atomically by each
run that adds articles or finishes pending ones, so earlier merges are kept, new reports can merge into
old events, and the merges and the record of the articles they cover always change together.
`parquet.connect_parquet` applies the event rows in its views (`overlaid`): events get the three columns
from them, and the `event_sources` rows of a merged report point to the event it was merged into (dedup
moves them there in a database file).

A run stopped after its workers wrote their files and before the file was replaced (a crash, Ctrl-C, a
killed client) leaves the old file, whose record lacks that run's articles: they are pending (stored,
never deduplicated). Every dedup of the dataset (the next Dask run, or `python -m components dedup --db
DIR`) first replays them, in batches of `write_batch` ordered by `ingested_at` then `article_id` (their
reading order is not stored), as their own batches before the run's; then the run's batches. Replaying
from the old file repeats only work whose result was never written, so no dedup is lost and none is
applied twice. A dataset with articles and no overlay has never been deduplicated (all of it is pending);
an overlay written before the record existed (no `article_id` column) counts every article before the
run as deduplicated, as those versions did.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from components import settings
from components.errors import StoreError
from components.events import dedup

logger = logging.getLogger(__name__)

OVERLAY = Path("dedup") / "merges.parquet"
OVERLAY_COLUMNS = ("event_id", "merged_into", "n_reports", "n_sources")
RECORD_COLUMN = "article_id"  # rows with only this set: the articles that have been through dedup

# The columns dedup.dedup reads or writes (the replay copies only these).
EVENT_COLUMNS = (
    "event_id",
    "article_id",
    "event_type",
    "event_date",
    "time_precision",
    "actor1",
    "actor2",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",  # two different towns or villages never merge; regions never do (dedup's place rules)
    "feature_code",
    "dataset",
    "merged_into",
    "n_reports",
    "n_sources",
)
SOURCE_COLUMNS = ("event_id", "report_id", "article_id", "outlet")


def overlay_path(folder: str | Path) -> Path:
    return Path(folder) / OVERLAY


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def overlaid(selects: dict[str, str], folder: str | Path) -> dict[str, str]:
    """The `events` and `event_sources` selects of a Parquet dataset with its dedup overlay applied
    (unchanged when the dataset has none)."""
    overlay = overlay_path(folder)
    if not overlay.exists():
        return selects
    merges = f"(SELECT * FROM read_parquet('{_quote(overlay)}') WHERE event_id IS NOT NULL)"
    out = dict(selects)
    if "events" in out:
        out["events"] = f"""SELECT e.* REPLACE (
                CASE WHEN o.event_id IS NULL THEN e.merged_into ELSE o.merged_into END AS merged_into,
                coalesce(o.n_reports, e.n_reports) AS n_reports,
                coalesce(o.n_sources, e.n_sources) AS n_sources)
            FROM ({out["events"]}) e LEFT JOIN {merges} o ON e.event_id = o.event_id"""
    if "event_sources" in out:
        out["event_sources"] = f"""SELECT s.* REPLACE (coalesce(o.merged_into, s.event_id) AS event_id)
            FROM ({out["event_sources"]}) s LEFT JOIN {merges} o ON s.event_id = o.event_id"""
    return out


def batches(article_ids: Sequence[str], size: int) -> list[list[str]]:
    """The run's written articles (in reading order) cut into the single-process ingest's write batches."""
    size = max(1, size)
    return [list(article_ids[i : i + size]) for i in range(0, len(article_ids), size)]


def replay(dataset: duckdb.DuckDBPyConnection, run: Sequence[Sequence[str]]) -> tuple[pd.DataFrame, int]:
    """Dedup the articles of this run (`run`: batches of article ids) as the single-process ingest would.

    `dataset` reads the dataset with the earlier merges applied (parquet.connect_parquet). Returns the
    new overlay for the whole dataset (OVERLAY_COLUMNS) and the number of reports merged by this run."""
    frame = pd.DataFrame(
        {"article_id": [a for b in run for a in b], "batch": [i for i, b in enumerate(run) for _ in b]}
    )
    ev, src = ", ".join(f"e.{c}" for c in EVENT_COLUMNS), ", ".join(f"s.{c}" for c in SOURCE_COLUMNS)
    cur = dataset.cursor()
    work = duckdb.connect()
    try:
        cur.register("run_articles", frame)
        not_in_run = "article_id NOT IN (SELECT article_id FROM run_articles)"
        copies = {  # the dataset before this run (earlier merges applied), and this run's rows by batch
            "old_events": f"SELECT {ev} FROM events e WHERE e.{not_in_run}",
            "old_sources": f"SELECT {src} FROM event_sources s WHERE s.{not_in_run}",
            "new_events": f"SELECT {ev}, r.batch FROM events e JOIN run_articles r USING (article_id)",
            "new_sources": (
                f"SELECT {src}, r.batch FROM event_sources s JOIN run_articles r USING (article_id)"
            ),
        }
        for name, sql in copies.items():
            work.register(name, cur.sql(sql).to_arrow_table())
        work.execute("CREATE TABLE events AS SELECT * FROM old_events")
        work.execute("CREATE TABLE event_sources AS SELECT * FROM old_sources")
        work.execute("CREATE TEMP TABLE pending_events AS SELECT * FROM new_events")
        work.execute("CREATE TEMP TABLE pending_sources AS SELECT * FROM new_sources")
        merged = 0
        for batch in range(len(run)):
            work.execute(
                "INSERT INTO events SELECT * EXCLUDE (batch) FROM pending_events WHERE batch = ?", [batch]
            )
            work.execute(
                "INSERT INTO event_sources SELECT * EXCLUDE (batch) FROM pending_sources WHERE batch = ?",
                [batch],
            )
            ids = [
                r[0]
                for r in work.execute(
                    "SELECT event_id FROM pending_events WHERE batch = ?", [batch]
                ).fetchall()
            ]
            if ids:
                merged += dedup.dedup(work, event_ids=ids).merged
        overlay = work.execute(
            f"""SELECT {", ".join(OVERLAY_COLUMNS)} FROM events
                WHERE merged_into IS NOT NULL
                   OR event_id IN (SELECT merged_into FROM events WHERE merged_into IS NOT NULL)
                ORDER BY event_id"""
        ).df()
    except duckdb.Error as err:
        raise StoreError(f"dedup of the Parquet dataset failed: {err}") from err
    finally:
        cur.unregister("run_articles")
        work.close()
    return overlay, merged


def write_overlay(folder: str | Path, overlay: pd.DataFrame, deduplicated: Collection[str]) -> Path:
    """Replace `DIR/dedup/merges.parquet` atomically (a reader sees the old file or the new one): the
    merges (`overlay`, OVERLAY_COLUMNS) and the record of the articles they cover (`deduplicated`), in
    one file so that they cannot disagree after a crash. Rows are sorted: the same state, the same file."""
    target = overlay_path(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    con = duckdb.connect()
    try:
        con.register("overlay", overlay[list(OVERLAY_COLUMNS)])
        con.register("record", pd.DataFrame({RECORD_COLUMN: sorted(set(deduplicated))}, dtype=object))
        rows = f"""SELECT CAST(event_id AS VARCHAR) AS event_id, CAST(merged_into AS VARCHAR) AS merged_into,
                          CAST(n_reports AS INTEGER) AS n_reports, CAST(n_sources AS INTEGER) AS n_sources,
                          CAST(NULL AS VARCHAR) AS {RECORD_COLUMN}
                   FROM overlay
                   UNION ALL
                   SELECT NULL, NULL, NULL, NULL, CAST({RECORD_COLUMN} AS VARCHAR) FROM record
                   ORDER BY event_id NULLS LAST, {RECORD_COLUMN}"""
        con.execute(f"COPY ({rows}) TO '{_quote(tmp)}' (FORMAT parquet)")
        os.replace(tmp, target)
    except (duckdb.Error, OSError) as err:
        raise StoreError(f"could not write the dedup overlay {target}: {err}") from err
    finally:  # also on Ctrl-C; a killed process may leave a `.merges.parquet.*.tmp` that no reader opens
        tmp.unlink(missing_ok=True)
        con.close()
    return target


def recorded(folder: str | Path) -> list[str] | None:
    """The articles the overlay records as deduplicated ([] without an overlay); None for an overlay
    written before the record existed."""
    overlay = overlay_path(folder)
    if not overlay.exists():
        return []
    con = duckdb.connect()
    try:
        source = f"read_parquet('{_quote(overlay)}')"
        columns = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        if RECORD_COLUMN not in columns:
            return None
        sql = f"SELECT {RECORD_COLUMN} FROM {source} WHERE {RECORD_COLUMN} IS NOT NULL"
        return [r[0] for r in con.execute(sql).fetchall()]
    except duckdb.Error as err:
        raise StoreError(f"cannot read the dedup overlay {overlay}: {err}") from err
    finally:
        con.close()


def stored_except(dataset: duckdb.DuckDBPyConnection, excluded: Collection[str]) -> list[str]:
    """The stored articles not in `excluded`, ordered by `ingested_at` then `article_id` (the order in
    which pending articles are replayed: their reading order is not stored)."""
    cur = dataset.cursor()
    try:
        cur.register("excluded", pd.DataFrame({"article_id": list(excluded)}, dtype=object))
        sql = """SELECT article_id FROM articles WHERE article_id NOT IN (SELECT article_id FROM excluded)
                 ORDER BY ingested_at NULLS FIRST, article_id"""
        rows = cur.execute(sql).fetchall()
    except duckdb.Error as err:
        raise StoreError(f"cannot list the articles of the Parquet dataset: {err}") from err
    finally:
        cur.close()
    return [r[0] for r in rows]


@dataclass(frozen=True)
class DatasetDedup:
    """What a dedup of the Parquet dataset did."""

    merged: int = 0  # reports merged into another event (pending articles' and the run's)
    resumed: int = 0  # pending articles (left by an interrupted run) deduplicated before the run's
    written: bool = False  # the overlay was replaced (False: nothing was pending, nothing rewritten)


def dedup_dataset(
    dataset: duckdb.DuckDBPyConnection,
    folder: str | Path,
    run: Sequence[Sequence[str]],
    *,
    batch_size: int | None = None,
) -> DatasetDedup:
    """Deduplicate every article of the dataset that has not been: first the pending ones (stored by an
    interrupted run) as their own batches of `batch_size` (default: the `write_batch` setting) in
    `ingested_at`, `article_id` order, then this run's batches (`run`, in reading order); then write the
    overlay and its record in one atomic replace. With nothing pending and an empty run nothing is written.

    `dataset` reads the dataset with the earlier merges applied (parquet.connect_parquet)."""
    size = batch_size if batch_size is not None else int(settings.get("write_batch"))
    run_ids = {a for b in run for a in b}
    done = recorded(folder)
    if done is None:  # an overlay from before the record: every article before this run was deduplicated
        done = stored_except(dataset, run_ids)
    done_set = set(done)
    run = [kept for kept in ([a for a in b if a not in done_set] for b in run) if kept]
    leftovers = stored_except(dataset, done_set | run_ids)
    if leftovers:
        logger.warning(
            "dedup of %s: %d articles of an interrupted run were never deduplicated; replaying them first "
            "(ordered by ingested_at, article_id)",
            folder,
            len(leftovers),
        )
    replayed = batches(leftovers, size) + run
    if not replayed:
        return DatasetDedup()
    overlay, merged = replay(dataset, replayed)
    write_overlay(folder, overlay, done_set.union(*replayed))
    counts = (merged, len(leftovers), sum(map(len, run)), len(overlay))
    message = "dedup of %s: %d reports merged (%d pending articles, %d of this run); %d events in the overlay"
    logger.info(message, folder, *counts)
    return DatasetDedup(merged=merged, resumed=len(leftovers), written=True)
