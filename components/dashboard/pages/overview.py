"""Overview (landing page): headline numbers, events per week by type, top places and actors, latest."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.charts.bars import top_bars
from components.charts.timeline import stacked_counts
from components.dashboard import common, sidebar

CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


@common.guarded
def render_overview() -> None:
    flt = sidebar.current_filter()
    common.drop_article_param()
    path, _ = common.header("Overview", flt)
    head = common.headline(path, flt)
    if not head["events"]:
        common.empty_state()
        return
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Events", f"{head['events']:,}")
    c2.metric("Articles", f"{head['articles']:,}")
    c3.metric("Countries", f"{head['countries']:,}")
    if head["first"] is not None:  # the dates would not fit a metric: the length, and the dates below it
        days = (pd.Timestamp(head["last"]) - pd.Timestamp(head["first"])).days + 1
        c4.metric("Date span", common.plural(days, "day"))
        c4.caption(f"{common.day(head['first'])} – {common.day(head['last'])}")
    else:
        c4.metric("Date span", "undated")
    st.plotly_chart(stacked_counts(common.weekly(path, flt)), key="overview_weekly",
                    config=CHART_CONFIG)  # fmt: skip
    places, actors = common.tops(path, flt)
    left, right = st.columns(2)
    left.plotly_chart(top_bars(places, "place", title="Top places"), key="overview_places",
                      config=CHART_CONFIG)  # fmt: skip
    right.plotly_chart(top_bars(actors, "actor", title="Top actors"), key="overview_actors",
                       config=CHART_CONFIG)  # fmt: skip
    st.markdown("**Latest events**")
    latest, _ = common.events_page(path, flt, "event_date", True, 10, 0)
    st.dataframe(common.display_table(latest, flt)[["date", "type", "place", "country", "evidence", "article"]],
                 key="overview_latest", hide_index=True, column_config=common.TABLE_CONFIG)  # fmt: skip
