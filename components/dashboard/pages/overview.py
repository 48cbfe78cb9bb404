"""Overview (landing page): headline numbers, events per week by type, top places and actors, latest."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.charts.bars import top_bars
from components.charts.timeline import stacked_counts
from components.dashboard import data, page, sidebar
from components.dashboard.format import TABLE_CONFIG, day, display_table, plural

CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
LATEST_ROWS = 10
LATEST_COLUMNS = ["date", "type", "place", "country", "evidence", "article"]


@page.guarded
def render_overview() -> None:
    flt = sidebar.current_filter()
    page.drop_article_param()
    path, _ = page.header("Overview", flt)
    head = data.headline(path, flt)
    if not head["events"]:
        page.empty_state()
        return
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Events", f"{head['events']:,}")
    c2.metric("Articles", f"{head['articles']:,}")
    c3.metric("Countries", f"{head['countries']:,}")
    if head["first"] is not None:  # the dates would not fit a metric: the length, and the dates below it
        days = (pd.Timestamp(head["last"]) - pd.Timestamp(head["first"])).days + 1
        c4.metric("Date span", plural(days, "day"))
        c4.caption(f"{day(head['first'])} – {day(head['last'])}")
    else:
        c4.metric("Date span", "undated")
    weekly = stacked_counts(data.weekly(path, flt))
    st.plotly_chart(weekly, key="overview_weekly", config=CHART_CONFIG)
    places, actors = data.tops(path, flt)
    left, right = st.columns(2)
    top_places = top_bars(places, "place", title="Top places")
    left.plotly_chart(top_places, key="overview_places", config=CHART_CONFIG)
    top_actors = top_bars(actors, "actor", title="Top actors")
    right.plotly_chart(top_actors, key="overview_actors", config=CHART_CONFIG)
    st.markdown("**Latest events**")
    latest, _ = data.events_page(path, flt, "event_date", True, LATEST_ROWS, 0)
    table = display_table(latest, flt)[LATEST_COLUMNS]
    st.dataframe(table, key="overview_latest", hide_index=True, column_config=TABLE_CONFIG)
    st.caption(
        f"Places resolved offline with the gazetteer: {data.gazetteer_coverage()}. GeoNames, CC BY 4.0."
    )
