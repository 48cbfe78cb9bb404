"""DuckDB store: schema, idempotent transactional writes, parameterised queries -> pandas.

One file holds articles, place mentions (with their resolution) and events. Every value reaches SQL
as a bound parameter; every article is written in one transaction (all of it or nothing).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from components import __version__, corrections
from components.errors import StoreError
from components.filters import EventFilter
from components.records import Article, Event, ResolvedMention

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
"""

# Columns of the events view every page and export reads (events joined with their article).
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "date_start", "date_end", "date_text", "event_type",
    "actor1", "actor2", "country", "country_code", "admin1", "location", "place_name", "latitude",
    "longitude", "geo_precision", "geonameid", "feature_code", "trigger", "evidence", "start_char",
    "end_char", "article_id", "title", "published", "source", "url",
)  # fmt: skip

_EVENTS_VIEW = f"""
SELECT {", ".join("e." + c for c in EVENT_COLUMNS[:-4])},
       a.title, a.published, a.source, a.url
FROM events e JOIN articles a USING (article_id)
"""


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, when writable, create) the database at `path`."""
    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"no database at {path}: ingest some articles first")
            return duckdb.connect(str(path), read_only=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        con.execute(SCHEMA)
        corrections.ensure_schema(con)  # the corrections module owns its table
        return con
    except duckdb.Error as err:
        raise StoreError(f"cannot open database {path}: {err}") from err


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
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        if cur.execute("SELECT 1 FROM articles WHERE article_id = ?", [article.article_id]).fetchone():
            cur.execute("ROLLBACK")
            return False
        cur.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.article_id, article.title, article.text, article.published, article.source,
                article.url, article.path, article.fmt, len(events), dt.datetime.now(dt.UTC),
            ],
        )  # fmt: skip
        if mentions:
            cur.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_mention_row(m) for m in mentions],
            )
        if events:
            cur.executemany(
                f"INSERT INTO events VALUES ({', '.join('?' * 25)})",
                [_event_row(e) for e in events],
            )
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not store article {article.article_id}: {err}") from err
    return True


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


def _event_row(e: Event) -> list[object]:
    p = e.place
    return [
        e.event_id, e.article_id, e.event_type, e.event_date, e.time_precision, e.date_start,
        e.date_end, e.date_text, e.actor1, e.actor2, e.country, p.country_code if p else None,
        p.admin1 if p else None, e.location, p.name if p else None, p.latitude if p else None,
        p.longitude if p else None, e.geo_precision, p.geonameid if p else None,
        p.feature_code if p else None, e.trigger, e.evidence, e.start_char, e.end_char, __version__,
    ]  # fmt: skip


# -- queries --------------------------------------------------------------------------------------
def query_events(
    con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *, limit: int | None = None
) -> pd.DataFrame:
    """The filtered events (joined with their article), newest first; undated last."""
    where, params = (flt or EventFilter()).to_sql()
    sql = f"SELECT * FROM ({_EVENTS_VIEW}) WHERE {where} ORDER BY event_date DESC NULLS LAST, event_id"
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, int(limit)]
    return _frame(con, sql, params)


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> int:
    where, params = (flt or EventFilter()).to_sql()
    row = con.cursor().execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()
    return int(row[0]) if row else 0


def countries(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Countries that have events: country_code, country, n_events (most events first)."""
    sql = """SELECT country_code, any_value(country) AS country, count(*) AS n_events FROM events
             WHERE country_code IS NOT NULL GROUP BY country_code ORDER BY n_events DESC, country"""
    return _frame(con, sql, [])


def date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    row = con.cursor().execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    return (row[0], row[1]) if row else (None, None)


def query_articles(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> pd.DataFrame:
    """Articles with at least one event matching the filter (all articles when the filter is empty)."""
    cols = "a.article_id, a.title, a.published, a.source, a.url, a.path, a.fmt, a.n_events"
    if flt is None or flt.is_empty:
        sql = f"SELECT {cols} FROM articles a ORDER BY a.published DESC NULLS LAST, a.title"
        return _frame(con, sql, [])
    where, params = flt.to_sql(alias="e")
    sql = f"""SELECT {cols}, count(*) AS n_matching FROM articles a JOIN events e USING (article_id)
              WHERE {where} GROUP BY ALL ORDER BY a.published DESC NULLS LAST, a.title"""
    return _frame(con, sql, params)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, object] | None:
    cur = con.cursor().execute("SELECT * FROM articles WHERE article_id = ?", [article_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def article_mentions(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    sql = "SELECT * FROM mentions WHERE article_id = ? ORDER BY start_char"
    return _frame(con, sql, [article_id])


def article_events(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    sql = f"SELECT * FROM ({_EVENTS_VIEW}) WHERE article_id = ? ORDER BY start_char"
    return _frame(con, sql, [article_id])


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    cur = con.cursor()
    out = {}
    for table in ("articles", "mentions", "events"):
        out[table] = int(cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
    return out


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> pd.DataFrame:
    try:
        return con.cursor().execute(sql, params).df()
    except duckdb.Error as err:
        raise StoreError(f"query failed: {err}") from err
