"""The gazetteer being built: place rows and the name keys that point at them, written as Arrow files."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather

from components.geo.gazetteer.files import NAMES_FILE, PLACES_FILE
from components.geo.gazetteer.names import normalize_name

# The columns of places.arrow, in order, with their Arrow types.
PLACE_COLUMNS: dict[str, pa.DataType] = {
    "geonameid": pa.int64(),
    "name": pa.string(),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "country_code": pa.string(),
    "admin1_code": pa.string(),
    "feature_class": pa.string(),
    "feature_code": pa.string(),
    "population": pa.int64(),
}


class PlaceTable:
    """Accumulates place rows and their name keys (each source of the build adds to one table)."""

    def __init__(self) -> None:
        self.cols: dict[str, list] = defaultdict(list)
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)  # key -> {row: flags}

    def add(
        self,
        *,
        geonameid: int,
        name: str,
        lat: float,
        lon: float,
        cc: str,
        admin1_code: str,
        fclass: str,
        fcode: str,
        population: int,
    ) -> int:
        """Append a place; return its row."""
        row = len(self.cols["geonameid"])
        values = (geonameid, name, lat, lon, cc, admin1_code, fclass, fcode, population)
        for col, val in zip(PLACE_COLUMNS, values, strict=True):
            self.cols[col].append(val)
        return row

    def name(self, row: int, name: str, flags: int) -> None:
        """Key the place of ``row`` by ``name`` too, with ``flags`` (or-ed with any it has for that key)."""
        key = normalize_name(name)
        if key:
            postings = self.keys[key]
            postings[row] = postings.get(row, 0) | flags

    def places(self) -> pa.Table:
        """The places.arrow table."""
        return pa.table({col: pa.array(self.cols[col], kind) for col, kind in PLACE_COLUMNS.items()})

    def names(self) -> pa.Table:
        """The names.arrow table: one row per key (sorted), with its place rows and their flags."""
        keys = sorted(self.keys)
        return pa.table(
            {
                "key": pa.array(keys, pa.string()),
                "rows": pa.array([list(self.keys[k]) for k in keys], pa.list_(pa.int32())),
                "flags": pa.array([list(self.keys[k].values()) for k in keys], pa.list_(pa.uint8())),
            }
        )

    def write(self, out: Path) -> tuple[int, int]:
        """Write places.arrow and names.arrow into ``out``; return (places, keys)."""
        places, names = self.places(), self.names()
        feather.write_feather(places, out / PLACES_FILE, compression="uncompressed")
        feather.write_feather(names, out / NAMES_FILE, compression="uncompressed")
        return places.num_rows, names.num_rows
