"""The in-place upgrade of older databases: a database written with the schema-3 (or schema-2) DDL gets
schema 4's `articles.language` and `events.language` and keeps every row."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest
from store.test_store import make

from components import store
from components.errors import StoreError
from components.filters import EventFilter
from components.store import schema

# The schema-3 tables as the previous release created them (written out here, not taken from the code,
# so the test keeps checking the upgrade of that release's files when the current schema moves on).
SCHEMA_3_DDL = """
CREATE TABLE articles (article_id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, text VARCHAR NOT NULL,
    published DATE, source VARCHAR, url VARCHAR, path VARCHAR, fmt VARCHAR, n_events INTEGER,
    ingested_at TIMESTAMP);
CREATE TABLE mentions (article_id VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL, label VARCHAR, kind VARCHAR, sent_index INTEGER, geonameid BIGINT,
    place_name VARCHAR, latitude DOUBLE, longitude DOUBLE, country_code VARCHAR, admin1 VARCHAR,
    feature_code VARCHAR, score DOUBLE, candidates VARCHAR);
CREATE TABLE events (event_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, event_type VARCHAR NOT NULL,
    event_date DATE, time_precision INTEGER, date_start DATE, date_end DATE, date_text VARCHAR,
    actor1 VARCHAR, actor2 VARCHAR, country VARCHAR, country_code VARCHAR, admin1 VARCHAR, location VARCHAR,
    place_name VARCHAR, latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER, geonameid BIGINT,
    feature_code VARCHAR, trigger VARCHAR, evidence VARCHAR, start_char INTEGER, end_char INTEGER,
    pipeline_version VARCHAR, sub_event_type VARCHAR DEFAULT '', assoc_actor_1 VARCHAR DEFAULT '',
    assoc_actor_2 VARCHAR DEFAULT '', admin2 VARCHAR DEFAULT '', fatalities INTEGER,
    fatalities_text VARCHAR DEFAULT '', dataset VARCHAR DEFAULT 'articles', n_reports INTEGER DEFAULT 1,
    n_sources INTEGER DEFAULT 1, confidence VARCHAR DEFAULT '{}', merged_into VARCHAR, src_title VARCHAR,
    src_outlet VARCHAR, src_url VARCHAR, src_published DATE, extra VARCHAR DEFAULT '{}');
CREATE TABLE event_sources (event_id VARCHAR NOT NULL, report_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL, dataset VARCHAR, title VARCHAR, outlet VARCHAR, url VARCHAR,
    published DATE, evidence VARCHAR, start_char INTEGER, end_char INTEGER);
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT INTO meta VALUES ('schema_version', '3');
"""
# Rows the old release wrote: two articles, a place mention, an article event with its report, an import.
OLD_ROWS = """
INSERT INTO articles VALUES
    ('old-1', 'Depot hit', 'A fuel depot near Kherson burned on Sunday.', DATE '2023-05-07', 'desk', '', '',
     'txt', 1, TIMESTAMP '2023-05-08 10:00:00'),
    ('old-2', 'Quiet day', 'Nothing was reported.', DATE '2023-05-08', 'desk', '', '', 'txt', 0, NULL);
INSERT INTO mentions VALUES ('old-1', 19, 26, 'Kherson', 'GPE', 'place', 0, 706448, 'Kherson', 46.6, 32.6,
    'UA', 'Kherson Oblast', 'PPLA', 9.1, '[]');
INSERT INTO events (event_id, article_id, event_type, event_date, time_precision, country_code, location,
    evidence, start_char, end_char, dataset) VALUES
    ('ev-old-1', 'old-1', 'Explosions/Remote violence', DATE '2023-05-07', 1, 'UA', 'Kherson',
     'A fuel depot near Kherson burned on Sunday.', 0, 43, 'articles'),
    ('acled:9', 'acled:9', 'Battles', DATE '2023-05-01', 1, 'UA', 'Bakhmut', 'Fighting continued.', NULL,
     NULL, 'acled');
INSERT INTO event_sources VALUES ('ev-old-1', 'ev-old-1', 'old-1', 'articles', 'Depot hit', 'desk', '',
    DATE '2023-05-07', 'A fuel depot near Kherson burned on Sunday.', 0, 43);
"""


def old_database(path: Path, *, version: int) -> Path:
    """A database file as the schema-`version` release wrote it (2: without `events.extra`)."""
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_3_DDL)
    if version == 2:
        con.execute("ALTER TABLE events DROP COLUMN extra")
        con.execute("UPDATE meta SET value = '2'")
    con.execute(OLD_ROWS)
    con.close()
    return path


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


@pytest.mark.parametrize("version", [3, 2])
def test_an_older_database_gets_the_language_columns_and_keeps_its_rows(tmp_path, version) -> None:
    path = old_database(tmp_path / "old.duckdb", version=version)
    with pytest.raises(StoreError, match="older schema"):  # read-only: says how to upgrade
        store.connect(path, read_only=True)
    con = store.connect(path)  # writable: upgraded in place
    try:
        assert "language" in columns(con, "articles") and "language" in columns(con, "events")
        assert store.summary(con) == {"articles": 2, "mentions": 1, "events": 2}
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "4"
        events = store.query_events(con)
        assert sorted(events["event_id"]) == ["acled:9", "ev-old-1"]
        assert events["language"].tolist() == ["", ""]  # unknown until the articles are ingested again
        assert store.get_article(con, "old-1")["language"] == ""
        assert len(store.event_sources(con, "ev-old-1")) == 1  # no report back-filled twice
        assert schema.missing_columns(con) == [] and store.migrate(con) == 0  # idempotent
        # the upgraded file takes new articles with their language
        art, mentions, evs = make("new-uk")
        assert store.write_article(con, dataclasses.replace(art, language="uk"), mentions, evs)
        assert store.count_events(con, EventFilter(languages=("uk",))) == 1
        assert store.count_events(con, EventFilter(languages=("",))) == 2
    finally:
        con.close()
    store.connect(path, read_only=True).close()  # current now


def test_missing_columns_names_the_article_column_apart_from_the_event_one(tmp_path) -> None:
    path = old_database(tmp_path / "old.duckdb", version=3)
    con = duckdb.connect(str(path))
    try:
        assert schema.missing_columns(con) == ["language", "articles.language"]
        assert schema.migrate(con) == 2
        assert schema.missing_columns(con) == []
    finally:
        con.close()


def test_a_new_database_has_the_columns_in_table_order(tmp_path) -> None:
    con = store.connect(tmp_path / "new.duckdb")
    try:
        assert columns(con, "articles") == list(schema.ARTICLE_TABLE_COLUMNS)
        assert columns(con, "events") == list(schema.EVENT_TABLE_COLUMNS)
        published = dt.date(2023, 5, 7)
        art, mentions, evs = make("a-ru", published=published)
        store.write_article(con, dataclasses.replace(art, language="ru"), mentions, evs)
        assert con.execute("SELECT language FROM articles").fetchall() == [("ru",)]
    finally:
        con.close()
