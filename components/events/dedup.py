"""Deduplication across reports: reports of one event merge into one event that lists every source.

Two article events are reports of the same event when they have the same event_type, their places
are within `km` kilometres (haversine), their event dates are at most `days` days apart and their
actors are compatible (the non-empty actor sets overlap, or one side names no actor). Two reports placed
at two different towns or villages (two GeoNames populated places) are two events however close they
are: on a front line, neighbouring villages are fought over separately. Events without coordinates or
without a date are never merged; neither are region- or country-level events, by precision or by the
place's feature code (a region's centroid says nothing about where in it something happened), nor
imported dataset rows (ACLED, UCDP and GDELT rows are already one event each).

Candidate pairs come from one set-based DuckDB self-join: events are bucketed by latitude band and
date, one side is expanded to the neighbouring bands and days, and the pairs are filtered by a
longitude box and the haversine distance. Clusters are stars, not chains: events are visited best
first (events that already hold merged reports, then the most precise place and date) and each one
that is not yet taken absorbs its untaken neighbours, so every report is directly compatible with the
event it is merged into.

A merge keeps everything: the merged report stays in `events` with `merged_into` set (the views hide
it) and its `event_sources` rows move to the surviving event; `n_reports` / `n_sources` are recounted.
`split` undoes a merge and remembers the pair in `dedup_kept_apart`, so a later run does not merge it
again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from components import settings
from components.errors import StoreError

logger = logging.getLogger(__name__)

KM_PER_DEGREE = 111.19  # one degree of latitude (mean Earth radius 6371.0088 km)
_MIN_COS = 0.05  # longitude box near the poles: never divide by ~0

KEPT_APART = """CREATE TABLE IF NOT EXISTS dedup_kept_apart (a VARCHAR NOT NULL, b VARCHAR NOT NULL)"""

# Events that may merge: located at a place (not a region), dated, extracted from articles.
_CANDIDATES = """
CREATE OR REPLACE TEMP TABLE dedup_candidates AS
SELECT event_id, event_type, event_date, latitude, longitude, geo_precision, time_precision,
       {geonameid} AS geonameid, coalesce({feature_code}, '') LIKE 'PPL%' AS populated,
       list_filter([actor1, actor2], lambda x: coalesce(x, '') <> '') AS actors,
       CAST(floor(latitude / ?) AS BIGINT) AS band,
       event_id IN (SELECT unnest(?)) AS is_new,
       EXISTS (SELECT 1 FROM events m WHERE m.merged_into = e.event_id) AS has_reports
FROM events e
WHERE merged_into IS NULL AND dataset = 'articles' AND latitude IS NOT NULL AND longitude IS NOT NULL
  AND event_date IS NOT NULL AND geo_precision IN (1, 2)
  AND NOT (coalesce({feature_code}, '') LIKE 'ADM%' OR coalesce({feature_code}, '') LIKE 'PCL%'
           OR coalesce({feature_code}, '') IN ('RGN', 'TERR', 'CONT', 'ZONE'))
  AND (? OR (event_date BETWEEN ? AND ? AND event_type IN (SELECT unnest(?))))
"""

# Pairs (a, b) with a < b: each pair is found once (the expansion offsets of b are unique).
_PAIRS = """
SELECT a.event_id AS a, b.event_id AS b
FROM dedup_candidates a
JOIN (SELECT c.*, c.band + o.o AS jband, CAST(c.event_date + CAST(d.d AS INTEGER) AS DATE) AS jdate
      FROM dedup_candidates c, range(-1, 2) o(o), range(-?, ? + 1) d(d)) b
  ON a.event_type = b.event_type AND a.band = b.jband AND a.event_date = b.jdate
WHERE a.event_id < b.event_id AND (? OR a.is_new OR b.is_new)
  AND abs(a.longitude - b.longitude) <= ? / greatest(cos(radians(a.latitude)), ?)
  AND 2 * 6371.0088 * asin(sqrt(least(1.0,
        pow(sin(radians(b.latitude - a.latitude) / 2), 2)
        + cos(radians(a.latitude)) * cos(radians(b.latitude))
          * pow(sin(radians(b.longitude - a.longitude) / 2), 2)))) <= ?
  AND (len(a.actors) = 0 OR len(b.actors) = 0 OR list_has_any(a.actors, b.actors))
  AND NOT (a.populated AND b.populated AND a.geonameid IS DISTINCT FROM b.geonameid)
  AND NOT EXISTS (SELECT 1 FROM dedup_kept_apart k WHERE k.a = a.event_id AND k.b = b.event_id)
"""


@dataclass
class DedupReport:
    """What a dedup run did."""

    candidates: int = 0  # events that could merge (located at a place, dated, from articles)
    pairs: int = 0  # compatible pairs found
    merged: int = 0  # reports merged into another event by this run
    events: int = 0  # events that received reports in this run
    seconds: float = 0.0

    def line(self) -> str:
        found = f"dedup: {self.candidates} candidate events, {self.pairs} compatible pairs"
        return f"{found}; {self.merged} reports merged into {self.events} events in {self.seconds:.1f} s"


def window() -> tuple[float, int]:
    """(km, days) from the settings `dedup_km` and `dedup_days`."""
    try:
        km, days = float(settings.get("dedup_km")), int(settings.get("dedup_days"))
    except ValueError as err:
        raise StoreError(f"dedup_km must be a number and dedup_days an integer: {err}") from err
    return _checked(km, days)


def _checked(km: float, days: int) -> tuple[float, int]:
    if not 0 <= km <= 500 or not 0 <= days <= 60:
        raise StoreError(f"dedup window out of range: {km} km (0-500), {days} days (0-60)")
    return km, days


def dedup(
    con: duckdb.DuckDBPyConnection,
    *,
    km: float | None = None,
    days: int | None = None,
    event_ids: Sequence[str] | None = None,
) -> DedupReport:
    """Merge reports of the same event, in one transaction.

    With `event_ids`, only pairs that involve one of those (newly ingested) events are considered and
    the existing events win; without, every unmerged event is compared with every other.
    """
    started = time.perf_counter()
    default_km, default_days = window()
    km, days = _checked(default_km if km is None else km, default_days if days is None else days)
    report = DedupReport()
    if event_ids is not None and not event_ids:
        return report
    cur = con.cursor()
    new = list(event_ids or [])
    everything = event_ids is None
    try:
        cur.execute(KEPT_APART)
        lo = hi = None
        types: list[str] = []
        if not everything:
            span_of_new = """
                SELECT min(event_date), max(event_date), list(DISTINCT event_type) FROM events
                WHERE event_id IN (SELECT unnest(?))
            """
            row = cur.execute(span_of_new, [new]).fetchone()
            if row is None or row[0] is None:
                return report
            lo, hi, types = row[0] - dt.timedelta(days=days), row[1] + dt.timedelta(days=days), row[2]
        cur.execute(_candidates_sql(cur), [km / KM_PER_DEGREE, new, everything, lo, hi, types])
        counted = cur.execute("SELECT count(*) FROM dedup_candidates").fetchone()
        report.candidates = int(counted[0])  # type: ignore[index]
        pairs = cur.execute(_PAIRS, [days, days, everything, km / KM_PER_DEGREE, _MIN_COS, km]).fetchall()
        report.pairs = len(pairs)
        if not pairs:
            return report
        ranks = cur.execute(
            """SELECT event_id, (NOT has_reports) AND (is_new OR ?) AS movable, geo_precision,
                      time_precision FROM dedup_candidates""",
            [everything],
        ).fetchall()
    except duckdb.Error as err:
        raise StoreError(f"dedup failed: {err}") from err
    finally:
        cur.execute("DROP TABLE IF EXISTS dedup_candidates")
    assign = _stars(pairs, {r[0]: (r[1], r[2], r[3] or 9, r[0]) for r in ranks})
    report.merged, report.events = len(assign), len(set(assign.values()))
    _apply(con, assign)
    report.seconds = time.perf_counter() - started
    logger.info(report.line())
    return report


def _candidates_sql(cur: duckdb.DuckDBPyConnection) -> str:
    """The candidates query; a replay table without the place columns (geonameid, feature_code) reads
    them as unknown, so only coordinates and precision decide there."""
    have = {d[0] for d in cur.execute("SELECT * FROM events LIMIT 0").description}
    cols = {c: (c if c in have else "NULL") for c in ("geonameid", "feature_code")}
    return _CANDIDATES.format(**cols)


def _stars(pairs: Sequence[tuple[str, str]], rank: dict[str, tuple]) -> dict[str, str]:
    """report -> surviving event: best-ranked events first, each absorbs its untaken neighbours."""
    neighbours: dict[str, list[str]] = {}
    for a, b in pairs:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    taken: set[str] = set()
    assign: dict[str, str] = {}
    for head in sorted(neighbours, key=rank.__getitem__):
        if head in taken:
            continue
        taken.add(head)
        for other in neighbours[head]:
            if other not in taken:
                taken.add(other)
                assign[other] = head
    return assign


def _apply(con: duckdb.DuckDBPyConnection, assign: dict[str, str]) -> None:
    """Point the reports (and reports already merged into them) at their event; move their sources."""
    frame = pd.DataFrame({"report": list(assign), "head": list(assign.values())})  # noqa: F841 (SQL)
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        cur.execute("CREATE OR REPLACE TEMP TABLE dedup_assign AS SELECT * FROM frame")
        cur.execute(
            "UPDATE events SET merged_into = d.head FROM dedup_assign d WHERE events.merged_into = d.report"
        )
        cur.execute(
            "UPDATE events SET merged_into = d.head FROM dedup_assign d WHERE events.event_id = d.report"
        )
        cur.execute(
            "UPDATE event_sources SET event_id = d.head FROM dedup_assign d"
            " WHERE event_sources.event_id = d.report"
        )
        _recount(cur, "SELECT DISTINCT head FROM dedup_assign")
        cur.execute("DROP TABLE dedup_assign")
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not write the dedup merges: {err}") from err


def _recount(cur: duckdb.DuckDBPyConnection, ids_sql: str, params: Sequence[object] = ()) -> None:
    """n_reports = sources of the event, n_sources = distinct outlets (or articles without one)."""
    cur.execute(
        f"""UPDATE events SET n_reports = greatest(s.n, 1), n_sources = greatest(s.k, 1)
            FROM (SELECT event_id, count(*) AS n,
                         count(DISTINCT coalesce(nullif(outlet, ''), article_id)) AS k
                  FROM event_sources WHERE event_id IN ({ids_sql}) GROUP BY event_id) s
            WHERE events.event_id = s.event_id""",
        list(params),
    )


def split(con: duckdb.DuckDBPyConnection, event_id: str) -> list[str]:
    """Undo the merges into `event_id`: its reports become separate events again (returns their ids)."""
    cur = con.cursor()
    row = cur.execute("SELECT merged_into FROM events WHERE event_id = ?", [event_id]).fetchone()
    if row is None:
        raise StoreError(f"no event {event_id!r}")
    if row[0] is not None:
        raise StoreError(f"event {event_id} is a report merged into {row[0]}: split {row[0]} instead")
    rows = cur.execute("SELECT event_id FROM events WHERE merged_into = ? ORDER BY event_id", [event_id])
    reports = [r[0] for r in rows.fetchall()]
    if not reports:
        return []
    group = sorted([event_id, *reports])
    apart = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]
    try:
        cur.execute(KEPT_APART)
        cur.execute("BEGIN TRANSACTION")
        cur.execute("UPDATE events SET merged_into = NULL WHERE merged_into = ?", [event_id])
        cur.execute("UPDATE event_sources SET event_id = report_id WHERE event_id = ?", [event_id])
        cur.executemany("INSERT INTO dedup_kept_apart VALUES (?, ?)", apart)
        _recount(cur, "SELECT unnest(?)", [group])
        cur.execute("COMMIT")
    except duckdb.Error as err:
        cur.execute("ROLLBACK")
        raise StoreError(f"could not split event {event_id}: {err}") from err
    logger.info("split event %s into %d events", event_id, len(group))
    return reports
