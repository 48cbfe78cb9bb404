"""Ingest with worker processes (workers.run_parallel): how many processes, the same events as one process,
and no article lost when the workers fail."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from components import pipeline, store, workers
from components.evaluation.bench import generated_corpus

ROOT = Path(__file__).resolve().parents[1]


def test_auto_is_one_process_for_a_small_ingest(monkeypatch):
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 8)
    assert workers.workers_for(workers.PARALLEL_FROM - 1, "auto") == 1
    assert workers.workers_for(10_000, "auto") == 8
    # never more processes than chunks of articles
    chunks = workers.PARALLEL_FROM // workers.CHUNK
    assert workers.workers_for(workers.PARALLEL_FROM, "auto") == min(8, chunks)


def test_a_number_of_workers_is_kept_and_capped_by_the_chunks():
    assert workers.workers_for(1_000, 3) == 3
    assert workers.workers_for(1_000, "2") == 2
    assert workers.workers_for(workers.CHUNK + 1, 4) == 2
    assert workers.workers_for(0, 4) == 1


def test_the_setting_decides_when_no_number_is_given(monkeypatch):
    monkeypatch.setenv("CT_INGEST_WORKERS", "3")
    assert workers.workers_for(1_000) == 3


@pytest.mark.parametrize("bad", ["many", "0", "-2"])
def test_a_bad_number_of_workers_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="ingest workers"):
        workers.workers_for(1_000, bad)


def _events(con) -> list[tuple]:
    return con.execute(
        "SELECT article_id, location, event_date, event_type, fatalities, evidence FROM events ORDER BY ALL"
    ).fetchall()


@pytest.mark.slow
def test_worker_processes_store_the_same_articles_and_events_as_one_process(tmp_path):
    articles = generated_corpus(3 * workers.CHUNK + 5, words=120)
    one = store.connect(tmp_path / "one.duckdb")
    two = store.connect(tmp_path / "two.duckdb")
    single = pipeline.ingest_items(list(articles), one, workers=1)
    parallel = pipeline.ingest_items(list(articles), two, workers=2)
    assert (single.workers, parallel.workers) == (1, 2)
    assert parallel.articles_new == single.articles_new == len(articles)
    assert parallel.events == single.events > 0
    assert _events(two) == _events(one)
    assert "(2 worker processes)" in " ".join(parallel.lines())


def fail_to_start() -> None:
    """A worker start-up that fails (imported by name in the spawned worker processes)."""
    raise RuntimeError("this worker cannot load its model")


@pytest.mark.slow
def test_failed_workers_lose_no_article(tmp_path, caplog):
    articles = generated_corpus(2 * workers.CHUNK + 3, words=80)
    with caplog.at_level(logging.WARNING, logger="components.workers"):
        results = list(workers.run_parallel(articles, run=pipeline.run, workers=2, start=fail_to_start))
    assert [r.article.article_id for r in results] == [a.article_id for a in articles]
    assert "a worker process failed" in caplog.text


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:  # a zombie is gone for our purpose
        return fh.read().split()[2] != "Z"


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads /proc to tell a zombie")
def test_a_worker_ends_when_the_ingest_that_started_it_is_killed():
    grandchild = (
        "from components.workers import watch_parent; import os, time; "
        "watch_parent(0.1, parent=int(os.environ['WATCHED'])); print('ready', flush=True); time.sleep(60)"
    )
    middle = (
        "import os, subprocess, sys, time; "
        f"p = subprocess.Popen([sys.executable, '-c', {grandchild!r}], stdout=subprocess.PIPE, text=True, "
        "env={**os.environ, 'WATCHED': str(os.getpid())}); "
        "p.stdout.readline(); print(p.pid, flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", middle], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    worker = int(proc.stdout.readline())
    assert _alive(worker)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker), "the worker outlived the killed ingest"
