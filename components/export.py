"""Events DataFrame -> CSV, JSON Lines or GeoJSON text (used by the CLI and the dashboard)."""

from __future__ import annotations

import json
import math

import pandas as pd

# The columns every export carries, in this order.
EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "date_start", "date_end", "event_type", "actor1",
    "actor2", "country", "country_code", "admin1", "location", "place_name", "latitude", "longitude",
    "geo_precision", "geonameid", "article_id", "title", "source", "url", "published", "evidence",
)  # fmt: skip
FORMATS = ("csv", "jsonl", "geojson")


def _records(df: pd.DataFrame) -> list[dict[str, object]]:
    cols = [c for c in EXPORT_COLUMNS if c in df.columns]
    out = []
    for row in df[cols].itertuples(index=False, name=None):
        out.append({c: _plain(v) for c, v in zip(cols, row, strict=True)})
    return out


def _plain(value: object) -> object:
    """JSON-safe scalars: dates as ISO strings, NaN/NaT/None as None, numpy numbers as Python."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") or len(text) == 10 else text
    if hasattr(value, "item"):
        return value.item()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def to_csv(df: pd.DataFrame) -> str:
    records = _records(df)
    return pd.DataFrame(records, columns=[c for c in EXPORT_COLUMNS if c in df.columns]).to_csv(
        index=False
    )


def to_jsonl(df: pd.DataFrame) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records(df))


def to_geojson(df: pd.DataFrame) -> str:
    """A FeatureCollection; events without coordinates get a null geometry (kept, not dropped)."""
    features = []
    for rec in _records(df):
        lat, lon = rec.get("latitude"), rec.get("longitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        features.append({"type": "Feature", "geometry": geometry, "properties": rec})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def render(df: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return to_csv(df)
    if fmt == "jsonl":
        return to_jsonl(df)
    if fmt == "geojson":
        return to_geojson(df)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
