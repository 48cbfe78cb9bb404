"""The offline basemap's outlines: which countries it covers, how the Natural Earth additions are
simplified, and that the build is kept on disk (the figures' tests are in test_charts.py)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from components.geo import basemap


def _rings(feature: dict) -> list[list[list[float]]]:
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]  # outer rings


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting: is the point inside the ring?"""
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def _country_at(outlines: dict, lon: float, lat: float) -> set[str]:
    return {f["id"] for f in outlines["features"] if any(_inside(lon, lat, r) for r in _rings(f))}


@pytest.mark.parametrize(
    ("place", "lon", "lat", "iso3"),
    [
        ("Budapest", 19.04, 47.50, "HUN"),  # countryinfo has no polygon for these four:
        ("Mandalay", 96.08, 21.97, "MMR"),  # they come from Natural Earth
        ("Belgrade", 20.46, 44.82, "SRB"),
        ("Pristina", 21.17, 42.67, "XKX"),
        ("Simferopol", 34.10, 44.95, "UKR"),  # Crimea stays inside Ukraine's outline
        ("Kherson", 32.62, 46.64, "UKR"),
        ("Minsk", 27.56, 53.90, "BLR"),
    ],
)
def test_places_fall_inside_their_countrys_outline(place: str, lon: float, lat: float, iso3: str) -> None:
    assert _country_at(basemap.country_outlines(), lon, lat) == {iso3}, place


def test_natural_earth_additions_are_named_simplified_and_small() -> None:
    outlines = basemap.build_outlines()
    by_id = {f["id"]: f for f in outlines["features"]}
    assert len(by_id) == len(outlines["features"])  # one feature per country: no duplicates
    assert by_id["MMR"]["properties"]["name"] == "Myanmar" and by_id["XKX"]["properties"]["name"] == "Kosovo"
    for feature in outlines["features"]:
        for ring in _rings(feature):
            assert ring[0] == ring[-1] and len(ring) >= 4
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
    n_vertices = sum(len(r) for f in outlines["features"] for r in _rings(f))
    assert n_vertices < 25_000, n_vertices  # Natural Earth's 1:10m rings alone have ~370k


def test_douglas_peucker_keeps_corners_and_drops_what_is_within_tolerance() -> None:
    wiggly = [[x / 100, 0.01 * math.sin(x)] for x in range(0, 1001)]  # a 10° line wiggling by 0.01°
    kept = basemap._douglas_peucker(wiggly, 0.03)
    assert kept == [wiggly[0], wiggly[-1]]
    corner = [[0.0, 0.0], [1.0, 0.001], [2.0, 0.0], [2.0, 1.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    assert basemap._douglas_peucker(corner, 0.03) == [
        [0.0, 0.0],
        [2.0, 0.0],
        [2.0, 2.0],
        [0.0, 2.0],
        [0.0, 0.0],
    ]
    assert basemap._simplify_ring([[0.0, 0.0], [0.0, 0.001], [0.001, 0.0]]) is None  # too few points


def test_the_build_is_kept_on_disk_and_rebuilt_when_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(basemap, "BUILD_DIR", tmp_path / "basemap")
    basemap.country_outlines.cache_clear()
    try:
        built = basemap.country_outlines()
        target = basemap.build_path()
        assert (
            target.parent == tmp_path / "basemap" and json.loads(target.read_text(encoding="utf-8")) == built
        )
        target.write_text("{half a file", encoding="utf-8")
        basemap.country_outlines.cache_clear()
        assert basemap.country_outlines() == built  # rebuilt, not a crash
        assert json.loads(target.read_text(encoding="utf-8")) == built
    finally:
        basemap.country_outlines.cache_clear()
