"""What every map figure shares: the view that fits its points (centre and zoom), the offline basemap
layer of country outlines, and the map layout (height, legend, style) the map builders finish with.

`OFFLINE` is the map style that needs no network: a white background with the country outlines drawn
from geo.basemap (inline, or from the URL the dashboard serves them at).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

OFFLINE = "offline"
DEFAULT_CENTER = {"lat": 48.5, "lon": 31.0}  # central Ukraine: where most of the sample data is
DEFAULT_ZOOM = 3.0
MAP_HEIGHT_PX = 520  # figure height; the legend below takes ~60 px of it
FIT_WIDTH_PX, FIT_HEIGHT_PX = 700, 460  # the smallest map area we expect; points are fitted into it
FIT_SHARE = 0.6  # the points' extent fills at most this share of the map, leaving context around
FIT_ROBUST_MIN, FIT_QUANTILE = 50, 0.02  # from 50 events on, fit the central 96% of them
MAX_FIT_ZOOM, MIN_ZOOM = 6.0, 0.3  # one town alone: a regional view, not a street view
LAND_COLOR, BORDER_COLOR = "#eef1f4", "#8a96a3"

Basemap = Mapping[str, Any] | str


def map_view(
    lat: pd.Series, lon: pd.Series, weights: pd.Series | None = None
) -> tuple[dict[str, float], float]:
    """Centre and zoom that fit the points' extent (the midpoint of their bounding box). With at least
    FIT_ROBUST_MIN events (`weights`: events per point, e.g. per grid cell) the extent is the central
    FIT_QUANTILE..1-FIT_QUANTILE of the events, so a few far-away events do not zoom the map out to the
    world; they stay on the map, one scroll away."""
    lat, lon = lat.astype(float), lon.astype(float)
    if lat.empty:
        return dict(DEFAULT_CENTER), DEFAULT_ZOOM
    w = np.ones(len(lat)) if weights is None else np.asarray(weights, dtype=float)
    if w.sum() >= FIT_ROBUST_MIN:
        lat_min, lat_max = weighted_range(lat.to_numpy(), w)
        lon_min, lon_max = weighted_range(lon.to_numpy(), w)
    else:
        lat_min, lat_max = lat.min(), lat.max()
        lon_min, lon_max = lon.min(), lon.max()
    lat_min, lat_max = max(lat_min, -85.0), min(lat_max, 85.0)
    y_min, y_max = mercator_y(lat_min), mercator_y(lat_max)
    center = {
        "lat": round(inverse_mercator_y((y_min + y_max) / 2), 4),
        "lon": round(float(lon_min + lon_max) / 2, 4),
    }
    # at zoom z the world is 512 * 2**z px wide (MapLibre); keep the extent within FIT_SHARE of the map
    lon_span = max(lon_max - lon_min, 1e-6) / 360.0
    y_span = max(y_max - y_min, 1e-6) / (2 * math.pi)
    zoom_x = math.log2(FIT_SHARE * FIT_WIDTH_PX / (512 * lon_span))
    zoom_y = math.log2(FIT_SHARE * FIT_HEIGHT_PX / (512 * y_span))
    zoom = min(zoom_x, zoom_y, MAX_FIT_ZOOM)
    return center, round(max(zoom, MIN_ZOOM), 2)


def weighted_range(values: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    """The FIT_QUANTILE and 1-FIT_QUANTILE weighted quantiles of `values`."""
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order]) / weights.sum()
    last = len(values) - 1
    lo = values[order][min(int(np.searchsorted(cum, FIT_QUANTILE)), last)]
    hi = values[order][min(int(np.searchsorted(cum, 1 - FIT_QUANTILE)), last)]
    return float(lo), float(hi)


def mercator_y(lat: float) -> float:
    """Web Mercator y (in radians) of a latitude."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def inverse_mercator_y(y: float) -> float:
    """The latitude of a Web Mercator y (in radians)."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def basemap_layers(geojson: Basemap) -> list[dict[str, Any]]:
    """One MapLibre layer drawing country fills with their outlines under the markers (no network needed).
    `geojson` is the outlines themselves or the URL the dashboard serves them at (basemap.STATIC_URL).
    One layer, not a fill and a line layer: an inline GeoJSON is copied into each layer, and every redraw
    sends the figure to the browser again."""
    layer = {
        "source": geojson,
        "sourcetype": "geojson",
        "type": "fill",
        "color": LAND_COLOR,
        "fill": {"outlinecolor": BORDER_COLOR},
        "below": "traces",
    }
    return [layer]


def map_layout(
    fig: go.Figure,
    lat: pd.Series,
    lon: pd.Series,
    style: str,
    basemap: Basemap | None,
    title: str | None = None,
    weights: pd.Series | None = None,
    **meta: Any,
) -> go.Figure:
    """Finish a map figure: the view fitted to `lat`/`lon` (see map_view), the style (OFFLINE: the
    country outlines, loaded here when `basemap` is None), height, legend, title and `meta`."""
    if style == OFFLINE and basemap is None:
        from components.geo.basemap import country_outlines

        basemap = country_outlines()
    center, zoom = map_view(lat, lon, weights)
    layout: dict[str, Any] = {"center": center, "zoom": zoom}
    if style == OFFLINE:
        layout["style"] = "white-bg"
        layout["layers"] = basemap_layers(basemap or {"type": "FeatureCollection", "features": []})
    else:
        layout["style"] = style
    fig.update_layout(
        map=layout,
        height=MAP_HEIGHT_PX,
        margin={"l": 0, "r": 0, "t": 30 if title else 0, "b": 0},
        legend={"title": {"text": "Event type"}, "orientation": "h", "y": -0.02, "yanchor": "top"},
        title=title,
        meta=meta,
        dragmode="pan",
    )
    return fig
