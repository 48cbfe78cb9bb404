"""The article language on the dashboard: readable names, the sidebar's language filter (shown only when
the events have more than one language, kept in the URL), the language column of the events table and
event detail, and the Articles page highlighting a Ukrainian article's mentions in its original text."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import N_EVENTS
from dashboard.test_app import ok, sentence
from streamlit.testing.v1 import AppTest

from components import store
from components.dashboard.format import display_table, language_name
from components.dashboard.pages.detail import evidence_in_context
from components.filters import EventFilter
from components.records import EXPLOSIONS, Article, Event, Mention, Place, ResolvedMention

TIMEOUT = 60
SCRIPT = """
from components.dashboard import data, sidebar
from components.dashboard import pages as views
path = data.db_path()
sidebar.render_sidebar(data.country_table(path), data.date_range(path))
views.render_{page}()
"""
KHARKIV = Place(706483, "Kharkiv", 49.98, 36.25, "UA", "Kharkiv Oblast", "UA.07")
BELGOROD = Place(578072, "Belgorod", 50.61, 36.58, "RU", "Belgorod Oblast", "RU.09")
# Written for this test: a night drone strike on a warehouse in Kharkiv, and a quoted word in markup.
UK_TEXT = (
    "Вночі 14 березня дрони вдарили по складу в Харкові. Російські війська також обстріляли околиці міста. "
    'Мешканці пишуть: "<b>тривога</b>" & чекають.'
)
RU_TEXT = "Утром 15 марта в Белгороде сообщили о взрыве на окраине."


def article_with_event(
    article_id: str, text: str, language: str, place: Place, where: str, date_text: str
) -> tuple[Article, list[ResolvedMention], list[Event]]:
    """One article in `language` whose first sentence is an event at `where` (a mention resolved to
    `place`); a stored actor mention when the text names Russian troops."""
    sentence_end = text.index(".") + 1
    start = text.index(where)
    mentions = [
        ResolvedMention(Mention(article_id, start, start + len(where), where, "GPE", "place", 0), place, 7.5)
    ]
    if "Російські війська" in text:
        at = text.index("Російські війська")
        actor = Mention(
            article_id, at, at + len("Російські війська"), "Російські війська", "NORP", "actor", 1
        )
        mentions.append(ResolvedMention(actor, None))
    event = Event(
        event_id=f"ev-{article_id}",
        article_id=article_id,
        event_type=EXPLOSIONS,
        event_date=dt.date(2023, 3, 14),
        time_precision=1,
        date_start=dt.date(2023, 3, 14),
        date_end=dt.date(2023, 3, 14),
        date_text=date_text,
        actor1="Russia",
        actor2="",
        place=place,
        geo_precision=1,
        location=where,
        trigger="вдарили",
        evidence=text[:sentence_end],
        start_char=0,
        end_char=sentence_end,
        country="Ukraine" if place.country_code == "UA" else "Russia",
    )
    article = Article(
        article_id, f"Стаття {article_id}", text, dt.date(2023, 3, 15), "Local desk", language=language
    )
    return article, mentions, [event]


@pytest.fixture(scope="module")
def multilingual_db(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture database (English articles stored without a language: '') plus a Ukrainian and a
    Russian article with one event each."""
    path = tmp_path_factory.mktemp("lang") / "multilingual.duckdb"
    shutil.copy(fixture_db, path)
    con = store.connect(path)
    try:
        store.write_article(con, *article_with_event("uk1", UK_TEXT, "uk", KHARKIV, "Харкові", "14 березня"))
        store.write_article(con, *article_with_event("ru1", RU_TEXT, "ru", BELGOROD, "Белгороде", "15 марта"))
    finally:
        con.close()
    return path


@pytest.fixture
def lang_env(multilingual_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CT_DB", str(multilingual_db))
    monkeypatch.setenv("CT_MAP_STYLE", "offline")
    return multilingual_db


def page(name: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_string(SCRIPT.format(page=name), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    return at.run()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("en", "English"),
        ("uk", "Ukrainian"),
        ("ru", "Russian"),
        ("UK", "Ukrainian"),
        ("ka", "ka"),  # a code without a name is shown as itself
        ("", "unknown"),
        (None, "unknown"),
        (float("nan"), "unknown"),
    ],
)
def test_language_names(code, name) -> None:
    assert language_name(code) == name


def test_events_table_shows_language_names() -> None:
    df = pd.DataFrame(
        {
            "event_date": [None, None],
            "time_precision": [0, 0],
            "event_type": [EXPLOSIONS, EXPLOSIONS],
            "place_name": ["Kharkiv", None],
            "location": ["Харкові", "x"],
            "country": ["Ukraine", ""],
            "actor1": ["Russia", ""],
            "actor2": ["", ""],
            "evidence": ["Вночі дрони вдарили.", "y"],
            "title": ["t", "t"],
            "article_id": ["uk1", "a"],
            "language": ["uk", ""],
        }
    )
    assert display_table(df, EventFilter())["language"].tolist() == ["Ukrainian", "unknown"]


def test_one_language_gives_no_language_filter(app_env: Path) -> None:
    at = ok(page("overview"))
    assert not [m for m in at.multiselect if m.key == "flt_languages"]


def test_language_filter_narrows_every_page_and_goes_into_the_url(lang_env: Path) -> None:
    at = ok(page("events"))
    assert sentence(at) == f"{N_EVENTS + 2} events in all countries"
    box = at.multiselect(key="flt_languages")
    assert box.options == ["unknown", "Russian", "Ukrainian"]  # most events first, then by code
    assert "language" in at.dataframe[0].value.columns  # shown by default with more than one language
    box.select("uk").run()
    assert sentence(ok(at)) == "1 event in all countries, articles in Ukrainian"
    assert at.dataframe[0].value["language"].tolist() == ["Ukrainian"]
    assert at.query_params.get("lang") == "uk"
    restored = ok(page("articles", {"lang": "ru"}))
    assert restored.multiselect(key="flt_languages").value == ["ru"]
    assert restored.selectbox(key="art_pick").options == [
        "Стаття ru1  ·  15 Mar 2023  ·  1 event  ·  Russian"
    ]


def test_articles_page_highlights_a_ukrainian_article_in_its_own_text(lang_env: Path) -> None:
    at = ok(page("articles", {"article": "uk1"}))
    body = at.get("html")[0].proto.body
    assert '<mark title="Kharkiv, UA (7.50)" style="background:#fde68a' in body
    assert ">Харкові</mark>" in body  # the place as written, cut at its stored offsets
    assert ">14 березня</mark>" in body  # the event's date expression
    assert '<mark title="actor of an event"' in body and ">Російські війська</mark>" in body
    assert "&lt;b&gt;тривога&lt;/b&gt;" in body and "&amp; чекають" in body and "<b>" not in body
    assert "Local desk · Ukrainian" in body


def test_event_detail_evidence_keeps_cyrillic_and_escapes_markup() -> None:
    end = UK_TEXT.index(".") + 1
    html = evidence_in_context(UK_TEXT, 0, end)
    assert html.startswith(
        '<mark style="background:#fde68a">Вночі 14 березня дрони вдарили по складу в Харкові.'
    )
    assert "&lt;b&gt;тривога&lt;/b&gt;" in html and "<b>" not in html
