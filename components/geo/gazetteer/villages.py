"""Villages for the gazetteer build: the populated places of GeoNames country dumps, with every name.

cities500 has the towns of a country; a front line is mostly villages. For each country in the
``gazetteer_dumps`` setting the build locates its dump (``gazetteer.dumps``) and adds every populated place
not already in the table, keyed by its name, ASCII name and alternate names in Latin and Cyrillic script.
Places already in the table (from cities500) get the dump's extra names. Every Latin name of a dump place is
also keyed by its spelling skeleton (``gazetteer.variants``) under ``SKELETON_PREFIX``, which the index
consults only when a name's exact key finds nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from components.geo.gazetteer import dumps
from components.geo.gazetteer.entries import PlaceTable
from components.geo.gazetteer.names import (
    FLAG_PRIMARY,
    SKELETON_PREFIX,
    is_cyrillic,
    is_latin,
    keep_alternate,
    normalize_name,
)
from components.geo.gazetteer.variants import skeleton

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VillageImport:
    """What one country's dump added to the gazetteer (or why it added nothing)."""

    source: dumps.DumpSource
    places_added: int = 0
    places_named: int = 0  # places already in the table that got the dump's names

    def as_dict(self) -> dict[str, object]:
        src = self.source
        return {
            "country": src.country,
            "origin": src.origin or None,
            "path": str(src.path) if src.path else None,
            "sha256": src.sha256 or None,
            "places_added": self.places_added,
            "places_named": self.places_named,
            "note": src.note or None,
        }


def _keep(name: str) -> bool:
    """A dump name worth a key: a Latin alternate the base build would keep, or a Cyrillic name."""
    if is_cyrillic(name):
        return len(normalize_name(name)) >= 3
    return keep_alternate(name)


def _key_names(t: PlaceTable, row: int, row_names: Iterable[tuple[str, int]]) -> None:
    for name, flags in row_names:
        t.name(row, name, flags)
        if is_latin(name):
            skel = skeleton(normalize_name(name))
            if skel:
                t.keys[SKELETON_PREFIX + skel].setdefault(row, 0)


def add_dump(t: PlaceTable, source: dumps.DumpSource, keep: set[str] | None) -> VillageImport:
    """Add the populated places of one located dump to ``t``."""
    if source.path is None:
        return VillageImport(source)
    known = {gid: row for row, gid in enumerate(t.cols["geonameid"])}
    added = named = 0
    for place in dumps.read_dump(Path(source.path)):
        cc = place.country_code
        if keep and cc not in keep:
            continue
        names = [(place.name, FLAG_PRIMARY)]
        if place.asciiname and place.asciiname != place.name:
            names.append((place.asciiname, FLAG_PRIMARY))
        names += [(alt, 0) for alt in place.alternatenames if _keep(alt)]
        row = known.get(place.geonameid)
        if row is None:
            row = t.add(
                geonameid=place.geonameid,
                name=place.name,
                lat=place.latitude,
                lon=place.longitude,
                cc=cc,
                admin1_code=f"{cc}.{place.admin1}" if place.admin1 else "",
                fclass="P",
                fcode=place.feature_code,
                population=place.population,
            )
            known[place.geonameid] = row
            added += 1
        else:
            named += 1
        _key_names(t, row, names)
    logger.info("%s: %d villages added, %d known places named", source.describe(), added, named)
    return VillageImport(source, added, named)


def import_dumps(
    t: PlaceTable,
    countries: Sequence[str],
    paths: Sequence[Path] = (),
    *,
    keep: set[str] | None = None,
    download: bool = True,
) -> list[VillageImport]:
    """Locate and add the dump of each country; a missing dump is reported, never fatal."""
    out = []
    for code in countries:
        if keep and code.upper() not in keep:
            continue
        source = dumps.locate(code, paths, download=download)
        if source.path is None:
            logger.warning("%s", source.describe())
        out.append(add_dump(t, source, keep))
    return out
