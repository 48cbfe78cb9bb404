"""Services: what both the command line and the dashboard pages do, implemented once.

- import a dataset: ACLED, UCDP GED or GDELT 2.0 files -> events in the store, in short write batches,
  with a report of what was written, already stored and skipped (`import_files`, `import_uploads`)
- export events: the filtered events as CSV (spreadsheet formulas neutralised), JSON Lines, GeoJSON or
  ACLED's CSV layout (`export_events`)
- correct a place: store a place correction, or undo one (`fix_place`, `undo_place_fix`)
- watch feeds: poll RSS/Atom feeds and ingest their new items, now and then on a schedule
  (`poll_feeds`, `watch_feeds`; reading a feed into Articles is components/ingest/feeds.py)

Every database access is a short-lived `store.reading()` / `store.writing()` connection, so a dashboard
keeps reading while a command writes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from components import store
from components.errors import ConflictTimelineError
from components.filters import EventFilter
from components.ingest import feeds, importers
from components.ingest.articles import Skip
from components.records import Article
from components.scaleout import parquet  # noqa: F401 (registers the Parquet dataset reader with the store)
from components.store import corrections, export

if TYPE_CHECKING:
    from components.geo.gazetteer.index import Gazetteer

logger = logging.getLogger(__name__)

# -- import a dataset ---------------------------------------------------------------------------------
WRITE_CHUNK = 2_000  # imported events written per transaction (progress is reported per chunk)
ImportProgress = Callable[[int, int], None]  # (events written so far, events to write)


@dataclass
class ImportReport:
    """What a dataset import did: rows read, events written, already stored, skipped rows and why."""

    dataset: str
    rows: int = 0
    written: int = 0
    existing: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file:line, reason)

    def reasons(self) -> dict[str, int]:
        """How many rows were skipped for each reason (numbers in the reasons generalised)."""
        skips = [importers.RowSkip(0, reason) for _, reason in self.skipped]
        return importers.ImportResult(self.dataset, skipped=skips).reasons()

    def lines(self) -> list[str]:
        """The report as the command line prints it."""
        counts = (
            f"{self.dataset} rows read: {self.rows}, events written: {self.written}, "
            f"already stored: {self.existing}, skipped: {len(self.skipped)}"
        )
        return [counts, *(f"skipped {n} rows: {reason}" for reason, n in sorted(self.reasons().items()))]


def import_files(
    paths: Sequence[str | Path], fmt: str, db_path: str | Path, *, progress: ImportProgress | None = None
) -> ImportReport:
    """Import dataset files (`fmt`: acled, ucdp or gdelt) into the database at `db_path`."""
    results = [(Path(p).name, importers.read(p, fmt)) for p in paths]
    return store_imported(results, fmt, db_path, progress=progress)


def import_uploads(
    uploads: Sequence[tuple[str, bytes]],
    fmt: str,
    db_path: str | Path,
    *,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Import uploaded dataset files, (name, content) each, into the database at `db_path`."""
    results = [(name, importers.parse_text(importers.decode(data), fmt, name=name)) for name, data in uploads]
    return store_imported(results, fmt, db_path, progress=progress)


def store_imported(
    results: Sequence[tuple[str, importers.ImportResult]],
    fmt: str,
    db_path: str | Path,
    *,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Write the events read from dataset files (file name, what was read) in chunks of WRITE_CHUNK, each
    in its own short write, so other sessions keep reading; `progress` is called before the first chunk
    and after each."""
    report = ImportReport(fmt)
    events = []
    for name, result in results:
        report.rows += len(result.events) + len(result.skipped)
        report.skipped += [(f"{name}:{s.line}", s.reason) for s in result.skipped]
        events += result.events
    if progress:
        progress(0, len(events))
    for start in range(0, len(events), WRITE_CHUNK):
        with store.writing(db_path) as con:
            written, existing = store.write_events(con, events[start : start + WRITE_CHUNK])
        report.written += written
        report.existing += existing
        if progress:
            progress(min(start + WRITE_CHUNK, len(events)), len(events))
    return report


# -- export events ------------------------------------------------------------------------------------
class EventsExport(NamedTuple):
    """An export's text and how many events it holds."""

    text: str
    n_events: int


def export_events(db_path: str | Path, flt: EventFilter, fmt: str) -> EventsExport:
    """The filtered events of the database (or Parquet dataset) at `db_path` in `fmt` (export.FORMATS);
    in the CSV formats, text a spreadsheet would run as a formula is neutralised."""
    with store.reading(db_path) as con:
        df = store.query_events(con, flt)
    return EventsExport(export.render(df, fmt), len(df))


# -- correct a place ----------------------------------------------------------------------------------
def fix_place(
    db_path: str | Path,
    name: str,
    geonameid: int,
    *,
    article_id: str | None = None,
    by: str = "",
    gazetteer: Gazetteer | None = None,
) -> int:
    """Resolve the place written `name` (everywhere, or only in `article_id`) to GeoNames `geonameid` in the
    stored and future articles; returns the correction's id."""
    if gazetteer is None:
        from components.geo.gazetteer.index import load_gazetteer

        gazetteer = load_gazetteer()
    with store.writing(db_path) as con:
        return corrections.add_correction(con, gazetteer, name, int(geonameid), article_id=article_id, by=by)


def undo_place_fix(db_path: str | Path, correction_id: int, *, by: str = "") -> None:
    """Undo a correction, restoring the resolution it replaced."""
    with store.writing(db_path) as con:
        corrections.undo_correction(con, int(correction_id), by=by)


# -- watch feeds --------------------------------------------------------------------------------------
def _n(n: int, one: str, many: str = "") -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


@dataclass
class PollReport:
    """One poll of every feed."""

    entries: int = 0
    new: int = 0
    already: int = 0
    events: int = 0
    skipped: list[Skip] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        counts = [
            _n(self.entries, "entry", "entries"),
            _n(self.new, "new article"),
            f"{self.already} already stored",
            _n(self.events, "event"),
            f"{len(self.skipped)} skipped",
        ]
        return f"feeds polled: {', '.join(counts)} ({self.seconds:.1f} s)"


def poll_feeds(urls: Sequence[str], db_path: str | Path) -> PollReport:
    """Read every feed once and ingest the new entries into the database at `db_path`."""
    from components import pipeline  # loads spaCy and the gazetteer only when needed

    started = time.perf_counter()
    items: list[Article | Skip] = []
    for url in urls:
        title, found = feeds.read_feed(url)
        logger.debug("%s (%s): %d items", url, title, len(found))
        items.extend(found)
    report = PollReport(entries=sum(isinstance(i, Article) for i in items))
    with store.writing(db_path) as con:  # held only during the poll: readers can open the file between polls
        ingested = pipeline.ingest_items(items, con)
    report.new, report.already, report.events = ingested.articles_new, ingested.duplicates, ingested.events
    report.skipped = list(ingested.skipped)
    report.seconds = time.perf_counter() - started
    logger.info(report.line())
    if report.skipped:
        reasons = "; ".join(s.reason for s in report.skipped[:5])
        logger.warning("%d feed items skipped: %s", len(report.skipped), reasons)
    return report


def watch_feeds(
    urls: Sequence[str],
    db_path: str | Path,
    *,
    every: float,
    once: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    max_polls: int | None = None,
) -> Iterator[PollReport]:
    """Poll the feeds now and then every `every` seconds (one poll with `once`); yields each report.

    A poll that fails with a package error is logged and retried at the next interval. Ctrl-C
    (KeyboardInterrupt) ends the loop between or during polls; the database is closed by `poll_feeds`.
    """
    polls = 0
    while True:
        try:
            yield poll_feeds(urls, db_path)
        except ConflictTimelineError as err:
            logger.error("poll failed: %s; retrying in %.0f s", err, every)
        polls += 1
        if once or (max_polls is not None and polls >= max_polls):
            return
        logger.info("next poll in %.0f s (Ctrl-C to stop)", every)
        sleep(every)
