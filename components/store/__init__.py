"""DuckDB store: schema and connections, idempotent transactional writes, record queries -> pandas.

One file holds articles, place mentions (with their resolution) and events. Every value reaches SQL
as a bound parameter; every article is written in one transaction (all of it or nothing). The pages'
aggregates and the places review are in queries.py, which reads through this module's `fetch_frame`,
`EVENTS_VIEW`, `newest_events_sql` and `FROM_ARTICLE`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from components import __version__
from components.errors import StoreError
from components.filters import EventFilter
from components.records import Article, Event, ResolvedMention, Source
from components.scaleout import chunks
from components.scaleout import overlay as dedup_overlay
from components.store import corrections

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    published DATE,
    source VARCHAR,
    url VARCHAR,
    path VARCHAR,
    fmt VARCHAR,
    n_events INTEGER,
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    label VARCHAR,
    kind VARCHAR,
    sent_index INTEGER,
    geonameid BIGINT,
    place_name VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    country_code VARCHAR,
    admin1 VARCHAR,
    feature_code VARCHAR,
    score DOUBLE,
    candidates VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    event_date DATE,
    time_precision INTEGER,
    date_start DATE,
    date_end DATE,
    date_text VARCHAR,
    actor1 VARCHAR,
    actor2 VARCHAR,
    country VARCHAR,
    country_code VARCHAR,
    admin1 VARCHAR,
    location VARCHAR,
    place_name VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geo_precision INTEGER,
    geonameid BIGINT,
    feature_code VARCHAR,
    trigger VARCHAR,
    evidence VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS event_sources (
    event_id VARCHAR NOT NULL,
    report_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    dataset VARCHAR,
    title VARCHAR,
    outlet VARCHAR,
    url VARCHAR,
    published DATE,
    evidence VARCHAR,
    start_char INTEGER,
    end_char INTEGER
);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""
SCHEMA_VERSION = 2
# Columns added to `events` in schema 2 (issue 4), with their types and defaults; `connect` adds them
# to a schema-1 database (ALTER TABLE ... ADD COLUMN) and back-fills `event_sources`.
EVENT_COLUMNS_V2: tuple[tuple[str, str], ...] = (
    ("sub_event_type", "VARCHAR DEFAULT ''"),
    ("assoc_actor_1", "VARCHAR DEFAULT ''"),
    ("assoc_actor_2", "VARCHAR DEFAULT ''"),
    ("admin2", "VARCHAR DEFAULT ''"),
    ("fatalities", "INTEGER"),
    ("fatalities_text", "VARCHAR DEFAULT ''"),
    ("dataset", "VARCHAR DEFAULT 'articles'"),
    ("n_reports", "INTEGER DEFAULT 1"),
    ("n_sources", "INTEGER DEFAULT 1"),
    ("confidence", "VARCHAR DEFAULT '{}'"),
    ("merged_into", "VARCHAR"),  # set on a report merged into another event by dedup (hidden)
    ("src_title", "VARCHAR"),  # title/outlet/url/published of imported rows, which have no article
    ("src_outlet", "VARCHAR"),
    ("src_url", "VARCHAR"),
    ("src_published", "DATE"),
)
_EVENT_TABLE_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "event_type", "event_date", "time_precision", "date_start", "date_end",
    "date_text", "actor1", "actor2", "country", "country_code", "admin1", "location", "place_name",
    "latitude", "longitude", "geo_precision", "geonameid", "feature_code", "trigger", "evidence",
    "start_char", "end_char", "pipeline_version", *(c for c, _ in EVENT_COLUMNS_V2),
)  # fmt: skip

# Columns of the events view every page and export reads (events joined with their article).
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "date_start", "date_end", "date_text", "event_type",
    "actor1", "actor2", "country", "country_code", "admin1", "location", "place_name", "latitude",
    "longitude", "geo_precision", "geonameid", "feature_code", "trigger", "evidence", "start_char",
    "end_char", "article_id", "title", "published", "source", "url",
    # schema 2 (issue 4): ACLED fields, dataset and provenance
    "sub_event_type", "assoc_actor_1", "assoc_actor_2", "admin2", "fatalities", "fatalities_text",
    "dataset", "n_reports", "n_sources", "confidence", "pipeline_version",
)  # fmt: skip
# Article columns that imported rows (no article) carry themselves: article column -> events column.
FROM_ARTICLE = {"title": "src_title", "published": "src_published", "source": "src_outlet", "url": "src_url"}


# Events as every page reads them: reports merged into another event by dedup are left out;
# imported rows (no article) carry their own title/outlet/url/published.
def _select_events(source: str) -> str:
    """The events of `source` (a table or a parenthesised subquery of `events` rows) as pages read them."""
    columns = ", ".join(
        f"coalesce(a.{c}, e.{FROM_ARTICLE[c]}) AS {c}" if c in FROM_ARTICLE else "e." + c
        for c in EVENT_COLUMNS
    )
    return f"SELECT {columns} FROM {source} e LEFT JOIN articles a USING (article_id)"


EVENTS_VIEW = _select_events("events") + "\nWHERE e.merged_into IS NULL\n"


def newest_events_sql(where: str, order: str) -> str:
    """SQL for one sorted page of the filtered events (params: the filter's, then LIMIT and OFFSET).

    The filter (EventFilter.to_sql) and the sort key read only `events` columns, so the page is cut from
    `events` first and only its rows are joined with their articles: at 1M events ~10x faster than
    sorting the joined view."""
    top = f"(SELECT * FROM events WHERE merged_into IS NULL AND ({where}) ORDER BY {order} LIMIT ? OFFSET ?)"
    return f"SELECT * FROM ({_select_events(top)}) ORDER BY {order}"


LOCK_TIMEOUT = 30.0  # seconds a reader or writer waits for the other process's lock


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, when writable, create) the database at `path`."""
    path = Path(path)
    if path.is_dir():
        if not read_only:
            raise StoreError(
                f"{path} is a Parquet dataset: it is written by `ingest --engine dask` and read here"
            )
        return connect_parquet(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"no database at {path}: ingest some articles first")
            con = duckdb.connect(str(path), read_only=True)
            key = _file_key(path)
            if key not in _CURRENT_SCHEMA:
                if _missing_columns(con):
                    con.close()
                    raise StoreError(
                        f"database {path} has an older schema (before version {SCHEMA_VERSION}); open it "
                        "once for writing to upgrade it in place, e.g. `python -m components migrate --db "
                        f"{path}`"
                    )
                _CURRENT_SCHEMA.add(key)
            return con
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        con.execute(SCHEMA)
        migrate(con)
        corrections.ensure_schema(con)  # the corrections module owns its table
        return con
    except duckdb.Error as err:
        raise StoreError(f"cannot open database {path}: {err}") from err


def open_memory() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the current schema (workers build Parquet files from it)."""
    con = duckdb.connect()
    con.execute(SCHEMA)
    migrate(con)
    corrections.ensure_schema(con)
    return con


def connect_parquet(folder: str | Path) -> duckdb.DuckDBPyConnection:
    """Read a Parquet dataset written by `ingest --engine dask` (`<folder>/<table>/**/*.parquet`, events
    partitioned by `month=YYYY-MM`) through DuckDB views with the same tables as a database file; the
    dedup overlay (`<folder>/dedup/merges.parquet`, see dedup_overlay.py) is applied in the views. Only
    complete chunks are read (listed once here, see chunks.py): not those of a worker that died mid-write."""
    folder = Path(folder)
    con = open_memory()
    try:
        selects: dict[str, str] = {}
        for table, files in chunks.scan(folder).committed.items():
            if not files:
                continue  # keep the empty table
            paths = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in files) + "]"
            hive = table == "events"
            selects[table] = (f"SELECT * EXCLUDE (month) FROM read_parquet({paths}, hive_partitioning = true)"
                              if hive else f"SELECT * FROM read_parquet({paths})")  # fmt: skip
        for table, select in dedup_overlay.overlaid(selects, folder).items():  # the Dask engine's merges
            con.execute(f"DROP TABLE {table}")
            con.execute(f"CREATE VIEW {table} AS {select}")
    except duckdb.Error as err:
        con.close()
        raise StoreError(f"cannot read the Parquet dataset {folder}: {err}") from err
    return con


class LockedError(StoreError):
    """Another process holds the database file (a writer while we read, or any user while we write)."""


def connect_waiting(
    path: str | Path, *, read_only: bool = False, timeout: float = LOCK_TIMEOUT
) -> duckdb.DuckDBPyConnection:
    """`connect`, retrying with back-off while another process holds the file lock.

    DuckDB lets one process write or many processes read a file at a time. The dashboard reads with
    short-lived connections and the ingest writes in short batches, so each waits for the other for at
    most a few hundred milliseconds; `timeout` bounds the wait (LockedError after it).
    """
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            return connect(path, read_only=read_only)
        except StoreError as err:
            if "lock" not in str(err).lower():
                raise
            if time.monotonic() >= deadline:
                raise LockedError(
                    f"database {path} is busy (locked by another process for {timeout:.0f} s)"
                ) from err
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


@contextmanager
def reading(path: str | Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection (waits for a writer to finish its batch)."""
    con = connect_waiting(path, read_only=True, timeout=timeout)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def writing(path: str | Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived writable connection (waits for readers' queries to finish)."""
    con = connect_waiting(path, timeout=timeout)
    try:
        yield con
    finally:
        con.close()


# Files whose schema was checked as current, by (path, inode, size, mtime): the dashboard opens a short
# read-only connection per query and the check costs ~30 ms each time. A current schema never goes back;
# a changed or different file at the same path is checked again.
_CURRENT_SCHEMA: set[tuple[str, int, int, int]] = set()


def _file_key(path: Path) -> tuple[str, int, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_ino, stat.st_size, stat.st_mtime_ns


def _missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = (
        con.cursor()
        .execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")
        .fetchall()
    )
    if not rows:
        return []  # no events table yet: a new database
    have = {r[0] for r in rows}
    missing = [c for c, _ in EVENT_COLUMNS_V2 if c not in have]
    tables = {
        r[0] for r in con.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    return missing + [t for t in ("event_sources", "meta") if t not in tables]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Upgrade a schema-1 database in place; returns the number of columns added (0 when current)."""
    missing = [c for c in _missing_columns(con) if c not in {"event_sources", "meta"}]
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    try:
        for name, decl in EVENT_COLUMNS_V2:
            if name in missing:
                cur.execute(f"ALTER TABLE events ADD COLUMN {name} {decl}")
        if missing:
            # every existing article event is its own single report
            cur.execute(
                """INSERT INTO event_sources SELECT e.event_id, e.event_id, e.article_id, 'articles',
                   a.title, a.source, a.url, a.published, e.evidence, e.start_char, e.end_char
                   FROM events e JOIN articles a USING (article_id)
                   WHERE e.event_id NOT IN (SELECT report_id FROM event_sources)"""
            )
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not upgrade the database schema: {err}") from err
    if missing:
        logger.info("upgraded the database to schema %d (%d columns added)", SCHEMA_VERSION, len(missing))
    return len(missing)


def stored_article_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> set[str]:
    """Which of these article ids are already stored."""
    if not ids:
        return set()
    rows = con.cursor().execute(
        "SELECT article_id FROM articles WHERE list_contains(?, article_id)", [list(ids)]
    )
    return {r[0] for r in rows.fetchall()}


def has_article(con: duckdb.DuckDBPyConnection, article_id: str) -> bool:
    row = con.cursor().execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone()
    return row is not None


def write_article(
    con: duckdb.DuckDBPyConnection,
    article: Article,
    mentions: Sequence[ResolvedMention],
    events: Sequence[Event],
) -> bool:
    """Write one article with its mentions and events in one transaction.

    Returns False (and writes nothing) when the article is already stored: ingesting twice changes
    nothing.
    """
    return write_articles(con, [(article, mentions, events)]) == 1


def write_articles(
    con: duckdb.DuckDBPyConnection,
    batch: Sequence[tuple[Article, Sequence[ResolvedMention], Sequence[Event]]],
) -> int:
    """Write many articles in ONE transaction with bulk inserts (all of the batch or nothing).

    Articles already stored (or repeated in the batch) are left out. Returns how many were written.
    """
    cur = con.cursor()
    stored = stored_article_ids(con, [article.article_id for article, _, _ in batch])
    rows: dict[str, list[list[object]]] = {"articles": [], "mentions": [], "events": [], "event_sources": []}
    now = dt.datetime.now(dt.UTC)
    for article, mentions, events in batch:
        if article.article_id in stored:
            continue
        stored.add(article.article_id)
        rows["articles"].append([
            article.article_id, article.title, article.text, article.published, article.source,
            article.url, article.path, article.fmt, len(events), now,
        ])  # fmt: skip
        rows["mentions"].extend(_mention_row(m) for m in mentions)
        rows["events"].extend(_event_row(e) for e in events)
        rows["event_sources"].extend(_source_rows(events, article))
    if not rows["articles"]:
        return 0
    tables = {
        table: (list(_EVENT_TABLE_COLUMNS) if table == "events" else _columns(cur, table), table_rows)
        for table, table_rows in rows.items()
    }
    try:
        cur.execute("BEGIN TRANSACTION")
        for table, (columns, table_rows) in tables.items():
            if table_rows:
                frame = pd.DataFrame(table_rows, columns=columns)  # noqa: F841 (read by the SQL below)
                cur.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM frame")
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        first = batch[0][0].article_id if len(batch) == 1 else f"batch of {len(batch)}"
        raise StoreError(f"could not store article {first}: {err}") from err
    return len(rows["articles"])


def _columns(cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in cur.execute(f"DESCRIBE {table}").fetchall()]


def _mention_row(rm: ResolvedMention) -> list[object]:
    m, p = rm.mention, rm.place
    candidates = json.dumps(
        [
            {"geonameid": c.geonameid, "name": c.name, "country_code": c.country_code,
             "score": round(c.score, 3), "reason": c.reason}
            for c in rm.candidates
        ]
    )  # fmt: skip
    return [
        m.article_id, m.start_char, m.end_char, m.text, m.label, m.kind, m.sent_index,
        p.geonameid if p else None, p.name if p else None, p.latitude if p else None,
        p.longitude if p else None, p.country_code if p else None, p.admin1 if p else None,
        p.feature_code if p else None, rm.score, candidates,
    ]  # fmt: skip


def _insert_events(cur, events: Sequence[Event], article: Article | None) -> None:
    """Insert events and one event_sources row per report (inside the caller's transaction)."""
    if not events:
        return
    cols = ", ".join(_EVENT_TABLE_COLUMNS)
    cur.executemany(
        f"INSERT INTO events ({cols}) VALUES ({', '.join('?' * len(_EVENT_TABLE_COLUMNS))})",
        [_event_row(e) for e in events],
    )
    rows = _source_rows(events, article)
    if rows:
        cur.executemany(f"INSERT INTO event_sources VALUES ({', '.join('?' * 11)})", rows)


def _source_rows(events: Sequence[Event], article: Article | None) -> list[list[object]]:
    """One event_sources row per report of each event."""
    return [
        [e.event_id, e.event_id, src.article_id, e.dataset, src.title, src.outlet, src.url, src.published,
         src.evidence, src.start_char, src.end_char]
        for e in events
        for src in _sources_of(e, article)
    ]  # fmt: skip


def _sources_of(e: Event, article: Article | None) -> tuple[Source, ...]:
    if e.sources:
        return e.sources
    if article is None:
        return ()
    return (Source(article.article_id, article.title, article.source, article.url, article.published,
                   e.evidence, e.start_char, e.end_char),)  # fmt: skip


def write_events(con: duckdb.DuckDBPyConnection, events: Sequence[Event]) -> tuple[int, int]:
    """Write imported events (no article) in one transaction; returns (written, already stored)."""
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        ids = [e.event_id for e in events]
        have: set[str] = set()
        for i in range(0, len(ids), 1000):
            chunk = ids[i : i + 1000]
            have |= {r[0] for r in cur.execute(
                f"SELECT event_id FROM events WHERE event_id IN ({', '.join('?' * len(chunk))})", chunk
            ).fetchall()}  # fmt: skip
        new = list({e.event_id: e for e in events if e.event_id not in have}.values())
        _insert_events(cur, new, None)
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not store imported events: {err}") from err
    return len(new), len(events) - len(new)


def _event_row(e: Event) -> list[object]:
    p = e.place
    src = e.sources[0] if e.sources and e.dataset != "articles" else None
    return [
        e.event_id, e.article_id, e.event_type, e.event_date, e.time_precision, e.date_start,
        e.date_end, e.date_text, e.actor1, e.actor2, e.country, p.country_code if p else None,
        p.admin1 if p else None, e.location, p.name if p else None, p.latitude if p else None,
        p.longitude if p else None, e.geo_precision, p.geonameid if p else None,
        p.feature_code if p else None, e.trigger, e.evidence, e.start_char, e.end_char, __version__,
        e.sub_event_type, e.assoc_actor_1, e.assoc_actor_2, e.admin2, e.fatalities, e.fatalities_text,
        e.dataset, max(1, len(e.sources)), max(1, len({(s.outlet or s.article_id) for s in e.sources})),
        json.dumps({k: round(float(v), 2) for k, v in e.confidence.items()}), None,
        src.title if src else None, src.outlet if src else None, src.url if src else None,
        src.published if src else None,
    ]  # fmt: skip


# -- record queries (the pages' aggregates and the places review are in queries.py) -------------------
def query_events(
    con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *, limit: int | None = None
) -> pd.DataFrame:
    """The filtered events (joined with their article), newest first; undated last."""
    where, params = (flt or EventFilter()).to_sql()
    order = "event_date DESC NULLS LAST, event_id"
    if limit is not None:
        return fetch_frame(con, newest_events_sql(where, order), [*params, int(limit), 0])
    return fetch_frame(con, f"SELECT * FROM ({EVENTS_VIEW}) WHERE {where} ORDER BY {order}", params)


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> int:
    where, params = (flt or EventFilter()).to_sql()
    row = con.cursor().execute(f"SELECT count(*) FROM events WHERE merged_into IS NULL AND ({where})",
                               params).fetchone()  # fmt: skip
    return int(row[0]) if row else 0


def countries(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Countries that have events: country_code, country, n_events (most events first)."""
    sql = """SELECT country_code, any_value(country) AS country, count(*) AS n_events FROM events
             WHERE country_code IS NOT NULL AND merged_into IS NULL GROUP BY country_code ORDER BY n_events DESC, country"""
    return fetch_frame(con, sql, [])


def date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    row = (
        con.cursor()
        .execute("SELECT min(event_date), max(event_date) FROM events WHERE merged_into IS NULL")
        .fetchone()
    )
    return (row[0], row[1]) if row else (None, None)


def query_articles(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> pd.DataFrame:
    """Articles with at least one event matching the filter (all articles when the filter is empty)."""
    cols = "a.article_id, a.title, a.published, a.source, a.url, a.path, a.fmt, a.n_events"
    if flt is None or flt.is_empty:
        sql = f"SELECT {cols} FROM articles a ORDER BY a.published DESC NULLS LAST, a.title"
        return fetch_frame(con, sql, [])
    where, params = flt.to_sql(alias="e")
    sql = f"""SELECT {cols}, count(*) AS n_matching FROM articles a JOIN events e USING (article_id)
              WHERE {where} GROUP BY ALL ORDER BY a.published DESC NULLS LAST, a.title"""
    return fetch_frame(con, sql, params)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, object] | None:
    cur = con.cursor().execute("SELECT * FROM articles WHERE article_id = ?", [article_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def article_mentions(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    sql = "SELECT * FROM mentions WHERE article_id = ? ORDER BY start_char"
    return fetch_frame(con, sql, [article_id])


def article_events(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    sql = f"SELECT * FROM ({EVENTS_VIEW}) WHERE article_id = ? ORDER BY start_char"
    return fetch_frame(con, sql, [article_id])


def event_sources(con: duckdb.DuckDBPyConnection, event_id: str) -> pd.DataFrame:
    """Every report of an event (after dedup, the reports of all events merged into it)."""
    sql = "SELECT * FROM event_sources WHERE event_id = ? ORDER BY published NULLS LAST, report_id"
    return fetch_frame(con, sql, [event_id])


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    cur = con.cursor()
    out = {}
    for table in ("articles", "mentions", "events"):
        out[table] = int(cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
    return out


def fetch_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> pd.DataFrame:
    """Run `sql` with bound `params` on a fresh cursor; a failure is a StoreError (shared with queries.py)."""
    try:
        return con.cursor().execute(sql, params).df()
    except duckdb.Error as err:
        raise StoreError(f"query failed: {err}") from err
