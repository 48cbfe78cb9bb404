"""Record queries, DuckDB -> pandas: the events as pages read them, articles, mentions, sources, counts.

`EVENTS_VIEW` is the events every page and export reads: reports merged into another event by dedup left
out, each joined with its article (imported rows, which have no article, carry their own title, outlet,
url and publication date: `FROM_ARTICLE`). The pages' aggregates and the places review are in queries.py,
which shares `fetch_frame`, `EVENTS_VIEW`, `newest_events_sql` and `FROM_ARTICLE` from here.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from components.errors import StoreError
from components.filters import EventFilter

# Columns of the events view every page and export reads (events joined with their article).
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "time_precision",
    "date_start",
    "date_end",
    "date_text",
    "event_type",
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
    "article_id",
    "title",
    "published",
    "source",
    "url",
    # schema 2 (issue 4): ACLED fields, dataset and provenance
    "sub_event_type",
    "assoc_actor_1",
    "assoc_actor_2",
    "admin2",
    "fatalities",
    "fatalities_text",
    "dataset",
    "n_reports",
    "n_sources",
    "confidence",
    "pipeline_version",
    "language",  # schema 4: the article's ISO 639-1 code ('' unknown: imported, or stored before it)
)
# Article columns that imported rows (no article) carry themselves: article column -> events column.
FROM_ARTICLE = {"title": "src_title", "published": "src_published", "source": "src_outlet", "url": "src_url"}


def select_events(source: str) -> str:
    """The events of `source` (a table or a parenthesised subquery of `events` rows) as pages read them:
    joined with their article, imported rows (no article) with their own title/outlet/url/published."""
    columns = ", ".join(
        f"coalesce(a.{c}, e.{FROM_ARTICLE[c]}) AS {c}" if c in FROM_ARTICLE else "e." + c
        for c in EVENT_COLUMNS
    )
    return f"SELECT {columns} FROM {source} e LEFT JOIN articles a USING (article_id)"


# Events as every page reads them: reports merged into another event by dedup are left out.
EVENTS_VIEW = select_events("events") + "\nWHERE e.merged_into IS NULL\n"


def newest_events_sql(where: str, order: str) -> str:
    """SQL for one sorted page of the filtered events (params: the filter's, then LIMIT and OFFSET).

    The filter (EventFilter.to_sql) and the sort key read only `events` columns, so the page is cut from
    `events` first and only its rows are joined with their articles: at 1M events ~10x faster than
    sorting the joined view."""
    top = f"(SELECT * FROM events WHERE merged_into IS NULL AND ({where}) ORDER BY {order} LIMIT ? OFFSET ?)"
    return f"SELECT * FROM ({select_events(top)}) ORDER BY {order}"


def fetch_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> pd.DataFrame:
    """Run `sql` with bound `params` on a fresh cursor; a failure is a StoreError (shared with queries.py)."""
    try:
        return con.cursor().execute(sql, params).df()
    except duckdb.Error as err:
        raise StoreError(f"query failed: {err}") from err


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
    """How many events match the filter."""
    where, params = (flt or EventFilter()).to_sql()
    sql = f"SELECT count(*) FROM events WHERE merged_into IS NULL AND ({where})"
    row = con.cursor().execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def countries(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Countries that have events: country_code, country, n_events (most events first)."""
    sql = """SELECT country_code, any_value(country) AS country, count(*) AS n_events FROM events
             WHERE country_code IS NOT NULL AND merged_into IS NULL
             GROUP BY country_code ORDER BY n_events DESC, country"""
    return fetch_frame(con, sql, [])


def date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    """The first and last event date (None, None without dated events)."""
    row = (
        con.cursor()
        .execute("SELECT min(event_date), max(event_date) FROM events WHERE merged_into IS NULL")
        .fetchone()
    )
    return (row[0], row[1]) if row else (None, None)


def query_articles(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> pd.DataFrame:
    """Articles with at least one event matching the filter (all articles when the filter is empty)."""
    cols = "a.article_id, a.title, a.published, a.source, a.url, a.path, a.fmt, a.n_events, a.language"
    if flt is None or flt.is_empty:
        sql = f"SELECT {cols} FROM articles a ORDER BY a.published DESC NULLS LAST, a.title"
        return fetch_frame(con, sql, [])
    where, params = flt.to_sql(alias="e")
    sql = f"""SELECT {cols}, count(*) AS n_matching FROM articles a JOIN events e USING (article_id)
              WHERE {where} GROUP BY ALL ORDER BY a.published DESC NULLS LAST, a.title"""
    return fetch_frame(con, sql, params)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, object] | None:
    """One article's row as a dict (None when it is not stored)."""
    cur = con.cursor().execute("SELECT * FROM articles WHERE article_id = ?", [article_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def article_mentions(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    """The place and actor mentions of an article, in text order."""
    sql = "SELECT * FROM mentions WHERE article_id = ? ORDER BY start_char"
    return fetch_frame(con, sql, [article_id])


def article_events(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    """The events of an article (as pages read them), in text order."""
    sql = f"SELECT * FROM ({EVENTS_VIEW}) WHERE article_id = ? ORDER BY start_char"
    return fetch_frame(con, sql, [article_id])


def event_sources(con: duckdb.DuckDBPyConnection, event_id: str) -> pd.DataFrame:
    """Every report of an event (after dedup, the reports of all events merged into it)."""
    sql = "SELECT * FROM event_sources WHERE event_id = ? ORDER BY published NULLS LAST, report_id"
    return fetch_frame(con, sql, [event_id])


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the articles, mentions and events tables."""
    cur = con.cursor()
    out = {}
    for table in ("articles", "mentions", "events"):
        out[table] = int(cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
    return out


def event_places(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """GeoNames id -> events placed there: the theatre an ingest ranks same-named villages with."""
    sql = "SELECT geonameid, count(*) FROM events WHERE geonameid IS NOT NULL GROUP BY geonameid"
    return {int(g): int(n) for g, n in con.execute(sql).fetchall()}
