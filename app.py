"""Conflict Timeline dashboard: `streamlit run app.py`.

The frame only: page config, building the database on first start, the shared sidebar filters and the
page navigation. The pages live in components/dashboard/pages/.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import duckdb
import streamlit as st

from components import settings, store
from components.dashboard import data, sidebar
from components.dashboard import pages as views
from components.dashboard.format import md_escape
from components.errors import ConflictTimelineError

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
logger = logging.getLogger("conflict_timeline.app")

st.set_page_config(page_title="Conflict Timeline", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    """One build at a time for the whole server, whichever session starts it."""
    return threading.Lock()


def _has_articles(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with store.reading(path) as con:
            return store.summary(con)["articles"] > 0
    except (ConflictTimelineError, duckdb.Error) as err:
        logger.info("database %s not usable yet: %s", path, err)
        return False


def _ensure_database() -> bool:
    """Build the database from the articles folder on first start; True when there is data to show."""
    if st.session_state.get("ct_db_ready"):
        return True
    db = Path(settings.get("db_path"))
    articles_dir = Path(settings.get("articles_dir"))
    with _build_lock():
        if not _has_articles(db):
            holder = st.empty()  # the progress box goes away when the build is done
            building = f"First start: building the database from {articles_dir.name}/ …"
            with holder.container(), st.status(building, expanded=True) as status:
                bar = st.progress(0.0, text="Reading articles…")

                def progress(done: int, total: int, label: str) -> None:
                    share = min(done / total, 1.0) if total else 0.0
                    bar.progress(share, text=f"{done}/{total} · {md_escape(label)}")

                try:
                    # imported here: the pipeline loads spaCy and the gazetteer, which a populated
                    # database never needs
                    from components import pipeline

                    result = pipeline.ensure_database(db, articles_dir, progress=progress)
                except ConflictTimelineError as err:
                    logger.error("building %s failed: %s", db, err)
                    status.update(label="Could not build the database", state="error")
                    st.error(f"Could not build the database: {err}", icon=":material/error:")
                    return False
                logger.info("database build: %s", result)
            holder.empty()
            if result is not None:
                built = (
                    f"Database built from {md_escape(articles_dir.name)}/: {result.articles_new:,} "
                    f"articles, {result.events:,} event reports"
                )
                st.toast(built, icon=":material/check_circle:")
            data.forget_cached_results()
    if not _has_articles(db):
        st.info(
            f"No articles yet. Put article files (.txt, .html, .json, .jsonl, .csv) in `{articles_dir}` "
            "and reload, or ingest them with `python -m components ingest`.",
            icon=":material/inbox:",
        )
        return False
    st.session_state["ct_db_ready"] = True
    return True


if _ensure_database():
    try:
        path = data.db_path()
        sidebar.render_sidebar(
            data.country_table(path),
            data.date_range(path),
            actors=data.actor_list(path),
            outlets=data.outlet_list(path),
            datasets=data.dataset_list(path),
        )
    except ConflictTimelineError as err:
        st.error(f"Could not read the database: {err}", icon=":material/error:")
        st.stop()
    pg = st.navigation(views.pages(), position="top")
    pg.run()
