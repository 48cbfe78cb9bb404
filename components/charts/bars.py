"""Ranking bars: the most frequent places or actors as horizontal bars, largest at the top."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.charts.empty import empty_figure
from components.charts.labels import esc

BAR_COLOR = "#0072B2"
LABEL_CHARS = 40


def top_bars(df: pd.DataFrame, label: str, *, title: str) -> go.Figure:
    """Horizontal bars of the k most frequent values (`label`, n), largest at the top."""
    if df.empty:
        return empty_figure(title, "Nothing to rank yet")
    df = df.iloc[::-1]
    bars = go.Bar(
        x=df["n"],
        y=[esc(v, limit=LABEL_CHARS) for v in df[label]],
        orientation="h",
        marker_color=BAR_COLOR,
        hovertemplate="%{y} · events: %{x:,}<extra></extra>",
    )
    fig = go.Figure(bars)
    fig.update_layout(
        title=title,
        height=60 + 26 * len(df),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={"title": None},
        yaxis={"title": None},
    )
    return fig
