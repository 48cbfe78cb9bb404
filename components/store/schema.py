"""The database schema: the tables, the schema version, and the in-place upgrade of older databases.

`create` gives a connection the current schema (the tables of SCHEMA, the columns added since schema 1,
the corrections table); `migrate` upgrades a schema-1, -2 or -3 database (columns added with ALTER TABLE,
the `event_sources` rows back-filled); `missing_columns` tells whether a database needs that upgrade.
Schema 4 added `articles.language` and `events.language`: rows stored before it keep '' (unknown) until
their articles are ingested again into a new database.
"""

from __future__ import annotations

import logging

import duckdb

from components.errors import StoreError
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
# 3: events.extra (approximate date, injured: what a report says beyond the record)
# 4: articles.language and events.language (ISO 639-1 code of the article, '' unknown or imported)
SCHEMA_VERSION = 4
# Columns added to `events` since schema 1 (most in schema 2), with their types and defaults; `migrate`
# adds the missing ones to an older database (ALTER TABLE ... ADD COLUMN) and back-fills `event_sources`.
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
    ("extra", "VARCHAR DEFAULT '{}'"),  # schema 3: JSON of Event.extra ({"approximate": true, "injured": 2})
    ("language", "VARCHAR DEFAULT ''"),  # schema 4: the language of the event's article ('' for imports)
)
# Columns added to `articles` since schema 1: `migrate` adds the missing ones like the events' columns.
ARTICLE_COLUMNS_V4: tuple[tuple[str, str], ...] = (
    ("language", "VARCHAR DEFAULT ''"),  # ISO 639-1 code from the pipeline's detection; '' unknown
)
# Every column of the `articles` table, in table order (the schema-1 columns, then the added ones).
ARTICLE_TABLE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "title",
    "text",
    "published",
    "source",
    "url",
    "path",
    "fmt",
    "n_events",
    "ingested_at",
    *(c for c, _ in ARTICLE_COLUMNS_V4),
)
# Every column of the `events` table, in table order (the schema-1 columns, then the added ones).
EVENT_TABLE_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "event_type",
    "event_date",
    "time_precision",
    "date_start",
    "date_end",
    "date_text",
    "actor1",
    "actor2",
    "country",
    "country_code",
    "admin1",
    "location",
    "place_name",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "feature_code",
    "trigger",
    "evidence",
    "start_char",
    "end_char",
    "pipeline_version",
    *(c for c, _ in EVENT_COLUMNS_V2),
)
# The tables schema 2 added.
TABLES_V2 = ("event_sources", "meta")


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Give the connection's database the current schema (creating or upgrading its tables)."""
    con.execute(SCHEMA)
    migrate(con)
    corrections.ensure_schema(con)  # the corrections module owns its table


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The added columns of `events` (by name) and of `articles` ("articles.language") and the schema-2
    tables the database lacks ([] when current)."""
    rows = (
        con.cursor()
        .execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_name IN ('events', 'articles')"
        )
        .fetchall()
    )
    have = {(table, column) for table, column in rows}
    if not any(table == "events" for table, _ in have):
        return []  # no events table yet: a new database
    missing = [c for c, _ in EVENT_COLUMNS_V2 if ("events", c) not in have]
    if any(table == "articles" for table, _ in have):
        missing += [f"articles.{c}" for c, _ in ARTICLE_COLUMNS_V4 if ("articles", c) not in have]
    tables = {
        r[0] for r in con.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    return missing + [t for t in TABLES_V2 if t not in tables]


# Every existing article event of a schema-1 database is its own single report.
BACKFILL_SOURCES = """
INSERT INTO event_sources SELECT e.event_id, e.event_id, e.article_id, 'articles',
    a.title, a.source, a.url, a.published, e.evidence, e.start_char, e.end_char
FROM events e JOIN articles a USING (article_id)
WHERE e.event_id NOT IN (SELECT report_id FROM event_sources)
"""


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Upgrade a schema-1, -2 or -3 database in place, keeping every row; returns the number of columns
    added (0 when current). Rows stored before schema 4 get language '' (unknown)."""
    missing = [c for c in missing_columns(con) if c not in TABLES_V2]
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    try:
        for name, decl in EVENT_COLUMNS_V2:
            if name in missing:
                cur.execute(f"ALTER TABLE events ADD COLUMN {name} {decl}")
        for name, decl in ARTICLE_COLUMNS_V4:
            if f"articles.{name}" in missing:
                cur.execute(f"ALTER TABLE articles ADD COLUMN {name} {decl}")
        if missing:
            cur.execute(BACKFILL_SOURCES)
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not upgrade the database schema: {err}") from err
    if missing:
        logger.info("upgraded the database to schema %d (%d columns added)", SCHEMA_VERSION, len(missing))
    return len(missing)
