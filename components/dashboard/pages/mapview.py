"""Map page: points (<= MAX_MAP_POINTS located events) or server-side grid aggregates beyond that;
density layer, weekly playback; a box/lasso selection restricts the table below (and the Events page)."""

from __future__ import annotations

import streamlit as st

from components import settings
from components.charts import maps as mapcharts
from components.charts.playback import playback_map
from components.dashboard import data, page, sidebar
from components.dashboard.format import TABLE_CONFIG, display_table, plural
from components.dashboard.pages import detail
from components.filters import EventFilter

SELECTION_STATE = "ct_map_selection"  # {"ids": [...]} or {"cells": [...], "cell_deg": x}
MAX_MAP_POINTS = mapcharts.MAX_MAP_POINTS  # beyond this many events: grid aggregates, not points
MAP_TABLE_ROWS = 200
MAP_TABLE_COLUMNS = ["date", "type", "place", "country", "evidence"]
CHART_CONFIG = {"scrollZoom": True, "displaylogo": False}
MODE_LABELS = {"events": "events", "playback": "weekly playback"}


def selection_keys(event: object) -> list[str]:
    """Event ids or cell ids of the selected points (the last customdata column)."""
    points = getattr(getattr(event, "selection", None), "points", None) or []
    keys = []
    for p in points:
        data = p.get("customdata") if isinstance(p, dict) else None
        if isinstance(data, list) and data:
            keys.append(str(data[-1]))
    return keys


def clear_selection() -> None:
    st.session_state.pop(SELECTION_STATE, None)
    st.session_state.pop("event_map", None)


@page.guarded
def render_map() -> None:
    flt = sidebar.current_filter()
    page.drop_article_param()
    ext = data.extent(data.db_path(), flt)  # also counts the events for the header: one query, not two
    path, _ = page.header("Map", flt, n=int(ext["n_all"]))
    n = int(ext["n"])
    style = settings.get("map_style")
    basemap = data.basemap_source()
    left, mid, right = st.columns([2, 1, 1])
    mode = left.radio("Show", list(MODE_LABELS), horizontal=True, key="map_mode", format_func=MODE_LABELS.get)
    density = mid.toggle("Density layer", key="map_density")
    if n == 0:
        page.empty_state()
    if mode == "playback":
        cell = max(mapcharts.cell_size(ext), 0.5) if n > MAX_MAP_POINTS else 0.25
        fig = playback_map(data.grid(path, flt, cell, True), style=style, basemap=basemap)
        st.plotly_chart(fig, key="playback_map", config=CHART_CONFIG)
        st.caption("Press ▶ Play or drag the slider: one frame per week; circle area ~ number of events.")
        return
    if n > MAX_MAP_POINTS:
        cell = mapcharts.cell_size(ext)
        fig = mapcharts.grid_map(
            data.grid(path, flt, cell), cell_deg=cell, style=style, density=density, basemap=basemap
        )
        right.caption(
            f"{n:,} located events: aggregated on a {cell:g}° grid. Narrow the filter below "
            f"{MAX_MAP_POINTS:,} events to see single events."
        )
    else:
        cell = None
        fig = mapcharts.points_map(
            data.map_points(path, flt, MAX_MAP_POINTS), style=style, density=density, basemap=basemap
        )
        right.caption("Faint grey circles: events placed only to a region or country (bigger: more events).")
    event = st.plotly_chart(
        fig,
        key="event_map",
        on_select="rerun",
        selection_mode=("points", "box", "lasso"),
        config=CHART_CONFIG,
    )
    keys = selection_keys(event)
    if keys:
        st.session_state[SELECTION_STATE] = (
            {"ids": mapcharts.selection_ids(keys)} if cell is None else {"cells": keys, "cell_deg": cell}
        )
    chosen = st.session_state.get(SELECTION_STATE)
    if n == 0:
        return
    if chosen:
        st.button("Clear map selection", key="map_clear", on_click=clear_selection, icon=":material/close:")
    table_section(path, flt, chosen, key="map_table")


def table_section(path: str, flt: EventFilter, chosen: dict | None, *, key: str) -> None:
    ids = tuple(chosen["ids"]) if chosen and "ids" in chosen else None
    cells = tuple(chosen["cells"]) if chosen and "cells" in chosen else None
    cell_deg = chosen.get("cell_deg") if chosen else None
    events, total = data.events_page(path, flt, "event_date", True, MAP_TABLE_ROWS, 0, ids, cells, cell_deg)
    what = "selected on the map" if chosen else "in this view"
    st.caption(
        f"{plural(total, 'event')} {what}; the newest {min(total, MAP_TABLE_ROWS):,} are listed. "
        "Box- or lasso-select on the map to restrict this table; click a row for its detail."
    )
    table = display_table(events, flt)[MAP_TABLE_COLUMNS]
    picked = st.dataframe(
        table,
        key=key,
        hide_index=True,
        column_config=TABLE_CONFIG,
        height=260,
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = picked.selection.rows if picked else []
    if rows:
        detail.render_detail(path, str(events["event_id"].iloc[rows[0]]), flt)
