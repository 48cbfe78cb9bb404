"""The dashboard pages: one thin render function each (read filter -> cached query -> chart -> show).

`common` holds the cached queries and shared helpers; one module per page. Pages never parse, geocode
or write SQL (Ingest calls the pipeline). Article text reaches the page only escaped.
"""

from __future__ import annotations

import streamlit as st

from components.dashboard.common import (
    ARTICLE_PARAM,
    actor_list,
    country_table,
    dataset_list,
    date_range,
    db_path,
    forget_cached_results,
    md_escape,
    outlet_list,
)
from components.dashboard.pages.articles import article_html, highlight_mentions, render_articles
from components.dashboard.pages.events import render_events
from components.dashboard.pages.ingest import render_ingest
from components.dashboard.pages.mapview import render_map
from components.dashboard.pages.overview import render_overview
from components.dashboard.pages.places import render_places
from components.dashboard.pages.timeline import render_timeline

__all__ = [
    "ARTICLE_PARAM", "actor_list", "article_html", "country_table", "dataset_list", "date_range", "db_path",
    "forget_cached_results",
    "highlight_mentions", "md_escape", "outlet_list", "pages", "render_articles", "render_events",
    "render_ingest", "render_map", "render_overview", "render_places", "render_timeline",
]  # fmt: skip


def pages() -> list[st.Page]:
    return [
        st.Page(render_overview, title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page(render_map, title="Map", icon=":material/map:", url_path="map"),
        st.Page(render_timeline, title="Timeline", icon=":material/timeline:", url_path="timeline"),
        st.Page(render_events, title="Events", icon=":material/table:", url_path="events"),
        st.Page(render_articles, title="Articles", icon=":material/article:", url_path="articles"),
        st.Page(render_places, title="Places", icon=":material/where_to_vote:", url_path="places"),
        st.Page(render_ingest, title="Ingest", icon=":material/upload:", url_path="ingest"),
    ]  # fmt: skip
