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


def test_a_town_after_pid_only_locates_the_village_before_it(gazetteer) -> None:
    got = events("Згорілий склад у Терновій під Харковом після нічного удару", gazetteer)
    assert [name for name, _, _ in got][:1] == ["Ternova"]


def test_a_first_word_located_by_a_town_is_a_place(gazetteer) -> None:
    got = events("Антонівка на околиці Херсона після обстрілу", gazetteer)
    assert [(name, admin1) for name, admin1, _ in got][:1] == [("Antonivka", "Kherson Oblast")]


def test_a_name_across_a_semicolon_belongs_to_its_own_clause(gazetteer) -> None:
    text = (
        "Минулої доби у селі Рижівка внаслідок обстрілу пошкоджено сарай; "
        "у Хотіні ворожий дрон скинув вибухівку на авто."
    )
    got = events(text, gazetteer, dt.date(2023, 11, 8))
    assert [(name, str(e.event_date)) for name, _, e in got] == [
        ("Ryzhivka", "2023-11-07"),
        ("Khotin", "2023-11-07"),
    ]


def test_a_carried_day_stays_with_both_clauses(gazetteer) -> None:
    text = (
        "Учора ворог обстріляв Куп'янськ. У селі Ківшарівка згорів сарай; у Петропавлівці дрон скинув міну."
    )
    got = events(text, gazetteer, dt.date(2024, 6, 10))
    assert {str(e.event_date) for _, _, e in got} == {"2024-06-09"}


def test_a_neighbourhood_is_part_of_its_town(gazetteer) -> None:
    got = events("Окупанти штурмували позиції в мікрорайоні Сонячний у Куп'янську.", gazetteer)
    assert [name for name, _, _ in got] == ["Kupyansk"]


def test_an_institution_building_is_no_place(gazetteer) -> None:
    got = events("Вчера ракета попала в Дом культуры в центре Сум.", gazetteer)
    assert [name for name, _, _ in got] == ["Sumy"]


def test_a_title_is_no_place(gazetteer) -> None:
    got = events("Министр доложил Верховному главнокомандующему о взятии Работино.", gazetteer)
    assert [name for name, _, _ in got] == ["Robotyne"]
