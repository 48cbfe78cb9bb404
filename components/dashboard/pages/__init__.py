"""The dashboard pages: one thin render function each (read filter -> cached query -> chart -> show).

One module per page; what they share is in `dashboard.data` (cached queries), `dashboard.format`
(display helpers) and `dashboard.page` (guard, header, empty state). Pages never parse, geocode or
write SQL (Ingest calls the pipeline). Article text reaches the page only escaped.
"""

from __future__ import annotations

import streamlit as st

from components.dashboard.pages.articles import article_html, highlight_mentions, render_articles
from components.dashboard.pages.events import render_events
from components.dashboard.pages.ingest import render_ingest
from components.dashboard.pages.mapview import render_map
from components.dashboard.pages.overview import render_overview
from components.dashboard.pages.places import render_places
from components.dashboard.pages.timeline import render_timeline

__all__ = [
    "article_html",
    "highlight_mentions",
    "pages",
    "render_articles",
    "render_events",
    "render_ingest",
    "render_map",
    "render_overview",
    "render_places",
    "render_timeline",
]

# (render function, title, icon, URL path); the first is the landing page
PAGES = (
    (render_overview, "Overview", ":material/dashboard:", "overview"),
    (render_map, "Map", ":material/map:", "map"),
    (render_timeline, "Timeline", ":material/timeline:", "timeline"),
    (render_events, "Events", ":material/table:", "events"),
    (render_articles, "Articles", ":material/article:", "articles"),
    (render_places, "Places", ":material/where_to_vote:", "places"),
    (render_ingest, "Ingest", ":material/upload:", "ingest"),
)


def pages() -> list[st.Page]:
    """The navigation's pages, Overview first (the default)."""
    return [
        st.Page(render, title=title, icon=icon, url_path=url_path, default=i == 0)
        for i, (render, title, icon, url_path) in enumerate(PAGES)
    ]
