"""Offline basemap: country outlines as one GeoJSON FeatureCollection.

Derived from the polygons the `countryinfo` package ships (MIT licence, ~173 countries, ~10k vertices).
Coordinates are rounded to `PRECISION` decimals (about 1 km at 2), which is plenty at the zoom levels a
country-scale map uses. Built in memory once per process (~70 ms); no file is written and no request is
made. The result feeds `layout.map.layers` of a plotly map with `map_style="white-bg"`.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

PRECISION = 2  # decimals kept in every coordinate
DROP = frozenset({"ATA"})  # Antarctica: a huge band across the bottom of a world view, no events


@functools.cache
def country_outlines() -> dict[str, Any]:
    """A GeoJSON FeatureCollection of country polygons; each feature has `id` (ISO3) and `name`.

    Cached for the process lifetime; callers must not mutate the result.
    """
    from countryinfo import CountryInfo  # imported lazily: ~60 ms of JSON loading

    started = time.perf_counter()
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
    collection = {"type": "FeatureCollection", "features": features}
    logger.info(
        "basemap: %d country outlines in %.0f ms", len(features), (time.perf_counter() - started) * 1000
    )
    return collection


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
# caches it), and a filter change sends ~180 KB less per map figure. The file is written by the app at
# start (git-ignored); the URL is relative to the page, so it works under any base path.
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_NAME = "basemap.geojson"
STATIC_URL = f"app/static/{STATIC_NAME}"


def write_static(folder: Path = STATIC_DIR) -> Path:
    """Write the outlines to `folder`/basemap.geojson unless the same content is already there."""
    target = folder / STATIC_NAME
    text = json.dumps(country_outlines(), separators=(",", ":"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)  # atomic: a browser never fetches half a file
    return target


@functools.cache
def _names_by_iso2() -> dict[str, str]:
    from countryinfo import CountryInfo

    names: dict[str, str] = {}
    for info in CountryInfo.all().values():  # sovereign countries first: the first name for a code wins
        code = (info.get("ISO") or {}).get("alpha2")
        if code and info.get("name") and code not in names:
            names[str(code).upper()] = str(info["name"])
    return names


def country_name(code: str) -> str | None:
    """The English short name of an ISO 3166 alpha-2 code ('UA' -> 'Ukraine'), None when unknown."""
    return _names_by_iso2().get(code.upper())
