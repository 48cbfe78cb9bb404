"""Shared fixtures: a small deterministic DuckDB built from hand-made records.

14 events from 5 articles in October 2022: UA 6, BY 2, RU 2, KZ 2, US 1, plus one event without a place.
3 events are undated. One article title carries "<script>alert(1)</script>" to prove every page escapes
article text. Build it by hand with `python tests/conftest.py /tmp/ct.duckdb`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from components import store  # noqa: E402
from components.records import (  # noqa: E402
    BATTLES,
    EXPLOSIONS,
    PROTESTS,
    STRATEGIC,
    Article,
    Event,
    Mention,
    Place,
    ResolvedMention,
)

N_EVENTS = 14
N_LOCATED = 13  # events with coordinates (one has no place)
N_UNDATED = 3
BY_COUNTRY = {"UA": 6, "BY": 2, "RU": 2, "KZ": 2, "US": 1}
COUNTRY_NAMES = {"UA": "Ukraine", "BY": "Belarus", "RU": "Russia", "KZ": "Kazakhstan", "US": "United States"}
SCRIPT_TITLE = "<script>alert(1)</script> Blinken & allies speak"
DATE_MIN, DATE_MAX = dt.date(2022, 10, 1), dt.date(2022, 10, 21)

PLACES = {
    "Kerch": Place(706524, "Kerch", 45.3607, 36.4706, "UA", "Crimea", "UA.11"),
    "Kyiv": Place(703448, "Kyiv", 50.4547, 30.5238, "UA", "Kyiv City", "UA.12", feature_code="PPLC"),
    "Zaporizhzhia": Place(687700, "Zaporizhzhia", 47.8229, 35.1903, "UA", "Zaporizhzhia Oblast", "UA.26"),
    "Nikopol": Place(700051, "Nikopol", 47.5683, 34.3913, "UA", "Dnipropetrovsk Oblast", "UA.04"),
    "Bakhmut": Place(712165, "Bakhmut", 48.5956, 37.9999, "UA", "Donetsk Oblast", "UA.05"),
    "Minsk": Place(625144, "Minsk", 53.9, 27.5667, "BY", "Minsk City", "BY.04", feature_code="PPLC"),
    "Moscow": Place(524901, "Moscow", 55.7522, 37.6156, "RU", "Moscow", "RU.48", feature_code="PPLC"),
    "Belgorod": Place(578072, "Belgorod", 50.6107, 36.5802, "RU", "Belgorod Oblast", "RU.09"),
    "Astana": Place(1526273, "Astana", 51.1801, 71.446, "KZ", "Astana", "KZ.05", feature_code="PPLC"),
    "Almaty": Place(1526384, "Almaty", 43.25, 76.9167, "KZ", "Almaty", "KZ.02"),
    "Washington": Place(4140963, "Washington", 38.8951, -77.0364, "US", "District of Columbia", "US.DC"),
}
COUNTRY_OF = {"UA": "Ukraine", "BY": "Belarus", "RU": "Russia", "KZ": "Kazakhstan", "US": "United States"}

LONG = (
    " Officials said the damage was being assessed, that repairs would take weeks, and that the road and"
    " rail links carrying fuel and ammunition south would remain closed for most traffic until then."
)

# article key -> (title, published, [(sentence, place or None, event_type, date, precision)])
ARTICLES: dict[str, tuple[str, dt.date | None, list[tuple[str, str | None, str, dt.date | None, int]]]] = {
    "a1": (
        "Explosion hits the Kerch Bridge",
        dt.date(2022, 10, 8),
        [
            (
                "A truck bomb exploded on the bridge near Kerch on Saturday." + LONG,
                "Kerch",
                EXPLOSIONS,
                dt.date(2022, 10, 8),
                1,
            ),
            ("Missiles struck central Kyiv on Monday morning.", "Kyiv", EXPLOSIONS, dt.date(2022, 10, 10), 1),
            (
                "Shelling hit apartment blocks in Zaporizhzhia overnight.",
                "Zaporizhzhia",
                EXPLOSIONS,
                dt.date(2022, 10, 9),
                1,
            ),
        ],
    ),
    "a2": (
        "Belarus and Russia announce a joint force",
        dt.date(2022, 10, 10),
        [
            (
                "Lukashenko announced in Minsk that a joint regional force would deploy.",
                "Minsk",
                STRATEGIC,
                dt.date(2022, 10, 10),
                1,
            ),
            ("Troops arrived from Moscow during the week.", "Moscow", STRATEGIC, dt.date(2022, 10, 10), 2),
            ("Rail cars with armour were seen near Minsk at some point.", "Minsk", STRATEGIC, None, 0),
        ],
    ),
    "a3": (
        "Protests in Kazakhstan over mobilisation arrivals",
        dt.date(2022, 10, 14),
        [
            ("Hundreds protested in Astana on Friday.", "Astana", PROTESTS, dt.date(2022, 10, 14), 1),
            (
                "Smaller rallies took place in Almaty earlier in the month.",
                "Almaty",
                PROTESTS,
                dt.date(2022, 10, 1),
                3,
            ),
        ],
    ),
    "a4": (
        SCRIPT_TITLE,
        None,
        [
            (
                "In Washington, officials condemned the <b>strikes</b> & pledged aid.",
                "Washington",
                STRATEGIC,
                None,
                0,
            ),
            ("Artillery hit Nikopol again, across the river from the plant.", "Nikopol", EXPLOSIONS, None, 0),
        ],
    ),
    "a5": (
        "Fighting around Bakhmut intensifies",
        dt.date(2022, 10, 21),
        [
            ("Shelling hit Nikopol on Wednesday.", "Nikopol", EXPLOSIONS, dt.date(2022, 10, 19), 1),
            (
                "Fierce clashes continued near Bakhmut on Thursday.",
                "Bakhmut",
                BATTLES,
                dt.date(2022, 10, 20),
                1,
            ),
            (
                "A fuel depot exploded in Belgorod on Friday.",
                "Belgorod",
                EXPLOSIONS,
                dt.date(2022, 10, 21),
                1,
            ),
            ("Commanders met to plan the next phase.", None, STRATEGIC, dt.date(2022, 10, 21), 1),
        ],
    ),
}


def build_fixture_db(path: str | Path) -> Path:
    """Write the fixture articles, mentions and events to a new DuckDB file at `path`."""
    path = Path(path)
    con = store.connect(path)
    try:
        for key, (title, published, sentences) in ARTICLES.items():
            text = " ".join(s[0] for s in sentences)
            article = Article(
                article_id=f"art-{key}",
                title=title,
                text=text,
                published=published,
                source="Fixture Wire",
                url=f"https://example.org/{key}",
                path=f"{key}.txt",
                fmt="txt",
            )
            mentions: list[ResolvedMention] = []
            events: list[Event] = []
            offset = 0
            for index, (sentence, place_key, event_type, day, precision) in enumerate(sentences):
                start = text.index(sentence, offset)
                offset = start + len(sentence)
                place = PLACES[place_key] if place_key else None
                if place_key:
                    at = text.index(place_key, start)
                    mention = Mention(
                        article.article_id, at, at + len(place_key), place_key, "GPE", "place", index
                    )
                    mentions.append(ResolvedMention(mention, place, score=0.9))
                event = Event(
                    event_id=f"ev-{key}-{index}",
                    article_id=article.article_id,
                    event_type=event_type,
                    event_date=day,
                    time_precision=precision,
                    date_start=day,
                    date_end=day,
                    date_text="",
                    actor1="",
                    actor2="",
                    place=place,
                    geo_precision=1 if place else 0,
                    location=place_key or "",
                    trigger="hit",
                    evidence=sentence,
                    start_char=start,
                    end_char=start + len(sentence),
                    country=COUNTRY_OF[place.country_code] if place else "",
                )
                events.append(event)
            store.write_article(con, article, mentions, events)
    finally:
        con.close()
    return path


ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,iso,"
    "country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities"
)
# a small ACLED export: 3 events in Ukraine (2 in Kharkiv Oblast), and one row with a bad date
ACLED_CSV = (
    "\n".join(
        [
            ACLED_HEADER,
            "UKR9001,2022-10-11,2022,1,Battles,Armed clash,Military Forces of Russia,"
            "Military Forces of Ukraine,804,Ukraine,Kharkiv,Kupiansk,49.7106,37.6156,1,Test Wire,"
            "Clashes near Kupiansk.,2",
            "UKR9002,12 October 2022,2022,1,Explosions/Remote violence,Shelling/artillery/missile attack,"
            "Military Forces of Russia,Civilians (Ukraine),804,Ukraine,Kharkiv,Kharkiv,49.9935,36.2304,1,"
            "Test Wire,Shelling of Kharkiv.,1",
            "UKR9003,2022-10-13,2022,1,Protests,Peaceful protest,Protesters (Ukraine),,804,Ukraine,Lviv,Lviv,"
            "49.8383,24.0232,1,Test Wire,A rally in Lviv.,0",
            "UKR9004,someday,2022,1,Battles,Armed clash,A,B,804,Ukraine,,X,48.0,37.0,1,,bad date,0",
        ]
    )
    + "\n"
)
N_ACLED = 3


def build_mixed_db(path: str | Path) -> Path:
    """The fixture database plus the ACLED rows (dataset "acled")."""
    from components.ingest import importers

    build_fixture_db(path)
    con = store.connect(path)
    try:
        store.write_events(con, importers.parse_text(ACLED_CSV, "acled").events)
    finally:
        con.close()
    return Path(path)


# Candidates for the Places review (the fixture mentions have none): "Nikopol" (2 mentions, 2 events, in a4
# and a5) is a close call between Ukraine and Bulgaria; "Kyiv" is confident and must not be listed.
NIKOPOL_UA, NIKOPOL_BG = 700051, 728782
REVIEW_CANDIDATES = {
    "Nikopol": [
        {
            "geonameid": NIKOPOL_UA,
            "name": "Nikopol",
            "country_code": "UA",
            "score": 9.2,
            "reason": "population 105k <b>primary</b> name",
        },
        {
            "geonameid": NIKOPOL_BG,
            "name": "Nikopol",
            "country_code": "BG",
            "score": 8.6,
            "reason": "population 3,629; <script>x</script>",
        },
    ],
    "Kyiv": [
        {
            "geonameid": 703448,
            "name": "Kyiv",
            "country_code": "UA",
            "score": 15.0,
            "reason": "capital",
        },
    ],
}


def add_review_candidates(path: str | Path) -> Path:
    """Give some fixture mentions scored candidates (writes to `path`, a copy of the fixture database)."""
    import json

    con = store.connect(path)
    try:
        for name, cands in REVIEW_CANDIDATES.items():
            params = [json.dumps(cands), cands[0]["score"], name]
            con.execute("UPDATE mentions SET candidates = ?, score = ? WHERE text = ?", params)
    finally:
        con.close()
    return Path(path)


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("db") / "fixture.duckdb")


@pytest.fixture(scope="session")
def mixed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_mixed_db(tmp_path_factory.mktemp("mixed") / "mixed.duckdb")


@pytest.fixture
def app_env(fixture_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the fixture database, offline map style."""
    monkeypatch.setenv("CT_DB", str(fixture_db))
    monkeypatch.setenv("CT_MAP_STYLE", "offline")
    monkeypatch.chdir(ROOT)
    return fixture_db


if __name__ == "__main__":
    import logging

    logging.basicConfig(level=logging.INFO)
    target = build_fixture_db(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ct-fixture.duckdb")
    logging.info("fixture database written to %s", target)


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for every browser test module (two sync Playwright instances cannot coexist)."""
    import test_dashboard

    yield from test_dashboard.launch_browser()
