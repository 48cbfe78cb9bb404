"""Idempotent transactional writes: articles with their mentions and events, imported events, sources.

Every value reaches SQL as a bound parameter. An article is written with its mentions, events and the
events' reports (`event_sources`) in one transaction, all of it or nothing; an article or an imported
event already stored is left out, so writing twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import duckdb
import pandas as pd

from components import __version__
from components.errors import StoreError
from components.records import Article, Event, ResolvedMention, Source
from components.store.schema import ARTICLE_TABLE_COLUMNS, EVENT_TABLE_COLUMNS

ArticleBatch = Sequence[tuple[Article, Sequence[ResolvedMention], Sequence[Event]]]
ID_CHUNK = 1000  # event ids looked up per query by write_events


def stored_article_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> set[str]:
    """Which of these article ids are already stored."""
    if not ids:
        return set()
    rows = con.cursor().execute(
        "SELECT article_id FROM articles WHERE list_contains(?, article_id)", [list(ids)]
    )
    return {r[0] for r in rows.fetchall()}


def has_article(con: duckdb.DuckDBPyConnection, article_id: str) -> bool:
    row = con.cursor().execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone()
    return row is not None


def write_article(
    con: duckdb.DuckDBPyConnection,
    article: Article,
    mentions: Sequence[ResolvedMention],
    events: Sequence[Event],
) -> bool:
    """Write one article with its mentions and events in one transaction.

    Returns False (and writes nothing) when the article is already stored: ingesting twice changes
    nothing.
    """
    return write_articles(con, [(article, mentions, events)]) == 1


def write_articles(con: duckdb.DuckDBPyConnection, batch: ArticleBatch) -> int:
    """Write many articles in ONE transaction with bulk inserts (all of the batch or nothing).

    Articles already stored (or repeated in the batch) are left out. Returns how many were written.
    """
    cur = con.cursor()
    stored = stored_article_ids(con, [article.article_id for article, _, _ in batch])
    rows: dict[str, list[list[object]]] = {"articles": [], "mentions": [], "events": [], "event_sources": []}
    now = dt.datetime.now(dt.UTC)
    for article, mentions, events in batch:
        if article.article_id in stored:
            continue
        stored.add(article.article_id)
        rows["articles"].append(_article_row(article, len(events), now))
        rows["mentions"].extend(_mention_row(m) for m in mentions)
        rows["events"].extend(_event_row(e, article.language) for e in events)
        rows["event_sources"].extend(_source_rows(events, article))
    if not rows["articles"]:
        return 0
    named = {"events": list(EVENT_TABLE_COLUMNS), "articles": list(ARTICLE_TABLE_COLUMNS)}
    tables = {
        table: (named[table] if table in named else _columns(cur, table), table_rows)
        for table, table_rows in rows.items()
    }
    try:
        cur.execute("BEGIN TRANSACTION")
        for table, (columns, table_rows) in tables.items():
            if table_rows:
                frame = pd.DataFrame(table_rows, columns=columns)  # noqa: F841 (read by the SQL below)
                cur.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM frame")
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        first = batch[0][0].article_id if len(batch) == 1 else f"batch of {len(batch)}"
        raise StoreError(f"could not store article {first}: {err}") from err
    return len(rows["articles"])


def write_events(con: duckdb.DuckDBPyConnection, events: Sequence[Event]) -> tuple[int, int]:
    """Write imported events (no article) in one transaction; returns (written, already stored)."""
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        ids = [e.event_id for e in events]
        have: set[str] = set()
        for i in range(0, len(ids), ID_CHUNK):
            chunk = ids[i : i + ID_CHUNK]
            sql = f"SELECT event_id FROM events WHERE event_id IN ({', '.join('?' * len(chunk))})"
            have |= {r[0] for r in cur.execute(sql, chunk).fetchall()}
        new = list({e.event_id: e for e in events if e.event_id not in have}.values())
        _insert_events(cur, new, None)
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not store imported events: {err}") from err
    return len(new), len(events) - len(new)


def _columns(cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in cur.execute(f"DESCRIBE {table}").fetchall()]


def _article_row(article: Article, n_events: int, now: dt.datetime) -> list[object]:
    """The `articles` table row of an article, in ARTICLE_TABLE_COLUMNS order."""
    a = article
    row = [a.article_id, a.title, a.text, a.published, a.source, a.url, a.path, a.fmt, n_events, now]
    return [*row, a.language or ""]


def _mention_row(rm: ResolvedMention) -> list[object]:
    m, p = rm.mention, rm.place
    candidates = json.dumps(
        [
            {
                "geonameid": c.geonameid,
                "name": c.name,
                "country_code": c.country_code,
                "score": round(c.score, 3),
                "reason": c.reason,
            }
            for c in rm.candidates
        ]
    )
    place = (
        [p.geonameid, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.feature_code]
        if p
        else [None] * 7
    )
    mention = [m.article_id, m.start_char, m.end_char, m.text, m.label, m.kind, m.sent_index]
    return [*mention, *place, rm.score, candidates]


def _insert_events(cur: duckdb.DuckDBPyConnection, events: Sequence[Event], article: Article | None) -> None:
    """Insert events and one event_sources row per report (inside the caller's transaction)."""
    if not events:
        return
    cols = ", ".join(EVENT_TABLE_COLUMNS)
    language = article.language if article is not None else ""  # imported rows: '' (unknown)
    cur.executemany(
        f"INSERT INTO events ({cols}) VALUES ({', '.join('?' * len(EVENT_TABLE_COLUMNS))})",
        [_event_row(e, language) for e in events],
    )
    rows = _source_rows(events, article)
    if rows:
        cur.executemany(f"INSERT INTO event_sources VALUES ({', '.join('?' * 11)})", rows)


def _source_rows(events: Sequence[Event], article: Article | None) -> list[list[object]]:
    """One event_sources row per report of each event."""
    return [_source_row(e, src) for e in events for src in _sources_of(e, article)]


def _source_row(e: Event, src: Source) -> list[object]:
    report = [src.article_id, e.dataset, src.title, src.outlet, src.url, src.published]
    return [e.event_id, e.event_id, *report, src.evidence, src.start_char, src.end_char]


def _sources_of(e: Event, article: Article | None) -> tuple[Source, ...]:
    if e.sources:
        return e.sources
    if article is None:
        return ()
    a = article
    return (
        Source(a.article_id, a.title, a.source, a.url, a.published, e.evidence, e.start_char, e.end_char),
    )


def _event_row(e: Event, language: str = "") -> list[object]:
    """The `events` table row of an event, in EVENT_TABLE_COLUMNS order; `language` is its article's
    (Event has no language of its own: '' for imported rows)."""
    p = e.place
    place = {
        "country_code": p.country_code if p else None,
        "admin1": p.admin1 if p else None,
        "place_name": p.name if p else None,
        "latitude": p.latitude if p else None,
        "longitude": p.longitude if p else None,
        "geonameid": p.geonameid if p else None,
        "feature_code": p.feature_code if p else None,
    }
    src = e.sources[0] if e.sources and e.dataset != "articles" else None
    n_outlets = len({(s.outlet or s.article_id) for s in e.sources})
    computed = {
        **place,
        "pipeline_version": __version__,
        "n_reports": max(1, len(e.sources)),
        "n_sources": max(1, n_outlets),
        "confidence": json.dumps({k: round(float(v), 2) for k, v in e.confidence.items()}),
        "extra": json.dumps(e.extra, sort_keys=True, default=str),
        "merged_into": None,
        "src_title": src.title if src else None,
        "src_outlet": src.outlet if src else None,
        "src_url": src.url if src else None,
        "src_published": src.published if src else None,
        "language": language or "",
    }
    return [computed[c] if c in computed else getattr(e, c) for c in EVENT_TABLE_COLUMNS]
