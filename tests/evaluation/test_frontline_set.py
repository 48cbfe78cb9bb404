"""The front-line evaluation sets (data/eval/frontline-{en,uk,ru}.jsonl): their structure, and their gold
places against the GeoNames dump for Ukraine in ../shared/geonames/UA.zip (skipped when that is absent). The
checks are those of scripts/check_eval_set.py, imported from there."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from shared_data import SHARED

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import check_eval_set as cs  # scripts/check_eval_set.py: the same checks as the command

DUMP = SHARED / "geonames" / "UA.zip"


SETS = {lang: cs.DEFAULT_SET.with_name(f"frontline-{lang}.jsonl") for lang in ("en", "uk", "ru")}
SETS["ho"] = cs.DEFAULT_SET.with_name("frontline-holdout.jsonl")
SETS["h2"] = cs.DEFAULT_SET.with_name("frontline-holdout2.jsonl")
SETS["uh"] = cs.DEFAULT_SET.with_name("frontline-uk-holdout.jsonl")
SETS["rh"] = cs.DEFAULT_SET.with_name("frontline-ru-holdout.jsonl")
SETS["dv"] = cs.DEFAULT_SET.with_name("frontline-dev.jsonl")
SETS["ud"] = cs.DEFAULT_SET.with_name("frontline-uk-dev.jsonl")
SETS["rd"] = cs.DEFAULT_SET.with_name("frontline-ru-dev.jsonl")
SETS["h3"] = cs.DEFAULT_SET.with_name("frontline-holdout3.jsonl")
SETS["u3"] = cs.DEFAULT_SET.with_name("frontline-uk-holdout3.jsonl")
SETS["r3"] = cs.DEFAULT_SET.with_name("frontline-ru-holdout3.jsonl")
SETS["dx"] = cs.DEFAULT_SET.with_name("frontline-dev2.jsonl")
SETS["ux"] = cs.DEFAULT_SET.with_name("frontline-uk-dev2.jsonl")
SETS["rx"] = cs.DEFAULT_SET.with_name("frontline-ru-dev2.jsonl")
# Written apart from the first tuning sets (held out, and the development sets of other writers): their mix
# of places, dates and types is their own.
HELD_OUT = (
    *("fl-ho", "fl-h2", "fl-uh", "fl-rh", "fl-h3", "fl-u3", "fl-r3"),
    *("fl-dv", "fl-ud", "fl-rd", "fl-dx", "fl-ux", "fl-rx"),
)


@pytest.fixture(scope="module", params=sorted(SETS))
def items(request) -> list[dict]:
    return cs.load_items(SETS[request.param])


@pytest.fixture(scope="module")
def rows(items) -> dict[int, cs.GeoRow]:
    """The dump's rows for the gold ids, read once for the module."""
    if not DUMP.exists():
        pytest.skip(f"{DUMP} is absent: the gold places are checked against the GeoNames dump there")
    return cs.read_dump(DUMP, cs.gold_ids(items))


def _item(**changes) -> dict:
    event = {
        "place": "Synkivka",
        "mention": "Synkivka",
        "geonameid": 693778,
        "lat": 49.76293,
        "lon": 37.69374,
        "admin1": "Kharkiv Oblast",
        "date": "2024-03-14",
        "date_stated": True,
        "approximate": False,
        "event_type": "Explosions/Remote violence",
        "fatalities": None,
        "injured": None,
    }
    event.update(changes.pop("event", {}))
    item = {
        "id": "fl-en-001",
        "style": "frontline",
        "lang": "en",
        "published": "2024-03-15",
        "text": "Russian forces shelled near Synkivka, Kharkiv region, on 14 March.",
        "events": [event],
    }
    item.update(changes)
    return item


SYNKIVKA = cs.GeoRow(
    geonameid=693778,
    name="Synkivka",
    asciiname="Synkivka",
    alternatenames=("Sin'kovka", "Синьківка"),
    lat=49.76293,
    lon=37.69374,
    feature_class="P",
    feature_code="PPL",
    admin1_code="07",
    population=392,
)


# --- structure: no shared data needed --------------------------------------------------------------------


def test_the_set_has_no_structure_errors(items):
    assert cs.structure_errors(items) == []


def test_ids_are_unique_and_styles_allowed(items):
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    assert {item["style"] for item in items} == set(cs.STYLES)


def test_the_set_is_big_enough(items):
    styles = Counter(item["style"] for item in items)
    min_event, min_nonevent = cs.MINIMUMS[items[0]["id"][3:5]]
    assert sum(n for s, n in styles.items() if s != "nonevent") >= min_event
    assert styles["nonevent"] >= min_nonevent
    assert cs.count_errors(items) == []
    assert all(styles[s] >= min_event // 6 for s in ("frontline", "monitoring", "caption", "wire"))


def test_the_set_mixes_date_forms_and_event_types(items):
    if items[0]["id"].startswith(HELD_OUT):
        pytest.skip("the held-out set was written apart from the tuning set: its mix is its own")
    events = [e for item in items for e in item["events"]]
    assert sum(not e["date_stated"] for e in events) >= 20  # undated: the publication date
    assert sum(e["date_stated"] for e in events) >= len(events) / 2
    if items[0]["lang"] == "en":
        assert sum(e["approximate"] for e in events) >= 5
    assert {e["event_type"] for e in events} >= {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    }


def test_a_good_item_passes_and_bad_ones_are_caught():
    assert cs.structure_errors([_item()]) == []
    bad = {
        "date after publication": _item(event={"date": "2024-03-16"}),
        "unstated but not the publication day": _item(event={"date_stated": False}),
        "approximate but unstated": _item(
            event={"approximate": True, "date_stated": False, "date": "2024-03-15"}
        ),
        "not ISO": _item(event={"date": "14 March 2024"}),
        "unknown type": _item(event={"event_type": "Shelling"}),
        "negative count": _item(event={"fatalities": -1}),
        "mention not in text": _item(event={"mention": "Sinkovka"}),
        "nonevent with events": _item(style="nonevent"),
        "event item without events": _item(events=[]),
        "unknown style": _item(style="tweet"),
        "bad id": _item(id="fl-001"),
        "missing fields": _item(events=[{"place": "Synkivka"}]),
        "lat not a number": _item(event={"lat": "49.76"}),
    }
    for why, item in bad.items():
        assert cs.structure_errors([item]), why
    assert any("used 2 times" in e for e in cs.structure_errors([_item(), _item()]))
    assert cs.count_errors([_item()]) != []


def test_gazetteer_checks_on_a_hand_made_row():
    rows = {693778: SYNKIVKA}
    assert cs.gazetteer_errors([_item()], rows) == []
    assert cs.gazetteer_errors([_item(event={"place": "Синьківка"})], rows) == []  # an alternate name
    for why, item in {
        "unknown id": _item(event={"geonameid": 1}),
        "too far": _item(event={"lat": 49.78}),
        "wrong region": _item(event={"admin1": "Donetsk Oblast"}),
        "not a name of the place": _item(event={"place": "Synkivka Druha"}),
    }.items():
        assert cs.gazetteer_errors([item], rows), why
    stream = cs.GeoRow(472810, "Vovcha", "Vovcha", (), 50.29, 36.86, "H", "STM", "07", 0)
    on_stream = _item(event={"geonameid": 472810, "place": "Vovcha", "lat": 50.29, "lon": 36.86})
    assert cs.gazetteer_errors([on_stream], {472810: stream})


def test_size_classes():
    populations = (0, 4_999, 5_000, 49_999, 50_000)
    assert [cs.size_class(p) for p in populations] == ["village", "village", "town", "town", "city"]


# --- gold places against ../shared/geonames/UA.zip -----------------------------------------------------


@pytest.mark.shared
def test_gold_places_match_the_geonames_dump(items, rows):
    assert cs.gazetteer_errors(items, rows) == []


@pytest.mark.shared
def test_villages_towns_and_cities_are_mixed(items, rows):
    if items[0]["id"].startswith(HELD_OUT):
        pytest.skip("the held-out set was written apart from the tuning set: its mix is its own")
    sizes = Counter(cs.size_class(rows[e["geonameid"]].population) for item in items for e in item["events"])
    total = sum(sizes.values())
    assert all(sizes[c] >= total / 4 for c in ("village", "town", "city")), sizes


@pytest.mark.shared
def test_homonyms_name_their_region(items, rows):
    """Several villages share these names across Ukraine; the English text names the region that decides."""
    if items[0]["lang"] != "en":
        pytest.skip("the region names checked here are English")
    homonyms = {699456: "Kharkiv", 8419789: "Sumy", 10048735: "Odesa", 702318: "Luhansk", 703633: "Donetsk"}
    for item in items:
        for e in item["events"]:
            region = homonyms.get(e["geonameid"])
            if region:
                assert region in item["text"] and e["admin1"].startswith(region), item["id"]
                assert e["place"] == rows[e["geonameid"]].name


@pytest.mark.shared
def test_the_command_exits_0_on_the_set(rows, capsys):
    assert cs.main(["--dump", str(DUMP)]) == 0
    out = capsys.readouterr().out
    assert "OK: no errors" in out and "per style:" in out
