"""The event maps of the dashboard (issue 5): DataFrame -> plotly Figure, no Streamlit. Article-derived
text goes through `labels.esc`.

`points_map` draws events: exact places one trace per type; region/country-level events as large faint
circles in their own legend entry, never as exact dots (`regional_circles`); an optional density layer.
`grid_map` draws the server-side grid aggregates used beyond MAX_MAP_POINTS events (`cell_size` picks
the cell). The last customdata column of every selectable trace is the key the page resolves a
selection with (`selection_ids`): an event_id (points), a JSON list of ids (a regional circle) or a
grid cell id (grid). The weekly playback is in `charts.playback`, the candidates map in
`charts.candidates`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.empty import EMPTY_MESSAGE, empty_figure
from components.charts.hover import hover_data, map_unique
from components.charts.labels import color_for, date_label, esc, place_label, plural, type_name, types_in
from components.charts.mapbase import OFFLINE, Basemap, map_layout

# Beyond this many events the map gets grid aggregates, not points: 13k points took 1.9 s to redraw in
# Chromium, a grid 0.6 s (scripts/browser_timing.py); FIELD-NOTES: points up to ~10-20k.
MAX_MAP_POINTS = 10_000
# The map's hover is short (no title) because every point's hover travels in the figure: with up to
# HOVER_EVIDENCE_MAX points it also shows the evidence sentence (cut), with more only date, place and type
# (the table below the map and the detail panel show the sentence). Measured: 13k points, 3.5 MB -> ~1 MB.
MAP_EVIDENCE_CHARS = 110
HOVER_EVIDENCE_MAX = 5_000
MAP_HOVER_HEAD = "<b>%{customdata[2]}</b><br>%{customdata[0]} · %{customdata[1]}"  # type, date · place
MAP_HOVER = MAP_HOVER_HEAD + "<br><br>%{customdata[3]}<extra></extra>"  # and the evidence
MAP_HOVER_SHORT = MAP_HOVER_HEAD + "<extra></extra>"
LOW_PRECISION = 3  # records.GEO_REGION: region or country centroid
LOW_NAME = "Region/country only (approximate)"
LOW_COLOR = "rgba(90, 100, 115, 0.18)"
LOW_SIZE, LOW_SIZE_MAX = 30, 70  # px: one event's circle, and the cap (+5 px per doubling: 256 events)
LOW_HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[0]} placed only to this region or country"
    "<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"
)
LOW_COLUMNS = ["n_label", "place", "dates", "types", "key"]  # a regional circle's customdata
REGIONAL_COLUMNS = ["latitude", "longitude", "n", "size", *LOW_COLUMNS]
DENSITY_NAME = "Density"
GRID_PLACE_CHARS = 60
GRID_HOVER = (
    "<b>events: %{{customdata[0]}}</b> in this {cell}° cell, mostly {type}<br>around %{{customdata[1]}}"
    "<br>%{{customdata[2]}} of them known only to the region<extra></extra>"
)


def _sizes(part: pd.DataFrame, base: float) -> Any:
    """Marker sizes: by number of reports when the store has that column, else constant."""
    if "n_reports" in part.columns:
        reports = pd.to_numeric(part["n_reports"], errors="coerce").fillna(1).clip(lower=1).to_numpy(float)
        return (base + 4 * np.log2(reports)).round(1)
    return base


def _density(lat: Any, lon: Any, radius: int, z: Any = None) -> go.Densitymap:
    return go.Densitymap(
        lat=lat,
        lon=lon,
        z=z,
        radius=radius,
        colorscale="YlOrRd",
        opacity=0.6,
        showscale=False,
        name=DENSITY_NAME,
        showlegend=True,
        hoverinfo="skip",
    )


def points_map(
    df: pd.DataFrame,
    *,
    style: str = OFFLINE,
    basemap: Basemap | None = None,
    density: bool = False,
    evidence: bool | None = None,
) -> go.Figure:
    """One trace per event type for exact/near places, one faint trace for region/country-level events.
    `evidence`: evidence sentences in the hover (default: when at most HOVER_EVIDENCE_MAX points)."""
    located = df.dropna(subset=["latitude", "longitude"]) if not df.empty else df
    if located.empty:
        return empty_figure(message=EMPTY_MESSAGE if df.empty else "None of these events has a place")
    evidence = len(located) <= HOVER_EVIDENCE_MAX if evidence is None else evidence
    template = MAP_HOVER if evidence else MAP_HOVER_SHORT
    fig = go.Figure()
    low = located["geo_precision"].fillna(0).astype(int).eq(LOW_PRECISION)
    if density:  # only events with a known town or nearby place: a region's point is not where they happened
        placed = located[~low]
        fig.add_trace(_density(placed["latitude"].to_numpy(float), placed["longitude"].to_numpy(float), 18))
    regional = regional_circles(located[low])
    if not regional.empty:
        circles = go.Scattermap(
            lat=regional["latitude"].to_numpy(float),
            lon=regional["longitude"].to_numpy(float),
            mode="markers",
            name=LOW_NAME,
            marker={"size": regional["size"].to_numpy(float), "color": LOW_COLOR},
            customdata=regional[LOW_COLUMNS].to_numpy(dtype=object),
            hovertemplate=LOW_HOVER,
        )
        fig.add_trace(circles)
    exact = located[~low]
    for event_type in types_in(exact) if not exact.empty else []:
        part = exact[exact["event_type"] == event_type]
        marker = {"size": _sizes(part, 10), "color": color_for(event_type), "opacity": 0.85}
        points = go.Scattermap(
            lat=part["latitude"].to_numpy(float),
            lon=part["longitude"].to_numpy(float),
            mode="markers",
            name=type_name(event_type),
            marker=marker,
            customdata=_with_key(_map_hover(part, evidence), part["event_id"]),
            hovertemplate=template,
        )
        fig.add_trace(points)
    n_missing = len(df) - len(located)
    title = f"{plural(n_missing, 'event')} without a place not shown" if n_missing else None
    return map_layout(
        fig,
        located["latitude"],
        located["longitude"],
        style,
        basemap,
        title,
        mode="points",
        n_points=len(located),
        n_low=int(low.sum()),
        n_low_places=len(regional),
        evidence=evidence,
    )


def regional_circles(df: pd.DataFrame) -> pd.DataFrame:
    """Region/country-level events drawn as one faint circle per centroid (bigger with more events), so
    many events placed only to "Russia" do not stack into a dark disc. Columns: latitude, longitude, n,
    size, and the escaped hover texts n_label, place, dates, types; `key` is the JSON list of the event
    ids, which a selection of the circle resolves to (see `selection_ids`)."""
    if df.empty:
        return pd.DataFrame(columns=REGIONAL_COLUMNS)
    if "event_date" in df:
        day = pd.to_datetime(df["event_date"], errors="coerce")
    else:
        day = pd.Series(pd.NaT, df.index)
    df = df.assign(
        _lat=df["latitude"].round(4),
        _lon=df["longitude"].round(4),
        _day=day,
        _type=df["event_type"].fillna("?").astype(str),
        _id=df["event_id"].astype(str),
    )
    groups = df.groupby(["_lat", "_lon"], sort=False)  # in order of first appearance, like drop_duplicates
    out = groups.agg(
        n=("_id", "size"),
        lo=("_day", "min"),
        hi=("_day", "max"),
        n_dated=("_day", "count"),
        ids=("_id", list),
    ).reset_index()
    first = df.drop_duplicates(["_lat", "_lon"])
    out["place"] = [esc(place_label(row)) for row in first.to_dict("records")]
    spans = zip(out["lo"], out["hi"], out["n"], out["n_dated"], strict=True)
    out["dates"] = [_date_span(lo, hi, int(n), int(k)) for lo, hi, n, k in spans]
    per_type: dict[tuple[float, float], list[str]] = {}
    counts = df.groupby(["_lat", "_lon", "_type"], sort=False).size().reset_index(name="c")
    by_count = counts.sort_values(["c", "_type"], ascending=[False, True])
    for lat, lon, kind, c in by_count.itertuples(index=False):
        per_type.setdefault((lat, lon), []).append(f"{esc(kind)} {c:,}")
    centres = zip(out["_lat"], out["_lon"], strict=True)
    out["types"] = [_type_list(per_type[centre]) for centre in centres]
    out["key"] = [json.dumps(ids) for ids in out["ids"]]
    out["size"] = (LOW_SIZE + 5 * np.log2(out["n"].to_numpy(float))).clip(max=LOW_SIZE_MAX).round(1)
    out["n_label"] = [plural(int(n), "event") for n in out["n"]]
    return out.rename(columns={"_lat": "latitude", "_lon": "longitude"})[REGIONAL_COLUMNS]


def _date_span(lo: Any, hi: Any, n: int, n_dated: int) -> str:
    """'25 Feb 2022 – 1 Nov 2022 (2 undated)' for a regional circle's hover."""
    if not n_dated:
        return "undated"
    first, last = (date_label({"event_date": d}) for d in (lo, hi))
    text = first if first == last else f"{first} – {last}"
    return text + (f" ({n - n_dated} undated)" if n_dated < n else "")


def _type_list(parts: list[str], top: int = 4) -> str:
    """The most frequent event types with their counts (already escaped), the rest counted."""
    rest = f" · {plural(len(parts) - top, 'more type')}" if len(parts) > top else ""
    return " · ".join(parts[:top]) + rest


def selection_ids(keys: list[str]) -> list[str]:
    """Event ids of selected map points: a point's key is its id, a regional circle's the JSON list of its
    events' ids."""
    ids: list[str] = []
    for key in keys:
        if key.startswith('["'):
            try:
                ids.extend(str(e) for e in json.loads(key))
                continue
            except ValueError:
                pass
        ids.append(key)
    return ids


def _map_hover(df: pd.DataFrame, evidence: bool) -> np.ndarray:
    return hover_data(df, title=False, evidence_chars=MAP_EVIDENCE_CHARS if evidence else None)


def _with_key(hover: np.ndarray, keys: pd.Series) -> np.ndarray:
    if not len(hover):
        return hover
    return np.column_stack([hover, keys.astype(str).to_numpy(dtype=object)])


def _grid_hover(part: pd.DataFrame) -> np.ndarray:
    """customdata of grid cells: 0 events, 1 place (escaped), 2 region-only events, 3 the cell's key."""
    if not len(part):
        return np.empty((0, 4))
    columns = [
        [f"{v:,}" for v in part["n"].tolist()],
        map_unique(part["place"], lambda p: esc(p, limit=GRID_PLACE_CHARS)),
        [f"{v:,}" for v in part["n_low"].tolist()],
        part["cell"].astype(str).tolist(),
    ]
    return np.column_stack(columns)


def grid_map(
    cells: pd.DataFrame,
    *,
    cell_deg: float,
    style: str = OFFLINE,
    basemap: Basemap | None = None,
    density: bool = False,
) -> go.Figure:
    """Grid aggregates (queries.grid_counts): one circle per cell, area ~ count, coloured by its main type."""
    if cells.empty:
        return empty_figure(message=EMPTY_MESSAGE)
    fig = go.Figure()
    n = cells["n"].to_numpy(float)
    if density:  # weighted by the events placed to a town or nearby: region-level ones are left out
        placed = (cells["n"] - cells["n_low"]).to_numpy(float)
        fig.add_trace(_density(cells["latitude"], cells["longitude"], 25, z=placed))
    size = 6 + 30 * np.sqrt(n / max(n.max(), 1.0))
    for event_type in types_in(cells):
        mask = (cells["event_type"] == event_type).to_numpy()
        part = cells[mask]
        marker = {"size": size[mask].round(1), "color": color_for(event_type), "opacity": 0.7}
        circles = go.Scattermap(
            lat=part["latitude"],
            lon=part["longitude"],
            mode="markers",
            name=type_name(event_type),
            marker=marker,
            customdata=_grid_hover(part),
            hovertemplate=GRID_HOVER.format(cell=f"{cell_deg:g}", type=type_name(event_type)),
        )
        fig.add_trace(circles)
    n_events = int(n.sum())
    title = (
        f"{plural(n_events, 'event')} in {plural(len(cells), 'cell')} of {cell_deg:g}° (colour: main type)"
    )
    return map_layout(
        fig,
        cells["latitude"],
        cells["longitude"],
        style,
        basemap,
        title,
        weights=cells["n"],
        mode="grid",
        n_points=n_events,
        n_cells=len(cells),
        cell_deg=cell_deg,
    )


def cell_size(ext: Mapping[str, float | int]) -> float:
    """Grid cell in degrees for the filtered events' extent (queries.extent): finer when the area is small."""
    span = max(float(ext["lat1"]) - float(ext["lat0"]), float(ext["lon1"]) - float(ext["lon0"]))
    return 0.1 if span < 4 else 0.25 if span < 12 else 0.5 if span < 40 else 1.0
