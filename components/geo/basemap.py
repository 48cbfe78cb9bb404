"""Offline basemap: country outlines as one GeoJSON FeatureCollection.

Two package sources, no request made:
- the polygons `countryinfo` ships (MIT licence, ~172 countries, ~10k vertices): the base, with Crimea in
  Ukraine's outline;
- Natural Earth's 1:10m admin-0 polygons (public domain) as shipped by `geo-intel-offline` (MIT), for the
  countries and territories countryinfo has no polygon for (Myanmar, Hungary, Serbia, Kosovo, Montenegro,
  Singapore, Jamaica, Bahrain, ... 60 in all), simplified with Douglas-Peucker (`NE_TOLERANCE`).
Coordinates are rounded to `PRECISION` decimals (about 1 km at 2), which is plenty at the zoom levels a
country-scale map uses. Built once per machine (~1 s) into data/basemap/ (git-ignored), then read from
there; cached per process. The result feeds `layout.map.layers` of a plotly map with
`map_style="white-bg"`.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from components.settings import ROOT

logger = logging.getLogger(__name__)

PRECISION = 2  # decimals kept in every coordinate
DROP = frozenset({"ATA"})  # Antarctica: a huge band across the bottom of a world view, no events


BUILD_DIR = ROOT / "data" / "basemap"
BUILD_VERSION = 2  # bump when the way the outlines are built changes
NE_TOLERANCE = 0.03  # degrees (~3 km): Douglas-Peucker tolerance for the Natural Earth polygons
NE_NO_ISO = {"Kosovo": "XKX"}  # Natural Earth features without an ISO code that are still wanted: name -> id


@functools.cache
def country_outlines() -> dict[str, Any]:
    """A GeoJSON FeatureCollection of country polygons; each feature has `id` (ISO3) and `name`.

    Read from the built file in data/basemap/ (built on first use when missing or stale). Cached for the
    process lifetime; callers must not mutate the result.
    """
    target = build_path()
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as err:
        logger.warning("basemap %s unreadable (%s): building it again", target, err)
    collection = build_outlines()
    try:
        _write_atomic(target, _dumps(collection))
    except OSError as err:  # a read-only checkout still gets its outlines, built again next time
        logger.warning("cannot keep the basemap in %s: %s", target.parent, err)
    return collection


def build_path() -> Path:
    """The built file's path; its name changes with the build and the two packages' versions."""
    from importlib.metadata import version

    return (
        BUILD_DIR / f"outlines-v{BUILD_VERSION}-{version('countryinfo')}-{version('geo-intel-offline')}.json"
    )


def build_outlines() -> dict[str, Any]:
    """countryinfo's polygons, plus Natural Earth's for the countries countryinfo lacks."""
    started = time.perf_counter()
    features = _countryinfo_features()
    extra = _natural_earth_features({f["id"] for f in features})
    collection = {"type": "FeatureCollection", "features": features + extra}
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.info(
        "basemap: %d country outlines (%d from Natural Earth) built in %.0f ms",
        len(collection["features"]),
        len(extra),
        elapsed_ms,
    )
    return collection


def _countryinfo_features() -> list[dict[str, Any]]:
    from countryinfo import CountryInfo  # imported lazily: ~60 ms of JSON loading

    features: list[dict[str, Any]] = []
    for info in CountryInfo.all().values():
        geojson = info.get("geoJSON") or {}
        for feature in geojson.get("features", []):
            geometry = feature.get("geometry") or {}
            if feature.get("id") in DROP or geometry.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            features.append(
                {
                    "type": "Feature",
                    "id": feature.get("id"),
                    "properties": {"name": (feature.get("properties") or {}).get("name", "")},
                    "geometry": {
                        "type": geometry["type"],
                        "coordinates": _round(geometry["coordinates"]),
                    },
                }
            )
    return features


def _natural_earth_features(have: set[str]) -> list[dict[str, Any]]:
    """Features for the Natural Earth countries whose ISO3 is not in `have` (geo-intel-offline's data:
    rings of [lat, lon] pairs, keyed by a feature number shared by metadata and polygons)."""
    import gzip
    from importlib.util import find_spec

    spec = find_spec("geo_intel_offline")  # the data files only: the package itself is not imported
    if spec is None or not spec.submodule_search_locations:
        logger.warning("geo-intel-offline is not installed: the basemap lacks 60 countries")
        return []
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    with gzip.open(data / "metadata.json.gz", "rt", encoding="utf-8") as fh:
        meta = json.load(fh)
    with gzip.open(data / "polygons.json.gz", "rt", encoding="utf-8") as fh:
        polygons = json.load(fh)
    features, have = [], set(have)
    for key, info in meta.items():
        iso3, name = str(info.get("iso3") or ""), str(info.get("name") or "")
        if iso3 == "-99" and name in NE_NO_ISO:
            iso3 = NE_NO_ISO[name]
        if iso3 in have or iso3 in DROP or len(iso3) != 3 or not iso3.isalpha():
            continue
        shape = polygons.get(key) or {}
        if shape.get("multi"):  # (outer ring, holes) of each part
            parts = [([ring], []) for ring in shape.get("exteriors") or []]
        else:
            parts = [([shape["exterior"]], shape.get("holes") or [])]
        polys = []
        for outer, holes in parts:
            rings = [_simplify_ring(r) for r in outer + holes]
            if rings and rings[0] is not None:
                polys.append([r for r in rings if r is not None])
        if polys:
            if len(polys) == 1:
                geometry = {"type": "Polygon", "coordinates": polys[0]}
            else:
                geometry = {"type": "MultiPolygon", "coordinates": polys}
            features.append(
                {"type": "Feature", "id": iso3, "properties": {"name": name}, "geometry": geometry}
            )
            have.add(iso3)
    return features


def _simplify_ring(latlon: list[list[float]]) -> list[list[float]] | None:
    """A [lat, lon] ring as a simplified, rounded, closed [lon, lat] ring; None when it shrinks away."""
    if len(latlon) < 4:
        return None
    pts = [[float(p[1]), float(p[0])] for p in latlon]
    ring = _round(_douglas_peucker(pts, NE_TOLERANCE))  # _round also closes the ring
    return ring if len(ring) >= 4 and len({tuple(p) for p in ring}) >= 3 else None


def _douglas_peucker(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Ramer-Douglas-Peucker on an open or closed line (iterative; the first and last points stay)."""
    n = len(points)
    if n < 3:
        return points
    keep = [False] * n
    keep[0] = keep[-1] = True
    if points[0] == points[-1]:  # a closed ring: split at the point farthest from the start
        far = max(
            range(n), key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2
        )
        keep[far] = True
        stack = [(0, far), (far, n - 1)]
    else:
        stack = [(0, n - 1)]
    while stack:
        lo, hi = stack.pop()
        if hi - lo < 2:
            continue
        (x1, y1), (x2, y2) = points[lo], points[hi]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_d = -1, -1.0
        for i in range(lo + 1, hi):
            px, py = points[i]
            d = (
                abs(dy * (px - x1) - dx * (py - y1)) / norm
                if norm
                else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            )
            if d > best_d:
                best, best_d = i, d
        if best_d > tolerance:
            keep[best] = True
            stack += [(lo, best), (best, hi)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _round(coords: Any) -> Any:
    """Round nested coordinate lists, dropping consecutive duplicates the rounding creates."""
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), PRECISION) for c in coords]
    rounded = [_round(c) for c in coords]
    if rounded and isinstance(rounded[0], list) and rounded[0] and isinstance(rounded[0][0], float):
        # a ring of points: drop repeats but keep it closed and with at least 4 positions
        ring = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        if ring[-1] != ring[0]:
            ring.append(ring[0])
        return ring if len(ring) >= 4 else rounded
    return rounded


# The dashboard serves the outlines as a static file (Streamlit's `server.enableStaticServing`, files in
# ./static) and its maps name that URL instead of carrying the GeoJSON: the browser fetches it once (and
# caches it), and a filter change sends ~200 KB less per map figure. The file is written by the app at
# start (git-ignored); the URL is relative to the page, so it works under any base path.
STATIC_DIR = ROOT / "static"
STATIC_NAME = "basemap.geojson"
STATIC_URL = f"app/static/{STATIC_NAME}"


def write_static(folder: Path = STATIC_DIR) -> Path:
    """Write the outlines to `folder`/basemap.geojson unless the same content is already there."""
    target = folder / STATIC_NAME
    text = _dumps(country_outlines())
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        _write_atomic(target, text)  # a browser never fetches half a file
    return target


def _dumps(collection: dict[str, Any]) -> str:
    return json.dumps(collection, separators=(",", ":"))


def _write_atomic(target: Path, text: str) -> None:
    """Write `text` to a temporary file beside `target`, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
