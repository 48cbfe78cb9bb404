"""GeoNames country dumps: every village of a country, for the gazetteer build.

A dump is GeoNames' standard export of one country (``XX.zip`` holding ``XX.txt``, or ``XX.txt`` itself): the
``geoname`` table, one feature per line, 19 tab-separated columns (geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1, admin2, admin3, admin4,
population, elevation, dem, timezone, modification date). cities500 (the base of the gazetteer) lacks most
villages of a front line; a dump has all of them, with their Latin and Cyrillic names.

Where a dump comes from, in order (``locate``): a path given on the command line; the project's reference
folder ``../shared/geonames/``; a copy downloaded earlier into ``data/cache/geonames/``; the official download
``https://download.geonames.org/export/dump/XX.zip`` (short timeout; its sha256 is recorded in the build
report). When none is available the build goes on without it and says so.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from components.errors import GazetteerError
from components.settings import ROOT

logger = logging.getLogger(__name__)

SHARED_DIR = ROOT.parent / "shared" / "geonames"
CACHE_DIR = ROOT / "data" / "cache" / "geonames"
DOWNLOAD_URL = "https://download.geonames.org/export/dump/{code}.zip"
DOWNLOAD_TIMEOUT = 15.0  # seconds for the whole download: set-up must not hang on a closed network
MAX_DOWNLOAD_BYTES = 200_000_000
N_COLUMNS = 19
# Feature codes kept from a dump: populated places (class P) except those GeoNames marks as abandoned,
# destroyed or historical; the regions come from the base gazetteer.
DROPPED_CODES = frozenset({"PPLQ", "PPLH", "PPLW", "PPLCH"})


@dataclass(frozen=True)
class DumpRow:
    """One populated place of a dump."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    population: int


@dataclass(frozen=True)
class DumpSource:
    """Where one country's dump was found (or why not)."""

    country: str
    path: Path | None
    origin: str  # "command line", "../shared/geonames", "cache", "download" or "" when not found
    sha256: str = ""
    note: str = ""  # why it is missing, or what the download did

    def describe(self) -> str:
        if self.path is None:
            return f"{self.country}: no GeoNames dump ({self.note}); villages below cities500 are missing"
        return (
            f"{self.country}: GeoNames dump {self.path.name} from {self.origin} (sha256 {self.sha256[:12]}…)"
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _candidates(code: str, folder: Path) -> list[Path]:
    return [folder / f"{code}.zip", folder / f"{code}.txt"]


def locate(
    code: str,
    explicit: Sequence[Path] = (),
    *,
    download: bool = True,
    shared_dir: Path = SHARED_DIR,
    cache_dir: Path = CACHE_DIR,
    timeout: float = DOWNLOAD_TIMEOUT,
) -> DumpSource:
    """The dump of country ``code`` ("UA"): from the paths given, the shared folder, the cache, or a
    download."""
    code = code.upper()
    for path in explicit:
        path = Path(path)
        if path.is_dir():
            found = [p for p in _candidates(code, path) if p.is_file()]
            if found:
                return DumpSource(code, found[0], "command line", sha256_of(found[0]))
        elif path.is_file() and path.stem.upper() == code:
            return DumpSource(code, path, "command line", sha256_of(path))
    for origin, folder in (("../shared/geonames", shared_dir), ("cache", cache_dir)):
        for path in _candidates(code, folder):
            if path.is_file():
                return DumpSource(code, path, origin, sha256_of(path))
    if not download or os.environ.get("CONFLICT_TIMELINE_OFFLINE"):
        return DumpSource(code, None, "", note="not found locally and downloads are off")
    return _download(code, cache_dir, timeout)


def _download(code: str, cache_dir: Path, timeout: float) -> DumpSource:
    url = DOWNLOAD_URL.format(code=code)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        logger.warning("GeoNames download of %s failed: %s", url, err)
        return DumpSource(code, None, "", note=f"download failed: {err}")
    if len(data) > MAX_DOWNLOAD_BYTES or not zipfile.is_zipfile(io.BytesIO(data)):
        return DumpSource(code, None, "", note=f"download of {url} is not a GeoNames zip")
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"{code}.zip"
    tmp = path.with_suffix(".zip.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return DumpSource(code, path, "download", sha256_of(path), note=url)


def _lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as zf:
                inner = f"{path.stem.upper()}.txt"
                if inner not in zf.namelist():
                    raise GazetteerError(f"{path}: no {inner} inside")
                with zf.open(inner) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
        except zipfile.BadZipFile as err:
            raise GazetteerError(f"{path}: not a zip file ({err})") from err
    else:
        with open(path, encoding="utf-8") as fh:
            yield from fh


def read_dump(path: Path) -> Iterator[DumpRow]:
    """The populated places of a dump (class P, not abandoned or historical). Malformed lines are counted and
    logged once, never fatal."""
    bad = 0
    for line in _lines(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) != N_COLUMNS:
            bad += 1
            continue
        if cols[6] != "P" or cols[7] in DROPPED_CODES:
            continue
        try:
            row = DumpRow(
                geonameid=int(cols[0]),
                name=cols[1],
                asciiname=cols[2],
                alternatenames=tuple(a for a in cols[3].split(",") if a),
                latitude=float(cols[4]),
                longitude=float(cols[5]),
                feature_class=cols[6],
                feature_code=cols[7],
                country_code=cols[8],
                admin1=cols[10],
                admin2=cols[11],
                population=int(cols[14] or 0),
            )
        except ValueError:
            bad += 1
            continue
        yield row
    if bad:
        logger.warning("%s: %d malformed line(s) skipped", path, bad)
