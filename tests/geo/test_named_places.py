"""Ukrainian and Russian names resolved in context (components/geo/named_places.py): oblasts to their ADM1
entry, districts to their raion, a place inside the oblast or district written after it (or after the list
it ends), Ukraine as the default country. The names are given by hand, as the finder would give them."""

from __future__ import annotations

import pytest
from test_geocoders import NoNetworkAdapter

from components.geo.distance import haversine_km
from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.geo.geocoders.gazetteer import GazetteerGeocoder
from components.geo.named_places import (
    KIND_AXIS,
    KIND_DISTRICT,
    KIND_OBLAST,
    KIND_PLACE,
    Named,
    resolve_named,
)
from components.records import Mention

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = load_gazetteer()
    if not g.hits("Синьківка"):
        pytest.skip("gazetteer built without the UA village dump")
    return g


@pytest.fixture(scope="module")
def geocoder(gaz: Gazetteer) -> GazetteerGeocoder:
    return GazetteerGeocoder(gaz, adapter_factory=NoNetworkAdapter)


def named(text: str, *items: tuple[str, tuple[str, ...], str]) -> list[Named]:
    out, pos = [], 0
    for surface, names, kind in items:
        start = text.index(surface, pos)
        pos = start + len(surface)
        out.append(Named(Mention("a", start, pos, surface, "GAZ", "place", 0), names, kind))
    return out


def test_an_oblast_after_a_place_picks_the_place_inside_it(gaz, geocoder) -> None:
    text = "Росіяни обстріляли Антонівку Миколаївської області."
    got = resolve_named(
        named(
            text,
            ("Антонівку", ("Антонівка",), KIND_PLACE),
            ("Миколаївської області", ("Mykolaiv Oblast",), KIND_OBLAST),
        ),
        text,
        gaz,
        geocoder,
    )
    assert got[0].place is not None and got[0].place.admin1 == "Mykolaiv Oblast"
    assert got[1].place is not None and got[1].place.feature_code == "ADM1"


def test_a_list_shares_the_oblast_after_it(gaz, geocoder) -> None:
    text = "Удари по Антонівці та Зеленівці Херсонської області."
    got = resolve_named(
        named(
            text,
            ("Антонівці", ("Антонівка",), KIND_PLACE),
            ("Зеленівці", ("Зеленівка",), KIND_PLACE),
            ("Херсонської області", ("Kherson Oblast",), KIND_OBLAST),
        ),
        text,
        gaz,
        geocoder,
    )
    assert [rm.place.admin1 for rm in got[:2]] == ["Kherson Oblast", "Kherson Oblast"]


def test_a_district_picks_the_homonym_nearest_it(gaz, geocoder) -> None:
    text = "Обстріляли Степове Покровського району Донецької області."
    got = resolve_named(
        named(
            text,
            ("Степове", ("Степове",), KIND_PLACE),
            ("Покровського району", ("Покровськ", "Покров"), KIND_DISTRICT),
            ("Донецької області", ("Donetsk Oblast",), KIND_OBLAST),
        ),
        text,
        gaz,
        geocoder,
    )
    district = got[1].place
    assert district is not None and district.feature_code == "ADM2" and "Pokrovsk" in district.name
    village = got[0].place
    assert village is not None and village.admin1 == "Donetsk Oblast"
    assert haversine_km(village.latitude, village.longitude, district.latitude, district.longitude) < 80


def test_a_list_shares_the_colloquial_oblast_after_on(gaz, geocoder) -> None:
    text = "Дрони атакували Антонівку та Зеленівку на Херсонщині."
    got = resolve_named(
        named(
            text,
            ("Антонівку", ("Антонівка",), KIND_PLACE),
            ("Зеленівку", ("Зеленівка",), KIND_PLACE),
            ("Херсонщині", ("Kherson Oblast",), KIND_OBLAST),
        ),
        text,
        gaz,
        geocoder,
    )
    assert [rm.place.admin1 for rm in got[:2]] == ["Kherson Oblast", "Kherson Oblast"]


def test_an_oblast_in_the_accusative_is_no_qualifier() -> None:
    from components.geo.named_places import TOWARDS

    assert TOWARDS.search("Херсонщину") and TOWARDS.search("Харківську область")
    assert not TOWARDS.search("Херсонщині") and not TOWARDS.search("Криму")


def test_a_district_the_gazetteer_lacks_stands_by_its_only_centre(gaz, geocoder) -> None:
    text = "Обстріляли Семенівку Новгород-Сіверського району."
    got = resolve_named(
        named(
            text,
            ("Семенівку", ("Семенівка",), KIND_PLACE),
            ("Новгород-Сіверського району", ("Новгород-Сіверськ", "Новгород-Сіверський"), KIND_DISTRICT),
        ),
        text,
        gaz,
        geocoder,
    )
    assert got[1].place is not None and got[1].place.name == "Novhorod-Siverskyi"
    assert got[0].place is not None and got[0].place.admin1 == "Chernihiv Oblast"  # Semenivka, Chernihiv


def test_a_district_the_gazetteer_cannot_place_gives_way_to_the_oblast(gaz, geocoder) -> None:
    text = "Удари по Антонівці Абвгдейського району Херсонської області."
    got = resolve_named(
        named(
            text,
            ("Антонівці", ("Антонівка",), KIND_PLACE),
            ("Абвгдейського району", ("Абвгдейськ",), KIND_DISTRICT),
            ("Херсонської області", ("Kherson Oblast",), KIND_OBLAST),
        ),
        text,
        gaz,
        geocoder,
    )
    assert got[0].place is not None and got[0].place.admin1 == "Kherson Oblast"


def test_an_axis_picks_the_homonym_near_its_town_and_is_no_place(gaz, geocoder) -> None:
    text = "На Авдіївському напрямку бої біля Степового та Бердичів."
    got = resolve_named(
        named(
            text,
            ("Авдіївському напрямку", ("Авдіївськ", "Авдіїв", "Авдіївка"), KIND_AXIS),
            ("Степового", ("Степове",), KIND_PLACE),
            ("Бердичів", ("Бердичів", "Бердичі"), KIND_PLACE),
        ),
        text,
        gaz,
        geocoder,
    )
    assert got[0].place is None  # a direction, not where anything happened
    assert [rm.place.admin1 for rm in got[1:]] == ["Donetsk Oblast", "Donetsk Oblast"]
    assert got[2].place.name == "Berdychi"  # the village near the front, not the city Berdychiv


def test_without_a_qualifier_the_country_is_ukraine(gaz, geocoder) -> None:
    text = "Вибухи в Миколаєві."
    got = resolve_named(named(text, ("Миколаєві", ("Миколаїв",), KIND_PLACE)), text, gaz, geocoder)
    assert got[0].place is not None and got[0].place.geonameid == 700569  # Mykolaiv, the oblast centre


def test_a_russian_town_in_cyrillic_is_found(gaz, geocoder) -> None:
    text = "Обстрел Шебекино."
    got = resolve_named(named(text, ("Шебекино", ("Шебекино",), KIND_PLACE)), text, gaz, geocoder)
    assert got[0].place is not None and got[0].place.country_code == "RU"


def test_an_unknown_district_resolves_to_nothing(gaz, geocoder) -> None:
    text = "Село Абвгдейського району."
    got = resolve_named(
        named(text, ("Абвгдейського району", ("Абвгдейськ",), KIND_DISTRICT)), text, gaz, geocoder
    )
    assert got[0].place is None
