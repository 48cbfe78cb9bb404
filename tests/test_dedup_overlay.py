"""Dedup of a Parquet dataset: the overlay written after a Dask run gives the same merges as the
single-process ingest's dedup in a database file (same batches, same survivors), and the views apply it.

Fast: hand-built events (test_dedup's Kerch Bridge reports), written as the workers write them."""

from __future__ import annotations

import datetime as dt

import pytest
from test_dedup import FAR, KERCH, report

from components import dedup, dedup_overlay, distributed, store
from components.filters import EventFilter

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


def dataset_run(out, reports, batch: int, *, chunk: int = 2, run_id: str = "r1") -> int:
    """What distributed.ingest does: workers write chunks of articles, then the client dedups in batches."""
    for i in range(0, len(reports), chunk):
        mem = store.open_memory()
        store.write_articles(mem, [(art, [], [ev]) for art, ev in reports[i : i + chunk]])
        distributed.write_parquet(mem, out, f"{run_id}-{i:05d}")
        mem.close()
    run = dedup_overlay.batches([art.article_id for art, _ in reports], batch)
    with store.reading(out) as con:
        return dedup_overlay.dedup_dataset(con, out, run)


def state(con):
    events = con.execute("""SELECT event_id, merged_into, n_reports, n_sources FROM events
                            ORDER BY event_id""").fetchall()  # fmt: skip
    sources = con.execute("SELECT event_id, report_id, outlet FROM event_sources ORDER BY report_id").fetchall()
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
        return [r[0] for r in con.execute("SELECT event_id FROM events WHERE merged_into IS NULL ORDER BY 1").fetchall()]

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
        assert ("e-d", "e-b", 1, 1) in events and ("e-b", None, 4, 3) in events and ("e-z", None, 2, 2) in events
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
