"""Unit tests of the charts over time (charts.timeline): the event strip and the counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import N_EVENTS, N_UNDATED

from components import store
from components.charts.labels import EVENT_COLORS
from components.charts.timeline import counts_over_time, timeline
from components.records import EVENT_TYPES


@pytest.fixture(scope="module")
def frame(fixture_db: Path) -> pd.DataFrame:
    con = store.connect(fixture_db, read_only=True)
    try:
        return store.query_events(con)
    finally:
        con.close()


def test_timeline_leaves_out_undated_events_and_says_so(frame: pd.DataFrame) -> None:
    fig = timeline(frame)
    assert sum(len(t.x) for t in fig.data) == N_EVENTS - N_UNDATED
    assert f"({N_UNDATED} undated events not shown)" in fig.layout.title.text
    assert all(pd.notna(x) for t in fig.data for x in t.x)


def test_timeline_rows_follow_the_grouping(frame: pd.DataFrame) -> None:
    by_country = timeline(frame, by="country")
    rows = set(by_country.layout.yaxis.categoryarray)
    assert {"Ukraine", "Belarus", "Russia", "Kazakhstan", "No place"} == rows  # US is undated only
    assert list(by_country.layout.yaxis.categoryarray)[-1] == "Ukraine"  # most events on top
    by_type = timeline(frame, by="event_type")
    assert set(by_type.layout.yaxis.categoryarray) <= set(EVENT_TYPES)
    with pytest.raises(ValueError):
        timeline(frame, by="actor")  # type: ignore[arg-type]


def test_timeline_marks_imprecise_dates_with_open_markers(frame: pd.DataFrame) -> None:
    fig = timeline(frame)
    symbols = [s for t in fig.data for s in t.marker.symbol]
    assert symbols.count("circle-open") == 2  # Moscow (week) and Almaty (month)


def test_timeline_of_only_undated_events(frame: pd.DataFrame) -> None:
    fig = timeline(frame[frame["event_date"].isna()])
    assert not fig.data and "undated" in fig.layout.annotations[0].text


# 1 Oct 2022 is a Saturday: its week starts on 26 Sep, so October spans 4 weeks


@pytest.mark.parametrize(("freq", "n_buckets"), [("D", 8), ("W", 4)])
def test_counts_over_time_sum_to_the_dated_events(frame: pd.DataFrame, freq: str, n_buckets: int) -> None:
    fig = counts_over_time(frame, freq=freq)  # type: ignore[arg-type]
    assert fig.layout.barmode == "stack"
    assert sum(int(y) for t in fig.data for y in t.y) == N_EVENTS - N_UNDATED
    buckets = {pd.Timestamp(x) for t in fig.data for x in t.x}
    assert len(buckets) == n_buckets
    if freq == "W":
        assert all(b.weekday() == 0 for b in buckets)  # weeks start on Monday
    assert "undated" in fig.layout.title.text
    assert [t.marker.color for t in fig.data] == [EVENT_COLORS[t.name] for t in fig.data]
