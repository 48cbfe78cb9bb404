"""DuckDB store: idempotent, transactional writes and parameterised queries."""

import dataclasses
import datetime as dt
import json

import duckdb
import pandas as pd
import pytest

from components import store
from components.errors import StoreError
from components.filters import EventFilter
from components.records import EXPLOSIONS, Article, Candidate, Event, Mention, Place, ResolvedMention
from components.store import export

NIKOPOL = Place(700051, "Nikopol", 47.5683, 34.3913, "UA", "Dnipropetrovsk Oblast", "UA.04")


def make(article_id="a1", published=dt.date(2022, 10, 15), title="Nikopol shelled"):
    text = "Buildings in the town of Nikopol were attacked on Monday."
    art = Article(article_id, title, text, published, "desk", "https://example.org/1")
    m = Mention(article_id, 25, 32, "Nikopol", "ORG", "place", 0)
    rm = ResolvedMention(m, NIKOPOL, 4.2, (Candidate(700051, "Nikopol", "UA", 4.2, "country in context"),))
    ev = Event(
        event_id=f"e-{article_id}",
        article_id=article_id,
        event_type=EXPLOSIONS,
        event_date=dt.date(2022, 10, 10),
        time_precision=1,
        date_start=dt.date(2022, 10, 10),
        date_end=dt.date(2022, 10, 10),
        date_text="on Monday",
        actor1="Russia",
        actor2="",
        place=NIKOPOL,
        geo_precision=1,
        location="Nikopol",
        trigger="attacked",
        evidence=text,
        start_char=0,
        end_char=len(text),
        country="Ukraine",
    )
    return art, [rm], [ev]


def test_write_is_idempotent_and_queries_join_articles(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    assert store.write_article(con, *make()) is True
    assert store.write_article(con, *make()) is False  # same article twice changes nothing
    assert store.summary(con) == {"articles": 1, "mentions": 1, "events": 1}
    df = store.query_events(con, EventFilter(countries=("UA",)))
    row = df.iloc[0]
    assert (row.place_name, row.country_code, row.title, row.geonameid) == (
        "Nikopol",
        "UA",
        "Nikopol shelled",
        700051,
    )
    assert row.event_date == dt.date(2022, 10, 10) or str(row.event_date)[:10] == "2022-10-10"
    assert store.count_events(con, EventFilter(countries=("BY",))) == 0
    mentions = store.article_mentions(con, "a1")
    assert json.loads(mentions.iloc[0].candidates)[0]["reason"] == "country in context"
    assert store.countries(con).to_dict("records") == [
        {"country_code": "UA", "country": "Ukraine", "n_events": 1}
    ]
    assert store.get_article(con, "a1")["title"] == "Nikopol shelled"
    assert store.get_article(con, "nope") is None


def test_failed_write_leaves_nothing_half_written(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    art, mentions, events = make()
    store.write_article(con, *make("a0"))
    duplicate_event = [*events, events[0]]  # the same event_id twice violates the primary key
    with pytest.raises(StoreError):
        store.write_article(con, art, mentions, duplicate_event)
    assert store.summary(con) == {"articles": 1, "mentions": 1, "events": 1}
    assert not store.has_article(con, art.article_id)


def test_hostile_text_is_stored_as_data(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    title = "'); DROP TABLE events; -- <script>alert(1)</script>"
    store.write_article(con, *make(title=title))
    assert store.query_events(con).iloc[0].title == title
    assert store.summary(con)["events"] == 1


def test_read_only_missing_db_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="ingest some articles first"):
        store.connect(tmp_path / "none.duckdb", read_only=True)


def test_exports_carry_every_event(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    store.write_article(con, *make("a1"))
    store.write_article(con, *make("a2", published=None, title="Second"))
    df = store.query_events(con)
    csv_text = export.to_csv(df)
    assert csv_text.splitlines()[0].startswith("event_id,event_date,time_precision")
    assert len(csv_text.strip().splitlines()) == 3
    rows = [json.loads(line) for line in export.to_jsonl(df).splitlines()]
    assert {r["article_id"] for r in rows} == {"a1", "a2"}
    assert rows[0]["event_date"] == "2022-10-10"
    gj = json.loads(export.to_geojson(df))
    assert gj["features"][0]["geometry"] == {"type": "Point", "coordinates": [34.3913, 47.5683]}


def test_event_sources_and_acled_fields_are_stored(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    art, mentions, events = make()
    ev = dataclasses.replace(
        events[0],
        sub_event_type="Shelling/artillery/missile attack",
        fatalities=3,
        fatalities_text="killing 3",
        confidence={"location": 0.85},
    )
    store.write_article(con, art, mentions, [ev])
    row = store.query_events(con).iloc[0]
    assert (row.sub_event_type, row.fatalities, row.dataset, row.n_reports, row.n_sources) == (
        "Shelling/artillery/missile attack",
        3,
        "articles",
        1,
        1,
    )
    assert json.loads(row.confidence) == {"location": 0.85}
    assert set(store.EVENT_COLUMNS) <= set(store.query_events(con).columns)
    sources = store.event_sources(con, "e-a1")
    assert sources.iloc[0][["article_id", "title", "outlet", "start_char"]].tolist() == [
        "a1",
        "Nikopol shelled",
        "desk",
        0,
    ]


def _downgrade_to_schema_1(path):
    """A database as the previous release wrote it: no schema-2 columns, no event_sources/meta."""
    con = duckdb.connect(str(path))
    for name, _ in store.EVENT_COLUMNS_V2:
        con.execute(f"ALTER TABLE events DROP COLUMN {name}")
    con.execute("DROP TABLE event_sources")
    con.execute("DROP TABLE meta")
    con.close()


def test_old_schema_is_a_clear_error_read_only_and_migrated_when_writable(tmp_path):
    path = tmp_path / "old.duckdb"
    con = store.connect(path)
    store.write_article(con, *make())
    con.close()
    _downgrade_to_schema_1(path)
    with pytest.raises(StoreError, match="older schema"):
        store.connect(path, read_only=True)
    con = store.connect(path)  # writable: upgraded in place
    row = store.query_events(con).iloc[0]
    assert (row.dataset, row.n_reports, row.sub_event_type) == ("articles", 1, "")
    assert len(store.event_sources(con, "e-a1")) == 1  # the back-filled report
    assert store.migrate(con) == 0  # idempotent
    con.close()
    store.connect(path, read_only=True).close()


# Filters the sorted page is checked under: none, a country, a text search, a date bound.
FILTERS = [
    EventFilter(),
    EventFilter(countries=("UA",)),
    EventFilter(text="strikes"),
    EventFilter(date_from=dt.date(2022, 10, 5), include_undated=False),
]


@pytest.mark.parametrize("flt", FILTERS)
def test_newest_events_cut_from_events_equal_sorting_the_joined_view(mixed_db, flt) -> None:
    """query_events(limit=) cuts the page from `events` before joining the articles; the result must equal
    sorting the whole joined view (the old, slow query)."""
    with store.reading(mixed_db) as con:
        where, params = flt.to_sql()
        sql = (
            f"SELECT * FROM ({store.EVENTS_VIEW}) WHERE {where} ORDER BY event_date DESC NULLS LAST, event_id"
        )
        by_date = con.execute(sql, params).df()
        assert len(by_date) > 0
        newest = store.query_events(con, flt, limit=5)
        pd.testing.assert_frame_equal(newest, by_date.head(5), check_dtype=False)
        assert store.count_events(con, flt) == len(by_date)


def test_what_a_report_says_beyond_the_record_is_stored(tmp_path) -> None:
    """Event.extra (an approximate date, the injured) is written as JSON and read back by the event detail;
    an event without it reads as {}."""
    from components.store import queries

    con = store.connect(tmp_path / "x.duckdb")
    try:
        article = Article(
            "a1", "t", "Around 7 February a drone struck a barn; two people were injured.", None
        )
        store.write_article(con, article, (), ())
        base = Event(
            event_id="e1",
            article_id="a1",
            event_type="Explosions/Remote violence",
            event_date=None,
            time_precision=1,
            date_start=None,
            date_end=None,
            date_text="Around 7 February",
            actor1="",
            actor2="",
            place=None,
            geo_precision=0,
            location="",
            trigger="struck",
            evidence=article.text,
            start_char=0,
            end_char=len(article.text),
        )
        noted = dataclasses.replace(base, extra={"approximate": True, "injured": 2})
        plain = dataclasses.replace(base, event_id="e2", start_char=1)
        store.write_events(con, [noted, plain])
        assert queries.event_detail(con, "e1")["event"]["extra"] == {"approximate": True, "injured": 2}
        assert queries.event_detail(con, "e2")["event"]["extra"] == {}
    finally:
        con.close()


def test_language_round_trip_from_article_to_events_reads_and_exports(tmp_path) -> None:
    """An article's language is stored with it and with its events; imported rows get ''; reads, the
    language filter and every export carry the column."""
    con = store.connect(tmp_path / "lang.duckdb")
    try:
        art, mentions, evs = make("a-uk")
        store.write_article(con, dataclasses.replace(art, language="uk"), mentions, evs)
        store.write_article(con, *make("a-plain"))  # language not detected: ''
        imported = dataclasses.replace(evs[0], event_id="acled:1", article_id="acled:1", dataset="acled")
        assert store.write_events(con, [imported]) == (1, 0)
        by_id = store.query_events(con).set_index("event_id")["language"].to_dict()
        assert by_id == {"e-a-uk": "uk", "e-a-plain": "", "acled:1": ""}
        assert store.get_article(con, "a-uk")["language"] == "uk"
        listed = store.query_articles(con).set_index("article_id")["language"].to_dict()
        assert listed == {"a-uk": "uk", "a-plain": ""}
        only_uk = EventFilter(languages=("uk",))
        assert store.query_events(con, only_uk)["event_id"].tolist() == ["e-a-uk"]
        assert store.query_articles(con, only_uk)["article_id"].tolist() == ["a-uk"]
        df = store.query_events(con, only_uk)
        assert "language" in export.to_csv(df).splitlines()[0].split(",")
        assert json.loads(export.to_jsonl(df))["language"] == "uk"
        assert json.loads(export.to_geojson(df))["features"][0]["properties"]["language"] == "uk"
    finally:
        con.close()
