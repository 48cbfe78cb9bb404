"""What every page in `pages/` does around its content: the guard that turns errors into a message,
the header (title and the filter sentence), the empty state, and dropping the Articles page's URL
parameter on the other pages."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable

import duckdb
import streamlit as st

from components.dashboard import data, sidebar
from components.dashboard.format import ARTICLE_PARAM, LANGUAGE_NAMES, md_escape
from components.errors import ConflictTimelineError
from components.filters import EventFilter

logger = logging.getLogger(__name__)

EMPTY_HINT = (
    "No events match this filter. Widen the dates, clear the country filter or press "
    "**Reset filters** in the sidebar."
)
CRASH_MESSAGE = (
    "Something went wrong on this page ({error}). Press Reset filters or reload; the details are in "
    "the server log."
)
# a bug, not a problem with the data or the settings: logged with its traceback, never shown
BUGS = (duckdb.Error, ValueError, KeyError, TypeError)


def guarded(render: Callable[[], None]) -> Callable[[], None]:
    """Turn the package's errors into a message on the page instead of a traceback."""

    @functools.wraps(render)
    def page() -> None:
        started = time.perf_counter()
        try:
            render()
        except ConflictTimelineError as err:
            logger.warning("page %s failed: %s", render.__name__, err)
            st.error(f"Could not show this page: {err}", icon=":material/error:")
        except BUGS as err:
            logger.exception("page %s crashed", render.__name__)
            st.error(CRASH_MESSAGE.format(error=type(err).__name__), icon=":material/error:")
        elapsed_ms = (time.perf_counter() - started) * 1000
        logger.debug("page %s rendered in %.0f ms", render.__name__, elapsed_ms)

    return page


def header(title: str, flt: EventFilter, n: int | None = None) -> tuple[str, dict[str, str]]:
    """Page title and the filter sentence (`n`: the filtered events, counted here when not given);
    returns the db path and the {code: name} map."""
    path = data.db_path()
    names = sidebar.country_names(data.country_table(path))
    st.subheader(title)
    sentence = flt.describe(data.n_events(path, flt) if n is None else n, names, LANGUAGE_NAMES)
    st.markdown(f"**{md_escape(sentence)}**")
    return path, names


def empty_state() -> None:
    """The hint shown when no event matches the filter."""
    st.info(EMPTY_HINT, icon=":material/filter_alt_off:")


def drop_article_param() -> None:
    """Remove ?article= from the URL (only the Articles page uses it)."""
    if ARTICLE_PARAM in st.query_params:
        del st.query_params[ARTICLE_PARAM]
