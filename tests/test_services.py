"""The services both the command line and the pages call: dataset import, event export, place
corrections, and the feed watch loop."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import ACLED_CSV, N_ACLED, NIKOPOL_BG, NIKOPOL_UA, PLACES, build_fixture_db
from ingest.test_feeds import ATOM, RSS

from components import services, store
from components.errors import ArticleError, CorrectionError
from components.filters import EventFilter
from components.records import Place
from components.store import queries


@pytest.fixture
def db(fixture_db: Path, tmp_path: Path) -> Path:
    """A writable copy of the fixture database."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(fixture_db, copy)
    return copy


# -- import a dataset ---------------------------------------------------------------------------------
def test_import_uploads_reports_written_stored_and_skipped(tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    report = services.import_uploads([("acled.csv", ACLED_CSV.encode())], "acled", db)
    assert (report.dataset, report.rows, report.written, report.existing) == ("acled", 4, N_ACLED, 0)
    assert report.skipped == [("acled.csv:5", "unreadable date 'someday'")]
    assert report.lines() == [
        f"acled rows read: 4, events written: {N_ACLED}, already stored: 0, skipped: 1",
        "skipped 1 rows: unreadable date 'someday'",
    ]
    again = services.import_uploads([("acled.csv", ACLED_CSV.encode())], "acled", db)
    assert (again.written, again.existing) == (0, N_ACLED)
    with store.reading(db) as con:
        assert store.count_events(con, EventFilter(datasets=("acled",))) == N_ACLED


def test_import_writes_in_chunks_and_reports_progress(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(services, "WRITE_CHUNK", 2)
    calls: list[tuple[int, int]] = []
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_CSV, encoding="utf-8")
    report = services.import_files(
        [path], "acled", tmp_path / "c.duckdb", progress=lambda *a: calls.append(a)
    )
    assert report.written == N_ACLED and calls == [(0, 3), (2, 3), (3, 3)]


def test_import_of_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no file at"):
        services.import_files([tmp_path / "none.csv"], "acled", tmp_path / "m.duckdb")


# -- export events ------------------------------------------------------------------------------------
def test_export_csv_neutralises_formulas(db: Path) -> None:
    with store.writing(db) as con:
        con.execute("UPDATE articles SET title = '=cmd|'' /C calc''!A0' WHERE article_id = 'art-a1'")
        con.execute("UPDATE events SET evidence = '-2+3' WHERE article_id = 'art-a2'")
    exported = services.export_events(db, EventFilter(), "csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert exported.n_events == len(rows) == 14
    titles = {r["title"] for r in rows if r["article_id"] == "art-a1"}
    assert titles == {"'=cmd|' /C calc'!A0"}
    assert {r["evidence"] for r in rows if r["article_id"] == "art-a2"} == {"'-2+3"}
    assert all(not r["latitude"].startswith("'") for r in rows)  # numbers are left alone


def test_export_geojson_and_filter(fixture_db: Path) -> None:
    exported = services.export_events(fixture_db, EventFilter(countries=("BY",)), "geojson")
    features = json.loads(exported.text)["features"]
    assert exported.n_events == len(features) == 2
    assert {f["properties"]["country_code"] for f in features} == {"BY"}


# -- correct a place ----------------------------------------------------------------------------------
NIKOPOLS = {
    NIKOPOL_BG: Place(NIKOPOL_BG, "Nikopol", 43.7, 24.9, "BG", "Pleven"),
    NIKOPOL_UA: PLACES["Nikopol"],
}


class TinyGazetteer:
    """The two gazetteer look-ups a correction needs."""

    def get(self, geonameid: int) -> Place | None:
        return NIKOPOLS.get(geonameid)

    def country_name(self, code: str) -> str:
        return {"BG": "Bulgaria", "UA": "Ukraine"}.get(code, "")


def nikopol(db: Path) -> set[tuple]:
    with store.reading(db) as con:
        rows = con.execute("SELECT geonameid, country FROM events WHERE location = 'Nikopol'").fetchall()
    return set(rows)


def test_fix_place_and_undo(tmp_path: Path) -> None:
    db = build_fixture_db(tmp_path / "p.duckdb")
    assert nikopol(db) == {(NIKOPOL_UA, "Ukraine")}
    cid = services.fix_place(db, "nikopol", NIKOPOL_BG, by="analyst", gazetteer=TinyGazetteer())
    assert nikopol(db) == {(NIKOPOL_BG, "Bulgaria")}
    services.undo_place_fix(db, cid, by="lead")
    assert nikopol(db) == {(NIKOPOL_UA, "Ukraine")}
    with pytest.raises(CorrectionError, match="already undone"):
        services.undo_place_fix(db, cid)
    with pytest.raises(CorrectionError, match="not in the gazetteer"):
        services.fix_place(db, "Nikopol", 1, gazetteer=TinyGazetteer())


# -- watch feeds (moved from tests/ingest/test_feeds.py with the loop) ---------------------------------
@pytest.fixture
def feed_files(tmp_path: Path) -> tuple[Path, Path]:
    rss, atom = tmp_path / "wire.rss", tmp_path / "desk.atom"
    rss.write_text(RSS, encoding="utf-8")
    atom.write_text(ATOM, encoding="utf-8")
    return rss, atom


def test_poll_ingests_new_items_once(feed_files: tuple[Path, Path], tmp_path: Path) -> None:
    db = tmp_path / "feeds.duckdb"
    first = services.poll_feeds([str(p) for p in feed_files], db)
    assert (first.entries, first.new, first.already, len(first.skipped)) == (3, 3, 0, 1)
    assert first.events >= 3
    again = services.poll_feeds([str(p) for p in feed_files], db)
    assert (again.new, again.already, again.events) == (0, 3, 0)
    with store.reading(db) as con:
        assert store.summary(con)["articles"] == 3
        assert set(queries.outlet_options(con)) == {"Test Front Line Wire", "Atom Desk"}


def test_watch_polls_on_schedule_and_stops(feed_files: tuple[Path, Path], tmp_path: Path) -> None:
    naps: list[float] = []
    db = tmp_path / "w.duckdb"
    reports = list(services.watch_feeds([str(feed_files[1])], db, every=900, sleep=naps.append, max_polls=3))
    assert [r.new for r in reports] == [1, 0, 0] and naps == [900, 900]

    def interrupt(_seconds: float) -> None:
        raise KeyboardInterrupt

    gen = services.watch_feeds([str(feed_files[1])], db, every=60, sleep=interrupt)
    assert next(gen).already == 1
    with pytest.raises(KeyboardInterrupt):
        next(gen)


def test_poll_report_line() -> None:
    report = services.PollReport(entries=1, new=2, already=3, events=1, seconds=0.3)
    assert report.line() == (
        "feeds polled: 1 entry, 2 new articles, 3 already stored, 1 event, 0 skipped (0.3 s)"
    )
