"""Unit tests of the empty-state figure (charts.empty) as every chart shows it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from components import store
from components.charts import maps as mapcharts
from components.charts.empty import EMPTY_MESSAGE
from components.charts.timeline import counts_over_time, timeline


@pytest.fixture(scope="module")
def frame(fixture_db: Path) -> pd.DataFrame:
    con = store.connect(fixture_db, read_only=True)
    try:
        return store.query_events(con)
    finally:
        con.close()


@pytest.mark.parametrize("empty", [True, False])
def test_empty_frames_give_an_explanation(frame: pd.DataFrame, empty: bool) -> None:
    df = frame.iloc[0:0]
    for fig in (mapcharts.points_map(df), timeline(df), counts_over_time(df, freq="W")):
        assert not fig.data
        assert fig.layout.annotations[0].text == EMPTY_MESSAGE
