"""The dashboard's data: the database path and every query a page runs, cached.

Pages never parse, geocode or write SQL: they call the functions here, which call `components.store`
and `components.store.queries`. All caching lives here: `st.cache_data` for query results (keyed by
the database path and the frozen EventFilter, kept `CACHE_TTL` seconds) and `st.cache_resource` for
what is loaded once per server (the gazetteer, the basemap file). Every query opens a short-lived
read-only connection (`store.reading`). The two writes of the Places page (`fix_place`, `undo_fix`)
open a short write connection and forget the cached results.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from components import services, settings, store
from components.filters import EventFilter
from components.store import queries

logger = logging.getLogger(__name__)

# Query results are cached this long: what another process (a command-line ingest) writes shows up on
# the next interaction after at most this many seconds. Each query opens a short read-only connection,
# so a writer in another process is never blocked for longer than one query.
CACHE_TTL = 15


def db_path() -> str:
    """The database file the dashboard reads (settings' db_path, absolute)."""
    return str(Path(settings.get("db_path")).resolve())


def forget_cached_results() -> None:
    """Drop every cached query result (after this session wrote to the database)."""
    st.cache_data.clear()


def _event_columns(df: pd.DataFrame) -> pd.DataFrame:
    """The events with store.EVENT_COLUMNS only (the query's helper columns dropped)."""
    return df.drop(columns=[c for c in df.columns if c not in store.EVENT_COLUMNS])


@st.cache_resource(show_spinner=False)
def basemap_source() -> str | None:
    """The URL the offline country outlines are served at (written to ./static once per server), or None
    (the maps then carry the outlines inline) when static serving is off or the folder is not writable."""
    if not st.get_option("server.enableStaticServing"):
        return None
    from components.geo import basemap

    try:
        basemap.write_static()
    except OSError as err:
        logger.warning("cannot write the basemap file, maps carry it inline: %s", err)
        return None
    return basemap.STATIC_URL


# -- events -----------------------------------------------------------------------------------------
@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=256)
def events(path: str, flt: EventFilter) -> pd.DataFrame:
    return load_events(path, flt)


def load_events(path: str, flt: EventFilter) -> pd.DataFrame:
    """The filtered events, uncached (for downloads generated on click, outside the script run)."""
    with store.reading(path) as con:
        df = store.query_events(con, flt)
    return _event_columns(df)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=256)
def n_events(path: str, flt: EventFilter) -> int:
    with store.reading(path) as con:
        return store.count_events(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=128)
def events_page(
    path: str,
    flt: EventFilter,
    order_by: str,
    descending: bool,
    limit: int,
    offset: int,
    ids: tuple[str, ...] | None = None,
    cells: tuple[str, ...] | None = None,
    cell_deg: float | None = None,
) -> tuple[pd.DataFrame, int]:
    """One page of the filtered events (restricted to the map's selected `ids` or `cells`), and the total."""
    with store.reading(path) as con:
        return queries.query_events_page(
            con,
            flt,
            order_by=order_by,
            descending=descending,
            limit=limit,
            offset=offset,
            event_ids=ids,
            cells=cells,
            cell_deg=cell_deg,
        )


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def event_detail(path: str, event_id: str) -> dict[str, object] | None:
    with store.reading(path) as con:
        return queries.event_detail(con, event_id)


# -- the sidebar's choices --------------------------------------------------------------------------
@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def country_table(path: str) -> pd.DataFrame:
    with store.reading(path) as con:
        return store.countries(con)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def date_range(path: str) -> tuple[Any, Any]:
    with store.reading(path) as con:
        return store.date_bounds(con)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def actor_list(path: str) -> list[str]:
    with store.reading(path) as con:
        return queries.actor_options(con)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def outlet_list(path: str) -> list[str]:
    with store.reading(path) as con:
        return queries.outlet_options(con)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def dataset_list(path: str) -> list[str]:
    with store.reading(path) as con:
        return queries.dataset_options(con)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def language_list(path: str) -> list[str]:
    """The events' languages, most events first ('' = unknown)."""
    with store.reading(path) as con:
        return queries.language_options(con)


def languages_in(path: str) -> list[str]:
    """The known languages of the events (without ''): the language filter and column are shown when
    there is more than one."""
    return [code for code in language_list(path) if code]


# -- articles ---------------------------------------------------------------------------------------
@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=256)
def articles(path: str, flt: EventFilter) -> pd.DataFrame:
    with store.reading(path) as con:
        return store.query_articles(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def article_detail(path: str, article_id: str) -> tuple[dict[str, object] | None, pd.DataFrame, pd.DataFrame]:
    """The article, its place mentions and its events (None and two empty frames when it is gone)."""
    with store.reading(path) as con:
        found = store.get_article(con, article_id)
        if found is None:
            return None, pd.DataFrame(), pd.DataFrame()
        evs = _event_columns(store.article_events(con, article_id))
        return found, store.article_mentions(con, article_id), evs


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def search_articles(path: str, flt: EventFilter, text: str) -> pd.DataFrame:
    with store.reading(path) as con:
        return queries.search_articles(con, flt, text)


# -- aggregates for the overview, timeline and map --------------------------------------------------
@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=128)
def headline(path: str, flt: EventFilter) -> dict[str, object]:
    with store.reading(path) as con:
        return queries.headline(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=128)
def weekly(path: str, flt: EventFilter) -> pd.DataFrame:
    with store.reading(path) as con:
        return queries.weekly_counts(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=128)
def daily(path: str, flt: EventFilter) -> pd.DataFrame:
    with store.reading(path) as con:
        return queries.daily_counts(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=128)
def tops(path: str, flt: EventFilter) -> tuple[pd.DataFrame, pd.DataFrame]:
    with store.reading(path) as con:
        return queries.top_places(con, flt), queries.top_actors(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=128)
def extent(path: str, flt: EventFilter) -> dict[str, float | int]:
    with store.reading(path) as con:
        return queries.extent(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def grid(path: str, flt: EventFilter, cell_deg: float, by_week: bool = False) -> pd.DataFrame:
    with store.reading(path) as con:
        return queries.grid_counts(con, flt, cell_deg, by_week=by_week)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def map_points(path: str, flt: EventFilter, limit: int) -> pd.DataFrame:
    with store.reading(path) as con:
        df = store.query_events(con, flt, limit=limit)
    return _event_columns(df)


# -- places review ----------------------------------------------------------------------------------
@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer() -> Any:
    """The offline gazetteer (loaded once per server): coordinates of candidates, corrections."""
    from components.geo.gazetteer.index import load_gazetteer

    return load_gazetteer()


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def gazetteer_coverage() -> str:
    """What the offline gazetteer was built from (its build report), without loading it."""
    from components.geo.gazetteer.files import coverage_line, default_path, read_meta

    return coverage_line(read_meta(default_path()))


def review_places(path: str, flt: EventFilter, sort: str) -> pd.DataFrame:
    with store.reading(path) as con:
        return queries.review_places(con, flt, sort=sort)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def review_candidates(path: str, text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The candidates of a place name, with coordinates from the gazetteer where the store has none."""
    with store.reading(path) as con:
        cands, arts = queries.review_candidates(con, text)
    if cands.empty:
        return cands, arts
    gaz = gazetteer()
    stored = zip(cands["geonameid"], cands["latitude"], strict=True)
    places = [None if pd.notna(lat) else gaz.get(int(gid)) for gid, lat in stored]
    latitude = [p.latitude if p else lat for p, lat in zip(places, cands["latitude"], strict=True)]
    longitude = [p.longitude if p else lon for p, lon in zip(places, cands["longitude"], strict=True)]
    return cands.assign(latitude=latitude, longitude=longitude), arts


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def correction_list(path: str) -> pd.DataFrame:
    from components.store import corrections

    with store.reading(path) as con:
        return corrections.list_corrections(con)


def fix_place(path: str, name: str, geonameid: int, *, article_id: str | None = None, by: str = "") -> int:
    """Store a correction (every mention of `name`, or only in `article_id`) and forget cached results."""
    cid = services.fix_place(path, name, int(geonameid), article_id=article_id, by=by, gazetteer=gazetteer())
    forget_cached_results()
    return cid


def undo_fix(path: str, correction_id: int, *, by: str = "") -> None:
    """Undo a stored correction and forget cached results."""
    services.undo_place_fix(path, int(correction_id), by=by)
    forget_cached_results()
