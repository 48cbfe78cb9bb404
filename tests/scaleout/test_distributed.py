"""The Dask engine: a 2-worker LocalCluster produces the same records as the single-process run,
cross-report dedup included (first run, re-run, a second run whose reports merge into earlier events),
and the Parquet dataset reads like a database file."""

from __future__ import annotations

import shutil
import sys
import types

import pytest

from components import cli, pipeline, store
from components.evaluation.bench import generated_corpus
from components.filters import EventFilter
from components.scaleout import distributed

pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
pytestmark = pytest.mark.slow

# Set by the clock at ingest: not part of the pipeline's output.
NOT_COMPARED = {"ingested_at"}
TABLES = (
    ("articles", "article_id"),
    ("events", "event_id"),
    ("mentions", "article_id"),
    ("event_sources", "event_id"),
)

# Four reports of one drone strike (same place, same day, different outlets and words), written for this
# test: two in the first run, two more in a second run that must merge into the event of the first.
KREMENCHUK = [  # (title, outlet, published, text)
    (
        "Drones hit fuel depot in Kremenchuk",
        "Dnipro Ledger",
        "2022-06-28",
        "Russian drones struck a fuel depot in Kremenchuk on Monday, regional officials said. "
        "The explosion set two storage tanks on fire.",
    ),
    (
        "Fire at Kremenchuk oil storage after overnight attack",
        "Poltava Evening Post",
        "2022-06-28",
        "An attack by Russian drones on Monday hit an oil storage site in Kremenchuk, starting a large fire, "
        "the mayor said.",
    ),
    (
        "Kremenchuk depot burns for a second day",
        "Steppe Wire",
        "2022-06-29",
        "Russian drones struck the fuel depot in Kremenchuk on Monday, and firefighters were still battling "
        "the blaze a day later.",
    ),
    (
        "Mayor: drone strike destroyed Kremenchuk fuel tanks",
        "River Crossing Daily",
        "2022-06-29",
        "The mayor of Kremenchuk said a Russian drone strike on Monday destroyed three fuel tanks at the "
        "depot near the river port.",
    ),
]


def table(con, name: str, key: str):
    df = con.execute(f"SELECT * FROM {name}").df()
    df = df[[c for c in sorted(df.columns) if c not in NOT_COMPARED]]
    order = [c for c in (key, "start_char", "source_id", "report_id") if c in df.columns]
    return df.sort_values(order, ignore_index=True)


def assert_same_records(db, out) -> None:
    """Every table, and the events every page and export read, are equal (dedup columns included)."""
    with store.reading(db) as a, store.reading(out) as b:
        for name, key in TABLES:
            left, right = table(a, name, key), table(b, name, key)
            assert list(left.columns) == list(right.columns)
            assert left.equals(right) or left.astype(str).equals(right.astype(str)), name
        left, right = (store.query_events(c).sort_values("event_id", ignore_index=True) for c in (a, b))
        assert left.astype(str).equals(right.astype(str))


def merged_events(path) -> int:
    with store.reading(path) as con:
        return con.execute("SELECT count(*) FROM events WHERE merged_into IS NOT NULL").fetchone()[0]


@pytest.fixture(scope="module", autouse=True)
def plain_main():
    """Dask starts workers with multiprocessing's spawn, which re-runs the parent's `__main__` script.
    Earlier AppTests leave their temporary app script as `__main__`; hide it, as an interactive session
    would have none."""
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    yield
    sys.modules["__main__"] = saved


def write_reports(folder, reports) -> None:
    for i, (title, outlet, published, text) in enumerate(reports):
        content = f"{title}\nPublished: {published}\nSource: {outlet}\n\n{text}\n"
        (folder / f"kremenchuk_{i}.txt").write_text(content, encoding="utf-8")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for article in generated_corpus(40, words=80, seed=3):
        content = f"{article.title}\nPublished: {article.published}\n\n{article.text}\n"
        (docs / f"{article.title.replace(' ', '_')}.txt").write_text(content, encoding="utf-8")
    write_reports(docs, KREMENCHUK[:2])
    more = tmp_path_factory.mktemp("more")
    write_reports(more, KREMENCHUK[2:])
    local_dir, snapshots = tmp_path_factory.mktemp("local"), tmp_path_factory.mktemp("first")
    db, out = local_dir / "local.duckdb", tmp_path_factory.mktemp("parquet")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CT_WRITE_BATCH", "4")  # several write batches: the Dask dedup must replay them
        local = pipeline.ingest_paths([docs], db_path=db)
        shutil.copy(db, snapshots / "local.duckdb")
        dask_report = distributed.ingest([docs], out_dir=out, n_workers=2, chunk=8)
        orphan = next((out / "events").rglob("*.parquet"))  # as if a worker died before its articles file
        shutil.copy(orphan, orphan.with_name("part-dead-00000-0.parquet"))
        again = distributed.ingest([docs], out_dir=out, n_workers=2, chunk=8)
        shutil.copytree(out, snapshots / "parquet")
        local2 = pipeline.ingest_paths([more], db_path=db)
        dask2 = distributed.ingest([more], out_dir=out, n_workers=2, chunk=8)
    return types.SimpleNamespace(
        db1=snapshots / "local.duckdb",
        out1=snapshots / "parquet",
        db=db,
        out=out,
        local=local,
        dask=dask_report,
        again=again,
        local2=local2,
        dask2=dask2,
    )


def test_two_worker_cluster_equals_single_process(runs):
    assert runs.dask.workers == 2 and runs.dask.tasks == 6
    assert runs.dask.articles_new == runs.local.articles_new == 42
    assert runs.dask.events == runs.local.events > 42
    # the corpus really holds reports of one event, and both engines merge the same ones
    assert runs.dask.merged == runs.local.merged == merged_events(runs.db1) == merged_events(runs.out1) > 1
    assert_same_records(runs.db1, runs.out1)


def test_rerun_adds_nothing_and_keeps_the_merges(runs):
    again = runs.again
    assert again.articles_new == 0 and again.duplicates == 42 and again.events == 0 and again.merged == 0
    assert merged_events(runs.out1) == runs.dask.merged  # out1 was copied after the re-run
    assert not list(runs.out1.rglob("part-dead-*"))  # the re-run deleted the orphan first


def test_a_second_run_merges_new_reports_into_existing_events(runs):
    assert runs.dask2.articles_new == runs.local2.articles_new == 2
    assert runs.dask2.merged == runs.local2.merged == 2
    assert "reports merged into one event with other reports: 2" in runs.dask2.lines()  # the CLI prints these
    assert_same_records(runs.db, runs.out)
    with store.reading(runs.out) as con:
        depot = store.query_events(con, EventFilter(countries=("UA",)))
        depot = depot[
            depot.location.str.contains("Kremenchuk") & (depot.event_date.astype(str) == "2022-06-27")
        ]
        assert depot[["n_reports", "n_sources"]].values.tolist() == [[4, 4]]
        sources = store.event_sources(con, depot.event_id.item())
        assert sorted(sources.outlet) == sorted(outlet for _, outlet, *_ in KREMENCHUK)


def test_export_reads_the_same_events(runs, capsys):
    outputs = []
    for path in (runs.db, runs.out):
        assert cli.main(["export", "--db", str(path), "--format", "csv"]) == 0
        outputs.append(sorted(capsys.readouterr().out.splitlines()))
    assert outputs[0] == outputs[1] and len(outputs[0]) > 40


def test_events_are_partitioned_by_month_and_queries_work(runs):
    out = runs.out
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months and all(m.startswith("month=") for m in months)
    with store.reading(out) as con:
        # every page counts the events left after dedup; `summary` counts the rows, merged reports included
        assert store.count_events(con) == store.summary(con)["events"] - merged_events(out) > 0
        assert not store.query_events(con).empty
    with pytest.raises(store.StoreError, match="Parquet dataset"):
        store.connect(out)  # written only by the Dask engine
