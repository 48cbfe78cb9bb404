"""Evaluation commands on small slices of the real corpora: regression floors, not targets (not timed)."""

import datetime as dt
import re

import pytest

from components import cli
from components.evaluation import events as ev
from components.geo.distance import haversine_km
from tests.shared_data import EVAL, needs_shared


def test_side_names_and_distance():
    assert ev.normalise_side("Government of Russia (Soviet Union)") == "Russia"
    assert ev.normalise_side("United Armed Forces of Novorossiya") == "Novorossiya"
    assert ev.normalise_side("Government of Ukraine") == "Ukraine"
    # A non-state side that merely names the country is not its government.
    assert ev.normalise_side("Supporters of independence for Eastern Ukraine") not in ev.SIDES
    assert haversine_km(50.45, 30.52, 50.45, 30.52) == 0
    assert 470 < haversine_km(50.45, 30.52, 48.0, 37.8) < 600  # Kyiv - Donetsk, about 570 km


def test_headline_articles_take_their_own_source_dates():
    rec = {
        "id": "7",
        "source_date": "2014-05-02;2014-05-04",
        "date_start_iso": "2014-05-01",
        "headlines": ["Clashes in Sloviansk", "Fighting near Sloviansk", "A third"],
    }
    arts = ev.headline_articles(rec)
    assert [a.published for a in arts] == [dt.date(2014, 5, 2), dt.date(2014, 5, 4), dt.date(2014, 5, 1)]


def _item(text):
    tokens = [
        {"text": m.group(0), "start": m.start(), "end": m.end(), "id": i}
        for i, m in enumerate(re.finditer(r"\w+|[^\w\s]", text))
    ]
    return {"text": text, "tokens": tokens}


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        # Character offsets that match the span's text are kept.
        ({"start": 16, "end": 23, "token_start": 3, "token_end": 3, "text": "Kherson"}, "Kherson"),
        # Token indices written into start/end: the tokens give the characters.
        ({"start": 3, "end": 3, "token_start": 3, "token_end": 3, "text": "Kherson"}, "Kherson"),
        # ... also when the text keeps a trailing comma the tokens do not have.
        ({"start": 3, "end": 4, "token_start": 3, "token_end": 3, "text": "Kherson,"}, "Kherson"),
        # No text and character offsets that cut a word: the tokens' offsets.
        ({"start": 16, "end": 19, "token_start": 3, "token_end": 3}, "Kherson"),
        ({"start": 4, "end": 15, "token_start": 1, "token_end": 2}, "shells fell"),
    ],
)
def test_halterman_spans_become_character_offsets(span, expected):
    item = _item("Two shells fell Kherson, on Monday")
    fixed = ev.char_span(item, span)
    assert item["text"][fixed["start"] : fixed["end"]] == expected


@needs_shared
def test_ucdp_slice_floor():
    report = ev.evaluate_ucdp(ev.load_ucdp(EVAL / ev.UCDP_FILE, limit=200))
    numbers = report.as_dict()
    assert numbers["events"] == 200
    assert numbers["acc@25km (where_prec<=2, place named)"] >= 0.75
    assert numbers["date in range"] >= 0.85
    assert numbers["side recall (sides named)"] >= 0.38
    assert numbers["acc@161km"] >= 0.28


@needs_shared
def test_event_location_slice_floor():
    report = ev.evaluate_event_location(ev.load_halterman(EVAL / ev.HALTERMAN_FILE, limit=200))
    assert report.accuracy.n == 200
    assert report.accuracy.value >= 0.82  # measured 0.875 (175/200)


@needs_shared
def test_cli_evaluate_events(capsys):
    assert cli.main(["evaluate", "events", "--corpus", "ucdp", "--limit", "20", "--eval-dir", str(EVAL)]) == 0
    assert "date inside [date_start, date_end]" in capsys.readouterr().out


def test_cli_evaluate_missing_data_is_an_error(tmp_path, capsys):
    assert cli.main(["evaluate", "event-location", "--eval-dir", str(tmp_path)]) == 2
    assert "no event_location data" in capsys.readouterr().err


@pytest.mark.parametrize("what", ["events", "event-location"])
def test_evaluate_subcommands_are_registered(what):
    assert what in cli.EVALUATIONS
