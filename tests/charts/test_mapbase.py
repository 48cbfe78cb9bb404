"""Unit tests of the map view (charts.mapbase) and of the offline basemap the maps draw."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest

from components.charts import maps as mapcharts
from components.charts.mapbase import map_view
from components.geo import basemap, countries


def test_a_few_far_away_events_do_not_zoom_a_large_map_out_to_the_world() -> None:
    lat = pd.Series([48.0 + i % 5 for i in range(200)] + [64.0, -33.9])  # 200 in Ukraine, Chukotka, Cape Town
    lon = pd.Series([30.0 + i % 7 for i in range(200)] + [177.5, 18.4])
    center, zoom = map_view(lat, lon)
    assert 4 <= zoom <= 6 and 30 < center["lon"] < 37, (center, zoom)  # fits Ukraine, not the world
    few_center, few_zoom = map_view(lat.iloc[-12:], lon.iloc[-12:])  # 12 events: every one fits
    assert few_zoom < 2 and few_center["lon"] > 60
    cell_lat, cell_lon, cell_events = pd.Series([49.0, 64.0]), pd.Series([32.0, 177.5]), pd.Series([500, 3])
    cells_center, cells_zoom = map_view(cell_lat, cell_lon, weights=cell_events)
    assert cells_zoom >= 4 and cells_center["lon"] == pytest.approx(32.0)  # grid cells weighted by events


def test_basemap_is_small_valid_geojson_and_cached() -> None:
    basemap.country_outlines.cache_clear()
    started = time.perf_counter()
    outlines = basemap.country_outlines()
    elapsed = time.perf_counter() - started
    size = len(json.dumps(outlines, separators=(",", ":")))
    print(f"basemap: {len(outlines['features'])} countries, {size / 1024:.0f} KiB, {elapsed * 1000:.0f} ms")
    assert outlines["type"] == "FeatureCollection"
    assert 150 < len(outlines["features"]) < 260
    assert size < 300_000 and elapsed < 2.0
    ids = {f["id"] for f in outlines["features"]}
    assert {"UKR", "BLR", "RUS", "KAZ", "USA"} <= ids and "ATA" not in ids
    for feature in outlines["features"]:
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert basemap.country_outlines() is outlines


@pytest.mark.parametrize(
    ("code", "name"),
    [("UA", "Ukraine"), ("us", "United States"), ("GB", "United Kingdom"), ("ZZ", None)],
)
def test_country_names_come_from_countryinfo(code: str, name: str | None) -> None:
    assert countries.country_name(code) == name


def test_static_basemap_file_is_written_once_and_is_the_outlines(tmp_path: Path) -> None:
    target = basemap.write_static(tmp_path / "static")
    assert target.name == "basemap.geojson" and basemap.STATIC_URL.endswith("static/basemap.geojson")
    assert json.loads(target.read_text(encoding="utf-8")) == basemap.country_outlines()
    stamp = target.stat().st_mtime_ns
    basemap.write_static(tmp_path / "static")
    assert target.stat().st_mtime_ns == stamp  # unchanged content: not rewritten
    one = pd.DataFrame(
        {
            "latitude": [50.0],
            "longitude": [30.0],
            "event_type": ["Battles"],
            "geo_precision": [1],
            "event_id": ["e1"],
        }
    )
    fig = mapcharts.points_map(one, basemap=basemap.STATIC_URL)
    assert fig.layout.map.layers[0].source == basemap.STATIC_URL  # the figure names the URL
    assert len(fig.to_json()) < 20_000  # the inline outlines alone are ~160 KB
