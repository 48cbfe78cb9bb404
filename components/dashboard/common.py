"""Transitional: the names the Events and Ingest pages still read as `common.<name>`.

The dashboard's shared code now lives by job in `data` (cached queries, db path, writes), `format`
(days, plurals, escaping, the events table, CSV) and `page` (guard, header, empty state). The Events
and Ingest pages are being reworked on another branch of this restructuring; once that is merged, they
import from those modules and this module goes. New code must not import it.
"""

from __future__ import annotations

from components.dashboard.data import db_path, events_page, forget_cached_results, load_events
from components.dashboard.format import TABLE_CONFIG, csv_bytes, display_table, md_escape, plural
from components.dashboard.page import drop_article_param, empty_state, guarded, header

__all__ = [
    "TABLE_CONFIG",
    "csv_bytes",
    "db_path",
    "display_table",
    "drop_article_param",
    "empty_state",
    "events_page",
    "forget_cached_results",
    "guarded",
    "header",
    "load_events",
    "md_escape",
    "plural",
]
