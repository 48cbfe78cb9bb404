"""Crash safety: SIGKILL at random points of an ingest leaves a database that opens, holds no
half-written article, and a re-run completes with no duplicates."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from components import store
from components.settings import ROOT

pytestmark = pytest.mark.slow

N_ARTICLES = 400
TOWNS = ["Kharkiv", "Nikopol", "Mykolaiv", "Kherson", "Izium", "Bakhmut", "Odesa", "Sumy", "Dnipro", "Lviv"]


def consistent(db) -> tuple[int, int]:
    con = store.connect(db, read_only=True)
    try:
        bad = con.execute(
            "SELECT count(*) FROM (SELECT a.article_id, a.n_events, count(e.event_id) AS n FROM articles a "
            "LEFT JOIN events e USING (article_id) GROUP BY ALL) WHERE n_events <> n"
        ).fetchone()[0]
        orphans = con.execute(
            "SELECT (SELECT count(*) FROM events WHERE article_id NOT IN (SELECT article_id FROM articles))"
            " + (SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT article_id FROM articles))"
        ).fetchone()[0]
        assert bad == 0 and orphans == 0, "half-written article found"
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_distinct = con.execute("SELECT count(DISTINCT article_id) FROM articles").fetchone()[0]
        assert n_articles == n_distinct
        return n_articles, con.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        con.close()


def test_sigkill_during_ingest_loses_nothing_and_duplicates_nothing(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(N_ARTICLES):
        town = TOWNS[i % len(TOWNS)]
        (docs / f"{i:03d}.txt").write_text(
            f"Report {i} from {town}\nPublished: 2022-09-{1 + i % 28:02d}\n\n"
            f"Russian artillery shelled {town} on Monday, report number {i} said. "
            f"Ukrainian forces recaptured a village near {town} on Sunday.\n",
            encoding="utf-8",
        )
    db = tmp_path / "crash.duckdb"
    cmd = [sys.executable, "-m", "components", "ingest", str(docs), "--db", str(db), "--no-progress"]
    rng = random.Random(20221015)
    # many small transactions, so kills land between them; one process, whose pace the kill times follow
    # (worker processes write through the same batches: tests/test_parallel_ingest.py)
    env = {**os.environ, "CT_WRITE_BATCH": "8", "CT_INGEST_WORKERS": "1"}
    seen = []
    for _ in range(4):
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for line in proc.stderr:  # wait until the model is loaded and articles are being processed
            if "gazetteer loaded" in line:
                break
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
        seen.append(consistent(db)[0] if db.exists() else 0)
    assert any(0 < n < N_ARTICLES for n in seen), f"no kill landed mid-ingest: {seen}"
    assert seen == sorted(seen), f"a crash lost committed articles: {seen}"
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    n_articles, n_events = consistent(db)
    assert n_articles == N_ARTICLES and n_events >= N_ARTICLES
    again = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert f"already stored: {N_ARTICLES}" in again.stdout
    assert consistent(db) == (n_articles, n_events)
