"""AppTest over every page: no exception, and the sidebar filters change what is shown.

Pages are tested two ways: through app.py and st.navigation (the real path: Streamlit 1.67 includes
PR #14217, so AppTest runs st.navigation apps; switching to a *callable* page still needs the page hash,
which AppTest only exposes as the private `_registered_pages`/`_page_hash`), and one by one with a
small script calling the sidebar and one render function (public API only).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from conftest import BY_COUNTRY, N_EVENTS, N_LOCATED, N_UNDATED, SCRIPT_TITLE
from streamlit.testing.v1 import AppTest

import components

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60
PAGES = ("overview", "map", "timeline", "events", "articles")
PAGE_SCRIPT = """
from components.dashboard import data, sidebar
from components.dashboard import pages as views
path = data.db_path()
sidebar.render_sidebar(data.country_table(path), data.date_range(path))
views.render_{page}()
"""


# -- helpers ----------------------------------------------------------------------------------------
def app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    return at.run()


def page(name: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_string(PAGE_SCRIPT.format(page=name), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    return at.run()


def goto(at: AppTest, url_path: str) -> AppTest:
    """Switch an app.py AppTest to a callable st.navigation page (AppTest internals, see docstring)."""
    hashes = {info.get("url_pathname"): h for h, info in at._registered_pages.items()}
    at._page_hash = hashes["" if url_path == "overview" else url_path]
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def sentence(at: AppTest) -> str:
    """The filter sentence shown above the charts (bold markdown, markdown-escaped)."""
    texts = [m.value for m in at.markdown if m.value.startswith("**") and "event" in m.value]
    assert texts, [m.value for m in at.markdown]
    return texts[0].strip("*").replace("\\", "")


def figures(at: AppTest) -> dict[str, dict]:
    return {el.proto.id.split("-")[-1]: json.loads(el.proto.spec) for el in at.get("plotly_chart")}


def _values(v: object) -> list:
    if isinstance(v, dict) and "bdata" in v:  # plotly 7 serialises numpy arrays as base64
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v or [])  # type: ignore[call-overload]


def map_points(at: AppTest) -> int:
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    maps = [s for s in specs if "map" in s["layout"]]
    assert maps, "no map on the page"
    return sum(len(_values(t.get("lat"))) for t in maps[0]["data"])


def table_rows(at: AppTest, index: int = 0) -> int:
    return len(at.dataframe[index].value)


# -- the app through st.navigation ------------------------------------------------------------------
@pytest.mark.usefixtures("app_env")
def test_app_opens_on_the_overview_with_every_event() -> None:
    at = ok(app())
    assert [h.value for h in at.subheader] == ["Overview"]
    assert sentence(at) == f"{N_EVENTS} events in all countries"
    assert at.metric[0].value == str(N_EVENTS)
    assert at.query_params == {}  # no filter: a short URL
    coverage = [c.value for c in at.caption if "gazetteer" in c.value]
    assert coverage and "places (GeoNames cities500" in coverage[0]  # what the places were resolved with
    urls = {info.get("url_pathname") for info in at._registered_pages.values()}
    assert urls == {"", "map", "timeline", "events", "articles", "places", "ingest"}
    ok(goto(at, "map"))
    assert map_points(at) == N_LOCATED


@pytest.mark.usefixtures("app_env")
def test_navigation_reaches_every_page_and_keeps_the_filter() -> None:
    at = ok(app())
    at.multiselect(key="flt_countries").select("UA").run()
    visits = [("timeline", "Timeline"), ("events", "Events"), ("articles", "Articles"), ("map", "Map")]
    for url_path, title in visits:
        ok(goto(at, url_path))
        assert [h.value for h in at.subheader] == [title]
        assert sentence(at) == f"{BY_COUNTRY['UA']} events in Ukraine"
        assert at.multiselect(key="flt_countries").value == ["UA"]
        assert at.query_params.get("country") == "UA"
    assert map_points(at) == BY_COUNTRY["UA"]


# -- each page, one by one --------------------------------------------------------------------------
@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_and_the_country_filter_narrows_it(name: str) -> None:
    at = ok(page(name))
    assert sentence(at) == f"{N_EVENTS} events in all countries"
    before = _shown(at, name)
    at.multiselect(key="flt_countries").select("BY").run()
    ok(at)
    assert sentence(at) == "2 events in Belarus"
    assert at.query_params.get("country") == "BY"
    after = _shown(at, name)
    assert after < before, (name, before, after)


def _shown(at: AppTest, name: str) -> int:
    """What each page shows that a filter must shrink."""
    if name == "overview":
        return int(at.metric[0].value)
    if name == "map":
        return map_points(at)
    if name == "timeline":
        specs = figures(at)
        return sum(len(_values(t.get("x"))) for t in specs["timeline"]["data"])
    if name == "events":
        return table_rows(at)
    return len(at.selectbox(key="art_pick").options)


@pytest.mark.usefixtures("app_env")
def test_date_filter_narrows_and_keeps_undated_unless_asked() -> None:
    at = ok(page("events"))
    assert table_rows(at) == N_EVENTS
    at.date_input(key="flt_dates").set_value((dt.date(2022, 10, 8), dt.date(2022, 10, 10))).run()
    ok(at)
    assert sentence(at) == "8 events in all countries, 8 Oct 2022 – 10 Oct 2022 (plus undated)"
    assert table_rows(at) == 5 + N_UNDATED
    assert at.query_params.get("from") == "2022-10-08" and at.query_params.get("to") == "2022-10-10"
    at.checkbox(key="flt_undated").uncheck().run()
    assert sentence(at) == "5 events in all countries, 8 Oct 2022 – 10 Oct 2022"
    assert table_rows(at) == 5
    assert at.query_params.get("undated") == "0"


@pytest.mark.usefixtures("app_env")
def test_full_date_range_is_no_date_filter() -> None:
    at = ok(page("events"))
    at.date_input(key="flt_dates").set_value((dt.date(2022, 10, 1), dt.date(2022, 10, 21))).run()
    assert sentence(at) == f"{N_EVENTS} events in all countries"  # undated events still shown
    assert "from" not in at.query_params and "to" not in at.query_params
    at.date_input(key="flt_dates").set_value((dt.date(2022, 10, 14), dt.date(2022, 10, 21))).run()
    assert sentence(at).startswith("8 events in all countries, 14 Oct 2022 – the latest")


@pytest.mark.usefixtures("app_env")
def test_event_type_filter_and_reset() -> None:
    at = ok(page("map"))
    at.multiselect(key="flt_types").select("Protests").run()
    assert sentence(at) == "2 events in all countries, protests"
    assert map_points(at) == 2
    at.button(key="flt_reset").click().run()
    assert sentence(at) == f"{N_EVENTS} events in all countries"
    assert at.multiselect(key="flt_types").value == [] and at.query_params == {}


# -- the URL carries the filter ---------------------------------------------------------------------
@pytest.mark.usefixtures("app_env")
def test_url_restores_the_filter() -> None:
    at = ok(app({"country": "UA", "from": "2022-10-09"}))
    assert at.multiselect(key="flt_countries").value == ["UA"]
    assert at.date_input(key="flt_dates").value == (dt.date(2022, 10, 9), dt.date(2022, 10, 21))
    assert sentence(at) == "5 events in Ukraine, 9 Oct 2022 – the latest (plus undated)"
    assert map_points(ok(goto(at, "map"))) == 5


@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize(
    "query",
    [
        {"from": "yesterday"},
        {"type": "Picnics"},
        {"country": "Ukraine"},
        {"from": "2022-10-20", "to": "2022-10-02"},
    ],
)
def test_invalid_url_warns_and_shows_everything(query: dict[str, str]) -> None:
    at = app(query)
    assert not at.exception
    assert len(at.warning) == 1 and "could not be read" in at.warning[0].value
    assert sentence(at) == f"{N_EVENTS} events in all countries"
    assert at.query_params == {}  # the bad parameters are dropped from the URL


@pytest.mark.usefixtures("app_env")
def test_url_with_a_country_without_events_shows_the_empty_state() -> None:
    at = ok(goto(app({"country": "FR"}), "map"))
    assert at.multiselect(key="flt_countries").value == ["FR"]
    assert sentence(at) == "0 events in FR"
    assert any("No events match" in i.value for i in at.info)
    spec = next(iter(figures(at).values()))
    assert "No events match" in spec["layout"]["annotations"][0]["text"]


# -- page details -----------------------------------------------------------------------------------
@pytest.mark.usefixtures("app_env")
def test_country_labels_show_name_and_code() -> None:
    at = ok(page("map"))
    options = at.multiselect(key="flt_countries").options
    assert options[0] == "Ukraine (UA)" and "United States (US)" in options


@pytest.mark.usefixtures("app_env")
def test_timeline_radios_switch_grouping_and_frequency() -> None:
    at = ok(page("timeline"))
    specs = figures(at)
    assert f"({N_UNDATED} undated events not shown)" in specs["timeline"]["layout"]["title"]["text"]
    assert "Ukraine" in specs["timeline"]["layout"]["yaxis"]["categoryarray"]
    at.radio(key="tl_by").set_value("event_type").run()
    at.radio(key="tl_freq").set_value("W").run()
    specs = figures(ok(at))
    assert "Protests" in specs["timeline"]["layout"]["yaxis"]["categoryarray"]
    assert specs["counts"]["layout"]["title"]["text"].startswith("Events per week")


@pytest.mark.usefixtures("app_env")
def test_events_page_table_link_and_download() -> None:
    at = ok(page("events", {"country": "UA"}))
    table = at.dataframe[0].value
    assert list(table.columns) == ["date", "type", "place", "country", "actors", "evidence", "article"]
    assert len(table) == BY_COUNTRY["UA"]
    assert all(link.startswith("articles?country=UA&article=art-") for link in table["article"])
    at.multiselect(key="ev_columns").select("precision").select("title").run()
    every_column = ["date", "precision", "type", "place", "country", "actors", "evidence", "title", "article"]
    assert list(at.dataframe[0].value.columns) == every_column
    labels = [d.label for d in at.get("download_button")]
    assert labels == ["CSV (ACLED column order)", "GeoJSON"]


def test_exports_are_built_on_click_from_the_filter(fixture_db: Path) -> None:
    """The download buttons get these functions (run when clicked, not on every rerun)."""
    import csv
    import io

    from components.dashboard.pages.events import csv_export, geojson_export
    from components.filters import EventFilter
    from components.store import export

    flt = EventFilter(countries=("UA",))
    rows = list(csv.reader(io.StringIO(csv_export(str(fixture_db), flt).decode("utf-8"))))
    assert rows[0] == [c for c in export.EXPORT_COLUMNS if c in rows[0]] and len(rows) == 1 + BY_COUNTRY["UA"]
    features = json.loads(geojson_export(str(fixture_db), flt))["features"]
    assert len(features) == BY_COUNTRY["UA"] and {f["properties"]["country_code"] for f in features} == {"UA"}


@pytest.mark.usefixtures("app_env")
def test_articles_page_escapes_and_highlights() -> None:
    at = ok(page("articles", {"article": "art-a4"}))
    assert at.selectbox(key="art_pick").value == "art-a4"
    body = at.get("html")[0].proto.body
    assert "<script>" not in body and "<b>strikes</b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Blinken &amp; allies speak" in body
    assert '<mark title="Washington, US (0.90)"' in body and ">Nikopol</mark>" in body
    assert table_rows(at) == 2  # the two events of that article
    assert SCRIPT_TITLE in at.selectbox(key="art_pick").options[-1] or any(
        SCRIPT_TITLE in o for o in at.selectbox(key="art_pick").options
    )


@pytest.mark.usefixtures("app_env")
def test_articles_search_and_empty_state() -> None:
    at = ok(page("articles"))
    assert len(at.selectbox(key="art_pick").options) == 5
    at.text_input(key="art_search").input("kerch").run()
    assert len(at.selectbox(key="art_pick").options) == 1
    assert at.query_params.get("article") == "art-a1"
    at.text_input(key="art_search").input("no such title").run()
    assert any("No article matches" in i.value for i in ok(at).info)


def test_highlight_escapes_text_and_skips_bad_spans() -> None:
    import pandas as pd

    from components.dashboard.pages import highlight_mentions

    text = "<i>Kyiv</i> & Lviv"
    mentions = pd.DataFrame(
        {
            "start_char": [3, 4, 14],
            "end_char": [7, 9, 18],
            "place_name": ["Kyiv", "x", None],
            "country_code": ["UA", "UA", None],
            "score": [0.5, 0.1, None],
        }
    )
    out = highlight_mentions(text, mentions)
    assert out.startswith('&lt;i&gt;<mark title="Kyiv, UA (0.50)"')
    assert out.count("<mark") == 2  # the overlapping span is skipped
    assert '<mark title="not resolved to a place"' in out and "&amp; " in out


@pytest.mark.usefixtures("app_env")
def test_missing_database_gives_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from components.errors import StoreError

    monkeypatch.setenv("CT_DB", str(tmp_path / "none.duckdb"))

    def fail(*_args: object, **_kwargs: object) -> None:
        raise StoreError("no articles folder")

    # a stand-in pipeline: the real one loads spaCy and is tested in test_pipeline.py
    fake = types.ModuleType("components.pipeline")
    fake.ensure_database = fail  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "components.pipeline", fake)
    monkeypatch.setattr(components, "pipeline", fake, raising=False)
    at = app()
    assert not at.exception
    assert any("Could not build the database" in e.value for e in at.error)


@pytest.mark.usefixtures("app_env")
def test_first_start_build_leaves_no_progress_box_and_says_what_it_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_db: Path
) -> None:
    import shutil

    from components.pipeline import IngestReport

    target = tmp_path / "new.duckdb"
    monkeypatch.setenv("CT_DB", str(target))
    calls = []

    def build(db: Path, articles_dir: Path, *, progress: object) -> IngestReport:
        calls.append(db)
        progress(1, 2, "first article")  # type: ignore[operator]
        shutil.copy(fixture_db, db)  # stands in for the real ingest (tested in test_pipeline.py)
        return IngestReport(articles_new=7, events=9)

    fake = types.ModuleType("components.pipeline")
    fake.ensure_database = build  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "components.pipeline", fake)
    monkeypatch.setattr(components, "pipeline", fake, raising=False)
    at = app()
    assert not at.exception and calls == [target]
    assert [t.value for t in at.toast] == ["Database built from articles/: 7 articles, 9 event reports"]
    assert not at.get("expandable") and not at.get("status")  # the progress box is gone
    assert not at.error


def test_country_names_fall_back_to_countryinfo_when_the_store_has_codes() -> None:
    import pandas as pd

    from components.dashboard.sidebar import country_label, country_names

    table = pd.DataFrame({"country_code": ["UA", "GB", "ZZ"], "country": ["UA", "", None]})
    names = country_names(table)
    assert names == {"UA": "Ukraine", "GB": "United Kingdom", "ZZ": "ZZ"}
    assert country_label("UA", names) == "Ukraine (UA)"
    assert country_label("FR", names) == "FR (no events)"


def test_actor_highlight_marks_whole_words_only() -> None:
    import pandas as pd

    from components.dashboard.pages.articles import event_spans

    text = "Russian forces hit Kyiv. Russia denied it."
    evs = pd.DataFrame(
        [{"start_char": 0, "end_char": len(text), "date_text": "", "actor1": "Russia", "actor2": ""}]
    )
    spans = event_spans(text, evs).to_dict("records")
    assert [(s["start_char"], s["end_char"]) for s in spans] == [(25, 31)]  # not inside "Russian"
