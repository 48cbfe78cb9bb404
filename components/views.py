"""The dashboard pages: one thin render function each (read filter -> cached query -> chart -> show).

Pages never parse, geocode or write SQL: they call `components.store`. All caching lives here:
`st.cache_resource` for the read-only DuckDB connection, `st.cache_data` for query results (keyed by
the database path and the frozen EventFilter). Article text reaches the page only through
`html.escape` (see `highlight_mentions`) or through widgets that render plain text.
"""

from __future__ import annotations

import functools
import html
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import pandas as pd
import streamlit as st

from components import charts, settings, sidebar, store
from components.errors import ConflictTimelineError
from components.filters import EventFilter
from components.records import TIME_UNDATED

logger = logging.getLogger(__name__)

MAX_MAP_POINTS = 20_000  # beyond this the browser slows down (FIELD-NOTES): newest points only
MAP_TABLE_ROWS = 200
PRECISION_NAMES = {1: "day", 2: "week", 3: "month", TIME_UNDATED: "undated"}
ARTICLE_PARAM = "article"


# -- cached data ------------------------------------------------------------------------------------
def db_path() -> str:
    return str(Path(settings.get("db_path")).resolve())


@st.cache_resource(show_spinner=False)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database file for the whole server (cursors per query)."""
    logger.info("opening %s read-only", path)
    return store.connect(path, read_only=True)


@st.cache_data(show_spinner=False, max_entries=256)
def events(path: str, flt: EventFilter) -> pd.DataFrame:
    df = store.query_events(connection(path), flt)
    return df.drop(columns=[c for c in df.columns if c not in store.EVENT_COLUMNS])


@st.cache_data(show_spinner=False, max_entries=256)
def n_events(path: str, flt: EventFilter) -> int:
    return store.count_events(connection(path), flt)


@st.cache_data(show_spinner=False)
def country_table(path: str) -> pd.DataFrame:
    return store.countries(connection(path))


@st.cache_data(show_spinner=False)
def date_range(path: str) -> tuple[Any, Any]:
    return store.date_bounds(connection(path))


@st.cache_data(show_spinner=False, max_entries=256)
def articles(path: str, flt: EventFilter) -> pd.DataFrame:
    return store.query_articles(connection(path), flt)


@st.cache_data(show_spinner=False, max_entries=64)
def article_detail(path: str, article_id: str) -> tuple[dict[str, object] | None, pd.DataFrame, pd.DataFrame]:
    con = connection(path)
    found = store.get_article(con, article_id)
    if found is None:
        return None, pd.DataFrame(), pd.DataFrame()
    evs = store.article_events(con, article_id)
    evs = evs.drop(columns=[c for c in evs.columns if c not in store.EVENT_COLUMNS])
    return found, store.article_mentions(con, article_id), evs


# -- page plumbing ----------------------------------------------------------------------------------
def _guarded(render: Callable[[], None]) -> Callable[[], None]:
    """Turn the package's errors into a message on the page instead of a traceback."""

    @functools.wraps(render)
    def page() -> None:
        started = time.perf_counter()
        try:
            render()
        except ConflictTimelineError as err:
            logger.warning("page %s failed: %s", render.__name__, err)
            st.error(f"Could not show this page: {err}", icon=":material/error:")
        logger.debug("page %s rendered in %.0f ms", render.__name__, (time.perf_counter() - started) * 1000)

    return page


def md_escape(text: str) -> str:
    """Text safe to place inside st.markdown: markdown and HTML characters are backslash-escaped."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|~$" else ch for ch in text)


def _header(title: str, flt: EventFilter) -> tuple[str, dict[str, str]]:
    """Page title and the filter sentence; returns the db path and the {code: name} map."""
    path = db_path()
    names = sidebar.country_names(country_table(path))
    st.subheader(title)
    sentence = flt.describe(n_events(path, flt), names)
    st.markdown(f"**{md_escape(sentence)}**")
    return path, names


def _drop_article_param() -> None:
    if ARTICLE_PARAM in st.query_params:
        del st.query_params[ARTICLE_PARAM]


def _display_table(df: pd.DataFrame, flt: EventFilter) -> pd.DataFrame:
    """The events as people read them: one row per event, plain-text cells and an article link."""
    query = flt.to_query_params()

    def link(article_id: str) -> str:
        return "articles?" + urlencode({**query, ARTICLE_PARAM: article_id}, doseq=True)

    actors = [" vs ".join(a for a in (a1, a2) if isinstance(a, str) and a) for a1, a2 in zip(
        df["actor1"], df["actor2"], strict=True)]  # fmt: skip
    return pd.DataFrame(
        {
            "date": [_iso(d) for d in df["event_date"]],  # ISO text sorts by date; "undated" last
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


def _csv(df: pd.DataFrame) -> bytes:
    """CSV of the events; text cells starting with = + - @ get a leading ' so spreadsheets don't run them."""
    safe = df.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(
                lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
            )
    return safe.to_csv(index=False).encode("utf-8")


# -- pages ------------------------------------------------------------------------------------------
@_guarded
def render_map() -> None:
    flt = sidebar.current_filter()
    _drop_article_param()
    path, _ = _header("Map", flt)
    df = events(path, flt)
    if df.empty:
        st.info("No events match this filter. Widen the dates, clear the country filter or press "
                "**Reset filters** in the sidebar.", icon=":material/filter_alt_off:")  # fmt: skip
    shown = df.dropna(subset=["latitude", "longitude"])
    if len(shown) > MAX_MAP_POINTS:
        st.caption(f"Showing the newest {MAX_MAP_POINTS:,} of {len(shown):,} located events.")
        shown = shown.head(MAX_MAP_POINTS)
    fig = charts.event_map(shown if not df.empty else df, style=settings.get("map_style"))
    st.plotly_chart(fig, key="event_map", config={"scrollZoom": True, "displaylogo": False})
    if df.empty:
        return
    n_missing = len(df) - len(shown)
    st.caption(
        f"{len(shown):,} {'event' if len(shown) == 1 else 'events'} on the map"
        + (
            f"; {n_missing:,} without a known place {'is' if n_missing == 1 else 'are'} listed on the "
            "Events page."
            if n_missing
            else "."
        )
    )
    table = _display_table(shown.head(MAP_TABLE_ROWS), flt)[["date", "type", "place", "country", "evidence"]]
    st.dataframe(table, key="map_table", hide_index=True, column_config=TABLE_CONFIG, height=240)


@_guarded
def render_timeline() -> None:
    flt = sidebar.current_filter()
    _drop_article_param()
    path, _ = _header("Timeline", flt)
    df = events(path, flt)
    left, right = st.columns(2)
    by = left.radio(
        "Rows",
        ["country", "event_type"],
        horizontal=True,
        key="tl_by",
        format_func=lambda v: "one per country" if v == "country" else "one per event type",
    )
    freq = right.radio("Count per", ["D", "W"], horizontal=True, key="tl_freq",
                       format_func=lambda v: "day" if v == "D" else "week")  # fmt: skip
    st.plotly_chart(charts.timeline(df, by=by), key="timeline", config={"displaylogo": False})
    st.plotly_chart(charts.counts_over_time(df, freq=freq), key="counts", config={"displaylogo": False})
    if not df.empty:
        st.caption("Filled markers: the day is known; open markers: only the week or month is known.")


@_guarded
def render_events() -> None:
    flt = sidebar.current_filter()
    _drop_article_param()
    path, _ = _header("Events", flt)
    df = events(path, flt)
    if df.empty:
        st.info("No events match this filter. Widen the dates, clear the country filter or press "
                "**Reset filters** in the sidebar.", icon=":material/filter_alt_off:")  # fmt: skip
        return
    st.dataframe(_display_table(df, flt), key="events_table", hide_index=True, column_config=TABLE_CONFIG,
                 height=min(38 + 35 * len(df), 600))  # fmt: skip
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    titles = df.drop_duplicates("article_id").set_index("article_id")["title"].to_dict()
    picked = left.selectbox("Open the article behind an event", list(titles), key="ev_article",
                            format_func=lambda a: str(titles.get(a, a)))  # fmt: skip
    if picked:
        with right:
            st.page_link(articles_page(), label="Open article", icon=":material/article:",
                         query_params={**flt.to_query_params(), ARTICLE_PARAM: picked})  # fmt: skip
    st.download_button(
        "Download these events (CSV)", _csv(df), file_name="conflict_timeline_events.csv",
        mime="text/csv", key="ev_download", icon=":material/download:",
        help="All columns of the filtered events. Cells starting with = + - @ are prefixed with '.",
    )  # fmt: skip


@_guarded
def render_articles() -> None:
    flt = sidebar.current_filter()
    path, _ = _header("Articles", flt)
    listing = articles(path, flt)
    search = st.text_input("Search titles", key="art_search", placeholder="e.g. Kerch")
    if search.strip():
        listing = listing[listing["title"].str.contains(search.strip(), case=False, regex=False, na=False)]
    if listing.empty:
        hint = "Try another word." if search.strip() else "Widen the filter in the sidebar."
        st.info(f"No article matches. {hint}", icon=":material/search_off:")
        return
    ids = listing["article_id"].tolist()
    labels = {
        row.article_id: f"{row.title}  ·  {_day(row.published)}  ·  {int(row.n_events or 0)} events"
        for row in listing.itertuples()
    }
    wanted = st.query_params.get(ARTICLE_PARAM)
    if wanted in ids and wanted != st.session_state.get("art_url"):  # a link or "Open article" asked
        st.session_state["art_pick"] = wanted
    if st.session_state.get("art_pick") not in ids:
        st.session_state["art_pick"] = ids[0]
    picked = st.selectbox(f"Article ({len(ids)})", ids, key="art_pick", format_func=labels.__getitem__)
    st.query_params[ARTICLE_PARAM] = picked
    st.session_state["art_url"] = picked
    found, mentions, evs = article_detail(path, picked)
    if found is None:
        st.warning("This article is no longer in the database.")
        return
    st.html(article_html(found, mentions))
    st.markdown("**Events from this article**")
    if evs.empty:
        st.caption("No events were extracted from this article.")
    else:
        table = _display_table(evs, flt)[["date", "precision", "type", "place", "country", "evidence"]]
        st.dataframe(table, key="article_events", hide_index=True, column_config=TABLE_CONFIG)


def _iso(value: object) -> str:
    return "undated" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _day(value: object) -> str:
    return "undated" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%-d %b %Y")


# -- article HTML (every article-derived string goes through html.escape) ---------------------------
def highlight_mentions(text: str, mentions: pd.DataFrame) -> str:
    """The article text, escaped, with each place mention wrapped in <mark title="place, country (score)">."""
    out: list[str] = []
    pos = 0
    if not mentions.empty:
        for m in mentions.sort_values("start_char").itertuples():
            start, end = int(m.start_char), int(m.end_char)
            if start < pos or end <= start or end > len(text):
                continue  # overlapping or out-of-range span: leave that text unmarked
            out.append(html.escape(text[pos:start]))
            out.append(f'<mark title="{html.escape(_mention_title(m), quote=True)}" style="{_mark_style(m)}">'
                       f"{html.escape(text[start:end])}</mark>")  # fmt: skip
            pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _mention_title(m: Any) -> str:
    place = getattr(m, "place_name", None)
    if not isinstance(place, str) or not place:
        return "not resolved to a place"
    country = getattr(m, "country_code", None)
    score = getattr(m, "score", None)
    label = f"{place}, {country}" if isinstance(country, str) and country else place
    return f"{label} ({float(score):.2f})" if score is not None and not pd.isna(score) else label


def _mark_style(m: Any) -> str:
    resolved = isinstance(getattr(m, "place_name", None), str)
    background = "#fde68a" if resolved else "#e5e7eb"
    return f"background:{background};padding:0 2px;border-radius:3px"


def article_html(article: dict[str, object], mentions: pd.DataFrame) -> str:
    """Title, metadata line and highlighted text of one article as one escaped HTML fragment."""
    title = html.escape(str(article.get("title") or "Untitled"))
    meta = [html.escape(_day(article.get("published")))]
    if article.get("source"):
        meta.append(html.escape(str(article["source"])))
    url = str(article.get("url") or "")
    if url.startswith(("https://", "http://")):
        meta.append(f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                    f"{html.escape(url)}</a>")  # fmt: skip
    body = highlight_mentions(str(article.get("text") or ""), mentions)
    return (
        f'<div class="ct-article"><h3 style="margin-bottom:0.2rem">{title}</h3>'
        f'<p style="color:#6b7280;margin-top:0">{" · ".join(meta)}</p>'
        f'<div style="white-space:pre-wrap;line-height:1.65;max-width:60rem">{body}</div>'
        '<p style="color:#6b7280;font-size:0.85rem">Highlighted: place mentions (hover for the place '
        "chosen and its score; grey = not resolved).</p></div>"
    )


# -- navigation ---------------------------------------------------------------------------------------
def map_page() -> st.Page:
    return st.Page(render_map, title="Map", icon=":material/map:", url_path="map", default=True)


def timeline_page() -> st.Page:
    return st.Page(render_timeline, title="Timeline", icon=":material/timeline:", url_path="timeline")


def events_page() -> st.Page:
    return st.Page(render_events, title="Events", icon=":material/table:", url_path="events")


def articles_page() -> st.Page:
    return st.Page(render_articles, title="Articles", icon=":material/article:", url_path="articles")


def pages() -> list[st.Page]:
    return [map_page(), timeline_page(), events_page(), articles_page()]
