"""The Dask engine: a 2-worker LocalCluster produces the same records as the single-process run, and
the Parquet dataset reads like a database file."""

from __future__ import annotations

import sys
import types

import pytest

from components import distributed, pipeline, store
from components.bench import generated_corpus

pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
pytestmark = pytest.mark.slow

# Columns set after ingest by deduplication or by the clock: not part of the pipeline's output.
NOT_COMPARED = {"merged_into", "n_reports", "n_sources", "ingested_at"}


def table(con, name: str, key: str):
    df = con.execute(f"SELECT * FROM {name}").df()
    df = df[[c for c in sorted(df.columns) if c not in NOT_COMPARED]]
    return df.sort_values([c for c in (key, "start_char", "source_id", "report_id") if c in df.columns],
                          ignore_index=True)  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def plain_main():
    """Dask starts workers with multiprocessing's spawn, which re-runs the parent's `__main__` script.
    Earlier AppTests leave their temporary app script as `__main__`; hide it, as an interactive session
    would have none."""
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    yield
    sys.modules["__main__"] = saved


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for article in generated_corpus(40, words=80, seed=3):
        (docs / f"{article.title.replace(' ', '_')}.txt").write_text(
            f"{article.title}\nPublished: {article.published}\n\n{article.text}\n", encoding="utf-8")  # fmt: skip
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    local = pipeline.ingest_paths([docs], db_path=db)
    out = tmp_path_factory.mktemp("parquet")
    dask_report = distributed.ingest([docs], out_dir=out, n_workers=2, chunk=8)
    again = distributed.ingest([docs], out_dir=out, n_workers=2, chunk=8)
    return db, out, local, dask_report, again


def test_two_worker_cluster_equals_single_process(runs):
    db, out, local, dask_report, _ = runs
    assert dask_report.workers == 2 and dask_report.tasks == 5
    assert dask_report.articles_new == local.articles_new == 40
    assert dask_report.events == local.events > 40
    with store.reading(db) as a, store.reading(out) as b:
        for name, key in (("articles", "article_id"), ("events", "event_id"), ("mentions", "article_id")):
            left, right = table(a, name, key), table(b, name, key)
            assert list(left.columns) == list(right.columns)
            assert left.equals(right) or left.astype(str).equals(right.astype(str)), name


def test_rerun_adds_nothing(runs):
    *_, again = runs
    assert again.articles_new == 0 and again.duplicates == 40 and again.events == 0


def test_events_are_partitioned_by_month_and_queries_work(runs):
    _, out, *_ = runs
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months and all(m.startswith("month=") for m in months)
    with store.reading(out) as con:
        assert store.count_events(con) == store.summary(con)["events"] > 0
        assert not store.query_events(con).empty
    with pytest.raises(store.StoreError, match="Parquet dataset"):
        store.connect(out)  # written only by the Dask engine
