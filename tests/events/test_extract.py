"""Event extraction rules: triggers, hypothetical and reference filtering, place and date choice."""

import datetime as dt

import pytest

from components.events import extract as events
from components.records import (
    BATTLES,
    EXPLOSIONS,
    GEO_PLACE,
    GEO_REGION,
    PROTESTS,
    STRATEGIC,
    TIME_DAY,
    TIME_UNDATED,
    TIME_WEEK,
    Article,
    Mention,
    Place,
    ResolvedMention,
)  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "etype", "word"),
    [
        ("A massive explosion damaged the Kerch Bridge.", EXPLOSIONS, "explosion"),
        ("The first convoy of Russian forces has arrived in Belarus.", STRATEGIC, "convoy"),
        ("Russian troops shelled the town overnight.", EXPLOSIONS, "shelled"),
        ("Ukrainian forces recaptured Lyman on Saturday.", BATTLES, "recaptured"),
        ("Hundreds protested against mobilisation in Makhachkala.", PROTESTS, "protested"),
        ("Troops attacked the village from three sides.", BATTLES, "attacked"),
        # An announced aid package is the event even with a modal.
        (
            "Blinken said Washington would send vehicles as part of a new aid package.",
            STRATEGIC,
            "aid package",
        ),
        # The back-reference is skipped, the next trigger is taken.
        ("In response to Monday's attacks, officials announced new sanctions.", STRATEGIC, "sanctions"),
    ],
)
def test_finds_the_reported_trigger(sentence, etype, word):
    trig = events.find_trigger(sentence)
    assert trig is not None
    assert (trig.event_type, trig.word) == (etype, word)
    assert sentence[trig.start : trig.end] == word


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin said he had no plans for now to launch massive airstrikes.",
        "Minsk and Moscow will deploy a joint force and could launch strikes.",
        "Kyiv has not claimed responsibility for the attack.",
        "Lukashenko accused his neighbours of plotting “terrorist attacks and sabotage”.",
        "The Belarusian armed forces have so far not participated in the offensive.",
        "Images on social media showed soldiers being greeted with bread and salt.",
    ],
)
def test_no_event_in_hypothetical_quoted_or_denied_sentences(sentence):
    assert events.find_trigger(sentence) is None


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


@pytest.mark.parametrize(
    ("sentence", "places", "expected", "precision"),
    [
        (
            "A hospital and other buildings in the town of Nikopol, across the river from the "
            "Zaporizhia nuclear power plant, were attacked.",
            [("Nikopol", NIKOPOL), ("Zaporizhia nuclear power plant", ZNPP)],
            "Nikopol", GEO_PLACE,
        ),
        (
            "Russia has carried out a spate of missile and drone strikes in Ukraine after blaming Kyiv "
            "for the Kerch Bridge blast.",
            [("Russia", RUSSIA), ("Ukraine", UKRAINE), ("Kyiv", KYIV), ("Kerch Bridge", KERCH_BRIDGE)],
            "Ukraine", GEO_REGION,
        ),
        (
            "In another strike against Moscow last week, a massive explosion damaged the Kerch Bridge, "
            "which connects annexed Crimea to mainland Russia.",
            [("Moscow", MOSCOW), ("Kerch Bridge", KERCH_BRIDGE), ("Crimea", CRIMEA), ("Russia", RUSSIA)],
            "Kerch Bridge", GEO_PLACE,
        ),
    ],
)  # fmt: skip
def test_choose_place_picks_where_it_happened(sentence, places, expected, precision):
    trig = events.find_trigger(sentence)
    where, prec = events.choose_place(sentence, 0, resolved(sentence, places), trig)
    assert where.mention.text == expected
    assert prec == precision


def test_build_events_dates_and_actors():
    text = ("The first convoy of Russian forces has arrived in Belarus, the ministry said on Saturday.\n\n"
            "Drone strikes hit Kyiv.")  # fmt: skip
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


@pytest.mark.parametrize(
    "sentence",
    [
        "The package also includes ammunition for the launchers and Javelin anti-tank missiles.",
        "Clearing mines from the recaptured villages will take months.",
    ],
)
def test_weapon_nouns_without_an_action_are_not_events(sentence):
    assert events.find_trigger(sentence) is None


def test_weapon_noun_with_an_action_is_an_event():
    trig = events.find_trigger("Russia fired a salvo of cruise missiles at the port overnight.")
    assert trig is not None and trig.event_type == EXPLOSIONS


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
    text = "At a summit in Astana, Putin said he had no regrets."
    art = Article("a", "t", text, dt.date(2022, 10, 15))
    astana = place(1526273, "Astana", "KZ", "P", "PPLC")
    ms = [
        Mention("a", 15, 21, "Astana", "GPE", "place", 0),
        Mention("a", 23, 28, "Putin", "PERSON", "actor", 0),
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
    trig = events.Trigger(STRATEGIC, "trip", text.index("trip"), text.index("trip") + 4)
    day, precision, *_ = events.choose_date(art, text, 0, trig, ms)
    assert (day, precision) == (dt.date(2022, 12, 21), TIME_DAY)
    day, precision, *_ = events.choose_date(art, text, 0, trig, ms[1:])
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


@pytest.mark.parametrize(
    ("sentence", "etype", "word"),
    [
        ("Losses of the garrison amounted to 60 soldiers in a day.", BATTLES, "Losses"),
        ("The brigade lost more than 100 servicemen near the river.", BATTLES, "lost"),
        ("Two KIA and three WIA in the east over the past day.", BATTLES, "KIA"),
        ("Two children die in shelling of a village.", EXPLOSIONS, "shelling"),
        ("Five civilians die in the east, officials say.", events.VIOLENCE_CIVILIANS, "die"),
        ("Rebels violated the ceasefire 16 times this week.", BATTLES, "violated the ceasefire"),
        ("Artillery crews eliminated 40 fighters overnight.", BATTLES, "eliminated"),
    ],
)
def test_casualty_reports_and_ceasefire_violations_are_events(sentence, etype, word):
    trig = events.find_trigger(sentence)
    assert trig is not None and (trig.event_type, trig.word) == (etype, word)


@pytest.mark.parametrize("sentence", ["He lost his job last year.", "A Kia was parked on the corner."])
def test_lost_without_a_count_and_a_car_brand_are_not_events(sentence):
    assert events.find_trigger(sentence) is None
