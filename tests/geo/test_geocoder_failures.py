"""Failing dependencies: an online geocoder that times out, rate-limits (429) or returns garbage never
stops an ingest; the offline gazetteer answers and the failures are counted. No network: geopy's real
Nominatim runs over a fake adapter."""

from __future__ import annotations

import functools

import pytest
from geopy.adapters import AdapterHTTPError, BaseSyncAdapter
from geopy.exc import GeocoderTimedOut
from geopy.geocoders import Nominatim

from components import pipeline, store
from components.geo import geocoders
from components.geo.geocoders import online

pytestmark = pytest.mark.slow

ARTICLE = (
    "Strikes in Ukraine\nPublished: 2022-10-11\n\nRussian missiles struck {town} on Monday, officials said.\n"
)


class FakeAdapter(BaseSyncAdapter):
    """Answers every request the way `mode` says; never opens a socket."""

    mode = "timeout"
    calls = 0

    def __init__(self, *, proxies=None, ssl_context=None):
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url, *, timeout, headers):
        FakeAdapter.calls += 1
        if self.mode == "timeout":
            raise GeocoderTimedOut("simulated timeout")
        if self.mode == "429":
            raise AdapterHTTPError("Too Many Requests", status_code=429, headers={}, text="slow down")
        if self.mode == "garbage":
            return [{"lat": "not-a-number", "lon": "also not", "display_name": "???"}]
        if self.mode == "ok":
            return [{"lat": "49.99", "lon": "36.23", "display_name": "Kharkiv, Kharkiv Oblast, Ukraine"}]
        if self.mode == "out-of-range":
            return [{"lat": "999", "lon": "12", "display_name": "Nowhere"}]
        raise AssertionError(self.mode)

    def get_text(self, url, *, timeout, headers):
        raise AssertionError("no text requests expected")


@pytest.mark.parametrize("mode", ["timeout", "429", "garbage", "out-of-range"])
def test_ingest_survives_a_failing_online_geocoder(mode, tmp_path, monkeypatch):
    FakeAdapter.mode, FakeAdapter.calls = mode, 0
    monkeypatch.setenv("CT_GEOCODER", "nominatim")
    _offline_nominatim(tmp_path, monkeypatch)
    for i, town in enumerate(["Kharkiv", "Dnipro", "Odesa"]):
        (tmp_path / f"{i}.txt").write_text(ARTICLE.format(town=town), encoding="utf-8")
    report = pipeline.ingest_paths([tmp_path], db_path=tmp_path / "g.duckdb")
    assert report.articles_new == 3 and not report.skipped
    assert FakeAdapter.calls > 0 and report.geocoder_failures == FakeAdapter.calls
    assert any("online geocoder failures" in line for line in report.lines())
    with store.reading(tmp_path / "g.duckdb") as con:
        placed = con.execute(
            "SELECT DISTINCT place_name, country_code FROM mentions WHERE geonameid IS NOT NULL"
        )
        names = {tuple(r) for r in placed.fetchall()}
    assert {("Kharkiv", "UA"), ("Dnipro", "UA"), ("Odesa", "UA")} <= names  # the gazetteer answered


def _offline_nominatim(tmp_path, monkeypatch) -> None:
    """The online geocoder is Nominatim over the fake adapter, undelayed, with its cache in tmp_path."""
    monkeypatch.setattr(online, "DEFAULT_CACHE", tmp_path / "cache.sqlite")
    fake_nominatim = functools.partial(Nominatim, adapter_factory=FakeAdapter)
    monkeypatch.setitem(geocoders.SERVICE_TO_GEOCODER, "nominatim", fake_nominatim)
    monkeypatch.setattr(online.RateLimiter, "__init__", _no_delay(online.RateLimiter.__init__))


def _no_delay(init):
    def wrapped(self, func, *args, **kwargs):
        kwargs["min_delay_seconds"] = 0
        init(self, func, *args, **kwargs)

    return wrapped


def test_a_working_online_geocoder_is_used_and_coded_by_the_gazetteer(tmp_path, monkeypatch):
    FakeAdapter.mode, FakeAdapter.calls = "ok", 0
    monkeypatch.setenv("CT_GEOCODER", "nominatim")
    _offline_nominatim(tmp_path, monkeypatch)
    (tmp_path / "a.txt").write_text(ARTICLE.format(town="Kharkiv"), encoding="utf-8")
    report = pipeline.ingest_paths([tmp_path], db_path=tmp_path / "g.duckdb")
    assert report.articles_new == 1 and report.geocoder_failures == 0
    with store.reading(tmp_path / "g.duckdb") as con:
        row = con.execute(
            "SELECT latitude, country_code, admin1 FROM mentions WHERE text = 'Kharkiv'"
        ).fetchone()
    assert row[0] == pytest.approx(49.99) and row[1] == "UA"
