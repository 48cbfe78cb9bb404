"""User corrections of place resolutions: stored with who/when, re-applied, undoable.

A correction says "the place written NAME (in every article, or only in ARTICLE) is GeoNames GEONAMEID".
``add_correction`` stores it and rewrites the matching stored mentions and events at once (keeping their
previous values in the correction row); ``apply_to_resolved`` applies the active corrections to a new
article's resolved mentions before its events are built (the ingest hook in ``pipeline``);
``undo_correction`` restores what the correction replaced and re-applies any older correction of the same
name. Names match by their gazetteer key (``normalize_name``: case, diacritics and "the" do not matter); an
article-scoped correction beats a global one, a newer one an older one.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from components.errors import CorrectionError, StoreError
from components.geo.gazetteer.index import Gazetteer
from components.geo.gazetteer.names import normalize_name
from components.records import Candidate, Place, ResolvedMention

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE SEQUENCE IF NOT EXISTS corrections_seq START 1;
CREATE TABLE IF NOT EXISTS corrections (
    correction_id INTEGER PRIMARY KEY DEFAULT nextval('corrections_seq'),
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    article_id VARCHAR,
    geonameid BIGINT NOT NULL,
    place_name VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    country_code VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    feature_code VARCHAR,
    created_by VARCHAR,
    created_at TIMESTAMP,
    undone_by VARCHAR,
    undone_at TIMESTAMP,
    previous VARCHAR
);
"""
_PLACE_COLS = ("geonameid", "place_name", "latitude", "longitude", "country_code", "admin1", "feature_code")
_EVENT_COLS = (*_PLACE_COLS, "country")
_MENTION_AT = "WHERE article_id = ? AND start_char = ? AND end_char = ?"  # a mention's key
_INSERT = """INSERT INTO corrections (name, name_key, article_id, geonameid, place_name, latitude, longitude,
                 country_code, country, admin1, feature_code, created_by, created_at, previous)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING correction_id"""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the corrections table (called by ``store.connect``)."""
    con.execute(SCHEMA)


@dataclass(frozen=True)
class Correction:
    """One active correction, as ``apply_to_resolved`` uses it."""

    correction_id: int
    name_key: str
    article_id: str | None
    place: Place
    created_by: str = ""


def add_correction(
    con: duckdb.DuckDBPyConnection,
    gazetteer: Gazetteer,
    name: str,
    geonameid: int,
    *,
    article_id: str | None = None,
    by: str = "",
) -> int:
    """Store a correction and apply it to the stored mentions and events; return its id."""
    key = normalize_name(name)
    if not key:
        raise CorrectionError(f"no place name to correct: {name!r}")
    place = gazetteer.get(int(geonameid))
    if place is None:
        raise CorrectionError(f"GeoNames id {geonameid} is not in the gazetteer")
    country = gazetteer.country_name(place.country_code) or place.country_code
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        previous = _rewrite(cur, key, article_id, place, country)
        point = [place.geonameid, place.name, place.latitude, place.longitude, place.country_code]
        values = [name, key, article_id, *point, country, place.admin1, place.feature_code]
        row = cur.execute(_INSERT, [*values, by, _now(), json.dumps(previous)]).fetchone()
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not store the correction of {name!r}: {err}") from err
    cid = int(row[0])  # type: ignore[index]
    counts = len(previous["mentions"]), len(previous["events"])
    logger.info("correction %d: %r -> %s (%d mentions, %d events updated)", cid, name, place.name, *counts)
    return cid


def undo_correction(con: duckdb.DuckDBPyConnection, correction_id: int, *, by: str = "") -> None:
    """Undo a correction: restore the resolutions it replaced, then re-apply older active corrections."""
    cur = con.cursor()
    sql = "SELECT name_key, article_id, previous, undone_at FROM corrections WHERE correction_id = ?"
    row = cur.execute(sql, [correction_id]).fetchone()
    if row is None:
        raise CorrectionError(f"no correction {correction_id}")
    if row[3] is not None:
        raise CorrectionError(f"correction {correction_id} is already undone")
    key, previous = row[0], json.loads(row[2] or '{"mentions": [], "events": []}')
    try:
        cur.execute("BEGIN TRANSACTION")
        for m in previous["mentions"]:
            sets = ", ".join(f"{c} = ?" for c in _PLACE_COLS)
            span = [m["article_id"], m["start_char"], m["end_char"]]
            cur.execute(f"UPDATE mentions SET {sets} {_MENTION_AT}", [m[c] for c in _PLACE_COLS] + span)
        for e in previous["events"]:
            sets = ", ".join(f"{c} = ?" for c in _EVENT_COLS)
            cur.execute(
                f"UPDATE events SET {sets} WHERE event_id = ?", [e[c] for c in _EVENT_COLS] + [e["event_id"]]
            )
        sql = "UPDATE corrections SET undone_at = ?, undone_by = ? WHERE correction_id = ?"
        cur.execute(sql, [_now(), by, correction_id])
        older = cur.execute(
            "SELECT article_id, geonameid, place_name, latitude, longitude, country_code, country, admin1, "
            "feature_code FROM corrections WHERE name_key = ? AND undone_at IS NULL "
            "ORDER BY article_id NULLS FIRST, correction_id",
            [key],
        ).fetchall()
        for r in older:  # global first, then article-scoped, oldest to newest: the most specific wins
            place = Place(
                geonameid=r[1],
                name=r[2],
                latitude=r[3],
                longitude=r[4],
                country_code=r[5],
                admin1=r[7] or "",
                feature_code=r[8] or "",
            )
            _rewrite(cur, key, r[0], place, r[6])
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not undo correction {correction_id}: {err}") from err
    counts = len(previous["mentions"]), len(previous["events"])
    logger.info("correction %d undone (%d mentions, %d events restored)", correction_id, *counts)


def list_corrections(con: duckdb.DuckDBPyConnection, *, include_undone: bool = True) -> pd.DataFrame:
    """Every correction, newest first."""
    where = "" if include_undone else "WHERE undone_at IS NULL"
    sql = f"""SELECT correction_id, name, article_id, geonameid, place_name, country_code, admin1, latitude,
                     longitude, created_by, created_at, undone_by, undone_at
              FROM corrections {where} ORDER BY correction_id DESC"""
    return con.cursor().execute(sql).df()


def active_corrections(con: duckdb.DuckDBPyConnection) -> tuple[Correction, ...]:
    """The corrections not undone, oldest first."""
    sql = """SELECT correction_id, name_key, article_id, geonameid, place_name, latitude, longitude,
                    country_code, admin1, feature_code, created_by
             FROM corrections WHERE undone_at IS NULL ORDER BY correction_id"""
    rows = con.cursor().execute(sql).fetchall()
    return tuple(
        Correction(
            r[0],
            r[1],
            r[2],
            Place(
                geonameid=r[3],
                name=r[4],
                latitude=r[5],
                longitude=r[6],
                country_code=r[7],
                admin1=r[8] or "",
                feature_code=r[9] or "",
                feature_class="A" if (r[9] or "").startswith(("ADM", "PCL")) else "P",
            ),
            r[10] or "",
        )
        for r in rows
    )


def apply_to_resolved(
    resolved: Sequence[ResolvedMention], corrections: Sequence[Correction]
) -> tuple[ResolvedMention, ...]:
    """The article's resolved mentions with the active corrections applied (a new tuple; input untouched).
    A corrected mention keeps its candidates, with the correction first as the reason."""
    if not corrections:
        return tuple(resolved)
    out = []
    for rm in resolved:
        corr = best_correction(corrections, normalize_name(rm.mention.text), rm.mention.article_id)
        if corr is None:
            out.append(rm)
            continue
        p = corr.place
        why = f"corrected by {corr.created_by or 'a user'} (correction {corr.correction_id})"
        first = Candidate(p.geonameid, p.name, p.country_code, rm.score, why)
        out.append(replace(rm, place=p, candidates=(first, *rm.candidates)))
    return tuple(out)


def best_correction(corrections: Sequence[Correction], key: str, article_id: str) -> Correction | None:
    """The correction that applies to a name in an article: article-scoped over global, newest first."""
    hits = [c for c in corrections if c.name_key == key and c.article_id in (None, article_id)]
    return max(hits, key=lambda c: (c.article_id is not None, c.correction_id), default=None)


def _rewrite(cur, key: str, article_id: str | None, place: Place, country: str) -> dict[str, list[dict]]:
    """Point the matching stored mentions and events at `place`; return their previous values."""
    scope, params = ("AND article_id = ?", [article_id]) if article_id else ("", [])
    cols = ", ".join(_PLACE_COLS)
    mentions = [
        dict(zip(("article_id", "start_char", "end_char", "text", *_PLACE_COLS), r, strict=True))
        for r in cur.execute(
            f"SELECT article_id, start_char, end_char, text, {cols} FROM mentions "
            f"WHERE kind = 'place' {scope}",
            params,
        ).fetchall()
        if normalize_name(r[3]) == key
    ]
    events = [
        dict(zip(("event_id", "location", *_EVENT_COLS), r, strict=True))
        for r in cur.execute(
            f"SELECT event_id, location, {cols}, country FROM events WHERE location IS NOT NULL {scope}",
            params,
        ).fetchall()
        if normalize_name(r[1]) == key
    ]
    new = [  # in _PLACE_COLS order
        place.geonameid,
        place.name,
        place.latitude,
        place.longitude,
        place.country_code,
        place.admin1,
        place.feature_code,
    ]
    sets = ", ".join(f"{c} = ?" for c in _PLACE_COLS)
    for m in mentions:
        span = [m["article_id"], m["start_char"], m["end_char"]]
        cur.execute(f"UPDATE mentions SET {sets} {_MENTION_AT}", [*new, *span])
    for e in events:
        cur.execute(
            f"UPDATE events SET {sets}, country = ? WHERE event_id = ?", [*new, country, e["event_id"]]
        )
    for rec in (*mentions, *events):
        rec.pop("text", None)
        rec.pop("location", None)
    return {"mentions": mentions, "events": events}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
