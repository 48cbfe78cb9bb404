"""A command-line ingest while dashboard-style readers query the same file: no lock errors reach the
readers, and every read sees a consistent database (whole articles only, counts never going back)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from components import store
from components.settings import ROOT

pytestmark = pytest.mark.slow


def test_readers_during_a_cli_ingest_see_consistent_data_and_no_errors(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    towns = ["Kharkiv", "Nikopol", "Mykolaiv", "Kherson", "Izium", "Sumy", "Dnipro", "Odesa"]
    for i in range(320):
        town = towns[i % len(towns)]
        text = (
            f"Report {i} from {town}\nPublished: 2022-09-{1 + i % 28:02d}\n\n"
            f"Russian artillery shelled {town} on Monday, report {i} said.\n"
        )
        (docs / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "live.duckdb"
    with store.writing(db):
        pass  # the dashboard starts on an existing (empty) database
    cmd = [sys.executable, "-m", "components", "ingest", str(docs), "--db", str(db), "--no-progress"]
    # one process: its pace leaves time for reads between batches (worker processes finish a small corpus
    # before a reader can look; they write through the same batches)
    env = {**os.environ, "CT_WRITE_BATCH": "16", "CT_INGEST_WORKERS": "1"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reads, counts, latencies = 0, [], []
    while proc.poll() is None:
        started = time.perf_counter()
        with store.reading(db, timeout=30) as con:
            n_articles, bad = con.execute(
                "SELECT count(*), count(*) FILTER (WHERE n_events <> (SELECT count(*) FROM events e "
                "WHERE e.article_id = a.article_id)) FROM articles a"
            ).fetchone()
        latencies.append(time.perf_counter() - started)
        assert bad == 0, "a reader saw a half-written article"
        counts.append(n_articles)
        reads += 1
        time.sleep(0.05)
    out, err = proc.communicate()
    assert proc.returncode == 0, err[-2000:]
    assert "new: 320" in out
    assert reads > 5 and counts == sorted(counts), counts
    assert any(0 < c < 320 for c in counts), f"no read happened mid-ingest: {counts[:5]}...{counts[-5:]}"
    latencies.sort()
    print(
        f"{reads} reads during the ingest; p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms"
    )
    with store.reading(db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 320
