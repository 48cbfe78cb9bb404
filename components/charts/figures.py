"""Pure chart builders: DataFrame of events (store.EVENT_COLUMNS) -> plotly Figure. No Streamlit here.

Every label and hover string that comes from an article is escaped with `html.escape` before it reaches
plotly, which renders a subset of HTML in text. Undated events never appear on a time axis; each time
chart says in its title how many were left out. An empty frame gives a figure that says what to do.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.records import EVENT_TYPES

EMPTY_MESSAGE = "No events match: widen the dates or clear the country filter"
OFFLINE = "offline"

# One colour per event type, the same on every chart (colour-blind-safe Okabe-Ito palette).
EVENT_COLORS: dict[str, str] = dict(
    zip(EVENT_TYPES, ("#D55E00", "#E69F00", "#CC79A7", "#0072B2", "#56B4E9", "#009E73"), strict=True)
)
OTHER_COLOR = "#7f7f7f"
PRECISION_LABELS = {1: "day", 2: "week", 3: "month", 0: "undated"}

EVIDENCE_CHARS = 200  # evidence sentences are cut to this many characters in hovers
WRAP = 70  # hover lines are wrapped at this width
DEFAULT_CENTER = {"lat": 48.5, "lon": 31.0}  # central Ukraine: where most of the sample data is
DEFAULT_ZOOM = 3.0
MAP_HEIGHT_PX = 520  # figure height; the legend below takes ~60 px of it
FIT_WIDTH_PX, FIT_HEIGHT_PX = 700, 460  # the smallest map area we expect; points are fitted into it
FIT_SHARE = 0.6  # the points' extent fills at most this share of the map, leaving context around
FIT_ROBUST_MIN, FIT_QUANTILE = 50, 0.02  # from 50 events on, fit the central 96% of them


# -- helpers ----------------------------------------------------------------------------------------
def esc(value: object, *, limit: int | None = None) -> str:
    """Article text made safe for plotly labels: cut to `limit`, escaped, wrapped with <br>."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    lines = _wrap(text, WRAP)
    # quote=False: plotly decodes &lt; &gt; &amp; but shows &quot; literally; quotes are harmless here.
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap: textwrap.wrap's lines for ordinary text, but a word longer than `width` is
    never split; ~20x faster on thousands of labels."""
    if len(text) <= width:
        return [text]
    return [m.strip() for m in re.findall(rf".{{1,{width}}}(?:\s+|$)|\S+", text) if m.strip()] or [""]


def color_for(event_type: str) -> str:
    return EVENT_COLORS.get(event_type, OTHER_COLOR)


def _types_in(df: pd.DataFrame) -> list[str]:
    present = set(df["event_type"].dropna())
    return [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))


def _date_label(row: Mapping[str, Any]) -> str:
    day = row.get("event_date")
    if day is None or pd.isna(day):
        return "undated"
    text = pd.Timestamp(day).strftime("%-d %b %Y")
    precision = row.get("time_precision")
    if precision in (2, 3):
        text += f" (within the {PRECISION_LABELS[int(precision)]})"
    return text


def _country(name: object, code: object) -> str:
    """The country's name; looked up from its code when the store kept only the code (or nothing)."""
    name = name if isinstance(name, str) else ""
    code = code if isinstance(code, str) else ""
    if code and (not name.strip() or name.strip().upper() == code.upper()):
        from components.geo.countries import country_name

        return country_name(code) or code
    return name.strip()


def _place_label(row: Mapping[str, Any]) -> str:
    place = row.get("place_name") or row.get("location") or ""
    country = _country(row.get("country"), row.get("country_code"))
    if isinstance(place, str) and place.strip().casefold() == country.strip().casefold():
        country = ""  # a country-level event: "Russia", not "Russia, Russia"
    return ", ".join(str(p) for p in (place, country) if p and not pd.isna(p))


HOVER_COLUMNS = ("event_date", "time_precision", "location", "place_name", "country", "country_code",
                 "event_type", "evidence", "title")  # fmt: skip


def _hover_data(
    df: pd.DataFrame, *, title: bool = True, evidence_chars: int | None = EVIDENCE_CHARS
) -> np.ndarray:
    """customdata columns: 0 date, 1 place, 2 type[, 3 evidence (unless evidence_chars is None)[, 4 title]],
    all escaped.

    Each column is escaped once per distinct value (dates, places and types repeat a lot), so a map of
    10,000 events builds its hovers in a fraction of a second."""
    n = len(df)

    def col(name: str) -> pd.Series:
        return df[name] if name in df.columns else pd.Series([None] * n, index=df.index, dtype=object)

    def escaped(values: pd.Series, limit: int | None = None) -> np.ndarray:
        return _map_unique(values, lambda v: esc(v, limit=limit))

    dates = _map_unique(pd.Series(list(zip(col("event_date"), col("time_precision"), strict=True)), dtype=object),
                        lambda pair: esc(_date_label({"event_date": pair[0], "time_precision": pair[1]})))  # fmt: skip
    places = _map_unique(
        pd.Series(list(zip(col("place_name"), col("location"), col("country"), col("country_code"), strict=True)),
                  dtype=object),
        lambda t: esc(_place_label(dict(zip(("place_name", "location", "country", "country_code"), t, strict=True)))),
    )  # fmt: skip
    columns = [dates, places, escaped(col("event_type"))]
    if evidence_chars is not None:
        columns.append(escaped(col("evidence"), evidence_chars))
    if title and evidence_chars is not None:
        columns.append(escaped(col("title"), 120))
    return np.column_stack(columns).astype(object) if n else np.empty((0, len(columns)), dtype=object)


def _map_unique(values: pd.Series, fn: Any) -> np.ndarray:
    """fn applied once per distinct value (NaN-safe: the key is the value's repr for unhashables)."""
    cache: dict[Any, str] = {}
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values.to_numpy(dtype=object)):
        key = v if not isinstance(v, float) or v == v else "nan"
        try:
            hit = cache.get(key)
        except TypeError:  # unhashable: no caching
            out[i] = fn(v)
            continue
        if hit is None:
            hit = cache[key] = fn(v)
        out[i] = hit
    return out


# below the x-axis labels, pinned to the figure's bottom edge (in the bottom margin)
BOTTOM_LEGEND = {
    "orientation": "h",
    "yref": "container",
    "y": 0.0,
    "yanchor": "bottom",
    "traceorder": "normal",
}

HOVER = (
    "<b>%{customdata[2]}</b><br>%{customdata[0]} · %{customdata[1]}<br><br>"
    "%{customdata[3]}<br><i>%{customdata[4]}</i><extra></extra>"
)


def empty_figure(title: str = "", message: str = EMPTY_MESSAGE) -> go.Figure:
    """A blank figure with a centred message explaining what to do."""
    fig = go.Figure()
    fig.add_annotation(
        text=html.escape(message, quote=False), x=0.5, y=0.5, xref="paper", yref="paper",
        showarrow=False, font={"size": 16},
    )  # fmt: skip
    fig.update_layout(
        title=title or None, xaxis={"visible": False}, yaxis={"visible": False}, height=360,
        margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 10},
    )  # fmt: skip
    return fig


def _undated_note(n_undated: int) -> str:
    if not n_undated:
        return ""
    noun = "event" if n_undated == 1 else "events"
    return f" ({n_undated} undated {noun} not shown)"


# -- map --------------------------------------------------------------------------------------------
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
        (lat_min, lat_max), (lon_min, lon_max) = (_weighted_range(v.to_numpy(), w) for v in (lat, lon))
    else:
        (lat_min, lat_max), (lon_min, lon_max) = (lat.min(), lat.max()), (lon.min(), lon.max())
    lat_min, lat_max = max(lat_min, -85.0), min(lat_max, 85.0)
    y_min, y_max = _mercator_y(lat_min), _mercator_y(lat_max)
    center = {
        "lat": round(_inverse_mercator_y((y_min + y_max) / 2), 4),
        "lon": round(float(lon_min + lon_max) / 2, 4),
    }
    # at zoom z the world is 512 * 2**z px wide (MapLibre); keep the extent within FIT_SHARE of the map
    lon_span = max(lon_max - lon_min, 1e-6) / 360.0
    y_span = max(y_max - y_min, 1e-6) / (2 * math.pi)
    zoom_x = math.log2(FIT_SHARE * FIT_WIDTH_PX / (512 * lon_span))
    zoom_y = math.log2(FIT_SHARE * FIT_HEIGHT_PX / (512 * y_span))
    zoom = min(zoom_x, zoom_y, 6.0)  # one town alone: a regional view, not a street view
    return center, round(max(zoom, 0.3), 2)


def _weighted_range(values: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    """The FIT_QUANTILE and 1-FIT_QUANTILE weighted quantiles of `values`."""
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order]) / weights.sum()
    lo = values[order][min(int(np.searchsorted(cum, FIT_QUANTILE)), len(values) - 1)]
    hi = values[order][min(int(np.searchsorted(cum, 1 - FIT_QUANTILE)), len(values) - 1)]
    return float(lo), float(hi)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _inverse_mercator_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def basemap_layers(geojson: Mapping[str, Any] | str) -> list[dict[str, Any]]:
    """One MapLibre layer drawing country fills with their outlines under the markers (no network needed).
    `geojson` is the outlines themselves or the URL the dashboard serves them at (basemap.STATIC_URL).
    One layer, not a fill and a line layer: an inline GeoJSON is copied into each layer, and every redraw
    sends the figure to the browser again."""
    return [
        {"source": geojson, "sourcetype": "geojson", "type": "fill", "color": "#eef1f4",
         "fill": {"outlinecolor": "#8a96a3"}, "below": "traces"},
    ]  # fmt: skip


# -- timeline ---------------------------------------------------------------------------------------
def _dated(df: pd.DataFrame, title: str) -> tuple[pd.DataFrame, str, go.Figure | None]:
    """The dated events, the title with the undated count, and an empty-state figure when none."""
    if df.empty:
        return df, title, empty_figure(title)
    dated = df[df["event_date"].notna()].copy()
    title += _undated_note(len(df) - len(dated))
    if dated.empty:
        return dated, title, empty_figure(title, "All matching events are undated: see the Events page")
    return dated, title, None


def timeline(df: pd.DataFrame, *, by: Literal["country", "event_type"] = "country") -> go.Figure:
    """A strip of events over time: one row per country (or per event type), coloured by type.

    Week- and month-precise dates are drawn as open markers; undated events are left out and counted
    in the title.
    """
    if by not in ("country", "event_type"):
        raise ValueError(f"by must be 'country' or 'event_type', got {by!r}")
    title = "Events over time, by " + ("country" if by == "country" else "event type")
    dated, title, empty = _dated(df, title)
    if empty is not None:
        return empty
    rows_of = (
        [_country(n, c) for n, c in zip(dated["country"], dated["country_code"], strict=True)]
        if by == "country"
        else dated["event_type"]
    )
    dated["_row"] = [
        html.escape(str(v), quote=False) if isinstance(v, str) and v.strip() else "No place" for v in rows_of
    ]
    dated["_x"] = pd.to_datetime(dated["event_date"])
    rows = dated["_row"].value_counts().index.tolist()[::-1]  # most events at the top
    fig = go.Figure()
    for event_type in _types_in(dated):
        part = dated[dated["event_type"] == event_type]
        exact = part["time_precision"].fillna(1).astype(int).eq(1).to_numpy()
        fig.add_trace(
            go.Scatter(
                x=part["_x"], y=part["_row"], mode="markers",
                name=html.escape(str(event_type), quote=False),
                marker={
                    "size": 13, "color": color_for(event_type), "opacity": 0.85,
                    "symbol": np.where(exact, "circle", "circle-open").tolist(),
                    "line": {"width": 2, "color": color_for(event_type)},
                },
                customdata=_hover_data(part), hovertemplate=HOVER,
            )
        )  # fmt: skip
    fig.update_layout(
        title=title,
        height=max(300, 150 + 48 * len(rows)),
        yaxis={"categoryorder": "array", "categoryarray": rows, "title": None},
        xaxis={"title": None, "type": "date"},
        legend=BOTTOM_LEGEND,
        margin={"l": 10, "r": 10, "t": 50, "b": 70},
        meta={"n_points": len(dated), "n_undated": len(df) - len(dated)},
    )
    return fig


def counts_over_time(df: pd.DataFrame, *, freq: Literal["D", "W"] = "D") -> go.Figure:
    """Bar chart of event counts per day (or per week starting Monday), stacked by event type."""
    if freq not in ("D", "W"):
        raise ValueError(f"freq must be 'D' or 'W', got {freq!r}")
    title = "Events per " + ("day" if freq == "D" else "week (starting Monday)")
    dated, title, empty = _dated(df, title)
    if empty is not None:
        return empty
    days = pd.to_datetime(dated["event_date"])
    dated["_bucket"] = days if freq == "D" else days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    counts = dated.groupby(["_bucket", "event_type"]).size().rename("n").reset_index()
    fig = go.Figure()
    for event_type in _types_in(dated):
        part = counts[counts["event_type"] == event_type]
        fig.add_trace(
            go.Bar(
                x=part["_bucket"], y=part["n"], name=html.escape(str(event_type), quote=False),
                marker_color=color_for(event_type),
                hovertemplate="%{x|%-d %b %Y} · events: %{y}<extra>%{fullData.name}</extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        title=title, barmode="stack", height=380, bargap=0.15,
        xaxis={"title": None, "type": "date"}, yaxis={"title": "events", "rangemode": "tozero"},
        legend=BOTTOM_LEGEND,
        margin={"l": 10, "r": 10, "t": 50, "b": 70},
        meta={"n_events": int(counts["n"].sum()), "n_undated": len(df) - len(dated)},
    )  # fmt: skip
    if counts.groupby("_bucket")["n"].sum().max() <= 10:
        fig.update_yaxes(dtick=1)  # small counts: whole numbers only
    if freq == "W":
        fig.update_traces(xperiod=7 * 24 * 3600 * 1000, xperiod0="2000-01-03", xperiodalignment="middle")
    return fig
