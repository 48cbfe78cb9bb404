"""Places review (issue 5): the review queries, the candidates map and the page (AppTest): a fix moves the
events to the chosen place, Undo restores them."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from conftest import NIKOPOL_BG, NIKOPOL_UA, add_review_candidates
from streamlit.testing.v1 import AppTest

from components import store
from components.charts import candidates as candidatemap
from components.filters import EventFilter
from components.store import queries

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60
PAGE_SCRIPT = """
from components.dashboard import data, sidebar
from components.dashboard import pages as views
path = data.db_path()
sidebar.render_sidebar(data.country_table(path), data.date_range(path))
views.render_{page}()
"""


@pytest.fixture
def review_db(fixture_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "review.duckdb"
    shutil.copy(fixture_db, copy)
    add_review_candidates(copy)
    monkeypatch.setenv("CT_DB", str(copy))
    monkeypatch.setenv("CT_MAP_STYLE", "offline")
    monkeypatch.chdir(ROOT)
    return copy


def page(name: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_string(PAGE_SCRIPT.format(page=name), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def nikopol_events(path: Path) -> set[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        sql = (
            "SELECT event_id, geonameid, country_code, country, round(latitude, 2) FROM events "
            "WHERE location = 'Nikopol'"
        )
        return set(con.execute(sql).fetchall())


def _values(v: object) -> list:
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v or [])  # type: ignore[call-overload]


# -- queries ----------------------------------------------------------------------------------------
def test_review_lists_close_calls_not_confident_places(review_db: Path) -> None:
    with store.reading(review_db) as con:
        df = queries.review_places(con)
        assert df[["text", "geonameid", "n_mentions", "n_events", "n_articles"]].values.tolist() == [
            ["Nikopol", NIKOPOL_UA, 2, 2, 2]
        ]
        assert df["margin"].iloc[0] == pytest.approx(0.6) and not df["corrected"].iloc[0]
        # the filter works through the mentions' events: none of Nikopol's events is in Belarus
        assert queries.review_places(con, EventFilter(countries=("BY",))).empty
        assert len(queries.review_places(con, EventFilter(countries=("UA",)))) == 1
        # a stricter margin and a lower score threshold drop it
        assert queries.review_places(con, margin=0.5, low_score=9.0).empty
        cands, arts = queries.review_candidates(con, "nikopol")
    assert cands["geonameid"].tolist() == [NIKOPOL_UA, NIKOPOL_BG]
    assert cands["chosen"].tolist() == [2, 0] and cands["n_mentions"].tolist() == [2, 2]
    assert sorted(arts["article_id"]) == ["art-a4", "art-a5"]
    with pytest.raises(store.StoreError):
        queries.review_places(store.connect(review_db), sort="1; DROP TABLE events")


# -- figure -----------------------------------------------------------------------------------------
def test_candidates_map_highlights_the_chosen_place_and_escapes_hovers() -> None:
    cands = pd.DataFrame(
        {
            "geonameid": [1, 2, 3],
            "name": ["<b>A</b>", "B", "C"],
            "country_code": ["UA", "BG", "RU"],
            "score": [9.2, 8.6, None],
            "reason": ["<script>x</script>", "far", "typed"],
            "n_mentions": [2, 2, 0],
            "chosen": [2, 0, 0],
            "latitude": [47.5, 43.7, None],
            "longitude": [34.4, 24.9, None],
        }
    )
    fig = candidatemap.candidates_map(cands, basemap={"type": "FeatureCollection", "features": []})
    spec = json.loads(fig.to_json())
    names = [t["name"] for t in spec["data"]]
    assert names == [
        candidatemap.CHOSEN_NAME,
        candidatemap.CANDIDATE_NAME,
    ]  # candidates drawn over the chosen one
    chosen = spec["data"][0]
    assert _values(chosen["lat"]) == [47.5] and chosen["marker"]["size"] > spec["data"][1]["marker"]["size"]
    text = json.dumps(spec["data"])
    assert "<script>" not in text and "<b>A</b>" not in text and "&lt;script&gt;" in text
    assert spec["layout"]["meta"]["n_points"] == 2  # the one without coordinates is left out
    empty = candidatemap.candidates_map(cands.iloc[0:0])
    assert not empty.data or all(not _values(getattr(t, "lat", None)) for t in empty.data)


# -- page -------------------------------------------------------------------------------------------
def test_places_page_fix_moves_the_events_and_undo_restores(review_db: Path) -> None:
    before = nikopol_events(review_db)
    assert {r[1:4] for r in before} == {(NIKOPOL_UA, "UA", "Ukraine")}
    at = ok(page("places"))
    assert [h.value for h in at.subheader] == ["Places"]
    assert at.selectbox(key="pl_pick").value == f"{NIKOPOL_UA}|Nikopol"
    assert len(at.dataframe[0].value) == 1
    assert at.button(key=f"pl_use_btn_{NIKOPOL_UA}").disabled
    figs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    assert [t["name"] for t in figs[0]["data"]] == [candidatemap.CHOSEN_NAME, candidatemap.CANDIDATE_NAME]
    at.text_input(key="pl_by").input("analyst").run()
    at.button(key=f"pl_use_btn_{NIKOPOL_BG}").click().run()
    ok(at)
    assert any("Correction 1" in s.value for s in at.success)
    assert {r[1:5] for r in nikopol_events(review_db)} == {(NIKOPOL_BG, "BG", "Bulgaria", 43.71)}
    assert at.selectbox(key="pl_pick").value == f"{NIKOPOL_BG}|Nikopol"  # still reviewing Nikopol
    assert at.dataframe[0].value["status"].tolist() == ["corrected"]
    assert any("by analyst" in t.value for t in at.text)
    # the other pages show the new place (the cached results were dropped)
    events = ok(page("events", {"country": "BG"}))
    assert any("2 events in Bulgaria" in m.value for m in events.markdown)
    assert set(events.dataframe[0].value["place"]) == {"Nikopol"}
    at.button(key="pl_undo_1").click().run()
    ok(at)
    assert nikopol_events(review_db) == before
    assert any("undone by analyst" in t.value for t in at.text)
    events = ok(page("events", {"country": "UA"}))
    assert any("6 events in Ukraine" in m.value for m in events.markdown)


def test_places_page_typed_id_and_bad_input(review_db: Path) -> None:
    at = ok(page("places"))
    at.text_input(key="pl_typed").input("12x").run()
    at.button(key="pl_use_typed").click().run()
    assert any("digits only" in e.value for e in at.error)
    at.text_input(key="pl_typed").input("999999999").run()
    at.button(key="pl_use_typed").click().run()
    assert any("not in the gazetteer" in e.value for e in at.error)
    at.text_input(key="pl_typed").input("703448").run()  # Kyiv: a place that is not a candidate
    at.button(key="pl_use_typed").click().run()
    assert not at.exception and not at.error
    assert {r[2] for r in nikopol_events(review_db)} == {"UA"} and {
        r[1] for r in nikopol_events(review_db)
    } == {703448}


def test_places_page_only_one_article(review_db: Path) -> None:
    at = ok(page("places"))
    at.selectbox(key="pl_scope").select("art-a5").run()
    at.button(key=f"pl_use_btn_{NIKOPOL_BG}").click().run()
    ok(at)
    by_event = {r[0]: r[2] for r in nikopol_events(review_db)}
    assert by_event == {"ev-a4-1": "UA", "ev-a5-0": "BG"}


def test_places_page_renders_empty_states(app_env: Path) -> None:
    at = ok(page("places"))  # the fixture mentions have no candidates: nothing to review
    assert any("No place to review" in i.value for i in at.info)
    assert any("No corrections yet" in c.value for c in at.caption)


@pytest.mark.slow
def test_places_page_on_the_sample_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from components import pipeline

    db = tmp_path / "sample.duckdb"
    pipeline.ensure_database(db, ROOT / "data" / "articles")
    monkeypatch.setenv("CT_DB", str(db))
    monkeypatch.setenv("CT_MAP_STYLE", "offline")
    monkeypatch.chdir(ROOT)
    at = ok(page("places"))
    listed = at.dataframe[0].value
    assert 10 <= len(listed) <= 60, len(listed)  # a short list, not every place (28 on 2026-11-25)
    assert (listed["best score"] < queries.REVIEW_LOW_SCORE).any() and (
        listed["margin to 2nd"] < queries.REVIEW_MARGIN
    ).any()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert sum(len(_values(t["lat"])) for t in spec["data"]) >= 1
    at.multiselect(key="flt_countries").select("UA").run()
    ok(at)
    assert 0 < len(at.dataframe[0].value) < len(listed)
