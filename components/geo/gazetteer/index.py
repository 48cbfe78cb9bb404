"""The offline gazetteer: loads the files built by ``gazetteer.build`` once and answers name lookups.

Lookups are O(1): a dict from normalised name key to a slice of a postings array. ``lookup("US")``
finds the United States but ``lookup("us")`` does not: abbreviations carry an upper-case-only flag and
the gazetteer checks the query's case itself, so callers can pass spans as written.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.feather as feather

from components.errors import GazetteerError
from components.geo.distance import EARTH_RADIUS_KM
from components.geo.gazetteer.files import (
    CONTINENTS_FILE,
    DEFAULT_DIR,
    DEMONYMS_FILE,
    META_FILE,
    NAMES_FILE,
    PLACES_FILE,
    check_format,
    coverage_line,
    default_path,
    is_current,
)
from components.geo.gazetteer.names import (
    FLAG_DOTTED,
    FLAG_PRIMARY,
    FLAG_UPPER_ONLY,
    SKELETON_PREFIX,
    is_latin,
    normalize_name,
)
from components.geo.gazetteer.tables import DEMONYMS
from components.geo.gazetteer.variants import skeleton
from components.records import Place

# The files' location and format checks are re-exported: callers find the gazetteer through this module.
__all__ = [
    "DEFAULT_DIR",
    "Gazetteer",
    "Hit",
    "check_format",
    "default_path",
    "ensure_built",
    "is_current",
    "load_gazetteer",
]
logger = logging.getLogger(__name__)


class Hit(tuple):
    """(row, flags) of one gazetteer entry matching a name."""

    __slots__ = ()

    @property
    def row(self) -> int:
        return self[0]

    @property
    def primary(self) -> bool:
        return bool(self[1] & FLAG_PRIMARY)


def ensure_built(path: Path | str | None = None, **build_options) -> Path:
    """Build the gazetteer into ``path`` unless it is already there; return the folder."""
    folder = Path(path) if path is not None else default_path()
    if not is_current(folder):
        from components.geo.gazetteer.build import build

        logger.info("gazetteer missing at %s: building it (about 20 s)", folder)
        build(folder, **build_options)
    return folder


class Gazetteer:
    """GeoNames places, countries, regions and project landmarks indexed by normalised name."""

    def __init__(self, folder: Path) -> None:
        started = time.perf_counter()
        check_format(folder)
        try:  # memory-mapped Arrow IPC: only the touched pages are read
            places = feather.read_table(folder / PLACES_FILE, memory_map=True)
            names = feather.read_table(folder / NAMES_FILE, memory_map=True)
        except (OSError, ValueError, pa.ArrowInvalid) as err:
            raise GazetteerError(f"cannot read the gazetteer in {folder}: {err}") from err
        self.path = folder
        self.geonameid = places.column("geonameid").to_numpy()
        self.latitude = places.column("latitude").to_numpy()
        self.longitude = places.column("longitude").to_numpy()
        self.population = places.column("population").to_numpy()
        self._names = places.column("name").combine_chunks()
        self._codes: dict[str, tuple[np.ndarray, list[str]]] = {}
        for col in ("country_code", "admin1_code", "feature_class", "feature_code"):
            enc = places.column(col).combine_chunks().dictionary_encode()
            self._codes[col] = (enc.indices.to_numpy(), enc.dictionary.to_pylist())
        rows, flags = names.column("rows").combine_chunks(), names.column("flags").combine_chunks()
        self._offsets = rows.offsets.to_numpy()
        self._rows = rows.values.to_numpy()
        self._flags = flags.values.to_numpy()
        self._index = {key: pos for pos, key in enumerate(names.column("key").to_pylist())}
        self._id_order = np.argsort(self.geonameid, kind="stable")
        fcode = self._code_rows("feature_code")
        self._countries = {self.code("country_code", r): r for r in fcode.get("PCLI", ())}
        self._admin1 = {self.code("admin1_code", r): r for r in fcode.get("ADM1", ())}
        # countryinfo's demonyms; the project's table wins where they differ
        self.demonyms: dict[str, str] = {**_read_json(folder / DEMONYMS_FILE), **DEMONYMS}
        # "european" -> Europe's GeoNames id
        self.continent_adjectives: dict[str, int] = _read_json(folder / CONTINENTS_FILE)
        self.meta: dict = _read_json(folder / META_FILE)
        self.load_seconds = time.perf_counter() - started
        logger.info(
            "gazetteer loaded: %d places, %d keys in %.2f s", len(self), len(self._index), self.load_seconds
        )

    def _code_rows(self, col: str) -> dict[str, np.ndarray]:
        idx, values = self._codes[col]
        order = np.argsort(idx, kind="stable")
        bounds = np.searchsorted(idx[order], np.arange(len(values) + 1))
        return {v: order[bounds[i] : bounds[i + 1]].tolist() for i, v in enumerate(values)}

    def code(self, col: str, row: int) -> str:
        """One of the coded columns (country_code, admin1_code, feature_class, feature_code) of a row."""
        idx, values = self._codes[col]
        return values[idx[row]]

    def name(self, row: int) -> str:
        return self._names[row].as_py()

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """The gazetteer in ``path`` (default: :func:`default_path`), built if missing; cached per path."""
        return _load_cached(ensure_built(path).resolve())

    @property
    def key_count(self) -> int:
        return len(self._index)

    def __len__(self) -> int:
        return len(self.geonameid)

    # -- lookups -------------------------------------------------------------------------------
    def hits(self, name: str) -> list[Hit]:
        """(row, flags) of every entry whose name or alias normalises like ``name``; when none does, of
        the village-dump entries with the same spelling skeleton ("Kurdiumivka" finds Kurdyumivka), never
        primary."""
        key = normalize_name(name)
        pos = self._index.get(key)
        if pos is None:
            return self.variant_hits(name)
        return self._postings(pos, name)

    def variant_hits(self, name: str) -> list[Hit]:
        """The village-dump entries whose names have the same spelling skeleton as ``name`` (never primary),
        whether or not the name itself is a key: "Zelenoye" is an alias of some Zelene villages, its
        skeleton finds them all. ``rank`` consults them when the text qualifies the name with a region."""
        skel = skeleton(normalize_name(name)) if is_latin(name) else ""
        pos = self._index.get(SKELETON_PREFIX + skel) if skel else None
        return [] if pos is None else self._postings(pos, name)

    def _postings(self, pos: int, name: str) -> list[Hit]:
        upper, dotted = not any(ch.islower() for ch in name), name.rstrip().endswith(".")
        lo, hi = self._offsets[pos], self._offsets[pos + 1]
        postings = zip(self._rows[lo:hi].tolist(), self._flags[lo:hi].tolist(), strict=True)
        return [
            Hit((row, flags))
            for row, flags in postings
            if (upper or not flags & FLAG_UPPER_ONLY) and (dotted or not flags & FLAG_DOTTED)
        ]

    def lookup(self, name: str) -> list[Place]:
        """All places whose name or alias normalises equal to ``name`` (most populous first)."""
        rows = sorted((h.row for h in self.hits(name)), key=lambda r: -int(self.population[r]))
        return [self.place(r) for r in rows]

    def place(self, row: int) -> Place:
        """The record of one row."""
        a1 = self.code("admin1_code", row)
        return Place(
            geonameid=int(self.geonameid[row]),
            name=self.name(row),
            latitude=float(self.latitude[row]),
            longitude=float(self.longitude[row]),
            country_code=self.code("country_code", row),
            admin1=self.admin1_name(a1),
            admin1_code=a1,
            feature_class=self.code("feature_class", row),
            feature_code=self.code("feature_code", row),
            population=int(self.population[row]),
        )

    def row_of(self, geonameid: int) -> int | None:
        """The row of a GeoNames id (binary search over a sorted index), None when absent."""
        i = int(np.searchsorted(self.geonameid, geonameid, sorter=self._id_order))
        if i < len(self._id_order) and self.geonameid[self._id_order[i]] == geonameid:
            return int(self._id_order[i])
        return None

    def get(self, geonameid: int) -> Place | None:
        row = self.row_of(geonameid)
        return None if row is None else self.place(row)

    def country(self, code: str) -> Place | None:
        row = self._countries.get(code.upper())
        return None if row is None else self.place(row)

    def country_name(self, code: str) -> str:
        """The country's English name, or "" for an unknown code."""
        row = self._countries.get(code.upper())
        return "" if row is None else self.name(row)

    def admin1(self, code: str) -> Place | None:
        """The region (ADM1) record of a GeoNames admin1 code such as "UA.11"."""
        row = self._admin1.get(code)
        return None if row is None else self.place(row)

    def admin1_name(self, code: str) -> str:
        """The region's display name ("Donetsk Oblast"), or "" when unknown."""
        row = self._admin1.get(code)
        return "" if row is None else self.name(row)

    def coverage(self) -> str:
        """One line on what the gazetteer was built from, for the build report and the dashboard."""
        return coverage_line(self.meta)

    def is_place_name(self, name: str) -> bool:
        return bool(self.hits(name))

    def max_population(self, name: str) -> int:
        """Population of the most populous entry with this name: a cheap "how significant" signal."""
        return max((int(self.population[h.row]) for h in self.hits(name)), default=0)

    def demonym_country(self, word: str) -> str | None:
        """ISO2 code for a demonym ("Ukrainian", "Russians", "Belarus'"), else None."""
        key = normalize_name(word)
        for cand in (key, key.removesuffix("s"), key.removesuffix("s").removesuffix("s")):
            if cand in self.demonyms:
                return self.demonyms[cand]
        return None

    def continent_of_adjective(self, word: str) -> Place | None:
        """The continent an adjective names ("European", "Africans"), else None."""
        key = normalize_name(word)
        for cand in (key, key.removesuffix("s")):
            if cand in self.continent_adjectives:
                return self.get(self.continent_adjectives[cand])
        return None

    def nearest(self, lat: float, lon: float, *, classes: str = "PS", max_km: float = 50.0) -> int | None:
        """Row of the nearest place of the given feature classes within ``max_km`` (None when none)."""
        mask = np.abs(self.latitude - lat) <= max_km / 111.0 + 0.01
        cand = np.flatnonzero(mask)
        idx, values = self._codes["feature_class"]
        cand = cand[np.isin(idx[cand], [i for i, v in enumerate(values) if v in classes])]
        if cand.size == 0:
            return None
        la, lo = np.radians(self.latitude[cand]), np.radians(self.longitude[cand])
        p1 = math.radians(lat)
        a = np.sin((la - p1) / 2) ** 2 + math.cos(p1) * np.cos(la) * np.sin((lo - math.radians(lon)) / 2) ** 2
        dist = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
        best = int(np.argmin(dist))
        return int(cand[best]) if dist[best] <= max_km else None


def _read_json(path: Path) -> dict:
    """A built JSON table, {} when the file is missing."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@functools.cache
def _load_cached(folder: Path) -> Gazetteer:
    return Gazetteer(folder)


def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """Module-level alias of :meth:`Gazetteer.load` (cached per path)."""
    return Gazetteer.load(path)


def main() -> int:
    """Print load time, size and RSS of the default gazetteer.

    ``python -m components.geo.gazetteer.index``
    """
    import resource
    import sys

    folder = ensure_built()
    started = time.perf_counter()
    gaz = Gazetteer(folder)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak, includes imports (~65 MB)
    sys.stdout.write(
        f"{len(gaz)} places, {gaz.key_count} keys, {size:.1f} MB on disk, "
        f"loaded in {seconds:.2f} s, peak RSS {rss:.0f} MB\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
