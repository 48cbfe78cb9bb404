"""Unit tests of the hover columns (charts.hover) and of escaping article text in every chart."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import SCRIPT_TITLE

from components import store
from components.charts import maps as mapcharts
from components.charts.hover import hover_data
from components.charts.timeline import timeline


@pytest.fixture(scope="module")
def frame(fixture_db: Path) -> pd.DataFrame:
    con = store.connect(fixture_db, read_only=True)
    try:
        return store.query_events(con)
    finally:
        con.close()


def _all_text(fig: go.Figure) -> str:
    """Every string plotly will render: trace names, customdata, hovertemplates, titles, annotations."""
    parts: list[str] = []
    for trace in fig.data:
        parts.append(str(trace.name))
        parts.append(str(getattr(trace, "hovertemplate", "")))
        if getattr(trace, "customdata", None) is not None:
            parts.extend(str(v) for row in trace.customdata for v in row)
    parts.append(str(fig.layout.title.text))
    parts.extend(str(a.text) for a in fig.layout.annotations)
    return "\n".join(parts)


def test_hover_data_escapes_each_distinct_value_once_and_keeps_row_order(frame: pd.DataFrame) -> None:
    rows = hover_data(frame)
    again = [hover_data(frame.iloc[[i]])[0].tolist() for i in range(len(frame))]
    assert rows.tolist() == again  # the per-value cache gives the same as one row at a time
    assert rows.shape == (len(frame), 5)
    assert hover_data(frame, evidence_chars=None).shape == (len(frame), 3)


def test_article_text_is_escaped_in_every_chart(frame: pd.DataFrame) -> None:
    assert (frame["title"] == SCRIPT_TITLE).any()
    dated = frame.assign(event_date=frame["event_date"].fillna(pd.Timestamp("2022-10-05")))
    for fig in (mapcharts.points_map(frame), timeline(dated), timeline(dated, by="event_type")):
        text = _all_text(fig)
        assert "<script>" not in text and "<b>strikes</b>" not in text
    assert "&lt;b&gt;strikes&lt;/b&gt; &amp; pledged" in _all_text(mapcharts.points_map(frame))  # evidence
    text = _all_text(timeline(dated))  # the map's hover has no title; the timeline's has
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Blinken &amp; allies speak" in text
