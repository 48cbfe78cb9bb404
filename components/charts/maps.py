"""Pure builders for the analyst's dashboard (issue 5): map modes, playback, stacked weekly counts, top-k
bars. DataFrame -> plotly Figure, no Streamlit. Article-derived text goes through `charts.esc`.

Map modes: `points_map` draws events (exact places by type; region/country-level events as large faint
circles in their own legend entry, never as exact dots; optional density layer); `grid_map` draws the
server-side grid aggregates used beyond 10k events; `playback_map` steps through weekly frames.
The last customdata column of every selectable trace is the key the page resolves a selection with:
an event_id (points) or a grid cell id (grid).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.figures import (
    BOTTOM_LEGEND,
    MAP_HEIGHT_PX,
    OFFLINE,
    _date_label,
    _hover_data,
    _map_unique,
    _place_label,
    _types_in,
    basemap_layers,
    color_for,
    empty_figure,
    esc,
    map_view,
)

MAX_MAP_POINTS = 10_000  # beyond this many events the map gets grid aggregates, not points: 13k points took
# 1.9 s to redraw in Chromium, a grid 0.6 s (scripts/browser_timing.py); FIELD-NOTES: points up to ~10-20k
# The map's hover is short (no title) because every point's hover travels in the figure: with up to
# HOVER_EVIDENCE_MAX points it also shows the evidence sentence (cut), with more only date, place and type
# (the table below the map and the detail panel show the sentence). Measured: 13k points, 3.5 MB -> ~1 MB.
MAP_EVIDENCE_CHARS = 110
HOVER_EVIDENCE_MAX = 5_000
MAP_HOVER = (
    "<b>%{customdata[2]}</b><br>%{customdata[0]} · %{customdata[1]}<br><br>%{customdata[3]}<extra></extra>"
)
MAP_HOVER_SHORT = "<b>%{customdata[2]}</b><br>%{customdata[0]} · %{customdata[1]}<extra></extra>"
LOW_PRECISION = 3  # records.GEO_REGION: region or country centroid
LOW_NAME = "Region/country only (approximate)"
LOW_COLOR = "rgba(90, 100, 115, 0.18)"
LOW_SIZE, LOW_SIZE_MAX = 30, 70  # px: one event's circle, and the cap (+5 px per doubling: 256 events)
LOW_HOVER = ("<b>%{customdata[1]}</b><br>%{customdata[0]} placed only to this region or country"
             "<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>")  # fmt: skip
DENSITY_NAME = "Density"


def _layout(fig: go.Figure, lat: pd.Series, lon: pd.Series, style: str, basemap: Mapping[str, Any] | str | None,
            title: str | None = None, weights: pd.Series | None = None, **meta: Any) -> go.Figure:  # fmt: skip
    if style == OFFLINE and basemap is None:
        from components.geo.basemap import country_outlines

        basemap = country_outlines()
    center, zoom = map_view(lat, lon, weights)
    map_layout: dict[str, Any] = {"center": center, "zoom": zoom}
    if style == OFFLINE:
        map_layout["style"] = "white-bg"
        map_layout["layers"] = basemap_layers(basemap or {"type": "FeatureCollection", "features": []})
    else:
        map_layout["style"] = style
    fig.update_layout(
        map=map_layout, height=MAP_HEIGHT_PX, margin={"l": 0, "r": 0, "t": 30 if title else 0, "b": 0},
        legend={"title": {"text": "Event type"}, "orientation": "h", "y": -0.02, "yanchor": "top"},
        title=title, meta=meta, dragmode="pan",
    )  # fmt: skip
    return fig


def _sizes(part: pd.DataFrame, base: float) -> Any:
    """Marker sizes: by number of reports when the store has that column, else constant."""
    if "n_reports" in part.columns:
        reports = pd.to_numeric(part["n_reports"], errors="coerce").fillna(1).clip(lower=1).to_numpy(float)
        return (base + 4 * np.log2(reports)).round(1)
    return base


def points_map(df: pd.DataFrame, *, style: str = OFFLINE, basemap: Mapping[str, Any] | str | None = None,
               density: bool = False, evidence: bool | None = None) -> go.Figure:  # fmt: skip
    """One trace per event type for exact/near places, one faint trace for region/country-level events.
    `evidence`: evidence sentences in the hover (default: when at most HOVER_EVIDENCE_MAX points)."""
    located = df.dropna(subset=["latitude", "longitude"]) if not df.empty else df
    if located.empty:
        return empty_figure(message="No events match: widen the dates or clear the country filter"
                            if df.empty else "None of these events has a place")  # fmt: skip
    evidence = len(located) <= HOVER_EVIDENCE_MAX if evidence is None else evidence
    template = MAP_HOVER if evidence else MAP_HOVER_SHORT
    fig = go.Figure()
    low = located["geo_precision"].fillna(0).astype(int).eq(LOW_PRECISION)
    if density:  # only events with a known town or nearby place: a region's point is not where they happened
        placed = located[~low]
        fig.add_trace(go.Densitymap(
            lat=placed["latitude"].to_numpy(float), lon=placed["longitude"].to_numpy(float),
            radius=18, colorscale="YlOrRd", opacity=0.6, showscale=False, name=DENSITY_NAME,
            showlegend=True, hoverinfo="skip",
        ))  # fmt: skip
    regional = regional_circles(located[low])
    if not regional.empty:
        fig.add_trace(go.Scattermap(
            lat=regional["latitude"].to_numpy(float), lon=regional["longitude"].to_numpy(float),
            mode="markers", name=LOW_NAME, marker={"size": regional["size"].to_numpy(float), "color": LOW_COLOR},
            customdata=regional[["n_label", "place", "dates", "types", "key"]].to_numpy(dtype=object),
            hovertemplate=LOW_HOVER,
        ))  # fmt: skip
    exact = located[~low]
    for event_type in _types_in(exact) if not exact.empty else []:
        part = exact[exact["event_type"] == event_type]
        fig.add_trace(go.Scattermap(
            lat=part["latitude"].to_numpy(float), lon=part["longitude"].to_numpy(float), mode="markers",
            name=html.escape(str(event_type), quote=False),
            marker={"size": _sizes(part, 10), "color": color_for(event_type), "opacity": 0.85},
            customdata=_with_key(_map_hover(part, evidence), part["event_id"]), hovertemplate=template,
        ))  # fmt: skip
    n_missing = len(df) - len(located)
    title = f"{_plural(n_missing, 'event')} without a place not shown" if n_missing else None
    return _layout(fig, located["latitude"], located["longitude"], style, basemap, title, mode="points",
                   n_points=len(located), n_low=int(low.sum()), n_low_places=len(regional),
                   evidence=evidence)  # fmt: skip


def regional_circles(df: pd.DataFrame) -> pd.DataFrame:
    """Region/country-level events drawn as one faint circle per centroid (bigger with more events), so
    many events placed only to "Russia" do not stack into a dark disc. Columns: latitude, longitude, n,
    size, and the escaped hover texts n_label, place, dates, types; `key` is the JSON list of the event
    ids, which a selection of the circle resolves to (see `selection_ids`)."""
    cols = ["latitude", "longitude", "n", "size", "n_label", "place", "dates", "types", "key"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    day = (
        pd.to_datetime(df["event_date"], errors="coerce")
        if "event_date" in df
        else pd.Series(pd.NaT, df.index)
    )
    df = df.assign(_lat=df["latitude"].round(4), _lon=df["longitude"].round(4), _day=day,
                   _type=df["event_type"].fillna("?").astype(str), _id=df["event_id"].astype(str))  # fmt: skip
    groups = df.groupby(["_lat", "_lon"], sort=False)  # in order of first appearance, like drop_duplicates
    out = groups.agg(n=("_id", "size"), lo=("_day", "min"), hi=("_day", "max"), n_dated=("_day", "count"),
                     ids=("_id", list)).reset_index()  # fmt: skip
    first = df.drop_duplicates(["_lat", "_lon"])
    out["place"] = [esc(_place_label(row)) for row in first.to_dict("records")]
    out["dates"] = [_date_span(lo, hi, int(n), int(k)) for lo, hi, n, k in zip(
        out["lo"], out["hi"], out["n"], out["n_dated"], strict=True)]  # fmt: skip
    per_type: dict[tuple[float, float], list[str]] = {}
    counts = df.groupby(["_lat", "_lon", "_type"], sort=False).size().reset_index(name="c")
    for lat, lon, kind, c in counts.sort_values(["c", "_type"], ascending=[False, True]).itertuples(
        index=False
    ):
        per_type.setdefault((lat, lon), []).append(f"{esc(kind)} {c:,}")
    out["types"] = [
        _type_list(per_type[(lat, lon)]) for lat, lon in zip(out["_lat"], out["_lon"], strict=True)
    ]
    out["key"] = [json.dumps(ids) for ids in out["ids"]]
    out["size"] = (LOW_SIZE + 5 * np.log2(out["n"].to_numpy(float))).clip(max=LOW_SIZE_MAX).round(1)
    out["n_label"] = [_plural(int(n), "event") for n in out["n"]]
    return out.rename(columns={"_lat": "latitude", "_lon": "longitude"})[cols]


def _date_span(lo: Any, hi: Any, n: int, n_dated: int) -> str:
    """'25 Feb 2022 – 1 Nov 2022 (2 undated)' for a regional circle's hover."""
    if not n_dated:
        return "undated"
    first, last = (_date_label({"event_date": d}) for d in (lo, hi))
    text = first if first == last else f"{first} – {last}"
    return text + (f" ({n - n_dated} undated)" if n_dated < n else "")


def _type_list(parts: list[str], top: int = 4) -> str:
    """The most frequent event types with their counts (already escaped), the rest counted."""
    return " · ".join(parts[:top]) + (
        f" · {_plural(len(parts) - top, 'more type')}" if len(parts) > top else ""
    )


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
    return _hover_data(df, title=False, evidence_chars=MAP_EVIDENCE_CHARS if evidence else None)


def _with_key(hover: np.ndarray, keys: pd.Series) -> np.ndarray:
    return np.column_stack([hover, keys.astype(str).to_numpy(dtype=object)]) if len(hover) else hover


def grid_map(cells: pd.DataFrame, *, cell_deg: float, style: str = OFFLINE,
             basemap: Mapping[str, Any] | str | None = None, density: bool = False) -> go.Figure:  # fmt: skip
    """Grid aggregates (queries.grid_counts): one circle per cell, area ~ count, coloured by its main type."""
    if cells.empty:
        return empty_figure(message="No events match: widen the dates or clear the country filter")
    fig = go.Figure()
    n = cells["n"].to_numpy(float)
    if density:  # weighted by the events placed to a town or nearby: region-level ones are left out
        fig.add_trace(go.Densitymap(
            lat=cells["latitude"], lon=cells["longitude"], z=(cells["n"] - cells["n_low"]).to_numpy(float),
            radius=25, colorscale="YlOrRd", opacity=0.6, showscale=False, name=DENSITY_NAME, showlegend=True,
            hoverinfo="skip",
        ))  # fmt: skip
    size = 6 + 30 * np.sqrt(n / max(n.max(), 1.0))
    for event_type in _types_in(cells):
        mask = (cells["event_type"] == event_type).to_numpy()
        part = cells[mask]
        hover = np.column_stack([
            [f"{v:,}" for v in part["n"].tolist()], _map_unique(part["place"], lambda p: esc(p, limit=60)),
            [f"{v:,}" for v in part["n_low"].tolist()], part["cell"].astype(str).tolist(),
        ]) if len(part) else np.empty((0, 4))  # fmt: skip
        fig.add_trace(go.Scattermap(
            lat=part["latitude"], lon=part["longitude"], mode="markers",
            name=html.escape(str(event_type), quote=False),
            marker={"size": size[mask].round(1), "color": color_for(event_type), "opacity": 0.7},
            customdata=hover,
            hovertemplate=("<b>events: %{customdata[0]}</b> in this " + f"{cell_deg:g}° cell, mostly "
                           + html.escape(str(event_type), quote=False) + "<br>around %{customdata[1]}"
                           "<br>%{customdata[2]} of them known only to the region<extra></extra>"),
        ))  # fmt: skip
    return _layout(fig, cells["latitude"], cells["longitude"], style, basemap,
                   f"{_plural(int(n.sum()), 'event')} in {_plural(len(cells), 'cell')} of {cell_deg:g}° (colour: main type)",
                   weights=cells["n"], mode="grid", n_points=int(n.sum()), n_cells=len(cells),
                   cell_deg=cell_deg)  # fmt: skip


def playback_map(cells: pd.DataFrame, *, style: str = OFFLINE, basemap: Mapping[str, Any] | str | None = None,
                 max_frames: int = 120) -> go.Figure:  # fmt: skip
    """Weekly frames (queries.grid_counts(by_week=True)) with a play button and a slider showing the week."""
    if cells.empty:
        return empty_figure(message="No dated events with a place match: widen the dates")
    weeks = sorted(pd.to_datetime(cells["week"]).unique())[-max_frames:]
    cells = cells.assign(week=pd.to_datetime(cells["week"]))
    top = max(float(cells["n"].max()), 1.0)

    def trace(week: pd.Timestamp) -> go.Scattermap:
        part = cells[cells["week"] == week]
        return go.Scattermap(
            lat=part["latitude"], lon=part["longitude"], mode="markers", name="events",
            marker={"size": (6 + 30 * np.sqrt(part["n"] / top)).round(1),
                    "color": [color_for(t) for t in part["event_type"]], "opacity": 0.75},
            customdata=np.column_stack([part["n"], part["event_type"]]) if len(part) else None,
            hovertemplate="<b>events: %{customdata[0]}</b>, mostly %{customdata[1]}<extra></extra>",
            showlegend=False,
        )  # fmt: skip

    labels = [f"Week of {pd.Timestamp(w).strftime('%-d %b %Y')}" for w in weeks]
    fig = go.Figure(data=[trace(weeks[0])],
                    frames=[go.Frame(data=[trace(w)], name=str(i), layout={"title": {"text": lab}})
                            for i, (w, lab) in enumerate(zip(weeks, labels, strict=True))])  # fmt: skip
    _layout(fig, cells["latitude"], cells["longitude"], style, basemap, labels[0], weights=cells["n"],
            mode="playback", n_frames=len(weeks))  # fmt: skip
    step = {"frame": {"duration": 600, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 40, "b": 0}, height=MAP_HEIGHT_PX + 80,
        updatemenus=[{"type": "buttons", "direction": "left", "x": 0.0, "y": -0.02, "xanchor": "left",
                      "yanchor": "top", "showactive": False,
                      "buttons": [{"label": "▶ Play", "method": "animate", "args": [None, step]},
                                  {"label": "❚❚ Pause", "method": "animate",
                                   "args": [[None], {"frame": {"duration": 0}, "mode": "immediate"}]}]}],
        sliders=[{"active": 0, "x": 0.15, "len": 0.85, "y": -0.02, "yanchor": "top",
                  "currentvalue": {"prefix": "", "visible": True, "font": {"size": 14}},
                  "steps": [{"label": lab, "method": "animate",
                             "args": [[str(i)], {**step, "frame": {"duration": 0, "redraw": True}}]}
                            for i, lab in enumerate(labels)]}],
    )  # fmt: skip
    return fig


def stacked_counts(counts: pd.DataFrame, *, bucket: str = "week", title: str | None = None) -> go.Figure:
    """Bars of `n` per `bucket` (a date column), stacked by event_type; box-select picks a date range."""
    title = title or ("Events per week (starting Monday)" if bucket == "week" else "Events per day")
    if counts.empty:
        return empty_figure(title)
    fig = go.Figure()
    for event_type in _types_in(counts):
        part = counts[counts["event_type"] == event_type]
        fig.add_trace(go.Bar(
            x=pd.to_datetime(part[bucket]), y=part["n"], name=html.escape(str(event_type), quote=False),
            marker_color=color_for(event_type),
            hovertemplate="%{x|%-d %b %Y} · events: %{y:,}<extra>%{fullData.name}</extra>",
        ))  # fmt: skip
    fig.update_layout(
        title=title, barmode="stack", height=360, bargap=0.1, dragmode="select", selectdirection="h",
        xaxis={"title": None, "type": "date"}, yaxis={"title": "events", "rangemode": "tozero"},
        legend=BOTTOM_LEGEND, margin={"l": 10, "r": 10, "t": 50, "b": 70},
        meta={"n_events": int(counts["n"].sum())},
    )  # fmt: skip
    if bucket == "week":
        fig.update_traces(xperiod=7 * 24 * 3600 * 1000, xperiod0="2000-01-03", xperiodalignment="middle")
    return fig


def top_bars(df: pd.DataFrame, label: str, *, title: str) -> go.Figure:
    """Horizontal bars of the k most frequent values (`label`, n), largest at the top."""
    if df.empty:
        return empty_figure(title, "Nothing to rank yet")
    df = df.iloc[::-1]
    fig = go.Figure(go.Bar(
        x=df["n"], y=[esc(v, limit=40) for v in df[label]], orientation="h", marker_color="#0072B2",
        hovertemplate="%{y} · events: %{x:,}<extra></extra>",
    ))  # fmt: skip
    fig.update_layout(title=title, height=60 + 26 * len(df), margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis={"title": None}, yaxis={"title": None})  # fmt: skip
    return fig


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def cell_size(ext: Mapping[str, float | int]) -> float:
    """Grid cell in degrees for the filtered events' extent (queries.extent): finer when the area is small."""
    span = max(float(ext["lat1"]) - float(ext["lat0"]), float(ext["lon1"]) - float(ext["lon0"]))
    return 0.1 if span < 4 else 0.25 if span < 12 else 0.5 if span < 40 else 1.0


CHOSEN_NAME = "Chosen place"
CANDIDATE_NAME = "Other candidates"
CANDIDATE_HEIGHT_PX = 360


def candidates_map(
    cands: pd.DataFrame, *, style: str = OFFLINE, basemap: Mapping[str, Any] | str | None = None
) -> go.Figure:
    """The candidate places of one name (queries.review_candidates with coordinates): the chosen place(s) as a
    large orange marker, the others as blue dots; hover: name, country, score and reason (escaped)."""
    located = cands.dropna(subset=["latitude", "longitude"]) if not cands.empty else cands
    if located.empty:
        return empty_figure(message="No candidate has coordinates")
    fig = go.Figure()
    chosen = located["chosen"].fillna(0).astype(int) > 0
    for (
        part,
        name,
        marker,
    ) in (  # the chosen (larger) first: a candidate at the same spot stays visible on top
        (located[chosen], CHOSEN_NAME, {"size": 20, "color": "#E69F00", "opacity": 0.95}),
        (located[~chosen], CANDIDATE_NAME, {"size": 10, "color": "#0072B2", "opacity": 0.9}),
    ):
        if part.empty:
            continue
        hover = np.column_stack([
            [esc(v, limit=60) for v in part["name"]], [esc(v) for v in part["country_code"]],
            ["—" if pd.isna(s) else f"{float(s):.2f}" for s in part["score"]],
            [esc(v, limit=200) for v in part["reason"]], part["geonameid"].astype(str),
        ])  # fmt: skip
        fig.add_trace(go.Scattermap(
            lat=part["latitude"].to_numpy(float), lon=part["longitude"].to_numpy(float), mode="markers",
            name=name, marker=marker, customdata=hover,
            hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[1]}) · GeoNames %{customdata[4]}"
                           "<br>score %{customdata[2]}<br>%{customdata[3]}<extra>" + name + "</extra>"),
        ))  # fmt: skip
    _layout(fig, located["latitude"], located["longitude"], style, basemap, mode="candidates",
            n_points=len(located), n_chosen=int(chosen.sum()))  # fmt: skip
    # a small map (~60% of the page width, 360 px high): zoom out from the full-width fit
    fig.update_layout(height=CANDIDATE_HEIGHT_PX, legend={"title": {"text": ""}},
                      map_zoom=max(0.3, round(fig.layout.map.zoom - 1.3, 2)))  # fmt: skip
    return fig
