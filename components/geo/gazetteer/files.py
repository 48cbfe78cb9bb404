"""The built gazetteer on disk: where it lives, its files and their format version.

Files of a built gazetteer (``data/gazetteer/`` by default; git-ignored):
    places.arrow    one row per place: geonameid, name, latitude, longitude, country_code, admin1_code,
                    feature_class, feature_code, population (row order = index used by names.arrow)
    names.arrow     one row per normalised name key: key, rows (list of place rows), flags (list, per row:
                    the ``FLAG_*`` bits of ``gazetteer.names``)
    demonyms.json   demonym -> ISO2 from ``countryinfo`` ("tunisian": "TN"), merged with the project's table
    continents.json continent adjective -> the continent's GeoNames id ("european": 6255148)
    meta.json       build parameters, counts, timings, format version
Both tables are uncompressed Arrow IPC (Feather v2) files: the loader memory-maps them (fast, small RSS);
DuckDB and pandas read them directly (``pd.read_feather``).
"""

from __future__ import annotations

import json
from pathlib import Path

from components.errors import GazetteerError
from components.settings import ROOT

DEFAULT_DIR = ROOT / "data" / "gazetteer"
# 5: GeoNames country dumps (villages), Cyrillic names, spelling-skeleton keys; 6: the Cyrillic names of
# Russian, Belarusian and Moldovan towns
FORMAT_VERSION = 6
PLACES_FILE, NAMES_FILE, META_FILE = "places.arrow", "names.arrow", "meta.json"
DEMONYMS_FILE, CONTINENTS_FILE = "demonyms.json", "continents.json"


def default_path() -> Path:
    """The folder of the built gazetteer (setting ``gazetteer_dir`` / env ``CT_GAZETTEER``)."""
    try:
        from components import settings

        return Path(settings.get("gazetteer_dir"))
    except (ImportError, KeyError):
        return DEFAULT_DIR


def check_format(folder: Path) -> int:
    """The format version recorded in ``meta.json`` (raises GazetteerError when it is not current)."""
    try:
        version = json.loads((folder / META_FILE).read_text(encoding="utf-8"))["format_version"]
    except (OSError, ValueError, KeyError) as err:
        raise GazetteerError(f"no readable meta.json in {folder}") from err
    if version != FORMAT_VERSION:
        raise GazetteerError(
            f"gazetteer in {folder} has format {version}, expected {FORMAT_VERSION}: rebuild"
        )
    return version


def is_current(folder: Path | str) -> bool:
    """True when ``folder`` holds a gazetteer of the current format."""
    folder = Path(folder)
    try:
        check_format(folder)
    except GazetteerError:
        return False
    return (folder / NAMES_FILE).exists() and (folder / PLACES_FILE).exists()


def read_meta(folder: Path | str) -> dict:
    """The build report (meta.json) of a built gazetteer, {} when there is none."""
    try:
        return json.loads((Path(folder) / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def coverage_line(meta: dict) -> str:
    """One line on what a gazetteer was built from (its meta.json), for reports and the dashboard."""
    if not meta:
        return "no gazetteer built yet"
    dumps = meta.get("villages") or []
    found = [d for d in dumps if d.get("path")]
    text = f"{int(meta.get('places') or 0):,} places (GeoNames cities500"
    if found:
        added = sum(int(d.get("places_added") or 0) for d in found)
        codes = ", ".join(d["country"] for d in found)
        text += f" + every village of {codes} from GeoNames dumps: {added:,} more"
    text += ")"
    missing = [d["country"] for d in dumps if not d.get("path")]
    if missing:
        text += f"; built without the {', '.join(missing)} village dump: small villages there are missing"
    return text
