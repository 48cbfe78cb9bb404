"""Cross-report dedup for a Parquet dataset (the Dask engine's output), without rewriting its files.

The workers' Parquet files are never changed. After they finish, the client replays what the
single-process ingest does (pipeline._store): the run's articles are added in batches of `write_batch`,
in the order the files were read, and `dedup.dedup` runs after each batch for that batch's events only,
so the same rules merge the same reports into the same events. The replay works on an in-memory copy of
the columns dedup reads and writes; the dataset's earlier merges are already applied to it.

Its outcome is one overlay file, `DIR/dedup/merges.parquet`: for every event that dedup changed (a
report merged into another event, or an event that received reports) its `merged_into`, `n_reports` and
`n_sources`. It covers the whole dataset and is replaced atomically by each run that adds articles, so
earlier merges are kept and new reports can merge into old events. `store.connect_parquet` applies it in
its views (`overlaid`): events get the three columns from it, and the `event_sources` rows of a merged
report point to the event it was merged into (dedup moves them there in a database file).
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from components import dedup
from components.errors import StoreError

logger = logging.getLogger(__name__)

OVERLAY = Path("dedup") / "merges.parquet"
OVERLAY_COLUMNS = ("event_id", "merged_into", "n_reports", "n_sources")

# The columns dedup.dedup reads or writes (the replay copies only these).
EVENT_COLUMNS = (
    "event_id", "article_id", "event_type", "event_date", "time_precision", "actor1", "actor2", "latitude",
    "longitude", "geo_precision", "dataset", "merged_into", "n_reports", "n_sources",
)  # fmt: skip
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
    merges = f"read_parquet('{_quote(overlay)}')"
    out = dict(selects)
    if "events" in out:
        out["events"] = f"""SELECT e.* REPLACE (
                CASE WHEN o.event_id IS NULL THEN e.merged_into ELSE o.merged_into END AS merged_into,
                coalesce(o.n_reports, e.n_reports) AS n_reports, coalesce(o.n_sources, e.n_sources) AS n_sources)
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

    `dataset` reads the dataset with the earlier merges applied (store.connect_parquet). Returns the
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
            "new_sources": f"SELECT {src}, r.batch FROM event_sources s JOIN run_articles r USING (article_id)",
        }
        for name, sql in copies.items():
            work.register(name, cur.sql(sql).to_arrow_table())
        work.execute("CREATE TABLE events AS SELECT * FROM old_events")
        work.execute("CREATE TABLE event_sources AS SELECT * FROM old_sources")
        work.execute("CREATE TEMP TABLE pending_events AS SELECT * FROM new_events")
        work.execute("CREATE TEMP TABLE pending_sources AS SELECT * FROM new_sources")
        merged = 0
        for batch in range(len(run)):
            work.execute("INSERT INTO events SELECT * EXCLUDE (batch) FROM pending_events WHERE batch = ?", [batch])
            work.execute("INSERT INTO event_sources SELECT * EXCLUDE (batch) FROM pending_sources WHERE batch = ?",
                         [batch])  # fmt: skip
            ids = [r[0] for r in work.execute("SELECT event_id FROM pending_events WHERE batch = ?", [batch]).fetchall()]
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


def write_overlay(folder: str | Path, overlay: pd.DataFrame) -> Path:
    """Replace `DIR/dedup/merges.parquet` atomically (a reader sees the old file or the new one)."""
    target = overlay_path(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    con = duckdb.connect()
    try:
        con.register("overlay", overlay[list(OVERLAY_COLUMNS)])
        con.execute(f"""COPY (SELECT CAST(event_id AS VARCHAR) AS event_id, CAST(merged_into AS VARCHAR) AS merged_into,
                                     CAST(n_reports AS INTEGER) AS n_reports, CAST(n_sources AS INTEGER) AS n_sources
                              FROM overlay) TO '{_quote(tmp)}' (FORMAT parquet)""")  # fmt: skip
        os.replace(tmp, target)
    except (duckdb.Error, OSError) as err:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"could not write the dedup overlay {target}: {err}") from err
    finally:
        con.close()
    return target


def dedup_dataset(dataset: duckdb.DuckDBPyConnection, folder: str | Path, run: Sequence[Sequence[str]]) -> int:
    """Replay the dedup for this run's batches and write the overlay; returns the reports merged."""
    if not any(run):
        return 0
    overlay, merged = replay(dataset, run)
    write_overlay(folder, overlay)
    logger.info("dedup of %s: %d reports merged by this run; %d events in the overlay", folder, merged,
                len(overlay))  # fmt: skip
    return merged
