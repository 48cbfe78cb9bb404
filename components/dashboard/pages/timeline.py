"""Timeline page: counts per day/week stacked by type (box-select a range to set the date filter), and
the strip of single events per country or type when there are few enough to draw."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.charts.timeline import stacked_counts, timeline
from components.dashboard import common, sidebar

MAX_STRIP = 5_000  # single-event strip only below this many events
BRUSH_KEY = "counts"


def brushed_range(selection: object) -> tuple[dt.date, dt.date] | None:
    """The date range of a box selection on the counts chart (st.plotly_chart's selection state)."""
    sel = (
        selection.get("selection", {}) if isinstance(selection, dict) else getattr(selection, "selection", {})
    )
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


@common.guarded
def render_timeline() -> None:
    flt = sidebar.current_filter()
    common.drop_article_param()
    path, _ = common.header("Timeline", flt)
    n = common.n_events(path, flt)
    left, right = st.columns(2)
    by = left.radio("Rows", ["country", "event_type"], horizontal=True, key="tl_by",
                    format_func=lambda v: "one per country" if v == "country" else "one per event type")  # fmt: skip
    freq = right.radio("Count per", ["D", "W"], horizontal=True, key="tl_freq", index=1,
                       format_func=lambda v: "day" if v == "D" else "week")  # fmt: skip
    counts = common.weekly(path, flt) if freq == "W" else common.daily(path, flt)
    fig = stacked_counts(counts, bucket="week" if freq == "W" else "day")
    st.plotly_chart(fig, key=BRUSH_KEY, on_select=on_brush, selection_mode=("box",),
                    config={"displaylogo": False})  # fmt: skip
    if n == 0:
        common.empty_state()
        return
    st.caption(
        "Drag across the bars to set the date filter to that range (Reset filters in the sidebar to undo)."
    )
    if n <= MAX_STRIP:
        st.plotly_chart(timeline(common.events(path, flt), by=by), key="timeline",
                        config={"displaylogo": False})  # fmt: skip
        st.caption("Filled markers: the day is known; open markers: only the week or month is known.")
    else:
        st.caption(f"{n:,} events: narrow the filter below {MAX_STRIP:,} to see single events per "
                   + ("country." if by == "country" else "event type."))  # fmt: skip
