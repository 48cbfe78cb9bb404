"""The geocoders' geopy interface: locations and their records, reverse geocoding, one call per distinct
name, the choice of geocoder, and the cached online geocoder with its offline fallback.

No test sends a request: every geocoder gets an adapter that raises on any call.
"""

from __future__ import annotations

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from components.errors import GeocodingError
from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.geo.geocoders import SERVICE_TO_GEOCODER, make_geocoder, resolve_names
from components.geo.geocoders.gazetteer import GazetteerGeocoder, candidates_of, location_to_place
from components.geo.geocoders.online import CachedOnlineGeocoder, user_agent
from components.geo.ranking import build_context
from components.records import Candidate, Place

UKRAINE_WAR = ["Ukraine", "Russia", "Kyiv", "Belarus", "Zaporizhia"]


class NoNetworkAdapter(BaseSyncAdapter):
    """Fails the test on any request."""

    def get_json(self, url, *, timeout, headers):
        raise AssertionError(f"network request attempted: {url}")

    def get_text(self, url, *, timeout, headers):
        raise AssertionError(f"network request attempted: {url}")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def geocoder(gaz: Gazetteer) -> GazetteerGeocoder:
    return GazetteerGeocoder(gaz, adapter_factory=NoNetworkAdapter)


def test_location_raw_and_records(geocoder: GazetteerGeocoder, gaz: Gazetteer) -> None:
    loc = geocoder.geocode("Nikopol", context=build_context(UKRAINE_WAR, gaz))
    assert isinstance(loc, Location) and loc.address == "Nikopol, Dnipropetrovsk Oblast, Ukraine"
    codes = {"geonameid", "name", "country_code", "admin1", "admin1_code", "feature_class", "feature_code"}
    assert set(loc.raw) >= codes | {"population", "score", "reason", "candidates"}
    assert 1 < len(loc.raw["candidates"]) <= 5 and "primary name" in loc.raw["reason"]
    place = location_to_place(loc)
    assert isinstance(place, Place) and place == gaz.get(700051)
    cands = candidates_of(loc)
    assert all(isinstance(c, Candidate) for c in cands) and cands[0].geonameid == 700051
    assert cands[0].score >= cands[1].score and {c.country_code for c in cands} >= {"UA", "BG"}
    assert candidates_of(None) == ()


def test_unknown_name_and_options(geocoder: GazetteerGeocoder) -> None:
    assert geocoder.geocode("Blinken") is None
    assert geocoder.geocode("Nikopol", country_codes="BG").raw["geonameid"] == 728782  # Nikopol, Bulgaria
    many = geocoder.geocode("Paris", exactly_one=False, limit=3)
    assert len(many) == 3 and many[0].raw["geonameid"] == 2988507
    assert geocoder.geocode("us") is None or geocoder.geocode("us").raw["country_code"] != "US"
    assert geocoder.geocode("US").raw["feature_code"] == "PCLI"


def test_reverse(geocoder: GazetteerGeocoder) -> None:
    loc = geocoder.reverse("47.5683, 34.3913")  # Nikopol, Ukraine
    assert loc.raw["geonameid"] == 700051 and "nearest" in loc.raw["reason"]
    assert geocoder.reverse(Point(50.45466, 30.5238)).raw["name"] == "Kyiv"
    assert geocoder.reverse((0.0, -140.0)) is None  # mid-Pacific


def test_no_network_ever(gaz: Gazetteer) -> None:
    geo = GazetteerGeocoder(gaz, adapter_factory=NoNetworkAdapter)
    assert isinstance(geo.adapter, NoNetworkAdapter)  # any request would raise AssertionError
    for name in [*UKRAINE_WAR, "Nikopol", "Washington", "Nowhere-at-all"]:
        geo.geocode(name, context=build_context(UKRAINE_WAR, gaz))
    geo.reverse("48.0, 37.8")


class CountingGeocoder:
    def __init__(self, inner: GazetteerGeocoder) -> None:
        self.inner, self.calls = inner, []

    def geocode(self, query, **kwargs):
        self.calls.append(query)
        return self.inner.geocode(query, **kwargs)


def test_resolve_names_geocodes_each_distinct_name_once(gaz: Gazetteer, geocoder: GazetteerGeocoder) -> None:
    spy = CountingGeocoder(geocoder)
    names = ["Kyiv", "Kyiv", "KYIV", "Kiev", "Nikopol", "Nikopol", "US", "Blinken"]
    out = resolve_names(names, build_context(UKRAINE_WAR, gaz), spy)
    assert set(out) == set(names)
    assert sorted(spy.calls) == ["Blinken", "KYIV", "Kiev", "Kyiv", "Nikopol", "US"]
    assert out["Kyiv"].raw["geonameid"] == out["Kiev"].raw["geonameid"] == 703448
    assert out["Blinken"] is None and out["US"].raw["country_code"] == "US"


class FakeOnline(Geocoder):
    """Stands in for Nominatim: answers from a dict, or raises."""

    def __init__(self, *, user_agent=None, answers=None, fail=False) -> None:
        super().__init__(user_agent=user_agent, adapter_factory=NoNetworkAdapter)
        self.answers, self.fail, self.calls = answers or {}, fail, 0

    def geocode(self, query, *, exactly_one=True, **kwargs):
        self.calls += 1
        if self.fail:
            raise GeocoderServiceError("service down")
        lat_lon = self.answers.get(query)
        return None if lat_lon is None else Location(query, Point(*lat_lon), {"osm_id": 1})


def test_make_geocoder_default_is_offline(gaz: Gazetteer) -> None:
    assert isinstance(make_geocoder({"geocoder": "gazetteer"}, gazetteer=gaz), GazetteerGeocoder)
    assert set(SERVICE_TO_GEOCODER) == {"gazetteer", "nominatim"}
    with pytest.raises(GeocodingError):
        make_geocoder({"geocoder": "bogus"}, gazetteer=gaz)
    assert user_agent().startswith("conflict-timeline/")


def test_online_geocoder_is_cached(gaz: Gazetteer, tmp_path) -> None:
    fakes = []

    def factory(**kw):
        fakes.append(FakeOnline(answers={"Kyiv": (50.45, 30.52)}, **kw))
        return fakes[-1]

    geo = make_geocoder(
        {"geocoder": "nominatim"}, gazetteer=gaz, cache_path=tmp_path / "c.sqlite", online_factory=factory
    )
    assert isinstance(geo, CachedOnlineGeocoder) and fakes[0].headers["User-Agent"] == user_agent()
    first, second = geo.geocode("Kyiv"), geo.geocode("Kyiv")
    assert first.point == second.point == Point(50.45, 30.52) and fakes[0].calls == 1
    assert geo.geocode("Nikopol").raw["geonameid"] == 700051  # no online answer: offline fallback
    geo.close()


def test_online_geocoder_falls_back_on_errors(gaz: Gazetteer, tmp_path) -> None:
    online = FakeOnline(fail=True)
    geo = CachedOnlineGeocoder(
        online,
        GazetteerGeocoder(gaz, adapter_factory=NoNetworkAdapter),
        cache_path=tmp_path / "c.sqlite",
        min_delay_seconds=0,
    )
    assert geo.geocode("Kerch").raw["geonameid"] == 706524
    assert geo.failures == 1
    geo.close()
