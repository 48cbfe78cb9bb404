"""The DuckDB store: one database file holds articles, place mentions (with their resolution), events and
the events' reports. Callers use this package's names (`from components import store`;
`with store.reading(path) as con: store.query_events(con, flt)`), re-exported from its modules:

- schema.py      the tables, the schema version, and the upgrade of older databases (`migrate`)
- connection.py  `connect`, `open_memory`, and the short-lived `reading()` / `writing()` connections that
                 wait for another process's lock (a Parquet dataset folder is read through the reader the
                 scale-out engine registers, see components/scaleout/parquet.py)
- write.py       idempotent transactional writes: articles with mentions and events, imported events
- read.py        record queries -> pandas: the events view, articles, mentions, sources, counts
- queries.py     the pages' aggregates and the places review (imported as `store.queries`)
- corrections.py user corrections of place resolutions (stored, re-applied, undoable)
- export.py      events -> CSV, JSON Lines, GeoJSON or ACLED's CSV
"""

from __future__ import annotations

from components.errors import StoreError
from components.store import corrections
from components.store.connection import (
    LOCK_TIMEOUT,
    LockedError,
    connect,
    connect_waiting,
    open_memory,
    reading,
    register_dataset_reader,
    writing,
)
from components.store.read import (
    EVENT_COLUMNS,
    EVENTS_VIEW,
    FROM_ARTICLE,
    article_events,
    article_mentions,
    count_events,
    countries,
    date_bounds,
    event_places,
    event_sources,
    fetch_frame,
    get_article,
    newest_events_sql,
    query_articles,
    query_events,
    summary,
)
from components.store.schema import EVENT_COLUMNS_V2, SCHEMA, SCHEMA_VERSION, migrate
from components.store.write import (
    has_article,
    stored_article_ids,
    write_article,
    write_articles,
    write_events,
)

__all__ = [
    "EVENTS_VIEW",
    "EVENT_COLUMNS",
    "EVENT_COLUMNS_V2",
    "FROM_ARTICLE",
    "LOCK_TIMEOUT",
    "SCHEMA",
    "SCHEMA_VERSION",
    "LockedError",
    "StoreError",
    "article_events",
    "article_mentions",
    "connect",
    "connect_waiting",
    "corrections",
    "count_events",
    "countries",
    "date_bounds",
    "event_places",
    "event_sources",
    "fetch_frame",
    "get_article",
    "has_article",
    "migrate",
    "newest_events_sql",
    "open_memory",
    "query_articles",
    "query_events",
    "reading",
    "register_dataset_reader",
    "stored_article_ids",
    "summary",
    "write_article",
    "write_articles",
    "write_events",
    "writing",
]
