"""The weekly playback map: one frame per week of grid aggregates (queries.grid_counts(by_week=True)),
with a play button and a slider naming the week. DataFrame -> plotly Figure, no Streamlit."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.empty import empty_figure
from components.charts.labels import color_for
from components.charts.mapbase import MAP_HEIGHT_PX, OFFLINE, Basemap, map_layout

FRAME_MS = 600  # each week is shown this long when playing
PLAYBACK_HOVER = "<b>events: %{customdata[0]}</b>, mostly %{customdata[1]}<extra></extra>"
PLAY_STEP = {
    "frame": {"duration": FRAME_MS, "redraw": True},
    "transition": {"duration": 0},
    "mode": "immediate",
}
SLIDER_STEP = {**PLAY_STEP, "frame": {"duration": 0, "redraw": True}}
PAUSE = {"frame": {"duration": 0}, "mode": "immediate"}


def _week_trace(cells: pd.DataFrame, week: pd.Timestamp, top: float) -> go.Scattermap:
    """The circles of one week: area ~ events (relative to the busiest cell-week), colour: main type."""
    part = cells[cells["week"] == week]
    marker = {
        "size": (6 + 30 * np.sqrt(part["n"] / top)).round(1),
        "color": [color_for(t) for t in part["event_type"]],
        "opacity": 0.75,
    }
    return go.Scattermap(
        lat=part["latitude"],
        lon=part["longitude"],
        mode="markers",
        name="events",
        marker=marker,
        customdata=np.column_stack([part["n"], part["event_type"]]) if len(part) else None,
        hovertemplate=PLAYBACK_HOVER,
        showlegend=False,
    )


def _controls(labels: list[str]) -> dict[str, Any]:
    """The play/pause buttons and the week slider, below the map."""
    buttons = [
        {"label": "▶ Play", "method": "animate", "args": [None, PLAY_STEP]},
        {"label": "❚❚ Pause", "method": "animate", "args": [[None], PAUSE]},
    ]
    menu = {
        "type": "buttons",
        "direction": "left",
        "x": 0.0,
        "y": -0.02,
        "xanchor": "left",
        "yanchor": "top",
        "showactive": False,
        "buttons": buttons,
    }
    steps = [
        {"label": label, "method": "animate", "args": [[str(i)], SLIDER_STEP]}
        for i, label in enumerate(labels)
    ]
    slider = {
        "active": 0,
        "x": 0.15,
        "len": 0.85,
        "y": -0.02,
        "yanchor": "top",
        "currentvalue": {"prefix": "", "visible": True, "font": {"size": 14}},
        "steps": steps,
    }
    return {"updatemenus": [menu], "sliders": [slider]}


def playback_map(
    cells: pd.DataFrame, *, style: str = OFFLINE, basemap: Basemap | None = None, max_frames: int = 120
) -> go.Figure:
    """Weekly frames (queries.grid_counts(by_week=True)) with a play button and a slider showing the week."""
    if cells.empty:
        return empty_figure(message="No dated events with a place match: widen the dates")
    weeks = sorted(pd.to_datetime(cells["week"]).unique())[-max_frames:]
    cells = cells.assign(week=pd.to_datetime(cells["week"]))
    top = max(float(cells["n"].max()), 1.0)
    labels = [f"Week of {pd.Timestamp(w).strftime('%-d %b %Y')}" for w in weeks]
    frames = [
        go.Frame(data=[_week_trace(cells, week, top)], name=str(i), layout={"title": {"text": label}})
        for i, (week, label) in enumerate(zip(weeks, labels, strict=True))
    ]
    fig = go.Figure(data=[_week_trace(cells, weeks[0], top)], frames=frames)
    map_layout(
        fig,
        cells["latitude"],
        cells["longitude"],
        style,
        basemap,
        labels[0],
        weights=cells["n"],
        mode="playback",
        n_frames=len(weeks),
    )
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 40, "b": 0}, height=MAP_HEIGHT_PX + 80, **_controls(labels)
    )
    return fig
