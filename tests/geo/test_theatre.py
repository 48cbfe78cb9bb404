"""The theatre (the regions of a corpus's events) breaks ties between same-named villages, never more."""

from __future__ import annotations

import datetime as dt

import pytest

from components import pipeline, store
from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.geo.ranking import rank
from components.geo.theatre import MIN_EVENTS, NO_THEATRE, W_THEATRE, theatre_of, theatre_of_places
from components.records import Article

DONETSK, MYKOLAIV, KHARKIV = "UA.05", "UA.16", "UA.07"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = load_gazetteer()
    if len({g.code("admin1_code", h.row) for h in g.hits("Novokaterynivka")}) < 2:
        pytest.skip("gazetteer built without the UA village dump")
    return g


def test_a_theatre_needs_enough_events_and_drops_stray_regions():
    assert theatre_of([DONETSK] * (MIN_EVENTS - 1)) == NO_THEATRE
    assert not theatre_of([])
    t = theatre_of([DONETSK] * 60 + [KHARKIV] * 39 + [MYKOLAIV] + ["", ""])
    assert t.events == 100  # events without a region are not counted
    assert t.share(DONETSK) == 0.6 and t.share(KHARKIV) == 0.39
    assert t.share(MYKOLAIV) == 0.0  # 1% is under MIN_SHARE
    assert theatre_of({DONETSK: 30, KHARKIV: 10}).share(KHARKIV) == 0.25
    assert "Donetsk Oblast 75%" in theatre_of({DONETSK: 30, KHARKIV: 10}).describe(
        {DONETSK: "Donetsk Oblast"}.get
    )


def _best_region(gaz: Gazetteer, name: str, **kw) -> str:
    return gaz.code("admin1_code", rank(gaz, name, **kw)[0].row)


def test_a_bare_village_name_goes_to_the_theatre(gaz):
    # Two villages share the name; the one in Mykolaiv Oblast has the larger (known) population.
    assert _best_region(gaz, "Novokaterynivka") == MYKOLAIV
    theatre = theatre_of({DONETSK: 80, KHARKIV: 20})
    assert _best_region(gaz, "Novokaterynivka", theatre=theatre) == DONETSK
    best = rank(gaz, "Novokaterynivka", theatre=theatre)[0]
    assert "80% of the corpus's events are in Donetsk Oblast" in best.reason


def test_the_text_outweighs_the_theatre(gaz):
    theatre = theatre_of({DONETSK: 100})
    assert _best_region(gaz, "Novokaterynivka", theatre=theatre, within=MYKOLAIV) == MYKOLAIV
    # a region's share never goes to the region itself or to a city that is not in it
    assert _best_region(gaz, "Kharkiv", theatre=theatre) == KHARKIV


def test_the_bonus_is_bounded(gaz):
    plain = {s.row: s.score for s in rank(gaz, "Novokaterynivka")}
    for s in rank(gaz, "Novokaterynivka", theatre=theatre_of({DONETSK: 50, MYKOLAIV: 50})):
        assert 0 <= s.score - plain[s.row] <= W_THEATRE / 2 + 1e-9


def test_stored_events_give_the_theatre(gaz):
    kramatorsk = next(h.row for h in gaz.hits("Kramatorsk") if gaz.code("admin1_code", h.row) == DONETSK)
    t = theatre_of_places({int(gaz.geonameid[kramatorsk]): 25, 999_999_999: 5}, gaz)
    assert t.share(DONETSK) == 1.0 and t.events == 25  # an id the gazetteer lacks is left out


TOWNS = ("Kramatorsk", "Sloviansk", "Kostiantynivka", "Pokrovsk", "Druzhkivka")


@pytest.mark.slow
def test_an_ingest_ranks_by_the_events_already_stored(gaz):
    con = store.open_memory()
    published = dt.date(2024, 6, 30)
    earlier = [
        Article(
            f"theatre-{i}",
            f"Shelling report {i}",
            " ".join(f"On {d} June Russian artillery shelled {town}." for d, town in enumerate(TOWNS, 1)),
            published=published,
        )
        for i in range(5)
    ]
    report = pipeline.ingest_items(earlier, con, workers=1)
    assert report.events >= MIN_EVENTS
    bare = Article("theatre-bare", "Village shelled", "Russian artillery shelled Novokaterynivka.", published)
    pipeline.ingest_items([bare], con, workers=1)
    (region,) = con.execute("SELECT admin1 FROM events WHERE article_id = 'theatre-bare'").fetchone()
    assert region == "Donetsk Oblast"
    # the same report alone, in an empty store, goes to the larger village
    alone = store.open_memory()
    pipeline.ingest_items([bare], alone, workers=1)
    (region,) = alone.execute("SELECT admin1 FROM events").fetchone()
    assert region == "Mykolaiv Oblast"
