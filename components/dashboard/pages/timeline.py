"""Timeline page: counts per day/week stacked by type (box-select a range to set the date filter), and
the strip of single events per country or type when there are few enough to draw."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.charts.timeline import stacked_counts, timeline
from components.dashboard import data, page, sidebar

MAX_STRIP = 5_000  # single-event strip only below this many events
BRUSH_KEY = "counts"
ROW_LABELS = {"country": "one per country", "event_type": "one per event type"}
FREQ_LABELS = {"D": "day", "W": "week"}
CHART_CONFIG = {"displaylogo": False}


def brushed_range(selection: object) -> tuple[dt.date, dt.date] | None:
    """The date range of a box selection on the counts chart (st.plotly_chart's selection state)."""
    if isinstance(selection, dict):
        sel = selection.get("selection", {})
    else:
        sel = getattr(selection, "selection", {})
    boxes = (sel or {}).get("box") or []
    if boxes and boxes[0].get("x"):
        xs = sorted(pd.Timestamp(x).date() for x in boxes[0]["x"][:2])
        return xs[0], xs[-1]
    points = (sel or {}).get("points") or []
    days = sorted(pd.Timestamp(p["x"]).date() for p in points if isinstance(p, dict) and p.get("x"))
    return (days[0], days[-1]) if days else None


def on_brush() -> None:
    """Callback: a box selection on the counts chart becomes the sidebar's date filter."""
    picked = brushed_range(st.session_state.get(BRUSH_KEY))
    if picked:
        sidebar.set_dates(*picked)


@page.guarded
def render_timeline() -> None:
    flt = sidebar.current_filter()
    page.drop_article_param()
    path, _ = page.header("Timeline", flt)
    n = data.n_events(path, flt)
    left, right = st.columns(2)
    by = left.radio("Rows", list(ROW_LABELS), horizontal=True, key="tl_by", format_func=ROW_LABELS.get)
    freq = right.radio(
        "Count per", list(FREQ_LABELS), horizontal=True, key="tl_freq", index=1, format_func=FREQ_LABELS.get
    )
    counts = data.weekly(path, flt) if freq == "W" else data.daily(path, flt)
    fig = stacked_counts(counts, bucket="week" if freq == "W" else "day")
    st.plotly_chart(fig, key=BRUSH_KEY, on_select=on_brush, selection_mode=("box",), config=CHART_CONFIG)
    if n == 0:
        page.empty_state()
        return
    st.caption(
        "Drag across the bars to set the date filter to that range (Reset filters in the sidebar to undo)."
    )
    if n <= MAX_STRIP:
        strip = timeline(data.events(path, flt), by=by)
        st.plotly_chart(strip, key="timeline", config=CHART_CONFIG)
        st.caption("Filled markers: the day is known; open markers: only the week or month is known.")
    else:
        per = "country." if by == "country" else "event type."
        st.caption(f"{n:,} events: narrow the filter below {MAX_STRIP:,} to see single events per {per}")
