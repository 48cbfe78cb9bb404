"""AppTest over the controls added for the analyst's dashboard (issue 5): the dataset, search, actor,
outlet and precision filters; Events paging, sorting and columns; the map's density layer, weekly playback
and grid mode (on a 30k-event synthetic database); Overview numbers following the filter; Ingest (paste
flow and ACLED/UCDP/GDELT imports with their report).

Pages are run one by one with a small script calling the sidebar (with every option list, as app.py
does) and one render function.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ACLED_CSV, BY_COUNTRY, N_ACLED, N_EVENTS, N_LOCATED
from streamlit.testing.v1 import AppTest
from test_app import map_points, ok, sentence, table_rows

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 90
PAGE_SCRIPT = """
from components.dashboard import data, sidebar
from components.dashboard import pages as views
path = data.db_path()
sidebar.render_sidebar(
    data.country_table(path),
    data.date_range(path),
    actors=data.actor_list(path),
    outlets=data.outlet_list(path),
    datasets=data.dataset_list(path),
)
views.render_{page}()
"""


def page(name: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_string(PAGE_SCRIPT.format(page=name), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    return at.run()


@pytest.fixture
def mixed_env(mixed_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture articles plus 3 ACLED events."""
    monkeypatch.setenv("CT_DB", str(mixed_db))
    monkeypatch.setenv("CT_MAP_STYLE", "offline")
    monkeypatch.chdir(ROOT)
    return mixed_db


@pytest.fixture
def writable_env(fixture_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the fixture database that a test may write to."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(fixture_db, copy)
    monkeypatch.setenv("CT_DB", str(copy))
    monkeypatch.setenv("CT_MAP_STYLE", "offline")
    monkeypatch.chdir(ROOT)
    return copy


@pytest.fixture(scope="session")
def synth_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "synth30k.duckdb"
    command = [sys.executable, "-m", "components", "synth", "--events", "30000", "--db", str(path)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return path


# -- sidebar ----------------------------------------------------------------------------------------
@pytest.mark.usefixtures("mixed_env")
def test_dataset_filter_lists_present_datasets_and_narrows() -> None:
    at = ok(page("events"))
    assert sentence(at) == f"{N_EVENTS + N_ACLED} events in all countries"
    box = at.multiselect(key="flt_datasets")
    assert box.options == ["articles (extracted here)", "ACLED"]  # only the datasets with events
    box.select("acled").run()
    assert sentence(ok(at)) == f"{N_ACLED} events in all countries, from acled"
    assert table_rows(at) == N_ACLED
    assert at.query_params.get("dataset") == "acled"
    at.button(key="flt_reset").click().run()
    assert at.multiselect(key="flt_datasets").value == [] and "dataset" not in at.query_params


@pytest.mark.usefixtures("mixed_env")
def test_dataset_filter_is_restored_from_the_url() -> None:
    at = ok(page("map", {"dataset": "articles"}))
    assert at.multiselect(key="flt_datasets").value == ["articles"]
    assert sentence(at) == f"{N_EVENTS} events in all countries, from articles"
    assert map_points(at) == N_LOCATED


@pytest.mark.usefixtures("app_env")
def test_search_box_narrows_and_goes_into_the_url() -> None:
    at = ok(page("events"))
    at.text_input(key="flt_text").input("shelling").run()
    assert sentence(ok(at)) == '2 events in all countries, mentioning "shelling"'
    assert table_rows(at) == 2 and at.query_params.get("q") == "shelling"


@pytest.mark.usefixtures("mixed_env")
def test_more_filters_actors_outlets_and_precisions() -> None:
    at = ok(page("events"))
    assert "Military Forces of Russia" in at.multiselect(key="flt_actors").options
    at.multiselect(key="flt_actors").select("Military Forces of Russia").run()
    assert sentence(ok(at)) == "2 events in all countries, involving Military Forces of Russia"
    assert at.query_params.get("actor") == "Military Forces of Russia"
    at.button(key="flt_reset").click().run()
    at.multiselect(key="flt_outlets").select("Fixture Wire").run()
    assert sentence(ok(at)) == f"{N_EVENTS} events in all countries, reported by Fixture Wire"
    at.button(key="flt_reset").click().run()
    at.multiselect(key="flt_geoprec").select(0).run()
    assert sentence(ok(at)) == "1 event in all countries, places: no place"
    at.multiselect(key="flt_geoprec").unselect(0).run()
    at.multiselect(key="flt_timeprec").select(2).run()
    assert sentence(ok(at)) == "1 event in all countries, dates known to the week"
    assert at.query_params.get("timeprec") == "2"


# -- pages ------------------------------------------------------------------------------------------
@pytest.mark.usefixtures("app_env")
def test_overview_numbers_follow_the_filter() -> None:
    at = ok(page("overview"))
    assert [m.value for m in at.metric] == [str(N_EVENTS), "5", "5", "21 days"]  # 1-21 Oct 2022
    assert any(c.value == "1 Oct 2022 – 21 Oct 2022" for c in at.caption)
    at.multiselect(key="flt_countries").select("UA").run()
    assert [m.value for m in ok(at).metric][:3] == [str(BY_COUNTRY["UA"]), "3", "1"]
    assert table_rows(at) == BY_COUNTRY["UA"]  # latest events


@pytest.mark.usefixtures("app_env")
def test_events_paging_sorting_and_columns() -> None:
    at = ok(page("events"))
    at.selectbox(key="ev_size").set_value(25).run()
    at.selectbox(key="ev_sort").set_value("country").run()
    at.toggle(key="ev_desc").set_value(False).run()
    table = ok(at).dataframe[0].value
    countries = [c for c in table["country"] if isinstance(c, str) and c]
    assert countries == sorted(countries) and table_rows(at) == N_EVENTS
    assert at.number_input(key="ev_page").max == 1
    at.multiselect(key="ev_columns").unselect("evidence").unselect("actors").run()
    assert list(ok(at).dataframe[0].value.columns) == ["date", "type", "place", "country", "article"]
    assert any("Rows 1–14 of 14" in c.value for c in at.caption)


@pytest.mark.usefixtures("app_env")
def test_map_density_toggle_and_weekly_playback() -> None:
    at = ok(page("map"))
    at.toggle(key="map_density").set_value(True).run()
    specs = [el.proto.spec for el in ok(at).get("plotly_chart")]
    assert any('"densitymap"' in s for s in specs)
    at.radio(key="map_mode").set_value("playback").run()
    import json

    spec = json.loads(ok(at).get("plotly_chart")[0].proto.spec)
    assert len(spec["frames"]) >= 3  # the fixture spans three weeks of dated events
    steps = spec["layout"]["sliders"][0]["steps"]
    assert steps[0]["label"].startswith("2022-") or "2022" in steps[0]["label"]


def test_map_switches_to_the_grid_beyond_the_point_limit(
    synth_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CT_DB", str(synth_db))
    monkeypatch.setenv("CT_MAP_STYLE", "offline")
    monkeypatch.chdir(ROOT)
    at = ok(page("map"))
    assert any("aggregated on a" in c.value for c in at.caption)
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "cells of" in spec["layout"]["title"]["text"]
    assert map_points(at) < 20_000  # cells, not 30k points


# -- ingest -----------------------------------------------------------------------------------------
@pytest.mark.usefixtures("writable_env")
def test_ingest_page_file_types() -> None:
    at = ok(page("ingest"))
    kinds = [
        "Articles (txt, html, json, jsonl, csv)",
        "ACLED export (CSV)",
        "UCDP GED (CSV)",
        "GDELT 2.0 events (tab-separated)",
    ]
    assert at.radio(key="ing_kind").options == kinds
    assert at.text_area(key="ing_text") is not None
    at.radio(key="ing_kind").set_value("acled").run()
    assert not ok(at).text_area and any("tagged with its dataset" in c.value for c in at.caption)
    at.button(key="ing_go").click().run()
    assert any("Nothing to ingest" in w.value for w in ok(at).warning)


IMPORT_SCRIPT = """
from components.dashboard.pages import ingest
report = ingest.run_import([("acled.csv", {data!r})], "acled")
ingest.show_import_report(report)
"""


@pytest.mark.usefixtures("writable_env")
def test_acled_import_reports_written_stored_and_skipped() -> None:
    script = IMPORT_SCRIPT.format(data=ACLED_CSV.encode())
    at = AppTest.from_string(script, default_timeout=TIMEOUT).run()
    first = f"Imported {N_ACLED} new events from ACLED export (4 rows read); 0 already stored; 1 skipped."
    assert ok(at).success[0].value == first
    report = at.dataframe[0].value
    assert report["reason"].tolist()[-1] == "unreadable date 'someday'"
    at = AppTest.from_string(script, default_timeout=TIMEOUT).run()
    again = f"Imported 0 new events from ACLED export (4 rows read); {N_ACLED} already stored"
    assert ok(at).success[0].value.startswith(again)
    at = ok(page("events", {"dataset": "acled"}))
    assert sentence(at) == f"{N_ACLED} events in all countries, from acled"


@pytest.mark.usefixtures("writable_env")
def test_ingest_paste_flow() -> None:
    at = ok(page("ingest"))
    pasted = (
        "Drone strike hits Odesa port\n\nRussian drones struck the port of Odesa on Monday, officials said."
    )
    at.text_area(key="ing_text").input(pasted).run()
    import datetime as dt

    at.date_input(key="ing_date").set_value(dt.date(2022, 10, 17)).run()
    at.button(key="ing_go").click().run()
    message = ok(at).success[0].value
    assert message.startswith("Ingested 1 new article with 1 event in"), message
    at.button(key="ing_go").click().run()
    assert "0 new articles" in at.success[0].value and "1 already stored" in at.success[0].value
