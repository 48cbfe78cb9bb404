"""Event extraction: one event per trigger sentence, with its date, place, actors, sub-type and
confidence."""

import datetime as dt

from components.events import extract as events
from components.events.triggers import Trigger
from components.records import (
    GEO_PLACE,
    GEO_REGION,
    STRATEGIC,
    TIME_DAY,
    TIME_UNDATED,
    TIME_WEEK,
    Article,
    Mention,
    Place,
    ResolvedMention,
)


def place(gid, name, cc, fclass="P", fcode="PPL"):
    return Place(gid, name, 0.0, 0.0, cc, "", "", fclass, fcode, 1000)


NIKOPOL = place(700051, "Nikopol", "UA")
ZNPP = place(900000002, "Zaporizhzhia Nuclear Power Plant", "UA", "S", "PS")
UKRAINE = place(690791, "Ukraine", "UA", "A", "PCLI")
RUSSIA = place(2017370, "Russia", "RU", "A", "PCLI")
KYIV = place(703448, "Kyiv", "UA", "P", "PPLC")
KERCH_BRIDGE = place(900000001, "Kerch Bridge", "UA", "S", "BDG")
MOSCOW = place(524901, "Moscow", "RU", "P", "PPLC")
CRIMEA = place(703883, "Crimea", "UA", "A", "ADM1")


def resolved(sentence, names_places):
    out = []
    for name, p in names_places:
        start = sentence.index(name)
        out.append(ResolvedMention(Mention("a", start, start + len(name), name, "GPE", "place", 0), p, 1.0))
    return out


def test_build_events_dates_and_actors():
    text = (
        "The first convoy of Russian forces has arrived in Belarus, the ministry said on Saturday.\n\n"
        "Drone strikes hit Kyiv."
    )
    art = Article("a", "t", text, dt.date(2022, 10, 15))
    s1_end = text.index("\n\n")
    s2 = text.index("Drone")
    by = place(630336, "Belarus", "BY", "A", "PCLI")
    mentions = [
        Mention("a", 20, 27, "Russian", "NORP", "actor", 0),
        Mention("a", 49, 56, "Belarus", "GPE", "place", 0),
        Mention(
            "a", text.index("on Saturday") + 3, text.index("on Saturday") + 11, "Saturday", "DATE", "date", 0
        ),
        Mention("a", s2 + 18, s2 + 22, "Kyiv", "GPE", "place", 1),
    ]
    places = [ResolvedMention(mentions[1], by, 1.0), ResolvedMention(mentions[3], KYIV, 1.0)]
    evs = events.build_events(
        art,
        [(0, s1_end), (s2, len(text))],
        mentions,
        places,
        {"RU": "Russia", "BY": "Belarus", "UA": "Ukraine"},
        {"Russian": "RU"},
    )
    first, second = evs
    assert (first.event_type, first.event_date, first.time_precision) == (
        STRATEGIC,
        dt.date(2022, 10, 15),
        TIME_DAY,
    )
    assert first.place == by and first.actor1 == "Russia" and first.geo_precision == GEO_REGION
    assert first.evidence.startswith("The first convoy")
    assert text[first.start_char : first.end_char].startswith("The")
    # No date in the sentence: the publication date, at week precision, with its range.
    assert (second.event_date, second.time_precision) == (dt.date(2022, 10, 15), TIME_WEEK)
    assert second.date_start == dt.date(2022, 10, 9) and second.date_text == ""
    undated = events.build_events(Article("b", "t", "Drone strikes hit Kyiv.", None), [(0, 23)], [], [])
    assert undated[0].event_date is None and undated[0].time_precision == TIME_UNDATED


def two_sentences(second):
    first = "Missiles struck a shopping centre in Kremenchuk on Monday."
    text = f"{first}\n\n{second}"
    s2 = len(first) + 2
    k = text.index("Kremenchuk")
    mentions = [
        Mention("a", k, k + 10, "Kremenchuk", "GPE", "place", 0),
        Mention("a", text.index("Monday"), text.index("Monday") + 6, "Monday", "DATE", "date", 0),
    ]
    kremenchuk = place(704147, "Kremenchuk", "UA")
    places = [ResolvedMention(mentions[0], kremenchuk, 1.0)]
    art = Article("a", "t", text, dt.date(2022, 6, 28))
    return events.build_events(
        art, [(0, len(first)), (s2, len(text))], mentions, places, {"UA": "Ukraine"}, {}
    )


def test_follow_up_comment_on_the_same_strike_is_not_a_new_event():
    evs = two_sentences("President Zelensky called the strike an act of terror.")
    assert len(evs) == 1 and evs[0].location == "Kremenchuk" and evs[0].geo_precision == GEO_PLACE
    assert evs[0].event_date == dt.date(2022, 6, 27) and evs[0].time_precision == TIME_DAY


def test_sentence_without_a_place_inherits_the_article_place_at_lower_precision():
    evs = two_sentences("Rescue work was slowed by renewed shelling during the night.")
    assert len(evs) == 2
    assert evs[1].place == evs[0].place and evs[1].geo_precision == 2  # near / inferred from context


def test_leaders_are_attributed_to_their_country():
    text = "In Astana, Putin signed a gas deal."
    art = Article("a", "t", text, dt.date(2022, 10, 15))
    astana = place(1526273, "Astana", "KZ", "P", "PPLC")
    ms = [
        Mention("a", 3, 9, "Astana", "GPE", "place", 0),
        Mention("a", 11, 16, "Putin", "PERSON", "actor", 0),
    ]
    [ev] = events.build_events(
        art,
        [(0, len(text))],
        ms,
        [ResolvedMention(ms[0], astana, 1.0)],
        {"RU": "Russia", "KZ": "Kazakhstan"},
        {},
    )
    assert ev.actor1 == "Russia" and ev.location == "Astana" and ev.event_type == STRATEGIC


def test_old_explicit_dates_are_background_not_events():
    text = "Zelensky evoked attacks of September 11, 2001 in his speech."
    art = Article("a", "t", text, dt.date(2022, 12, 22))
    k = text.index("September")
    ms = [Mention("a", k, k + 18, "September 11, 2001", "DATE", "date", 0)]
    assert events.build_events(art, [(0, len(text))], ms, []) == []


def test_day_beats_month_and_since_clauses_are_not_the_event_date():
    text = "Zelensky met Biden on Wednesday on his first trip abroad since the invasion began in February."
    art = Article("a", "t", text, dt.date(2022, 12, 22))
    w, f = text.index("Wednesday"), text.index("February")
    ms = [
        Mention("a", w, w + 9, "Wednesday", "DATE", "date", 0),
        Mention("a", f, f + 8, "February", "DATE", "date", 0),
    ]
    trig = Trigger(STRATEGIC, "trip", text.index("trip"), text.index("trip") + 4)
    day, precision, *_ = events.choose_date(art, text, 0, trig, ms)
    assert (day, precision) == (dt.date(2022, 12, 21), TIME_DAY)
    text = text.replace(" on Wednesday", "")
    f, t = text.index("February"), text.index("trip")
    ms = [Mention("a", f, f + 8, "February", "DATE", "date", 0)]
    trig = Trigger(STRATEGIC, "trip", t, t + 4)
    day, precision, *_ = events.choose_date(art, text, 0, trig, ms)
    assert (day, precision) == (dt.date(2022, 12, 22), TIME_WEEK)  # "since ... February" is not it


def test_events_carry_sub_type_fatalities_and_confidence():
    text = "A Russian missile strike on Kyiv killed at least 3 people on Monday."
    art = Article("f", "t", text, dt.date(2022, 10, 15))
    ms = [
        Mention("f", 2, 9, "Russian", "NORP", "actor", 0),
        Mention("f", 28, 32, "Kyiv", "GPE", "place", 0),
        Mention("f", 58, 67, "on Monday", "DATE", "date", 0),
    ]
    kyiv = Place(703448, "Kyiv", 50.45, 30.52, "UA", "Kyiv City", "UA.12", feature_code="PPLC")
    [ev] = events.build_events(
        art,
        [(0, len(text))],
        ms,
        [ResolvedMention(ms[1], kyiv, 5.0)],
        {"UA": "Ukraine", "RU": "Russia"},
        {"Russian": "RU"},
    )
    assert (ev.sub_event_type, ev.fatalities, ev.actor1, ev.dataset) == (
        "Shelling/artillery/missile attack",
        3,
        "Russia",
        "articles",
    )
    assert ev.confidence["event_date"] == 0.9 and 0 < ev.confidence["location"] <= 1


LYMAN = place(702723, "Lyman", "UA")
SLOVIANSK = place(693468, "Slovyansk", "UA")


def test_every_settlement_of_a_list_is_an_event_and_the_count_stays_with_one():
    text = "Russian artillery shelled Nikopol, Lyman and Sloviansk, killing two people."
    places = resolved(text, [("Nikopol", NIKOPOL), ("Lyman", LYMAN), ("Sloviansk", SLOVIANSK)])
    found = events.build_events(Article("a", "t", text, dt.date(2024, 3, 14)), [(0, len(text))], [], places)
    assert {e.place.name for e in found} == {"Nikopol", "Lyman", "Slovyansk"}
    assert len({e.event_id for e in found}) == 3
    assert sorted(e.fatalities for e in found if e.fatalities is not None) == [2]


def test_places_that_are_no_list_make_one_event():
    text = "Russian artillery shelled Nikopol from positions near Kyiv."  # not a list: one event
    places = resolved(text, [("Nikopol", NIKOPOL), ("Kyiv", KYIV)])
    found = events.build_events(Article("a", "t", text, dt.date(2024, 3, 14)), [(0, len(text))], [], places)
    assert len(found) == 1


def test_a_sentence_without_a_day_takes_the_day_its_paragraph_stated():
    text = "On Tuesday Russian artillery shelled Nikopol. A drone struck a car in Lyman.\nDrones hit Kyiv."
    first = text.index("A drone")
    third = text.index("Drones")
    sentences = [(0, first - 1), (first, third - 1), (third, len(text))]
    day = text.index("Tuesday")
    mentions = [Mention("a", day, day + 7, "Tuesday", "DATE", "date", 0)]
    places = [
        *resolved(text, [("Nikopol", NIKOPOL)]),
        ResolvedMention(
            Mention("a", text.index("Lyman"), text.index("Lyman") + 5, "Lyman", "GPE", "place", 1), LYMAN
        ),
        ResolvedMention(
            Mention("a", text.index("Kyiv"), text.index("Kyiv") + 4, "Kyiv", "GPE", "place", 2), KYIV
        ),
    ]
    published = dt.date(2024, 3, 14)  # a Thursday
    found = events.build_events(Article("a", "t", text, published), sentences, mentions, places)
    by_place = {e.place.name: e for e in found}
    assert by_place["Nikopol"].event_date == by_place["Lyman"].event_date == dt.date(2024, 3, 12)
    assert by_place["Lyman"].time_precision == TIME_DAY
    # a new line starts another report: the publication week again
    assert by_place["Kyiv"].time_precision == TIME_WEEK
