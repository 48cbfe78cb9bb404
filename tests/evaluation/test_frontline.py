"""The front-line scorer (components/evaluation/frontline.py) on hand-made items: what each share counts."""

from __future__ import annotations

import pytest

from components.evaluation import frontline

pytestmark = pytest.mark.slow

KHARKIV = {
    "place": "Kharkiv",
    "geonameid": 706483,
    "lat": 49.98081,
    "lon": 36.25272,
    "admin1": "Kharkiv Oblast",
}


def item(id_: str, text: str, events: list[dict], style: str = "frontline") -> dict:
    return {
        "id": id_,
        "style": style,
        "lang": "en",
        "published": "2024-05-26",
        "text": text,
        "events": events,
    }


def gold(**changes) -> dict:
    return {**KHARKIV, "date": "2024-05-25", "date_stated": True, "approximate": False, **changes}


ITEMS = [
    item("fl-en-001", "Russian missiles struck Kharkiv on 25 May 2024, damaging a printing house.", [gold()]),
    item("fl-en-002", "Russian missiles struck Kharkiv on 23 May 2024.", [gold()]),  # wrong day stated
    item("fl-en-003", "Officials expect more attacks on the city next winter.", [], style="nonevent"),
    item("fl-en-004", "Somewhere far away, nothing of note was reported.", [gold()], style="caption"),
]


@pytest.fixture(scope="module")
def report() -> frontline.FrontlineReport:
    return frontline.evaluate(ITEMS, corpus="hand-made")


def test_place_and_event_shares(report) -> None:
    assert (report.within.hits, report.within.total) == (2, 3)
    assert (report.with_event.hits, report.with_event.total) == (2, 3)
    assert report.by_style["caption"].hits == 0 and report.by_style["frontline"].hits == 2
    assert report.event_precision.total >= 2 and report.event_precision.hits >= 2


def test_stated_dates_count_the_day_of_the_nearest_event(report) -> None:
    assert (report.stated_dates.hits, report.stated_dates.total) == (1, 3)


def test_nonevent_sentences_are_counted_apart(report) -> None:
    assert report.nonevent_fp.total == 1
    assert report.as_dict()["items"] == 4 and "within 25 km" in report.as_dict()


def test_the_sets_load() -> None:
    for corpus in frontline.CORPORA:
        items = frontline.load(corpus)
        assert len(items) >= 60 and all(i["id"].startswith("fl-") for i in items)


def test_the_command_line_offers_every_set() -> None:
    from components.cli.evaluate import FRONTLINE_CORPORA

    assert sorted(FRONTLINE_CORPORA) == sorted(frontline.CORPORA)


def test_cli_prints_the_table() -> None:
    from cli.test_cli import run

    out = run("evaluate", "events", "--corpus", "frontline", "--limit", "6")
    assert out.returncode == 0, out.stderr
    assert "within 25 km of the true place" in out.stdout and "non-event sentences" in out.stdout


# Regression floors a little under the measured values (docs/evaluation.md, "Front-line reports"): the
# tuning sets and the held-out sets written apart from them (the honest numbers). Ukrainian and Russian are
# held to the closer 10 km bar of their targets.
FLOORS = {
    "frontline": {"within 25 km": 0.95, "with an event": 0.97, "non-event false positives": 0.02},
    "frontline-dev": {"within 25 km": 0.88, "with an event": 0.95, "non-event false positives": 0.06},
    "frontline-holdout": {"within 25 km": 0.78, "with an event": 0.88, "non-event false positives": 0.08},
    "frontline-holdout2": {"within 25 km": 0.80, "with an event": 0.86, "non-event false positives": 0.22},
    "frontline-holdout3": {"within 25 km": 0.74, "with an event": 0.85, "non-event false positives": 0.18},
    "frontline-uk": {"within 10 km": 0.92, "with an event": 0.97, "non-event false positives": 0.02},
    "frontline-ru": {"within 10 km": 0.95, "with an event": 0.97, "non-event false positives": 0.02},
    "frontline-uk-dev": {"within 10 km": 0.96, "with an event": 0.97, "non-event false positives": 0.02},
    "frontline-ru-dev": {"within 10 km": 0.95, "with an event": 0.95, "non-event false positives": 0.02},
    "frontline-uk-holdout": {"within 10 km": 0.92, "with an event": 0.93, "non-event false positives": 0.10},
    "frontline-ru-holdout": {"within 10 km": 0.87, "with an event": 0.91, "non-event false positives": 0.10},
    "frontline-uk-holdout3": {"within 10 km": 0.85, "with an event": 0.91, "non-event false positives": 0.26},
    "frontline-ru-holdout3": {"within 10 km": 0.80, "with an event": 0.90, "non-event false positives": 0.10},
    "frontline-dev2": {"within 25 km": 0.90, "with an event": 0.95, "non-event false positives": 0.06},
    "frontline-uk-dev2": {"within 10 km": 0.94, "with an event": 0.95, "non-event false positives": 0.04},
    "frontline-ru-dev2": {"within 10 km": 0.95, "with an event": 0.95, "non-event false positives": 0.08},
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_front_line_sets_stay_above_their_floors(corpus: str) -> None:
    got = frontline.evaluate(frontline.load(corpus), corpus=corpus).as_dict()
    floors = FLOORS[corpus]
    for key in ("within 25 km", "within 10 km"):
        if key in floors:
            assert got[key] >= floors[key], got
    assert got["with an event"] >= floors["with an event"], got
    assert got["non-event false positives"] <= floors["non-event false positives"], got
