"""One table of countries: codes (ISO2, ISO3, numeric, FIPS), GeoNames' and countryinfo's names, points."""

from __future__ import annotations

import pytest

from components.geo import countries
from components.geo.countries import (
    COUNTRY_POINTS,
    country,
    country_name,
    country_point,
    iso2_of,
    iso_numeric,
)

# iso2, iso3, numeric, fips, GeoNames' name (events), countryinfo's name (charts), point (lat, lon) or None
COUNTRIES = [
    ("UA", "UKR", "804", "UP", "Ukraine", "Ukraine", (49.0, 32.0)),
    ("RU", "RUS", "643", "RS", "Russia", "Russia", (60.0, 100.0)),
    ("US", "USA", "840", "US", "United States", "United States", COUNTRY_POINTS["US"]),
    ("XK", "XKX", "", "KV", "Kosovo", None, None),  # no numeric code, not in countryinfo
    ("HU", "HUN", "348", "HU", "Hungary", "Hungary", (47.0, 20.0)),  # countryinfo has no polygon for it
    ("CZ", "CZE", "203", "EZ", "Czechia", "Czech Republic", (49.75, 15.5)),  # the two names differ
]


@pytest.mark.parametrize(("iso2", "iso3", "numeric", "fips", "name", "shown", "point"), COUNTRIES)
def test_codes_names_and_points(
    iso2: str,
    iso3: str,
    numeric: str,
    fips: str,
    name: str,
    shown: str | None,
    point: tuple[float, float] | None,
) -> None:
    found = country(iso2)
    assert found is not None and country(iso2.lower()) == found
    assert (found.iso2, found.iso3, found.numeric, found.fips, found.name) == (
        iso2,
        iso3,
        numeric,
        fips,
        name,
    )
    assert iso2_of(iso3=iso3) == iso2_of(fips=fips) == iso2_of(name=name.upper()) == iso2
    assert iso_numeric(iso2) == numeric
    if numeric:
        assert iso2_of(numeric=numeric) == iso2_of(numeric=numeric.zfill(4)) == iso2
    assert country_name(iso2) == country_name(iso2.lower()) == shown
    assert country_point(iso2) == (pytest.approx(point) if point else None)


def test_an_unknown_code_has_nothing() -> None:
    assert country("ZZ") is None and country_name("ZZ") is None and country_point("ZZ") is None
    assert iso_numeric("ZZ") == "" and iso2_of(name="Atlantis") == iso2_of(numeric="0") == ""
    assert iso2_of() == ""


def test_the_table_is_geonames_whole_list() -> None:
    table = countries.all_countries()
    assert 245 < len(table) < 260
    assert all(c.iso2 == code and len(c.iso3) == 3 for code, c in table.items())
    assert table["UA"].capital == "Kyiv" and table["UA"].population > 30_000_000


def test_polygon_centroid_is_the_largest_rings_centroid() -> None:
    square = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
    island = {"type": "Polygon", "coordinates": [[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]]]}
    geojson = {"features": [{"geometry": island}, {"geometry": square}]}
    assert countries.polygon_centroid(geojson) == (1.0, 1.0)
    assert countries.polygon_centroid({}) is None
