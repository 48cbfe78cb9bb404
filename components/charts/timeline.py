"""Charts over time: the strip of single events (`timeline`) and the bars of event counts per day or
week, stacked by type, from the events themselves (`counts_over_time`) or from counts the store
aggregated (`stacked_counts`).

Undated events never appear on a time axis; each chart built from events says in its title how many
were left out. An empty frame gives a figure that says what to do.
"""

from __future__ import annotations

import html
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.empty import empty_figure
from components.charts.hover import HOVER, hover_data
from components.charts.labels import color_for, country_label, type_name, types_in

# below the x-axis labels, pinned to the figure's bottom edge (in the bottom margin)
BOTTOM_LEGEND = {
    "orientation": "h",
    "yref": "container",
    "y": 0.0,
    "yanchor": "bottom",
    "traceorder": "normal",
}
WEEK_MS = 7 * 24 * 3600 * 1000  # a week bar's width on a date axis
FIRST_MONDAY = "2000-01-03"  # weekly bars are aligned on Mondays
COUNT_HOVER = "%{x|%-d %b %Y} · events: %{y}<extra>%{fullData.name}</extra>"
STACKED_HOVER = "%{x|%-d %b %Y} · events: %{y:,}<extra>%{fullData.name}</extra>"


def undated_note(n_undated: int) -> str:
    """' (3 undated events not shown)' for a chart's title, or '' when every event is dated."""
    if not n_undated:
        return ""
    noun = "event" if n_undated == 1 else "events"
    return f" ({n_undated} undated {noun} not shown)"


def dated_events(df: pd.DataFrame, title: str) -> tuple[pd.DataFrame, str, go.Figure | None]:
    """The dated events, the title with the undated count, and an empty-state figure when none."""
    if df.empty:
        return df, title, empty_figure(title)
    dated = df[df["event_date"].notna()].copy()
    title += undated_note(len(df) - len(dated))
    if dated.empty:
        return dated, title, empty_figure(title, "All matching events are undated: see the Events page")
    return dated, title, None


def _row_label(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return html.escape(value, quote=False)
    return "No place"


def timeline(df: pd.DataFrame, *, by: Literal["country", "event_type"] = "country") -> go.Figure:
    """A strip of events over time: one row per country (or per event type), coloured by type.

    Week- and month-precise dates are drawn as open markers; undated events are left out and counted
    in the title.
    """
    if by not in ("country", "event_type"):
        raise ValueError(f"by must be 'country' or 'event_type', got {by!r}")
    title = "Events over time, by " + ("country" if by == "country" else "event type")
    dated, title, empty = dated_events(df, title)
    if empty is not None:
        return empty
    if by == "country":
        pairs = zip(dated["country"], dated["country_code"], strict=True)
        rows_of = [country_label(name, code) for name, code in pairs]
    else:
        rows_of = dated["event_type"]
    dated["_row"] = [_row_label(v) for v in rows_of]
    dated["_x"] = pd.to_datetime(dated["event_date"])
    rows = dated["_row"].value_counts().index.tolist()[::-1]  # most events at the top
    fig = go.Figure()
    for event_type in types_in(dated):
        part = dated[dated["event_type"] == event_type]
        exact = part["time_precision"].fillna(1).astype(int).eq(1).to_numpy()
        color = color_for(event_type)
        marker = {
            "size": 13,
            "color": color,
            "opacity": 0.85,
            "symbol": np.where(exact, "circle", "circle-open").tolist(),
            "line": {"width": 2, "color": color},
        }
        fig.add_trace(
            go.Scatter(
                x=part["_x"],
                y=part["_row"],
                mode="markers",
                name=type_name(event_type),
                marker=marker,
                customdata=hover_data(part),
                hovertemplate=HOVER,
            )
        )
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
    dated, title, empty = dated_events(df, title)
    if empty is not None:
        return empty
    days = pd.to_datetime(dated["event_date"])
    dated["_bucket"] = days if freq == "D" else days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    counts = dated.groupby(["_bucket", "event_type"]).size().rename("n").reset_index()
    fig = go.Figure()
    for event_type in types_in(dated):
        part = counts[counts["event_type"] == event_type]
        fig.add_trace(
            go.Bar(
                x=part["_bucket"],
                y=part["n"],
                name=type_name(event_type),
                marker_color=color_for(event_type),
                hovertemplate=COUNT_HOVER,
            )
        )
    fig.update_layout(
        title=title,
        barmode="stack",
        height=380,
        bargap=0.15,
        xaxis={"title": None, "type": "date"},
        yaxis={"title": "events", "rangemode": "tozero"},
        legend=BOTTOM_LEGEND,
        margin={"l": 10, "r": 10, "t": 50, "b": 70},
        meta={"n_events": int(counts["n"].sum()), "n_undated": len(df) - len(dated)},
    )
    if counts.groupby("_bucket")["n"].sum().max() <= 10:
        fig.update_yaxes(dtick=1)  # small counts: whole numbers only
    if freq == "W":
        fig.update_traces(xperiod=WEEK_MS, xperiod0=FIRST_MONDAY, xperiodalignment="middle")
    return fig


def stacked_counts(counts: pd.DataFrame, *, bucket: str = "week", title: str | None = None) -> go.Figure:
    """Bars of `n` per `bucket` (a date column), stacked by event_type; box-select picks a date range."""
    title = title or ("Events per week (starting Monday)" if bucket == "week" else "Events per day")
    if counts.empty:
        return empty_figure(title)
    fig = go.Figure()
    for event_type in types_in(counts):
        part = counts[counts["event_type"] == event_type]
        fig.add_trace(
            go.Bar(
                x=pd.to_datetime(part[bucket]),
                y=part["n"],
                name=type_name(event_type),
                marker_color=color_for(event_type),
                hovertemplate=STACKED_HOVER,
            )
        )
    fig.update_layout(
        title=title,
        barmode="stack",
        height=360,
        bargap=0.1,
        dragmode="select",
        selectdirection="h",
        xaxis={"title": None, "type": "date"},
        yaxis={"title": "events", "rangemode": "tozero"},
        legend=BOTTOM_LEGEND,
        margin={"l": 10, "r": 10, "t": 50, "b": 70},
        meta={"n_events": int(counts["n"].sum())},
    )
    if bucket == "week":
        fig.update_traces(xperiod=WEEK_MS, xperiod0=FIRST_MONDAY, xperiodalignment="middle")
    return fig
