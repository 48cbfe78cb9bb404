"""Unit tests of the pure chart builders and the offline basemap (no Streamlit, no browser)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import N_EVENTS, N_LOCATED, N_UNDATED, SCRIPT_TITLE

from components import store
from components.charts import figures as charts
from components.charts import maps as mapcharts
from components.filters import EventFilter
from components.geo import basemap, countries
from components.records import EVENT_TYPES


@pytest.fixture(scope="module")
def frame(fixture_db: Path) -> pd.DataFrame:
    con = store.connect(fixture_db, read_only=True)
    try:
        return store.query_events(con)
    finally:
        con.close()


def _ua(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["country_code"] == "UA"]


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


def _n_points(fig: go.Figure) -> int:
    return sum(len(t.lat) for t in fig.data)


# -- map --------------------------------------------------------------------------------------------
def test_map_has_one_trace_per_type_with_fixed_colours(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(frame, basemap={"type": "FeatureCollection", "features": []})
    assert all(isinstance(t, go.Scattermap) for t in fig.data)
    names = [t.name for t in fig.data]
    assert names == [t for t in EVENT_TYPES if t in set(frame["event_type"])]
    for trace in fig.data:
        assert trace.marker.color == charts.EVENT_COLORS[trace.name]
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


def test_a_few_far_away_events_do_not_zoom_a_large_map_out_to_the_world() -> None:
    lat = pd.Series([48.0 + i % 5 for i in range(200)] + [64.0, -33.9])  # 200 in Ukraine, Chukotka, Cape Town
    lon = pd.Series([30.0 + i % 7 for i in range(200)] + [177.5, 18.4])
    center, zoom = charts.map_view(lat, lon)
    assert 4 <= zoom <= 6 and 30 < center["lon"] < 37, (center, zoom)  # fits Ukraine, not the world
    few_center, few_zoom = charts.map_view(lat.iloc[-12:], lon.iloc[-12:])  # 12 events: every one fits
    assert few_zoom < 2 and few_center["lon"] > 60
    cells_center, cells_zoom = charts.map_view(pd.Series([49.0, 64.0]), pd.Series([32.0, 177.5]),
                                               weights=pd.Series([500, 3]))  # fmt: skip
    assert cells_zoom >= 4 and cells_center["lon"] == pytest.approx(32.0)  # grid cells weighted by events


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
    fig = mapcharts.points_map(big, basemap={"type": "FeatureCollection", "features": []})
    assert fig.layout.meta["evidence"] is False and _n_points(fig) == n
    assert all(len(row) == 4 for t in fig.data for row in t.customdata)  # date, place, type, key
    assert "customdata[3]" not in fig.data[0].hovertemplate
    per_point = len(fig.to_json()) / n
    with_evidence = len(mapcharts.points_map(big, evidence=True, basemap={"type": "FeatureCollection",
                                                                          "features": []}).to_json()) / n  # fmt: skip
    assert per_point < 120 < with_evidence, (per_point, with_evidence)


def test_hover_data_escapes_each_distinct_value_once_and_keeps_row_order(frame: pd.DataFrame) -> None:
    rows = charts._hover_data(frame)
    again = [charts._hover_data(frame.iloc[[i]])[0].tolist() for i in range(len(frame))]
    assert rows.tolist() == again  # the per-value cache gives the same as one row at a time
    assert rows.shape == (len(frame), 5)
    assert charts._hover_data(frame, evidence_chars=None).shape == (len(frame), 3)


def test_article_text_is_escaped_in_every_chart(frame: pd.DataFrame) -> None:
    assert (frame["title"] == SCRIPT_TITLE).any()
    dated = frame.assign(event_date=frame["event_date"].fillna(pd.Timestamp("2022-10-05")))
    for fig in (mapcharts.points_map(frame), charts.timeline(dated), charts.timeline(dated, by="event_type")):
        text = _all_text(fig)
        assert "<script>" not in text and "<b>strikes</b>" not in text
    assert "&lt;b&gt;strikes&lt;/b&gt; &amp; pledged" in _all_text(mapcharts.points_map(frame))  # evidence
    text = _all_text(charts.timeline(dated))  # the map's hover has no title; the timeline's has
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Blinken &amp; allies speak" in text


def test_esc_escapes_wraps_and_truncates() -> None:
    assert charts.esc('<img src=x onerror="alert(1)">') == '&lt;img src=x onerror="alert(1)"&gt;'
    assert charts.esc(None) == "" and charts.esc(float("nan")) == ""
    long = charts.esc("word " * 100, limit=50)
    assert long.endswith("…") and len(long.replace("<br>", " ")) <= 50


@pytest.mark.parametrize("empty", [True, False])
def test_empty_frames_give_an_explanation(frame: pd.DataFrame, empty: bool) -> None:
    df = frame.iloc[0:0]
    for fig in (mapcharts.points_map(df), charts.timeline(df), charts.counts_over_time(df, freq="W")):
        assert not fig.data
        assert fig.layout.annotations[0].text == charts.EMPTY_MESSAGE


def test_region_level_events_are_one_faint_circle_per_centroid(frame: pd.DataFrame) -> None:
    """Many events placed only to a country must not stack into a dark disc: one circle per centroid,
    sized by the count, whose selection resolves to all of its events."""
    exact = frame.dropna(subset=["latitude"]).iloc[:3]
    regional = pd.concat([frame.dropna(subset=["latitude"]).iloc[[0]]] * 7, ignore_index=True).assign(
        event_id=[f"ru{i}" for i in range(7)], geo_precision=3, latitude=61.52401, longitude=105.31876,
        place_name="<b>Russia</b>", event_type=["Battles"] * 5 + ["Protests"] * 2,
        event_date=pd.to_datetime(["2022-03-01", "2022-03-05", None, "2022-02-25", None, "2022-11-01", "2022-03-01"]),
    )  # fmt: skip
    lone = regional.iloc[[0]].assign(
        event_id="by0",
        latitude=53.7,
        longitude=27.95,
        place_name="Belarus",
        country="Belarus",
        country_code="BY",
    )
    df = pd.concat([exact, regional, lone], ignore_index=True)
    fig = mapcharts.points_map(df, basemap={"type": "FeatureCollection", "features": []})
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
    assert charts._place_label(oblast) == "Donetsk Oblast, Ukraine"
    assert mapcharts.selection_ids([by_n["1 event"][-1], "e1"]) == ["by0", "e1"]
    sizes = dict(zip([row[0] for row in low[0].customdata], low[0].marker.size, strict=True))
    assert sizes["1 event"] == mapcharts.LOW_SIZE < sizes["7 events"] <= mapcharts.LOW_SIZE_MAX
    assert low[0].marker.color == mapcharts.LOW_COLOR  # faint: the one circle keeps the light colour
    heat = mapcharts.points_map(df, density=True, basemap={"type": "FeatureCollection", "features": []}).data[
        0
    ]
    assert heat.name == mapcharts.DENSITY_NAME and len(heat.lat) == 3  # only the 3 placed to a town
    assert 61.5 not in [round(v, 1) for v in heat.lat]  # no hot spot at Russia's country point


def test_grid_density_leaves_out_region_level_events() -> None:
    cells = pd.DataFrame({"cell": ["a", "b"], "latitude": [61.5, 49.9], "longitude": [105.3, 36.2],
                          "n": [40, 12], "n_low": [40, 2], "event_type": ["Battles", "Battles"],
                          "place": ["Russia", "Kharkiv"]})  # fmt: skip
    fig = mapcharts.grid_map(
        cells, cell_deg=1.0, density=True, basemap={"type": "FeatureCollection", "features": []}
    )
    heat = fig.data[0]
    assert heat.name == mapcharts.DENSITY_NAME and list(heat.z) == [0.0, 10.0]
    assert sum(len(t.lat) for t in fig.data[1:]) == 2  # both cells are still drawn as circles


def test_map_of_events_without_places_says_so(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(frame[frame["latitude"].isna()])
    assert not fig.data and "place" in fig.layout.annotations[0].text


# -- timeline and counts ----------------------------------------------------------------------------
def test_timeline_leaves_out_undated_events_and_says_so(frame: pd.DataFrame) -> None:
    fig = charts.timeline(frame)
    assert sum(len(t.x) for t in fig.data) == N_EVENTS - N_UNDATED
    assert f"({N_UNDATED} undated events not shown)" in fig.layout.title.text
    assert all(pd.notna(x) for t in fig.data for x in t.x)


def test_timeline_rows_follow_the_grouping(frame: pd.DataFrame) -> None:
    by_country = charts.timeline(frame, by="country")
    rows = set(by_country.layout.yaxis.categoryarray)
    assert {"Ukraine", "Belarus", "Russia", "Kazakhstan", "No place"} == rows  # US is undated only
    assert list(by_country.layout.yaxis.categoryarray)[-1] == "Ukraine"  # most events on top
    by_type = charts.timeline(frame, by="event_type")
    assert set(by_type.layout.yaxis.categoryarray) <= set(EVENT_TYPES)
    with pytest.raises(ValueError):
        charts.timeline(frame, by="actor")  # type: ignore[arg-type]


def test_timeline_marks_imprecise_dates_with_open_markers(frame: pd.DataFrame) -> None:
    fig = charts.timeline(frame)
    symbols = [s for t in fig.data for s in t.marker.symbol]
    assert symbols.count("circle-open") == 2  # Moscow (week) and Almaty (month)


def test_timeline_of_only_undated_events(frame: pd.DataFrame) -> None:
    fig = charts.timeline(frame[frame["event_date"].isna()])
    assert not fig.data and "undated" in fig.layout.annotations[0].text


# 1 Oct 2022 is a Saturday: its week starts on 26 Sep, so October spans 4 weeks
@pytest.mark.parametrize(("freq", "n_buckets"), [("D", 8), ("W", 4)])
def test_counts_over_time_sum_to_the_dated_events(frame: pd.DataFrame, freq: str, n_buckets: int) -> None:
    fig = charts.counts_over_time(frame, freq=freq)  # type: ignore[arg-type]
    assert fig.layout.barmode == "stack"
    assert sum(int(y) for t in fig.data for y in t.y) == N_EVENTS - N_UNDATED
    buckets = {pd.Timestamp(x) for t in fig.data for x in t.x}
    assert len(buckets) == n_buckets
    if freq == "W":
        assert all(b.weekday() == 0 for b in buckets)  # weeks start on Monday
    assert "undated" in fig.layout.title.text
    assert [t.marker.color for t in fig.data] == [charts.EVENT_COLORS[t.name] for t in fig.data]


def test_figures_serialise_and_filters_shrink_them(frame: pd.DataFrame) -> None:
    fig = mapcharts.points_map(_ua(frame))
    spec = json.loads(fig.to_json())
    assert spec["layout"]["map"]["center"]["lat"] == pytest.approx(fig.layout.map.center.lat)
    assert _n_points(fig) == 6 < _n_points(mapcharts.points_map(frame))
    flt = EventFilter(countries=("UA",))
    assert flt.describe(_n_points(fig)) == "6 events in UA"


# -- basemap ----------------------------------------------------------------------------------------
def test_basemap_is_small_valid_geojson_and_cached() -> None:
    basemap.country_outlines.cache_clear()
    started = time.perf_counter()
    outlines = basemap.country_outlines()
    elapsed = time.perf_counter() - started
    size = len(json.dumps(outlines, separators=(",", ":")))
    print(f"basemap: {len(outlines['features'])} countries, {size / 1024:.0f} KiB, {elapsed * 1000:.0f} ms")
    assert outlines["type"] == "FeatureCollection"
    assert 150 < len(outlines["features"]) < 260
    assert size < 300_000 and elapsed < 2.0
    ids = {f["id"] for f in outlines["features"]}
    assert {"UKR", "BLR", "RUS", "KAZ", "USA"} <= ids and "ATA" not in ids
    for feature in outlines["features"]:
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert basemap.country_outlines() is outlines


@pytest.mark.parametrize(
    ("code", "name"),
    [("UA", "Ukraine"), ("us", "United States"), ("GB", "United Kingdom"), ("ZZ", None)],
)
def test_country_names_come_from_countryinfo(code: str, name: str | None) -> None:
    assert countries.country_name(code) == name


def test_charts_name_countries_the_store_kept_only_as_codes(frame: pd.DataFrame) -> None:
    coded = frame.assign(country=frame["country_code"])  # the pipeline may store "UA" as the country
    rows = set(charts.timeline(coded).layout.yaxis.categoryarray)
    assert {"Ukraine", "Belarus", "Russia", "Kazakhstan", "No place"} == rows
    places = {row[1] for t in mapcharts.points_map(coded).data for row in t.customdata}
    assert "Kyiv, Ukraine" in places


def test_fast_wrap_matches_textwrap_on_ordinary_text():
    import random
    import textwrap

    from components.charts.figures import _wrap

    rng = random.Random(5)
    words = ["a", "bb", "ccc", "Zaporizhzhia", "said,", "(UA)", "0.5°"]  # (hyphenated words are kept whole)
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 60)))
        assert _wrap(text, 70) == (textwrap.wrap(text, 70) or [""])
    assert _wrap("x" * 90 + " end", 70) == ["x" * 90, "end"]  # a long word is kept whole


def test_static_basemap_file_is_written_once_and_is_the_outlines(tmp_path: Path) -> None:
    target = basemap.write_static(tmp_path / "static")
    assert target.name == "basemap.geojson" and basemap.STATIC_URL.endswith("static/basemap.geojson")
    assert json.loads(target.read_text(encoding="utf-8")) == basemap.country_outlines()
    stamp = target.stat().st_mtime_ns
    basemap.write_static(tmp_path / "static")
    assert target.stat().st_mtime_ns == stamp  # unchanged content: not rewritten
    fig = mapcharts.points_map(pd.DataFrame({"latitude": [50.0], "longitude": [30.0], "event_type": ["Battles"],
                                             "geo_precision": [1], "event_id": ["e1"]}),
                               basemap=basemap.STATIC_URL)  # fmt: skip
    assert fig.layout.map.layers[0].source == basemap.STATIC_URL  # the figure names the URL
    assert len(fig.to_json()) < 20_000  # the inline outlines alone are ~160 KB
