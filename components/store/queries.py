"""Dashboard queries: the aggregates behind the pages and the places review, DuckDB -> pandas.

The pages' headline numbers, weekly/daily counts, top places and actors, the sidebar's options, the map's
extent and grid, one sorted page of the events table, an event's detail, article search (issue 5: fast at
1M events), and the places review (resolutions worth a second look). Everything here only reads; writes,
the schema and the record-level queries live in write.py, schema.py and read.py. From read.py it shares
`fetch_frame` (run bound SQL -> DataFrame, StoreError on failure), `EVENTS_VIEW` (events as pages read
them), `newest_events_sql` (one sorted page cut from `events` before the join), `FROM_ARTICLE` (the
article columns that imported rows carry themselves), `get_article` and `query_articles`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import duckdb
import pandas as pd

from components.errors import StoreError
from components.filters import EventFilter
from components.records import DATASETS
from components.store import corrections
from components.store.read import (
    EVENTS_VIEW,
    FROM_ARTICLE,
    fetch_frame,
    get_article,
    newest_events_sql,
    query_articles,
)

# -- dashboard aggregates (issue 5): what keeps the pages fast at 1M events --------------------------
SORTABLE = ("event_date", "event_type", "country", "place_name", "actor1", "geo_precision", "source")


def headline(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> dict[str, object]:
    """Events, articles, countries and the first/last day of the filtered events."""
    where, params = (flt or EventFilter()).to_sql()
    sql = f"""SELECT count(*), count(DISTINCT article_id), count(DISTINCT country_code), min(event_date),
                     max(event_date) FROM events WHERE merged_into IS NULL AND {where}"""
    events, articles, countries, first, last = fetch_frame(con, sql, params).iloc[0].tolist()
    return {
        "events": int(events),
        "articles": int(articles),
        "countries": int(countries),
        "first": first,
        "last": last,
    }


def weekly_counts(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> pd.DataFrame:
    """week (Monday), event_type, n for the dated filtered events."""
    where, params = (flt or EventFilter()).to_sql()
    sql = f"""SELECT CAST(date_trunc('week', event_date) AS DATE) AS week, event_type, count(*) AS n
              FROM events WHERE merged_into IS NULL AND ({where}) AND event_date IS NOT NULL
              GROUP BY ALL ORDER BY week, event_type"""
    return fetch_frame(con, sql, params)


def daily_counts(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> pd.DataFrame:
    """day, event_type, n for the dated filtered events."""
    where, params = (flt or EventFilter()).to_sql()
    sql = f"""SELECT event_date AS day, event_type, count(*) AS n FROM events
              WHERE merged_into IS NULL AND ({where}) AND event_date IS NOT NULL
              GROUP BY ALL ORDER BY day, event_type"""
    return fetch_frame(con, sql, params)


def top_places(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, k: int = 10) -> pd.DataFrame:
    where, params = (flt or EventFilter()).to_sql()
    sql = f"""SELECT coalesce(place_name, location) AS place, country, count(*) AS n FROM events
              WHERE merged_into IS NULL AND ({where}) AND coalesce(place_name, location) <> ''
              GROUP BY ALL ORDER BY n DESC, place LIMIT ?"""
    return fetch_frame(con, sql, [*params, int(k)])


def top_actors(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, k: int = 10) -> pd.DataFrame:
    where, params = (flt or EventFilter()).to_sql()
    sql = f"""SELECT actor, count(*) AS n FROM (
                SELECT actor1 AS actor FROM events WHERE merged_into IS NULL AND {where}
                UNION ALL SELECT actor2 FROM events WHERE merged_into IS NULL AND {where})
              WHERE actor IS NOT NULL AND actor <> '' GROUP BY ALL ORDER BY n DESC, actor LIMIT ?"""
    return fetch_frame(con, sql, [*params, *params, int(k)])


def actor_options(con: duckdb.DuckDBPyConnection, k: int = 300) -> list[str]:
    """The most frequent actors (for the sidebar)."""
    return top_actors(con, None, k)["actor"].tolist()


def outlet_options(con: duckdb.DuckDBPyConnection, k: int = 300) -> list[str]:
    sql = """SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL AND source <> ''
             GROUP BY ALL ORDER BY n DESC, source LIMIT ?"""
    return fetch_frame(con, sql, [int(k)])["source"].tolist()


def dataset_options(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The datasets that have events, in records.DATASETS order (for the sidebar)."""
    have = set(
        fetch_frame(con, "SELECT DISTINCT dataset FROM events WHERE dataset IS NOT NULL", [])["dataset"]
    )
    return [d for d in DATASETS if d in have]


def language_options(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The languages of the events (ISO 639-1 codes, most events first; '' = unknown: imported rows and
    articles stored before schema 4), for the sidebar."""
    sql = """SELECT coalesce(language, '') AS language, count(*) AS n FROM events
             WHERE merged_into IS NULL GROUP BY ALL ORDER BY n DESC, language"""
    return fetch_frame(con, sql, [])["language"].tolist()


def extent(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> dict[str, float | int]:
    """Bounding box and count (`n`) of the located filtered events, and `n_all`: the filtered events with or
    without a place (store.count_events), from the same scan."""
    where, params = (flt or EventFilter()).to_sql()
    sql = f"""SELECT count(*) FILTER (WHERE latitude IS NOT NULL) AS n, count(*) AS n_all,
                     min(latitude) AS lat0, max(latitude) AS lat1,
                     min(longitude) AS lon0, max(longitude) AS lon1
              FROM events WHERE merged_into IS NULL AND ({where})"""
    row = fetch_frame(con, sql, params).iloc[0]
    return {k: int(v) if k in ("n", "n_all") else _float_or_zero(v) for k, v in row.items()}


def _float_or_zero(value: object) -> float:
    return float(value) if value is not None and not pd.isna(value) else 0.0  # type: ignore[arg-type]


# The grid cell of an event, "row:column" (params: the cell size in degrees, twice).
GRID_CELL = "CAST(floor(latitude / ?) AS BIGINT) || ':' || CAST(floor(longitude / ?) AS BIGINT)"


def grid_counts(
    con: duckdb.DuckDBPyConnection, flt: EventFilter | None, cell_deg: float, *, by_week: bool = False
) -> pd.DataFrame:
    """Located events aggregated on a `cell_deg` grid: cell, lat/lon (mean of its events), n, main
    event_type, n_low (region/country-level events), and week when `by_week`.

    The same data gives the same frame (ties of the main type and place go to the first alphabetically,
    rows are in a total order): the Map page's chart is identified by its figure, so a figure rebuilt
    differently after the query cache expires would drop the user's box/lasso selection."""
    if not 0.01 <= cell_deg <= 10:
        raise StoreError(f"grid cell must be 0.01-10 degrees, got {cell_deg}")
    where, params = (flt or EventFilter()).to_sql()
    week = "CAST(date_trunc('week', event_date) AS DATE) AS week, " if by_week else ""
    week_filter = " AND event_date IS NOT NULL" if by_week else ""
    sql = f"""SELECT {week}{GRID_CELL} AS cell,
                     round(avg(latitude), 6) AS latitude, round(avg(longitude), 6) AS longitude,
                     count(*) AS n, mode(event_type ORDER BY event_type) AS event_type,
                     count(*) FILTER (WHERE geo_precision = 3) AS n_low,
                     mode(coalesce(place_name, location) ORDER BY coalesce(place_name, location)) AS place
              FROM events WHERE merged_into IS NULL AND ({where}) AND latitude IS NOT NULL{week_filter}
              GROUP BY ALL ORDER BY {"week, " if by_week else ""}n DESC, cell"""
    return fetch_frame(con, sql, [cell_deg, cell_deg, *params])


def query_events_page(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter | None = None,
    *,
    order_by: str = "event_date",
    descending: bool = True,
    limit: int = 100,
    offset: int = 0,
    event_ids: Sequence[str] | None = None,
    cells: Sequence[str] | None = None,
    cell_deg: float | None = None,
) -> tuple[pd.DataFrame, int]:
    """One page of the filtered events (optionally only `event_ids`, or only events in grid `cells`),
    sorted by a whitelisted column; returns the page and the total row count."""
    if order_by not in SORTABLE:
        raise StoreError(f"cannot sort by {order_by!r}; choose one of {', '.join(SORTABLE)}")
    where, params = (flt or EventFilter()).to_sql()
    if event_ids is not None:
        where += " AND event_id IN (SELECT unnest(?))"
        params = [*params, list(event_ids)]
    if cells is not None and cell_deg:
        where += f" AND {GRID_CELL} IN (SELECT unnest(?))"
        params = [*params, cell_deg, cell_deg, list(cells)]
    count_sql = f"SELECT count(*) AS n FROM events WHERE merged_into IS NULL AND ({where})"
    total = int(fetch_frame(con, count_sql, params)["n"].iloc[0])
    order = f"{order_by} {'DESC' if descending else 'ASC'} NULLS LAST, event_id"
    if order_by in FROM_ARTICLE:  # an article column: sort the joined view
        sql = f"SELECT * FROM ({EVENTS_VIEW}) WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    else:
        sql = newest_events_sql(where, order)
    return fetch_frame(con, sql, [*params, int(limit), int(offset)]), total


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, object] | None:
    """One event with its article text and the place mentions (with candidates) of its sentence."""
    found = fetch_frame(con, f"SELECT * FROM ({EVENTS_VIEW}) WHERE event_id = ?", [event_id])
    if found.empty:
        return None
    event = found.iloc[0].to_dict()
    event["extra"] = event_extra(con, event_id)
    article = get_article(con, str(event["article_id"])) or {}
    sql = """SELECT * FROM mentions WHERE article_id = ? AND start_char >= ? AND end_char <= ?
             ORDER BY start_char"""
    sentence = [event["article_id"], int(event.get("start_char") or 0), int(event.get("end_char") or 0)]
    mentions = fetch_frame(con, sql, sentence)
    return {"event": event, "article": article, "mentions": mentions}


def event_extra(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, object]:
    """What the report says beyond the record ({"approximate": True, "injured": 2}); {} for events stored
    before schema 3 and for Dask datasets written before it."""
    try:
        row = con.cursor().execute("SELECT extra FROM events WHERE event_id = ?", [event_id]).fetchone()
    except duckdb.Error:
        return {}
    try:
        value = json.loads(row[0]) if row and row[0] else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def search_articles(con: duckdb.DuckDBPyConnection, flt: EventFilter | None, text: str = "") -> pd.DataFrame:
    """query_articles narrowed to titles or texts containing `text` (case-insensitive, literal)."""
    listing = query_articles(con, flt)
    if not text.strip() or listing.empty:
        return listing
    pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = "SELECT article_id FROM articles WHERE title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\'"
    hits = set(fetch_frame(con, sql, [pattern, pattern])["article_id"])
    return listing[listing["article_id"].isin(hits)]


# -- places review (issue 5): resolutions worth a second look --------------------------------------
# Candidate scores are sums of evidence (log population, primary name, country named in the article,
# distance to the article's other places): a confident town with its country named scores 12-16. A
# resolved place is listed for review when its top candidate scores below REVIEW_LOW_SCORE (no country
# context, or only a weak name match) or when the second candidate is within REVIEW_MARGIN of the first
# (a close alternative: Donetsk UA/RU, Sevastopol, Istanbul city/province). On the 50 sample articles
# this flags 56 of 502 resolved mentions (28 name/place pairs).
REVIEW_LOW_SCORE = 10.0
REVIEW_MARGIN = 1.5
REVIEW_SORTS = {
    "events": "n_events DESC",
    "mentions": "n_mentions DESC",
    "score": "top_score ASC",
    "margin": "margin ASC NULLS LAST",
    "name": "lower(text) ASC",
}
_REVIEW_MENTIONS = """
SELECT article_id, start_char, text, geonameid, place_name, country_code, latitude, longitude,
       TRY_CAST(json_extract(candidates, '$[0].score') AS DOUBLE) AS top_score,
       TRY_CAST(json_extract(candidates, '$[1].score') AS DOUBLE) AS second_score
FROM mentions
WHERE kind = 'place' AND geonameid IS NOT NULL AND coalesce(candidates, '[]') <> '[]'
"""


def review_places(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter | None = None,
    *,
    sort: str = "events",
    low_score: float = REVIEW_LOW_SCORE,
    margin: float = REVIEW_MARGIN,
) -> pd.DataFrame:
    """Resolved place mentions with a low top score or a close second candidate, one row per (mention text,
    chosen place): text, geonameid, place_name, country_code, n_mentions, n_articles, n_events (events of
    the mention's article whose location is the mention text and that match `flt`), top_score, margin
    (first minus second score; NaN with one candidate), corrected (an active correction names it).
    With a non-empty filter only the rows with a matching event are kept."""
    if sort not in REVIEW_SORTS:
        raise StoreError(f"cannot sort the review by {sort!r}; choose one of {', '.join(REVIEW_SORTS)}")
    flt = flt or EventFilter()
    where, params = flt.to_sql()
    having = "" if flt.is_empty else "HAVING count(DISTINCT ev.event_id) > 0"
    sql = f"""
        WITH m AS ({_REVIEW_MENTIONS}),
        flagged AS (SELECT * FROM m WHERE top_score < ? OR top_score - second_score < ?),
        ev AS (SELECT article_id, lower(location) AS loc, event_id FROM events
               WHERE merged_into IS NULL AND location IS NOT NULL AND ({where}))
        SELECT f.text, f.geonameid, any_value(f.place_name) AS place_name,
               any_value(f.country_code) AS country_code,
               count(DISTINCT (f.article_id, f.start_char)) AS n_mentions,
               count(DISTINCT f.article_id) AS n_articles, count(DISTINCT ev.event_id) AS n_events,
               round(min(f.top_score), 2) AS top_score, round(min(f.top_score - f.second_score), 2) AS margin
        FROM flagged f LEFT JOIN ev ON ev.article_id = f.article_id AND ev.loc = lower(f.text)
        GROUP BY f.text, f.geonameid {having}
        ORDER BY {REVIEW_SORTS[sort]}, lower(f.text), f.geonameid"""
    df = fetch_frame(con, sql, [float(low_score), float(margin), *params])
    from components.geo.gazetteer.names import normalize_name  # the key corrections match names by

    active = {c.name_key for c in corrections.active_corrections(con)}
    return df.assign(corrected=[normalize_name(t) in active for t in df["text"]])


def review_candidates(con: duckdb.DuckDBPyConnection, text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The candidates of every resolved mention written `text` (case-insensitive) and its articles.

    Candidates: geonameid, name, country_code, score (best over the mentions), reason (of that best),
    n_mentions (how many mentions list it), chosen (how many mentions are resolved to it now), latitude and
    longitude (of a chosen place; NaN otherwise: the caller looks them up). A place chosen by a correction
    but never a candidate is added with its stored coordinates. Articles: article_id, title, n_mentions.
    """
    sql = """SELECT m.candidates, m.geonameid, m.place_name, m.country_code, m.latitude, m.longitude,
                    m.article_id
             FROM mentions m WHERE m.kind = 'place' AND lower(m.text) = lower(?)"""
    rows = con.cursor().execute(sql, [text]).fetchall()
    best: dict[int, dict[str, object]] = {}
    for cands, gid, name, cc, lat, lon, _ in rows:
        try:
            parsed = json.loads(cands or "[]")
        except ValueError:
            parsed = []
        for c in parsed:
            cid = int(c.get("geonameid") or 0)
            listed = _candidate_row(
                cid, c.get("name"), c.get("country_code"), c.get("score"), c.get("reason")
            )
            cur = best.setdefault(cid, listed)
            cur["n_mentions"] = int(cur["n_mentions"]) + 1  # type: ignore[call-overload]
            if (c.get("score") or 0) > (cur["score"] or 0):  # type: ignore[operator]
                cur.update(score=c.get("score"), reason=c.get("reason"))
        if gid is not None:
            chosen = _candidate_row(int(gid), name, cc, None, "chosen by a correction")
            cur = best.setdefault(int(gid), chosen)
            cur.update(chosen=int(cur["chosen"]) + 1, latitude=lat, longitude=lon)  # type: ignore[call-overload]
    columns = [
        "geonameid",
        "name",
        "country_code",
        "score",
        "reason",
        "n_mentions",
        "chosen",
        "latitude",
        "longitude",
    ]
    cands = pd.DataFrame(list(best.values()), columns=columns)
    if not cands.empty:
        cands = cands.sort_values(["chosen", "score"], ascending=False, na_position="last", kind="stable")
        cands = cands.reset_index(drop=True)
    sql = """SELECT m.article_id, any_value(a.title) AS title, count(*) AS n_mentions
             FROM mentions m LEFT JOIN articles a USING (article_id)
             WHERE m.kind = 'place' AND lower(m.text) = lower(?)
             GROUP BY m.article_id ORDER BY n_mentions DESC, title"""
    return cands, fetch_frame(con, sql, [text])


def _candidate_row(
    geonameid: int, name: object, country_code: object, score: object, reason: object
) -> dict[str, object]:
    """A candidate of review_candidates before it is counted (no mentions list it or chose it yet)."""
    return {
        "geonameid": geonameid,
        "name": name,
        "country_code": country_code,
        "score": score,
        "reason": reason,
        "n_mentions": 0,
        "chosen": 0,
        "latitude": None,
        "longitude": None,
    }
