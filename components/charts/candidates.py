"""The candidates map of the Places review page: the gazetteer candidates of one place name, the chosen
place(s) large and orange, the others as blue dots. DataFrame -> plotly Figure, no Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.empty import empty_figure
from components.charts.labels import esc
from components.charts.mapbase import OFFLINE, Basemap, map_layout

CHOSEN_NAME = "Chosen place"
CANDIDATE_NAME = "Other candidates"
CANDIDATE_HEIGHT_PX = 360
CHOSEN_MARKER = {"size": 20, "color": "#E69F00", "opacity": 0.95}
CANDIDATE_MARKER = {"size": 10, "color": "#0072B2", "opacity": 0.9}
ZOOM_OUT = 1.3  # the small map is zoomed out this much from the full-width fit
CANDIDATE_HOVER = (
    "<b>%{customdata[0]}</b> (%{customdata[1]}) · GeoNames %{customdata[4]}"
    "<br>score %{customdata[2]}<br>%{customdata[3]}<extra>{name}</extra>"
)


def _candidate_hover(part: pd.DataFrame) -> np.ndarray:
    """customdata: 0 name, 1 country code, 2 score, 3 reason (escaped), 4 GeoNames id."""
    return np.column_stack(
        [
            [esc(v, limit=60) for v in part["name"]],
            [esc(v) for v in part["country_code"]],
            ["—" if pd.isna(s) else f"{float(s):.2f}" for s in part["score"]],
            [esc(v, limit=200) for v in part["reason"]],
            part["geonameid"].astype(str),
        ]
    )


def candidates_map(cands: pd.DataFrame, *, style: str = OFFLINE, basemap: Basemap | None = None) -> go.Figure:
    """The candidate places of one name (queries.review_candidates with coordinates): the chosen place(s) as a
    large orange marker, the others as blue dots; hover: name, country, score and reason (escaped)."""
    located = cands.dropna(subset=["latitude", "longitude"]) if not cands.empty else cands
    if located.empty:
        return empty_figure(message="No candidate has coordinates")
    fig = go.Figure()
    chosen = located["chosen"].fillna(0).astype(int) > 0
    # the chosen (larger) first: a candidate at the same spot stays visible on top
    groups = (
        (located[chosen], CHOSEN_NAME, CHOSEN_MARKER),
        (located[~chosen], CANDIDATE_NAME, CANDIDATE_MARKER),
    )
    for part, name, marker in groups:
        if part.empty:
            continue
        markers = go.Scattermap(
            lat=part["latitude"].to_numpy(float),
            lon=part["longitude"].to_numpy(float),
            mode="markers",
            name=name,
            marker=marker,
            customdata=_candidate_hover(part),
            hovertemplate=CANDIDATE_HOVER.replace("{name}", name),
        )
        fig.add_trace(markers)
    map_layout(
        fig,
        located["latitude"],
        located["longitude"],
        style,
        basemap,
        mode="candidates",
        n_points=len(located),
        n_chosen=int(chosen.sum()),
    )
    # a small map (~60% of the page width, 360 px high): zoom out from the full-width fit
    zoom = max(0.3, round(fig.layout.map.zoom - ZOOM_OUT, 2))
    fig.update_layout(height=CANDIDATE_HEIGHT_PX, legend={"title": {"text": ""}}, map_zoom=zoom)
    return fig
