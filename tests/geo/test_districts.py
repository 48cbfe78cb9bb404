"""Villages placed by the district that qualifies them (components/geo/districts.py, places.py): "X, Y
district, Z region", "X (Y district)", "X (Y district, Z region)", the district's name a mention or a name
the model missed; a district is its raion; a city's district named as an adjective is no village elsewhere.

Mentions are written by hand (no spaCy model): each test names the place mentions of its sentence
(`test_qualified_places.resolved`)."""

from __future__ import annotations

import pytest
from test_geocoders import NoNetworkAdapter
from test_qualified_places import resolved

from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.geo.geocoders.gazetteer import GazetteerGeocoder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = load_gazetteer()
    if not g.hits("Kurdyumivka"):
        pytest.skip("gazetteer built without the UA village dump")
    return g


@pytest.fixture(scope="module")
def geocoder(gaz: Gazetteer) -> GazetteerGeocoder:
    return GazetteerGeocoder(gaz, adapter_factory=NoNetworkAdapter)


@pytest.mark.parametrize(
    ("text", "names", "village", "admin1"),
    [
        # The district's name is no mention (the model missed it): the region after it places its town.
        (
            "A house burned in Stepove, Vasylivka district, Zaporizhzhia region, on 3 May.",
            ["Stepove", "Zaporizhzhia"],
            "Stepove",
            "UA.26",
        ),
        (
            "Ukrainian troops liberated Novoselivka (Volnovakha district) on 2 May.",
            ["Novoselivka"],
            "Novoselivka",
            "UA.05",
        ),
        # The district and its region in brackets: the village nearest the district's town, in its region.
        (
            "Fighting went on near Novoselivske (Svatove district, Luhansk region) on 2 May.",
            ["Novoselivske", "Svatove", "Luhansk"],
            "Novoselivske",
            "UA.14",
        ),
    ],
)
def test_a_district_places_the_village_among_its_homonyms(gaz, geocoder, text, names, village, admin1):
    assert resolved(text, names, gaz, geocoder)[village].admin1_code == admin1


def test_a_district_named_as_a_mention_is_its_raion_not_its_town(gaz, geocoder):
    got = resolved(
        "Shelling hit Stepove, Vasylivka district, Zaporizhzhia region.",
        ["Stepove", "Vasylivka", "Zaporizhzhia"],
        gaz,
        geocoder,
    )
    assert got["Vasylivka"].feature_code == "ADM2" and got["Vasylivka"].admin1_code == "UA.26"


@pytest.mark.parametrize(
    ("text", "names", "district"),
    [
        (
            "Dnipro, 3 May: a missile hit a house in the Novokodatskyi district.",
            ["Dnipro", "Novokodatskyi"],
            "Novokodatskyi",
        ),
        ("Debris fell in Kharkiv's Kyivskyi district overnight.", ["Kharkiv's", "Kyivskyi"], "Kyivskyi"),
    ],
)
def test_a_citys_district_named_as_an_adjective_is_no_village_elsewhere(gaz, geocoder, text, names, district):
    got = resolved(text, names, gaz, geocoder)
    assert got[district] is None
    assert all(p is not None and p.feature_class == "P" for n, p in got.items() if n != district)


def test_a_name_written_with_city_or_a_possessive_is_geocoded_bare(gaz, geocoder):
    got = resolved("Glide bombs hit Kharkiv city's outskirts.", ["Kharkiv city's"], gaz, geocoder)
    assert got["Kharkiv city's"].geonameid == 706483  # Kharkiv
