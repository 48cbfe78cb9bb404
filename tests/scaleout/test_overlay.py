"""Dedup of a Parquet dataset: the overlay written after a Dask run gives the same merges as the
single-process ingest's dedup in a database file (same batches, same survivors), and the views apply it.

A run interrupted after the workers wrote their files leaves its articles pending: the next run (or
`dedup --db DIR`) deduplicates them first, giving the overlay an uninterrupted run would have written.

Fast: hand-built events (test_dedup's Kerch Bridge reports), written as the workers write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from events.test_dedup import FAR, KERCH, report

from components import cli, store
from components.errors import StoreError
from components.events import dedup
from components.filters import EventFilter
from components.scaleout import distributed
from components.scaleout import overlay as dedup_overlay

# Four reports of the Kerch Bridge blast (one ~6.6 km away at Kerch, geo 2, read first) and one 30 km away.
REPORTS = [
    report("a", "Reuters", place=KERCH, geo=2),
    report("b", "AP"),
    report("c", "BBC", day=dt.date(2022, 10, 9)),
    report("z", "AP", place=FAR),
    report("d", "Reuters"),
]


def database_run(con, reports, batch: int) -> int:
    """What pipeline._store does: write a batch of articles, then dedup that batch's events."""
    merged = 0
    for i in range(0, len(reports), batch):
        part = reports[i : i + batch]
        store.write_articles(con, [(art, [], [ev]) for art, ev in part])
        merged += dedup.dedup(con, event_ids=[ev.event_id for _, ev in part]).merged
    return merged


def workers_write(out, reports, *, chunk: int = 2, run_id: str = "r1", start: int = 0) -> None:
    """The workers' part of distributed.ingest: chunks of articles written as Parquet files, no dedup.
    Each article's `ingested_at` is set to `start` + its position (minutes): a known order for leftovers."""
    for i in range(0, len(reports), chunk):
        mem = store.open_memory()
        store.write_articles(mem, [(art, [], [ev]) for art, ev in reports[i : i + chunk]])
        for j, (art, _) in enumerate(reports[i : i + chunk], start=start + i):
            ingested_at = dt.datetime(2024, 1, 1) + dt.timedelta(minutes=j)
            mem.execute(
                "UPDATE articles SET ingested_at = ? WHERE article_id = ?", [ingested_at, art.article_id]
            )
        distributed.write_parquet(mem, out, f"{run_id}-{i:05d}")
        mem.close()


def dataset_run(out, reports, batch: int, *, chunk: int = 2, run_id: str = "r1", start: int = 0) -> int:
    """What distributed.ingest does: workers write chunks of articles, then the client dedups in batches."""
    workers_write(out, reports, chunk=chunk, run_id=run_id, start=start)
    return resume(out, dedup_overlay.batches([art.article_id for art, _ in reports], batch), batch).merged


def resume(out, run, batch: int) -> dedup_overlay.DatasetDedup:
    """The client's dedup step of distributed.ingest (pending articles first, then `run`)."""
    return distributed.finish_dedup(out, run, batch_size=batch)


def state(con):
    sql = "SELECT event_id, merged_into, n_reports, n_sources FROM events ORDER BY event_id"
    events = con.execute(sql).fetchall()
    sources = con.execute(
        "SELECT event_id, report_id, outlet FROM event_sources ORDER BY report_id"
    ).fetchall()
    return events, sources


@pytest.mark.parametrize("batch", [1, 2, 64])
def test_overlay_gives_the_database_merges_for_the_same_batches(tmp_path, batch):
    db = store.connect(tmp_path / "db.duckdb")
    merged = database_run(db, REPORTS, batch)
    out = tmp_path / "parquet"
    assert dataset_run(out, REPORTS, batch) == merged == 3
    assert (out / "dedup" / "merges.parquet").exists()
    with store.reading(out) as con:
        assert state(con) == state(db)
        flt = EventFilter(countries=("UA",))
        assert store.count_events(con, flt) == store.count_events(db, flt) == 2
        assert store.event_sources(con, "e-z")["report_id"].tolist() == ["e-z"]
    db.close()


def test_the_batches_decide_the_survivor_as_in_the_database():
    # Read first in its own batch, the Kerch report is already stored when the bridge reports arrive and
    # keeps them; in one batch the bridge (the more precise place) wins. The replay follows the batches.
    def survivors(batch):
        con = store.open_memory()
        database_run(con, REPORTS, batch)
        return [
            r[0]
            for r in con.execute(
                "SELECT event_id FROM events WHERE merged_into IS NULL ORDER BY 1"
            ).fetchall()
        ]

    assert survivors(1) == ["e-a", "e-z"] and survivors(64) == ["e-b", "e-z"]


def test_a_later_run_keeps_the_merges_and_merges_into_old_events(tmp_path):
    db = store.connect(tmp_path / "db.duckdb")
    out = tmp_path / "parquet"
    first, second = REPORTS[:4], [REPORTS[4], report("e", "Kyiv Wire", place=FAR)]
    assert dataset_run(out, first, 64) == database_run(db, first, 64) == 2
    assert dataset_run(out, second, 64, run_id="r2") == database_run(db, second, 64) == 2
    with store.reading(out) as con:
        assert state(con) == state(db)
        events, _ = state(con)
        assert (
            ("e-d", "e-b", 1, 1) in events and ("e-b", None, 4, 3) in events and ("e-z", None, 2, 2) in events
        )
    assert dataset_run(out, [], 64, run_id="r3") == 0  # nothing new: the overlay is kept as it is
    with store.reading(out) as con:
        assert state(con) == state(db)
    db.close()


def test_a_dataset_without_overlay_reads_its_files_as_written(tmp_path):
    out = tmp_path / "parquet"
    for i, (art, ev) in enumerate(REPORTS[:2]):
        mem = store.open_memory()
        store.write_articles(mem, [(art, [], [ev])])
        distributed.write_parquet(mem, out, f"r-{i}")
        mem.close()
    assert not dedup_overlay.overlay_path(out).exists()
    with store.reading(out) as con:
        assert state(con)[0] == [("e-a", None, 1, 1), ("e-b", None, 1, 1)]


def test_a_run_without_merges_writes_an_empty_overlay_that_reads_back(tmp_path):
    out = tmp_path / "parquet"
    assert dataset_run(out, [REPORTS[0], REPORTS[3]], 64) == 0  # Kerch and 30 km east: not one event
    assert dedup_overlay.overlay_path(out).exists()
    with store.reading(out) as con:
        assert state(con)[0] == [("e-a", None, 1, 1), ("e-z", None, 1, 1)]
        assert store.count_events(con) == 2


# --- a run interrupted after the workers wrote their files, before the overlay was written ---


def overlay_file(out) -> tuple[bytes, int]:
    path = dedup_overlay.overlay_path(out)
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("batch", [1, 2, 64])
def test_the_next_run_deduplicates_an_interrupted_run(tmp_path, batch):
    # The reference: the same articles ingested without interruption, in the documented leftover order
    # (ingested_at, article_id: the order workers_write gives them, REPORTS' order).
    ref = tmp_path / "uninterrupted"
    assert dataset_run(ref, REPORTS, batch) == 3
    out = tmp_path / "parquet"
    workers_write(out, REPORTS)  # the client stopped here: no overlay
    with store.reading(out) as con:
        assert state(con)[0] == [(f"e-{a}", None, 1, 1) for a in "abcdz"]  # nothing merged yet
    assert dedup_overlay.recorded(out) == []
    outcome = resume(out, [], batch)  # a second run with no new articles
    assert (outcome.resumed, outcome.merged, outcome.written) == (5, 3, True)
    assert overlay_file(out)[0] == overlay_file(ref)[0]  # the same overlay and record, byte for byte
    assert sorted(dedup_overlay.recorded(out)) == ["a", "b", "c", "d", "z"]
    db = store.connect(tmp_path / "db.duckdb")
    database_run(db, REPORTS, batch)
    with store.reading(out) as con:
        assert state(con) == state(db)
    db.close()


def test_an_interrupted_run_is_deduplicated_before_the_next_runs_articles(tmp_path):
    db = store.connect(tmp_path / "db.duckdb")
    out = tmp_path / "parquet"
    first, second = REPORTS[:4], [REPORTS[4], report("e", "Kyiv Wire", place=FAR)]
    workers_write(out, first)  # interrupted before its dedup
    database_run(db, first, 64)
    workers_write(out, second, run_id="r2", start=10)
    outcome = resume(out, dedup_overlay.batches(["d", "e"], 64), 64)
    assert (outcome.resumed, outcome.merged) == (4, database_run(db, second, 64) + 2) == (4, 4)
    with store.reading(out) as con:
        assert state(con) == state(db)


def test_a_crash_while_writing_the_overlay_loses_no_dedup(tmp_path, monkeypatch):
    db = store.connect(tmp_path / "db.duckdb")
    out = tmp_path / "parquet"
    first, second = REPORTS[:2], REPORTS[2:]
    assert dataset_run(out, first, 64) == database_run(db, first, 64) == 1
    before = overlay_file(out)

    real_replace = dedup_overlay.os.replace

    def killed(src, dst, *args, **kwargs):
        if Path(dst) == dedup_overlay.overlay_path(out):  # the workers' files are renamed into place too
            raise KeyboardInterrupt  # the client stopped between the replay and the atomic replace
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(dedup_overlay.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        dataset_run(out, second, 64, run_id="r2", start=10)
    monkeypatch.undo()
    assert overlay_file(out) == before  # the old merges and the old record, together
    assert [p.name for p in (out / "dedup").iterdir()] == ["merges.parquet"]  # no temporary file left
    assert sorted(dedup_overlay.recorded(out)) == ["a", "b"]
    outcome = resume(out, [], 64)
    assert (outcome.resumed, outcome.merged) == (3, database_run(db, second, 64)) == (3, 2)
    with store.reading(out) as con:
        assert state(con) == state(db)
    db.close()


def test_with_nothing_pending_nothing_is_rewritten(tmp_path):
    out = tmp_path / "parquet"
    assert resume(out, [], 64) == dedup_overlay.DatasetDedup()  # an empty folder
    dataset_run(out, REPORTS, 2)
    before = overlay_file(out)
    assert resume(out, [], 64) == dedup_overlay.DatasetDedup(merged=0, resumed=0, written=False)
    # this run's articles already recorded (a dedup --db DIR finished them first): not replayed twice
    assert resume(out, [["a", "b"]], 64).written is False
    assert overlay_file(out) == before


def test_an_overlay_from_before_the_record_counts_earlier_articles_as_deduplicated(tmp_path):
    db = store.connect(tmp_path / "db.duckdb")
    out = tmp_path / "parquet"
    first, second = REPORTS[:4], [REPORTS[4]]
    assert dataset_run(out, first, 64) == database_run(db, first, 64) == 2
    path = dedup_overlay.overlay_path(out)  # rewrite it as the versions before the record wrote it
    old = duckdb.connect()
    events_only = (
        f"SELECT event_id, merged_into, n_reports, n_sources FROM '{path}' WHERE event_id IS NOT NULL"
    )
    old.execute(f"COPY ({events_only}) TO '{tmp_path / 'old.parquet'}' (FORMAT parquet)")
    old.close()
    (tmp_path / "old.parquet").replace(path)
    assert dedup_overlay.recorded(out) is None
    assert dataset_run(out, second, 64, run_id="r2", start=10) == database_run(db, second, 64) == 1
    with store.reading(out) as con:
        assert state(con) == state(db)  # the first run's reports were not merged a second time
    assert sorted(dedup_overlay.recorded(out)) == ["a", "b", "c", "d", "z"]
    db.close()


def test_the_dedup_command_finishes_a_pending_dedup_of_a_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CT_WRITE_BATCH", "64")
    out = tmp_path / "parquet"
    workers_write(out, REPORTS)
    assert cli.main(["dedup", "--db", str(out), "--km", "5"]) == 2  # its window is the settings'
    assert "Parquet dataset" in capsys.readouterr().err and not dedup_overlay.overlay_path(out).exists()
    assert cli.main(["dedup", "--db", str(out)]) == 0
    assert capsys.readouterr().out == f"dedup of {out}: 5 pending articles deduplicated, 3 reports merged\n"
    assert cli.main(["dedup", "--db", str(out)]) == 0
    assert "0 pending articles deduplicated, 0 reports merged" in capsys.readouterr().out
    with store.reading(out) as con:
        assert store.count_events(con) == 2


def test_a_failed_read_of_the_record_is_a_store_error(tmp_path):
    out = tmp_path / "parquet"
    workers_write(out, REPORTS[:1])
    dedup_overlay.overlay_path(out).parent.mkdir()
    dedup_overlay.overlay_path(out).write_bytes(b"not parquet")
    with pytest.raises(StoreError, match="dedup overlay"):
        dedup_overlay.recorded(out)
