"""Events page: sortable, paged table with column choice, the detail panel and the exports."""

from __future__ import annotations

import functools

import streamlit as st

from components import services
from components.dashboard import data, format, sidebar
from components.dashboard.page import drop_article_param, empty_state, guarded, header
from components.dashboard.pages import detail, mapview
from components.filters import EventFilter
from components.store import queries

PAGE_SIZES = (25, 50, 100, 250)
COLUMNS = (
    "date",
    "precision",
    "type",
    "place",
    "country",
    "actors",
    "language",
    "evidence",
    "title",
    "article",
)
DEFAULT_COLUMNS = ["date", "type", "place", "country", "actors", "evidence", "article"]
EXPORT_LIMIT = 200_000  # larger views are exported with the CLI
SORT_LABELS = {
    "event_date": "date",
    "event_type": "type",
    "country": "country",
    "place_name": "place",
    "actor1": "actor",
    "geo_precision": "place precision",
    "source": "outlet",
}


@guarded
def render_events() -> None:
    flt = sidebar.current_filter()
    drop_article_param()
    path, _ = header("Events", flt)
    chosen = st.session_state.get(mapview.SELECTION_STATE)
    if chosen:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.info("Restricted to the events selected on the map.", icon=":material/select:")
        right.button("Clear map selection", key="ev_clear", on_click=mapview.clear_selection)
    c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
    order = c1.selectbox(
        "Sort by", list(queries.SORTABLE), key="ev_sort", format_func=SORT_LABELS.__getitem__
    )
    descending = c2.toggle("Descending", value=True, key="ev_desc")
    size = c3.selectbox("Rows per page", PAGE_SIZES, index=1, key="ev_size")
    ids = tuple(chosen["ids"]) if chosen and "ids" in chosen else None
    cells = tuple(chosen["cells"]) if chosen and "cells" in chosen else None
    cell_deg = chosen.get("cell_deg") if chosen else None
    _, total = data.events_page(path, flt, order, descending, 1, 0, ids, cells, cell_deg)
    if total == 0:
        empty_state()
        return
    pages = max(1, -(-total // size))
    number = c4.number_input(f"Page (of {pages:,})", 1, pages, 1, key="ev_page")
    columns = st.multiselect("Columns", list(COLUMNS), default=default_columns(path), key="ev_columns")
    first = (int(number) - 1) * size  # the page's first row, counted from 0
    page, total = data.events_page(path, flt, order, descending, size, first, ids, cells, cell_deg)
    table = format.display_table(page, flt)[[c for c in COLUMNS if c in (columns or default_columns(path))]]
    picked = st.dataframe(
        table,
        key="events_table",
        hide_index=True,
        column_config=format.TABLE_CONFIG,
        height=min(38 + 35 * len(table), 600),
        on_select="rerun",
        selection_mode="single-row",
    )
    st.caption(
        f"Rows {first + 1:,}–{first + len(page):,} of {total:,}. Click a row to see the event's detail."
    )
    rows = picked.selection.rows if picked else []
    if rows:
        detail.render_detail(path, str(page["event_id"].iloc[rows[0]]), flt)
    exports(path, flt, total)


def default_columns(path: str) -> list[str]:
    """The table's columns before the user picks: with the language when the events have more than one."""
    if len(data.languages_in(path)) > 1:
        return [c for c in COLUMNS if c in {*DEFAULT_COLUMNS, "language"}]
    return DEFAULT_COLUMNS


def exports(path: str, flt: EventFilter, total: int) -> None:
    """Download buttons whose files are built when clicked (100k events: ~35 MB of CSV, ~100 MB of GeoJSON),
    so the page's reruns never pay for them; a click does not rerun the page."""
    st.markdown("**Export the filtered view**")
    if total > EXPORT_LIMIT:
        st.caption(f"{total:,} events: too many for the browser. Use `python -m components export`.")
        return
    left, right = st.columns(2)
    left.download_button(
        "CSV (ACLED column order)",
        functools.partial(csv_export, path, flt),
        file_name="conflict_timeline_events.csv",
        mime="text/csv",
        key="ev_download",
        icon=":material/download:",
        on_click="ignore",
    )
    right.download_button(
        "GeoJSON",
        functools.partial(geojson_export, path, flt),
        file_name="conflict_timeline_events.geojson",
        mime="application/geo+json",
        key="ev_geojson",
        icon=":material/map:",
        on_click="ignore",
    )
    st.caption("Charts: use the camera icon in each chart's toolbar to download it as PNG.")


def csv_export(path: str, flt: EventFilter) -> bytes:
    """The filtered events as CSV, spreadsheet formulas neutralised (the export service)."""
    return services.export_events(path, flt, "csv").text.encode("utf-8")


def geojson_export(path: str, flt: EventFilter) -> bytes:
    """The filtered events as GeoJSON (the export service)."""
    return services.export_events(path, flt, "geojson").text.encode("utf-8")
