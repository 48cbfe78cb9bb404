"""Unit tests of the event maps (charts.maps): traces per type, view, basemap, hovers, regional
circles, grid."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import N_EVENTS, N_LOCATED

from components import store
from components.charts import maps as mapcharts
from components.charts.hover import hover_data
from components.charts.labels import EVENT_COLORS, place_label
from components.filters import EventFilter
from components.records import EVENT_TYPES

NO_OUTLINES = {"type": "FeatureCollection", "features": []}  # an offline map without outlines


@pytest.fixture(scope="module")
def frame(fixture_db: Path) -> pd.DataFrame:
    con = store.connect(fixture_db, read_only=True)
    try:
        return store.query_events(con)
    finally:
        con.close()


def _ua(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["country_code"] == "UA"]


def _n_points(fig: go.Figure) -> int:
    return sum(len(t.lat) for t in fig.data)


def test_map_has_one_trace_per_type_with_fixed_colours(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(frame, basemap=NO_OUTLINES)
    assert all(isinstance(t, go.Scattermap) for t in fig.data)
    names = [t.name for t in fig.data]
    assert names == [t for t in EVENT_TYPES if t in set(frame["event_type"])]
    for trace in fig.data:
        assert trace.marker.color == EVENT_COLORS[trace.name]
    assert len({t.marker.color for t in fig.data}) == len(fig.data)


def test_map_plots_every_located_event_and_says_how_many_lack_a_place(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(frame)
    assert _n_points(fig) == N_LOCATED
    assert fig.layout.meta["n_points"] == N_LOCATED
    assert fig.layout.title.text == f"{N_EVENTS - N_LOCATED} event without a place not shown"


def test_map_is_centred_and_zoomed_on_the_points(frame: pd.DataFrame) -> None:
    ua = _ua(frame)
    fig = mapcharts.points_map(ua)
    center, zoom = fig.layout.map.center, fig.layout.map.zoom
    assert center.lat is not None and center.lon is not None
    assert ua["latitude"].min() < center.lat < ua["latitude"].max()
    assert ua["longitude"].min() < center.lon < ua["longitude"].max()
    assert 4 <= zoom <= 6, zoom  # Ukraine fills the map
    world = mapcharts.points_map(frame).layout.map
    assert world.zoom < zoom  # Washington to Almaty: zoomed far out
    assert -77 < world.center.lon < 77


def test_single_point_gets_a_regional_zoom(frame: pd.DataFrame) -> None:
    one = frame[frame["place_name"] == "Kerch"]
    fig = mapcharts.points_map(one)
    assert fig.layout.map.center.lat == pytest.approx(45.3607, abs=1e-3)
    assert fig.layout.map.zoom == 6.0


def test_offline_map_draws_country_outlines_below_the_markers(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(frame)
    assert fig.layout.map.style == "white-bg"
    layers = fig.layout.map.layers
    assert [layer.type for layer in layers] == ["fill"]  # one copy of the outlines
    assert layers[0].fill.outlinecolor
    assert all(layer.below == "traces" for layer in layers)
    assert len(layers[0].source["features"]) > 150


def test_online_style_is_passed_through_without_layers(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(frame, style="open-street-map")
    assert fig.layout.map.style == "open-street-map"
    assert not fig.layout.map.layers


def test_map_hover_has_date_place_type_and_truncated_evidence(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(frame)
    explosions = next(t for t in fig.data if t.name == "Explosions/Remote violence")
    kerch = next(row for row in explosions.customdata if row[1].startswith("Kerch"))
    assert kerch[0] == "8 Oct 2022" and kerch[1] == "Kerch, Ukraine"
    assert kerch[2] == "Explosions/Remote violence"
    evidence = kerch[3].replace("<br>", " ")
    assert evidence.startswith("A truck bomb exploded") and evidence.endswith("…")
    assert len(evidence) <= mapcharts.MAP_EVIDENCE_CHARS + 5
    assert kerch[-1] in set(frame["event_id"])  # the selection key
    assert "%{customdata[3]}" in explosions.hovertemplate and fig.layout.meta["evidence"] is True


def test_large_maps_leave_the_evidence_out_of_the_hover_and_stay_small(frame: pd.DataFrame) -> None:
    n = mapcharts.HOVER_EVIDENCE_MAX + 1
    big = frame.dropna(subset=["latitude"]).sample(n, replace=True, random_state=1).reset_index(drop=True)
    big = big.assign(event_id=[f"e{i}" for i in range(n)], evidence="word " * 40)
    fig = mapcharts.points_map(big, basemap=NO_OUTLINES)
    assert fig.layout.meta["evidence"] is False and _n_points(fig) == n
    assert all(len(row) == 4 for t in fig.data for row in t.customdata)  # date, place, type, key
    assert "customdata[3]" not in fig.data[0].hovertemplate
    per_point = len(fig.to_json()) / n
    with_evidence = len(mapcharts.points_map(big, evidence=True, basemap=NO_OUTLINES).to_json()) / n
    assert per_point < 120 < with_evidence, (per_point, with_evidence)


def test_region_level_events_are_one_faint_circle_per_centroid(frame: pd.DataFrame) -> None:
    """Many events placed only to a country must not stack into a dark disc: one circle per centroid,
    sized by the count, whose selection resolves to all of its events."""
    exact = frame.dropna(subset=["latitude"]).iloc[:3]
    days = ["2022-03-01", "2022-03-05", None, "2022-02-25", None, "2022-11-01", "2022-03-01"]
    regional = pd.concat([frame.dropna(subset=["latitude"]).iloc[[0]]] * 7, ignore_index=True).assign(
        event_id=[f"ru{i}" for i in range(7)],
        geo_precision=3,
        latitude=61.52401,
        longitude=105.31876,
        place_name="<b>Russia</b>",
        event_type=["Battles"] * 5 + ["Protests"] * 2,
        event_date=pd.to_datetime(days),
    )
    lone = regional.iloc[[0]].assign(
        event_id="by0",
        latitude=53.7,
        longitude=27.95,
        place_name="Belarus",
        country="Belarus",
        country_code="BY",
    )
    df = pd.concat([exact, regional, lone], ignore_index=True)
    fig = mapcharts.points_map(df, basemap=NO_OUTLINES)
    low = [t for t in fig.data if t.name == mapcharts.LOW_NAME]
    assert len(low) == 1 and len(low[0].lat) == 2  # Russia's 7 events and Belarus's 1: two circles
    assert fig.layout.meta["n_points"] == 11 and fig.layout.meta["n_low"] == 8
    assert fig.layout.meta["n_low_places"] == 2
    assert _n_points(fig) == 3 + 2
    by_n = {row[0]: row for row in low[0].customdata}
    russia = by_n["7 events"]
    assert russia[1].startswith("&lt;b&gt;Russia&lt;/b&gt;") and "<b>Russia" not in russia[1]
    assert russia[3] == "Battles 5 · Protests 2"
    assert russia[2] == "25 Feb 2022 – 1 Nov 2022 (2 undated)"
    assert mapcharts._type_list([f"t{i} 1" for i in range(6)]) == "t0 1 · t1 1 · t2 1 · t3 1 · 2 more types"
    assert mapcharts._type_list([f"t{i} 1" for i in range(5)]).endswith("t3 1 · 1 more type")
    assert mapcharts.selection_ids([russia[-1]]) == [f"ru{i}" for i in range(7)]
    assert by_n["1 event"][1] == "Belarus"  # a country-level place is not repeated: not "Belarus, Belarus"
    oblast = {"place_name": "Donetsk Oblast", "country": "Ukraine", "country_code": "UA"}
    assert place_label(oblast) == "Donetsk Oblast, Ukraine"
    assert mapcharts.selection_ids([by_n["1 event"][-1], "e1"]) == ["by0", "e1"]
    sizes = dict(zip([row[0] for row in low[0].customdata], low[0].marker.size, strict=True))
    assert sizes["1 event"] == mapcharts.LOW_SIZE < sizes["7 events"] <= mapcharts.LOW_SIZE_MAX
    assert low[0].marker.color == mapcharts.LOW_COLOR  # faint: the one circle keeps the light colour
    heat = mapcharts.points_map(df, density=True, basemap=NO_OUTLINES).data[0]
    assert heat.name == mapcharts.DENSITY_NAME and len(heat.lat) == 3  # only the 3 placed to a town
    assert 61.5 not in [round(v, 1) for v in heat.lat]  # no hot spot at Russia's country point


def test_grid_density_leaves_out_region_level_events() -> None:
    cells = pd.DataFrame(
        {
            "cell": ["a", "b"],
            "latitude": [61.5, 49.9],
            "longitude": [105.3, 36.2],
            "n": [40, 12],
            "n_low": [40, 2],
            "event_type": ["Battles", "Battles"],
            "place": ["Russia", "Kharkiv"],
        }
    )
    fig = mapcharts.grid_map(cells, cell_deg=1.0, density=True, basemap=NO_OUTLINES)
    heat = fig.data[0]
    assert heat.name == mapcharts.DENSITY_NAME and list(heat.z) == [0.0, 10.0]
    assert sum(len(t.lat) for t in fig.data[1:]) == 2  # both cells are still drawn as circles


def test_map_of_events_without_places_says_so(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(frame[frame["latitude"].isna()])
    assert not fig.data and "place" in fig.layout.annotations[0].text


def test_figures_serialise_and_filters_shrink_them(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(_ua(frame))
    spec = json.loads(fig.to_json())
    assert spec["layout"]["map"]["center"]["lat"] == pytest.approx(fig.layout.map.center.lat)
    assert _n_points(fig) == 6 < _n_points(mapcharts.points_map(frame))
    flt = EventFilter(countries=("UA",))
    assert flt.describe(_n_points(fig)) == "6 events in UA"


def test_a_place_written_in_cyrillic_shows_its_spelling_in_the_hover():
    row = {"place_name": "Beryslav", "location": "Бериславі", "country": "Ukraine", "country_code": "UA"}
    assert place_label(row) == "Beryslav (Бериславі), Ukraine"
    english = {"place_name": "Kerch", "location": "Kerch", "country": "Ukraine", "country_code": "UA"}
    assert place_label(english) == "Kerch, Ukraine"
    hover = hover_data(
        pd.DataFrame([{**row, "event_date": None, "time_precision": 0, "event_type": "Battles"}])
    )
    assert "Beryslav (Бериславі)" in hover[0][1]
