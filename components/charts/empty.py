"""The figure a chart shows when it has nothing to draw: a blank plot with a centred message saying
what to do."""

from __future__ import annotations

import html

import plotly.graph_objects as go

EMPTY_MESSAGE = "No events match: widen the dates or clear the country filter"


def empty_figure(title: str = "", message: str = EMPTY_MESSAGE) -> go.Figure:
    """A blank figure with a centred message explaining what to do."""
    fig = go.Figure()
    fig.add_annotation(
        text=html.escape(message, quote=False),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 16},
    )
    fig.update_layout(
        title=title or None,
        xaxis={"visible": False},
        yaxis={"visible": False},
        height=360,
        margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 10},
    )
    return fig
