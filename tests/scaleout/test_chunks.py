"""A Dask worker that dies while writing its chunk loses no events and duplicates none: the articles file
is written last and commits the chunk; readers skip a chunk without it and the next ingest deletes its
files, so its articles are processed again into the dataset an uninterrupted run writes.

Fast: test_overlay.py's hand-built reports, written as the workers write them (no Dask cluster)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import subprocess
import sys

import pytest
from events.test_dedup import report
from test_overlay import REPORTS, resume, workers_write

from components import store
from components.errors import StoreError
from components.scaleout import chunks, distributed
from components.scaleout import overlay as dedup_overlay

BATCH = 1  # the pending articles are replayed one by one in ingested_at order: the same batches as one run


def dataset(out) -> dict[str, list[tuple]]:
    """Every row a reader sees, in a stable order."""
    with store.reading(out) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in chunks.TABLES}


def uninterrupted(out) -> dict[str, list[tuple]]:
    workers_write(out, REPORTS)
    resume(out, dedup_overlay.batches([art.article_id for art, _ in REPORTS], BATCH), BATCH)
    return dataset(out)


def die_before_commit(out, how: str, monkeypatch) -> None:
    """A first chunk (a, b) written, the second (c, z: chunk `r1-00000`) cut short: all but its articles
    file."""
    workers_write(out, REPORTS[:2], run_id="r0")
    if how == "deleted":  # killed just before the articles file
        workers_write(out, REPORTS[2:4], run_id="r1", start=2)
        (out / "articles" / "part-r1-00000.parquet").unlink()
        return
    real_replace = os.replace

    def killed(src, dst, *args, **kwargs):
        if str(dst).endswith("part-r1-00000.parquet"):
            raise KeyboardInterrupt  # killed after the articles file was written, before its rename
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        workers_write(out, REPORTS[2:4], run_id="r1", start=2)
    monkeypatch.undo()
    assert chunks.marker_tmp(out, "r1-00000").exists()


@pytest.mark.parametrize(
    ("table", "name", "chunk"),
    [
        ("articles", "part-r1-00003.parquet", "r1-00003"),
        ("mentions", "part-0badf00d-00000.parquet", "0badf00d-00000"),
        ("events", "part-r1-00003-0.parquet", "r1-00003"),
        ("events", "part-r1-00003-12.parquet", "r1-00003"),
        ("events", "part-r-1-0.parquet", "r-1"),
    ],
)
def test_the_chunk_of_a_file_is_read_from_its_name(table, name, chunk):
    assert chunks.chunk_id(table, name) == chunk


def test_the_articles_file_is_written_last_under_the_names_the_scan_expects(tmp_path, monkeypatch):
    out = tmp_path / "parquet"
    mem = store.open_memory()
    store.write_articles(
        mem, [(art, [], [ev]) for art, ev in [REPORTS[0], report("n", "AP", day=dt.date(2022, 11, 2))]]
    )
    order = []
    monkeypatch.setattr(
        os, "replace", lambda src, dst: (order.append(sorted(out.rglob("*.parquet"))), os.rename(src, dst))
    )
    assert distributed.write_parquet(mem, out, "r1-00007") == 2
    mem.close()
    [before] = order  # the articles file is renamed into place when the other tables' files are there
    names = sorted(p.relative_to(out).as_posix() for p in before)
    assert names == [
        "event_sources/part-r1-00007.parquet",
        "events/month=2022-10/part-r1-00007-0.parquet",
        "events/month=2022-11/part-r1-00007-0.parquet",
        "mentions/part-r1-00007.parquet",
    ]
    listing = chunks.scan(out)
    assert not listing.orphans and sum(map(len, listing.committed.values())) == 5
    assert not list((out / "articles").glob(chunks.TMP_GLOB))


@pytest.mark.parametrize("how", ["deleted", "killed in the rename"])
def test_a_chunk_cut_short_is_not_read_then_removed_and_its_articles_processed_again(
    tmp_path, monkeypatch, caplog, how
):
    expected = uninterrupted(tmp_path / "reference")
    out = tmp_path / "parquet"
    die_before_commit(out, how, monkeypatch)
    orphans = chunks.scan(out).orphans
    assert sorted(p.relative_to(out).parts[0] for p in orphans) == ["event_sources", "events", "mentions"]
    seen = dataset(out)  # the reader skips the orphans: chunk r0-00000 only, no event of c or z
    assert [r[0] for r in seen["articles"]] == ["a", "b"] and [r[0] for r in seen["events"]] == ["e-a", "e-b"]
    assert distributed.existing_article_ids(out) == {"a", "b"}

    with caplog.at_level(logging.WARNING, logger="components.scaleout.chunks"):
        removed = chunks.remove_orphans(out)  # what the next ingest does first
    assert removed == 3 + (how != "deleted")  # and the unfinished articles file
    assert f"removed {removed} files of 1 chunks" in caplog.text
    assert not chunks.scan(out).orphans and not list((out / "articles").glob(chunks.TMP_GLOB))
    assert distributed.existing_article_ids(out) == {"a", "b"}  # c, z (and d) are processed again
    rest = [r for r in REPORTS if r[0].article_id not in {"a", "b"}]
    workers_write(out, rest, run_id="r2", start=2)
    resume(out, dedup_overlay.batches([art.article_id for art, _ in rest], BATCH), BATCH)
    assert dataset(out) == expected
    assert chunks.remove_orphans(out) == 0


def test_a_task_run_again_replaces_the_files_of_its_first_attempt(tmp_path):
    # Dask runs the task of a dead worker again, under the same chunk id. Its files are normally the same
    # names, overwritten; but nothing an earlier attempt wrote (another month, a second file of a month
    # from another DuckDB writer thread) may stay next to the new ones: here a month the retry lacks.
    out = tmp_path / "parquet"
    first = store.open_memory()
    store.write_articles(
        first, [(art, [], [ev]) for art, ev in [REPORTS[0], report("n", "AP", day=dt.date(2022, 11, 2))]]
    )
    distributed.write_parquet(first, out, "r1-00000")
    (out / "articles" / "part-r1-00000.parquet").unlink()  # the first attempt died before its articles file
    again = store.open_memory()
    store.write_articles(again, [(art, [], [ev]) for art, ev in REPORTS[:1]])
    distributed.write_parquet(again, out, "r1-00000")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet")) == [
        "articles/part-r1-00000.parquet",
        "event_sources/part-r1-00000.parquet",
        "events/month=2022-10/part-r1-00000-0.parquet",
        "mentions/part-r1-00000.parquet",
    ]
    assert [r[0] for r in dataset(out)["events"]] == ["e-a"]


def test_files_not_named_by_the_workers_are_neither_read_nor_deleted(tmp_path):
    out = tmp_path / "parquet"
    workers_write(out, REPORTS[:2], run_id="r1", start=0)
    stray = out / "events" / "month=2022-10" / "notes.parquet"  # a file someone put there by hand
    stray.write_bytes(b"not ours")
    assert stray not in chunks.scan(out).orphans and all(
        stray not in f for f in chunks.scan(out).committed.values()
    )
    assert chunks.remove_orphans(out) == 0 and stray.exists()
    assert len(dataset(out)["events"]) == 2  # and the reader does not trip over it


# -- one run at a time --------------------------------------------------------------------------------
def test_the_run_lock_is_held_for_the_block_and_refuses_a_second_run(tmp_path):
    with chunks.run_lock(tmp_path) as lock:
        held = json.loads(lock.read_text(encoding="utf-8"))
        assert held["pid"] == os.getpid() and held["host"] == socket.gethostname()
        with (
            pytest.raises(StoreError, match=rf"another run \(pid {os.getpid()} on "),
            chunks.run_lock(tmp_path),
        ):
            pass
        assert lock.exists()  # the refused run did not remove the holder's lock
    assert not (tmp_path / chunks.LOCK_NAME).exists()


def test_a_lock_whose_process_is_gone_is_taken_over(tmp_path, caplog):
    print_pid = [sys.executable, "-c", "import os; print(os.getpid())"]
    gone = subprocess.run(print_pid, capture_output=True, text=True, check=True)
    lock = tmp_path / chunks.LOCK_NAME
    lock.write_text(json.dumps({"pid": int(gone.stdout), "host": socket.gethostname(), "started": "x"}))
    with caplog.at_level(logging.WARNING, logger="components.scaleout.chunks"), chunks.run_lock(tmp_path):
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert "stale lock" in caplog.text and not lock.exists()


def test_a_lock_from_another_host_or_just_being_written_is_respected(tmp_path):
    lock = tmp_path / chunks.LOCK_NAME
    lock.write_text(json.dumps({"pid": 1, "host": "worker-node-7", "started": "2026-11-26T01:00:00"}))
    with pytest.raises(StoreError, match="worker-node-7"), chunks.run_lock(tmp_path):
        pass
    lock.write_text("")  # a run between creating the file and writing its pid
    with pytest.raises(StoreError, match="another run"), chunks.run_lock(tmp_path):
        pass
    old = dt.datetime.now().timestamp() - chunks.LOCK_GRACE_S - 5
    os.utime(lock, (old, old))  # ... or one that died there long ago
    with chunks.run_lock(tmp_path):
        pass
    assert not lock.exists()


def test_a_second_dask_run_on_a_busy_dataset_stops_before_touching_it(tmp_path):
    """A concurrent run would delete the first one's chunks in progress as orphans: it is refused first."""
    workers_write(tmp_path, REPORTS[:2], run_id="r0")
    (tmp_path / "articles" / "part-r0-00000.parquet").unlink()  # looks like a chunk in progress
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.parquet"))
    with chunks.run_lock(tmp_path):
        with pytest.raises(StoreError, match="another run"):
            distributed.ingest([tmp_path / "nothing-to-read"], out_dir=tmp_path)
        with pytest.raises(StoreError, match="another run"):
            distributed.dedup(tmp_path)
        assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.parquet")) == before
