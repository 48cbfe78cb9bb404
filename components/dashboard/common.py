"""What every dashboard page shares: cached queries, the page guard, the header and the events table.

Pages never parse, geocode or write SQL: they call `components.store` and `components.store.queries`. All
caching lives here: `st.cache_data` for query results (keyed by the database path and the frozen
EventFilter, kept `CACHE_TTL` seconds); every query opens a short-lived read-only connection
(`store.reading`). Article text reaches the page only through
`html.escape` (see `highlight_mentions`) or through widgets that render plain text.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import pandas as pd
import streamlit as st

from components import settings, store
from components.charts import maps as mapcharts
from components.dashboard import sidebar
from components.errors import ConflictTimelineError
from components.filters import EventFilter
from components.records import TIME_UNDATED
from components.store import queries

logger = logging.getLogger(__name__)

MAX_MAP_POINTS = mapcharts.MAX_MAP_POINTS  # beyond this many events: grid aggregates, not points
MAP_TABLE_ROWS = 200
PRECISION_NAMES = {1: "day", 2: "week", 3: "month", TIME_UNDATED: "undated"}
ARTICLE_PARAM = "article"
# Query results are cached this long: what another process (a command-line ingest) writes shows up on
# the next interaction after at most this many seconds. Each query opens a short read-only connection,
# so a writer in another process is never blocked for longer than one query.
CACHE_TTL = 15


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


# -- cached data ------------------------------------------------------------------------------------
def db_path() -> str:
    return str(Path(settings.get("db_path")).resolve())


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=256)
def events(path: str, flt: EventFilter) -> pd.DataFrame:
    return load_events(path, flt)


def load_events(path: str, flt: EventFilter) -> pd.DataFrame:
    """The filtered events, uncached (for downloads generated on click, outside the script run)."""
    with store.reading(path) as con:
        df = store.query_events(con, flt)
    return df.drop(columns=[c for c in df.columns if c not in store.EVENT_COLUMNS])


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=256)
def n_events(path: str, flt: EventFilter) -> int:
    with store.reading(path) as con:
        return store.count_events(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def country_table(path: str) -> pd.DataFrame:
    with store.reading(path) as con:
        return store.countries(con)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def date_range(path: str) -> tuple[Any, Any]:
    with store.reading(path) as con:
        return store.date_bounds(con)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=256)
def articles(path: str, flt: EventFilter) -> pd.DataFrame:
    with store.reading(path) as con:
        return store.query_articles(con, flt)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def article_detail(path: str, article_id: str) -> tuple[dict[str, object] | None, pd.DataFrame, pd.DataFrame]:
    with store.reading(path) as con:
        found = store.get_article(con, article_id)
        if found is None:
            return None, pd.DataFrame(), pd.DataFrame()
        evs = store.article_events(con, article_id)
        evs = evs.drop(columns=[c for c in evs.columns if c not in store.EVENT_COLUMNS])
        return found, store.article_mentions(con, article_id), evs


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
    return df.drop(columns=[c for c in df.columns if c not in store.EVENT_COLUMNS])


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=128)
def events_page(path: str, flt: EventFilter, order_by: str, descending: bool, limit: int, offset: int,
                ids: tuple[str, ...] | None = None, cells: tuple[str, ...] | None = None,
                cell_deg: float | None = None) -> tuple[pd.DataFrame, int]:  # fmt: skip
    with store.reading(path) as con:
        return queries.query_events_page(
            con, flt, order_by=order_by, descending=descending, limit=limit, offset=offset,
            event_ids=ids, cells=cells, cell_deg=cell_deg,
        )  # fmt: skip


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def event_detail(path: str, event_id: str) -> dict[str, object] | None:
    with store.reading(path) as con:
        return queries.event_detail(con, event_id)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
def search_articles(path: str, flt: EventFilter, text: str) -> pd.DataFrame:
    with store.reading(path) as con:
        return queries.search_articles(con, flt, text)


def forget_cached_results() -> None:
    """Drop every cached query result (after this session wrote to the database)."""
    st.cache_data.clear()


EMPTY_HINT = ("No events match this filter. Widen the dates, clear the country filter or press "
              "**Reset filters** in the sidebar.")  # fmt: skip


def empty_state() -> None:
    st.info(EMPTY_HINT, icon=":material/filter_alt_off:")


# -- page plumbing ----------------------------------------------------------------------------------
def guarded(render: Callable[[], None]) -> Callable[[], None]:
    """Turn the package's errors into a message on the page instead of a traceback."""

    @functools.wraps(render)
    def page() -> None:
        started = time.perf_counter()
        try:
            render()
        except ConflictTimelineError as err:
            logger.warning("page %s failed: %s", render.__name__, err)
            st.error(f"Could not show this page: {err}", icon=":material/error:")
        except (
            duckdb.Error,
            ValueError,
            KeyError,
            TypeError,
        ) as err:  # a bug: log it, never show a traceback
            logger.exception("page %s crashed", render.__name__)
            st.error(f"Something went wrong on this page ({type(err).__name__}). Press Reset filters or "
                     "reload; the details are in the server log.", icon=":material/error:")  # fmt: skip
        logger.debug("page %s rendered in %.0f ms", render.__name__, (time.perf_counter() - started) * 1000)

    return page


def plural(n: int, word: str) -> str:
    """'1 event', '2 events', '1,000 events'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def md_escape(text: str) -> str:
    """Text safe to place inside st.markdown: markdown and HTML characters are backslash-escaped."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|~$" else ch for ch in text)


def header(title: str, flt: EventFilter, n: int | None = None) -> tuple[str, dict[str, str]]:
    """Page title and the filter sentence (`n`: the filtered events, counted here when not given);
    returns the db path and the {code: name} map."""
    path = db_path()
    names = sidebar.country_names(country_table(path))
    st.subheader(title)
    sentence = flt.describe(n_events(path, flt) if n is None else n, names)
    st.markdown(f"**{md_escape(sentence)}**")
    return path, names


def drop_article_param() -> None:
    if ARTICLE_PARAM in st.query_params:
        del st.query_params[ARTICLE_PARAM]


def display_table(df: pd.DataFrame, flt: EventFilter) -> pd.DataFrame:
    """The events as people read them: one row per event, plain-text cells and an article link."""
    query = flt.to_query_params()

    def link(article_id: str) -> str:
        return "articles?" + urlencode({**query, ARTICLE_PARAM: article_id}, doseq=True)

    actors = [" vs ".join(a for a in (a1, a2) if isinstance(a, str) and a) for a1, a2 in zip(
        df["actor1"], df["actor2"], strict=True)]  # fmt: skip
    return pd.DataFrame(
        {
            "date": [iso(d) for d in df["event_date"]],  # ISO text sorts by date; "undated" last
            "precision": df["time_precision"].map(lambda p: PRECISION_NAMES.get(int(p), "?")),
            "type": df["event_type"],
            "place": df["place_name"].where(df["place_name"].notna(), df["location"]),
            "country": df["country"],
            "actors": actors,
            "evidence": df["evidence"],
            "title": df["title"],
            "article": [link(a) for a in df["article_id"]],
        }
    )


TABLE_CONFIG = {
    "date": st.column_config.TextColumn("date", help="Day of the event (see precision)"),
    "evidence": st.column_config.TextColumn("evidence", width="large"),
    "title": st.column_config.TextColumn("title", width="medium"),
    "article": st.column_config.LinkColumn("article", display_text="open", help="Open the article"),
}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV of the events; text cells starting with = + - @ get a leading ' so spreadsheets don't run them."""
    safe = df.copy()
    for col in safe.columns:
        values = safe[col]
        if pd.api.types.is_string_dtype(values) and values.dtype != object:  # str columns: vectorised
            risky = values.str[:1].isin(FORMULA_STARTS).fillna(False).astype(bool)
            if risky.any():
                safe[col] = values.where(~risky, "'" + values)
        elif values.dtype == object:  # mixed cells: only the str ones are text
            safe[col] = values.map(lambda v: "'" + v if isinstance(v, str) and v[:1] in FORMULA_STARTS else v)
    return safe.to_csv(index=False).encode("utf-8")


def iso(value: object) -> str:
    return "undated" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def day(value: object) -> str:
    return "undated" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%-d %b %Y")


# -- places review ----------------------------------------------------------------------------------
@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer() -> Any:
    """The offline gazetteer (loaded once per server): coordinates of candidates, corrections."""
    from components.geo.gazetteer.index import load_gazetteer

    return load_gazetteer()


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=64)
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
    places = [None if pd.notna(lat) else gaz.get(int(gid)) for gid, lat in zip(cands["geonameid"], cands["latitude"],
                                                                               strict=True)]  # fmt: skip
    return cands.assign(
        latitude=[p.latitude if p else lat for p, lat in zip(places, cands["latitude"], strict=True)],
        longitude=[p.longitude if p else lon for p, lon in zip(places, cands["longitude"], strict=True)],
    ), arts


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def correction_list(path: str) -> pd.DataFrame:
    from components.store import corrections

    with store.reading(path) as con:
        return corrections.list_corrections(con)


def fix_place(path: str, name: str, geonameid: int, *, article_id: str | None = None, by: str = "") -> int:
    """Store a correction (every mention of `name`, or only in `article_id`) and forget cached results."""
    from components.store import corrections

    with store.writing(path) as con:
        cid = corrections.add_correction(con, gazetteer(), name, int(geonameid), article_id=article_id, by=by)
    forget_cached_results()
    return cid


def undo_fix(path: str, correction_id: int, *, by: str = "") -> None:
    from components.store import corrections

    with store.writing(path) as con:
        corrections.undo_correction(con, int(correction_id), by=by)
    forget_cached_results()
