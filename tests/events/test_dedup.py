"""Deduplication across reports: merge, not-merge cases, split, idempotence, queries show one event."""

import datetime as dt
import json

import pytest

from components import cli, store
from components.errors import StoreError
from components.events import dedup
from components.filters import EventFilter
from components.records import BATTLES, EXPLOSIONS, Article, Event, Place
from components.store import queries

# The Kerch Bridge (project landmark) and a point ~30 km away on the Kerch peninsula.
KERCH_BRIDGE = Place(900000001, "Kerch Bridge", 45.3083, 36.5131, "UA", "Crimea", "UA.11", "S", "BDG")
KERCH = Place(706524, "Kerch", 45.3607, 36.4706, "UA", "Crimea", "UA.11")  # ~6.6 km from the bridge
FAR = Place(1, "Far", 45.3083, 36.9, "UA", "Crimea", "UA.11")  # ~30 km east
UKRAINE = Place(690791, "Ukraine", 48.97, 31.37, "UA", "", "", "A", "PCLI")
DAY = dt.date(2022, 10, 8)


def report(
    article_id, outlet, *, place=KERCH_BRIDGE, day=DAY, etype=EXPLOSIONS, actors=("Russia", ""), geo=1
):
    text = f"A massive explosion damaged the bridge ({article_id})."
    art = Article(
        article_id, f"Blast {article_id}", text, dt.date(2022, 10, 9), outlet, f"https://x/{article_id}"
    )
    ev = Event(
        event_id=f"e-{article_id}",
        article_id=article_id,
        event_type=etype,
        event_date=day,
        time_precision=1,
        date_start=day,
        date_end=day,
        date_text="on Saturday",
        actor1=actors[0],
        actor2=actors[1],
        place=place,
        geo_precision=geo if place else 0,
        location=place.name if place else "",
        trigger="explosion",
        evidence=text,
        start_char=0,
        end_char=len(text),
        country="Ukraine",
    )
    return art, ev


def write(con, *reports):
    store.write_articles(con, [(art, [], [ev]) for art, ev in reports])
    return [ev.event_id for _, ev in reports]


@pytest.fixture
def con(tmp_path):
    c = store.connect(tmp_path / "d.duckdb")
    yield c
    c.close()


def active(con):
    return con.execute(
        "SELECT event_id, n_reports, n_sources FROM events WHERE merged_into IS NULL ORDER BY event_id"
    ).fetchall()


def test_two_outlets_reporting_the_kerch_bridge_blast_merge_into_one_event(con):
    ids = write(con, report("a", "Reuters"), report("b", "AP", place=KERCH, actors=("", "")))
    rep = dedup.dedup(con, event_ids=ids)
    assert (rep.merged, rep.events) == (1, 1)
    # the bridge (a landmark, geo 1 at the exact place) survives; both reports' evidence is kept
    assert active(con) == [("e-a", 2, 2)]
    sources = store.event_sources(con, "e-a")
    assert set(sources["outlet"]) == {"Reuters", "AP"} and set(sources["report_id"]) == {"e-a", "e-b"}
    assert all("explosion" in e for e in sources["evidence"])
    assert con.execute("SELECT merged_into FROM events WHERE event_id = 'e-b'").fetchone() == ("e-a",)


def test_same_outlet_counts_one_source(con):
    ids = write(con, report("a", "Reuters"), report("b", "Reuters"))
    dedup.dedup(con, event_ids=ids)
    assert active(con) == [("e-a", 2, 1)]


@pytest.mark.parametrize(
    "other",
    [
        {"etype": BATTLES},  # different type
        {"place": FAR},  # ~30 km away
        {"day": DAY + dt.timedelta(days=2)},  # two days apart
        {"actors": ("Ukraine", "")},  # incompatible actors
        {"place": None},  # no coordinates
        {"day": None},  # undated
        {"place": UKRAINE, "geo": 3},  # a country-level place
    ],
    ids=["type", "distance", "days", "actors", "no-place", "undated", "region"],
)
def test_not_the_same_event(con, other):
    first = report("a", "Reuters", **({"place": UKRAINE, "geo": 3} if "geo" in other else {}))
    ids = write(con, first, report("b", "AP", **other))
    assert dedup.dedup(con, event_ids=ids).merged == 0
    assert len(active(con)) == 2


def test_overlapping_actor_sets_merge_and_window_is_configurable(con):
    ids = write(
        con,
        report("a", "Reuters", actors=("Russia", "Ukraine")),
        report("b", "AP", actors=("Ukraine", ""), day=DAY + dt.timedelta(days=2)),
    )
    assert dedup.dedup(con, event_ids=ids).merged == 0  # 2 days > the default ±1
    assert dedup.dedup(con, days=2).merged == 1


def test_split_restores_the_reports_and_a_rerun_keeps_them_apart(con):
    ids = write(con, report("a", "Reuters"), report("b", "AP"), report("c", "BBC"))
    dedup.dedup(con, event_ids=ids)
    assert active(con) == [("e-a", 3, 3)]
    assert dedup.split(con, "e-a") == ["e-b", "e-c"]
    assert active(con) == [("e-a", 1, 1), ("e-b", 1, 1), ("e-c", 1, 1)]
    for eid in ids:
        assert store.event_sources(con, eid)["report_id"].tolist() == [eid]
    assert dedup.dedup(con).merged == 0  # split is remembered
    with pytest.raises(StoreError):
        dedup.split(con, "nope")


def test_rerun_is_idempotent_and_new_reports_join_the_existing_event(con):
    write(con, report("a", "Reuters"), report("b", "AP"))
    assert dedup.dedup(con).merged == 1
    assert dedup.dedup(con).merged == 0
    assert active(con) == [("e-a", 2, 2)]
    ids = write(con, report("c", "BBC", day=DAY + dt.timedelta(days=1)))
    assert dedup.dedup(con, event_ids=ids).merged == 1
    assert active(con) == [("e-a", 3, 3)]
    with pytest.raises(StoreError, match="merged into e-a"):
        dedup.split(con, "e-c")


def test_queries_show_the_merged_event_once(con):
    write(con, report("a", "Reuters"), report("b", "AP"), report("z", "AP", place=FAR))
    dedup.dedup(con)
    flt = EventFilter(countries=("UA",))
    assert store.count_events(con, flt) == 2
    assert len(store.query_events(con, flt)) == 2
    assert queries.headline(con, flt)["events"] == 2
    assert int(queries.weekly_counts(con, flt)["n"].sum()) == 2
    assert int(queries.daily_counts(con, flt)["n"].sum()) == 2
    assert queries.extent(con, flt)["n"] == 2
    assert int(queries.grid_counts(con, flt, 1.0)["n"].sum()) == 2
    assert store.countries(con)["n_events"].tolist() == [2]
    page, total = queries.query_events_page(con, flt)
    assert total == 2 and page.loc[page.event_id == "e-a", "n_reports"].item() == 2


def test_cli_dedup_and_split(tmp_path, capsys):
    db = tmp_path / "c.duckdb"
    c = store.connect(db)
    write(c, report("a", "Reuters"), report("b", "AP"))
    c.close()
    assert cli.main(["dedup", "--db", str(db), "--km", "5", "--days", "0"]) == 0
    assert "1 reports merged into 1 events" in capsys.readouterr().out
    assert cli.main(["split", "e-a", "--db", str(db)]) == 0
    assert "e-b" in capsys.readouterr().out
    assert cli.main(["dedup", "--db", str(db), "--km", "-1"]) == 2


def test_ingest_merges_reports_of_an_event_already_stored(tmp_path):
    from components import pipeline

    text = (
        "A massive explosion damaged the Kerch Bridge on Saturday, which connects Crimea to mainland Russia."
    )
    arts = [
        Article(f"k{i}", "Kerch Bridge blast", text + " " * i, dt.date(2022, 10, 9), outlet)
        for i, outlet in enumerate(("Reuters", "AP"))
    ]
    con = store.connect(tmp_path / "i.duckdb")
    try:
        first = pipeline.ingest_items(arts[:1], con)
        second = pipeline.ingest_items(arts[1:], con)
        assert first.events >= 1 and second.merged >= 1
        bridge = store.query_events(con, EventFilter())
        row = bridge[bridge.location.str.contains("Kerch")].iloc[0]
        assert (row.n_reports, row.n_sources) == (2, 2)
    finally:
        con.close()


def test_ingest_by_path_merges_with_short_lived_connections(tmp_path):
    # The command-line path: the database is opened per write batch, and dedup runs inside that batch.
    from components import pipeline

    for i, outlet in enumerate(("Reuters", "AP")):
        blast = "A massive explosion damaged the Kerch Bridge on Saturday, which connects Crimea to"
        text = f"{blast} mainland Russia, {outlet} reported."
        record = {"title": f"Kerch Bridge blast ({outlet})", "source": outlet, "published": "2022-10-09"}
        record["text"] = text
        (tmp_path / f"{i}.json").write_text(json.dumps(record), encoding="utf-8")
    report = pipeline.ingest_paths([tmp_path], db_path=tmp_path / "p.duckdb")
    assert report.articles_new == 2 and report.merged >= 1
    with store.reading(tmp_path / "p.duckdb") as con:
        bridge = store.query_events(con, EventFilter())
        row = bridge[bridge.location.str.contains("Kerch")].iloc[0]
        assert (row.n_reports, row.n_sources) == (2, 2)


def test_window_setting_is_validated(monkeypatch):
    monkeypatch.setenv("CT_DEDUP_KM", "lots")
    with pytest.raises(StoreError):
        dedup.window()
    monkeypatch.setenv("CT_DEDUP_KM", "10")
    assert dedup.window() == (10.0, 1)


# Two front-line villages 3 km apart, and a region placed "near" (precision 2) by a fallback.
VILLAGE_A = Place(701, "Village A", 48.50, 37.90, "UA", "Donetsk Oblast", "UA.05", "P", "PPL", 300)
VILLAGE_B = Place(702, "Village B", 48.52, 37.93, "UA", "Donetsk Oblast", "UA.05", "P", "PPL", 200)
DONETSK_OBLAST = Place(709716, "Donetsk Oblast", 48.0, 37.8, "UA", "Donetsk Oblast", "UA.05", "A", "ADM1")


def test_reports_at_two_different_villages_are_kept_apart_however_close(con):
    ids = write(con, report("a", "Reuters", place=VILLAGE_A), report("b", "AP", place=VILLAGE_B))
    assert dedup.dedup(con, event_ids=ids).merged == 0
    assert len(active(con)) == 2


def test_reports_at_the_same_village_merge(con):
    ids = write(con, report("a", "Reuters", place=VILLAGE_A), report("b", "AP", place=VILLAGE_A, geo=2))
    assert dedup.dedup(con, event_ids=ids).merged == 1


def test_region_fallback_places_never_merge_even_at_near_precision(con):
    ids = write(
        con,
        report("a", "Reuters", place=DONETSK_OBLAST, geo=2),
        report("b", "AP", place=DONETSK_OBLAST, geo=2),
    )
    assert dedup.dedup(con, event_ids=ids).merged == 0
    assert len(active(con)) == 2
