"""Ukrainian and Russian reports through the whole pipeline: the place and day of each event (slow: loads
the gazetteer). The sentences are the project's own."""

from __future__ import annotations

import datetime as dt

import pytest

from components import pipeline
from components.records import BATTLES, EXPLOSIONS, Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gazetteer():
    from components.geo.gazetteer.index import load_gazetteer

    g = load_gazetteer()
    if not g.hits("Синьківка"):
        pytest.skip("gazetteer built without the UA village dump")
    return g


def events(text: str, gazetteer, published: dt.date = dt.date(2024, 6, 10)):
    article = Article("t-1", "", text, published, "test")
    (result,) = pipeline.run([article], gazetteer=gazetteer)
    return [
        (e.place.name if e.place else None, e.place.admin1 if e.place else None, e) for e in result.events
    ]


def test_a_caption_names_the_strike_after_pislia(gazetteer) -> None:
    got = events("Руїни школи в Куп'янську після удару КАБом, 8 червня", gazetteer)
    assert [(name, str(e.event_date), e.event_type) for name, _, e in got] == [
        ("Kupyansk", "2024-06-08", EXPLOSIONS)
    ]


def test_a_withdrawal_is_a_battle_at_the_town(gazetteer) -> None:
    got = events("Українські підрозділи вийшли з Вугледара на Донеччині, повідомили в штабі.", gazetteer)
    assert [(name, admin1, e.event_type) for name, admin1, e in got] == [
        ("Vuhledar", "Donetsk Oblast", BATTLES)
    ]


def test_an_entry_in_russian_is_a_battle_at_the_town(gazetteer) -> None:
    got = events("Украинские войска вошли в Херсон утром.", gazetteer)
    assert [(name, e.event_type) for name, _, e in got] == [("Kherson", BATTLES)]


def test_a_colloquial_oblast_after_a_list_qualifies_each_name(gazetteer) -> None:
    got = events("Вночі дрони атакували Токарівку та Понятівку на Херсонщині.", gazetteer)
    assert {admin1 for _, admin1, _ in got} == {"Kherson Oblast"} and len(got) == 2


def test_the_genitive_of_pokrovsk_is_the_town(gazetteer) -> None:
    got = events("Триває евакуація дітей з Покровська.", gazetteer)
    assert [(name, admin1) for name, admin1, _ in got] == [("Pokrovsk", "Donetsk Oblast")]


def test_a_yearly_tally_is_no_event(gazetteer) -> None:
    assert events("За 2023 рік у Харківській області загинули 300 цивільних.", gazetteer) == []
