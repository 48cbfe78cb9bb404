"""Phrasings of daily summaries and wire items, end to end: "over the past day", "the day before yesterday",
repeated attempts to break through, a list of places that "came under fire", a fire caption, an aid
convoy, a toll update, civilians shot, and a later sentence telling when the event happened.
Sentences are project-written."""

from __future__ import annotations

import datetime as dt

import pytest

from components import pipeline
from components.nlp import dates
from components.records import Article

PUBLISHED = dt.date(2024, 6, 12)  # a Wednesday


def _events(text: str, lang: str = "en") -> list:
    (result,) = pipeline.run([Article("phrasing", "", text, PUBLISHED, "test", language=lang)])
    return list(result.events)


@pytest.mark.parametrize(
    ("text", "days_before"),
    [
        ("over the past day", 1),
        ("in the last 24 hours", 1),
        ("the day before yesterday", 2),
    ],
)
def test_summary_days(text, days_before):
    (found,) = dates.find(f"The enemy shelled the bridge {text}.")
    assert dates.resolve(found.text, PUBLISHED).day == PUBLISHED - dt.timedelta(days=days_before)


@pytest.mark.slow
def test_the_day_before_yesterday_is_not_yesterday():
    (event,) = _events("The day before yesterday Russian drones struck Kupiansk in Kharkiv region.")
    assert event.event_date == dt.date(2024, 6, 10)


@pytest.mark.slow
def test_repeated_attempts_to_break_through_are_battles_at_each_place():
    events = _events("The enemy tried 14 times to break through near Vovchansk and Lyptsi.")
    assert {e.location for e in events} == {"Vovchansk", "Lyptsi"}
    assert {e.event_type for e in events} == {"Battles"}


@pytest.mark.slow
def test_every_place_of_a_list_that_came_under_fire():
    events = _events("Nikopol, Marhanets, Chervonohryhorivka and Pokrovske came under fire.")
    assert {e.location for e in events} >= {"Nikopol", "Marhanets", "Chervonohryhorivka"}


@pytest.mark.slow
def test_a_fire_caption_is_an_event():
    (event,) = _events("Fire at a fuel depot in Kropyvnytskyi after a drone attack, 9 June")
    assert event.location == "Kropyvnytskyi" and event.event_date == dt.date(2024, 6, 9)


@pytest.mark.slow
def test_an_aid_convoy_and_a_toll_update_are_no_events():
    assert _events("A convoy of 12 trucks with humanitarian aid arrived in Sumy on Tuesday.") == []
    assert _events("The toll from Monday's strike on Odesa has risen to nine, officials said.") == []


@pytest.mark.slow
def test_civilians_shot_by_soldiers_is_violence_against_civilians():
    (event,) = _events(
        "Russian soldiers shot three civilians in the village of Kozacha Lopan, Kharkiv region."
    )
    assert event.event_type == "Violence against civilians"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Troops fired on a car near Hlyboke in Kharkiv region, the police said. "
            "The shooting happened last Saturday as the family tried to leave.",
        ),
        (
            "uk",
            "Окупанти обстріляли автомобіль поблизу Глибокого на Харківщині, повідомила поліція. "
            "Обстріл стався минулої суботи, коли родина намагалася виїхати.",
        ),
    ],
)
def test_a_later_sentence_tells_when_it_happened(lang, text):
    events = _events(text, lang)
    assert len(events) == 1
    assert events[0].event_date == dt.date(2024, 6, 8)


@pytest.mark.slow
def test_a_happened_sentence_naming_another_place_dates_nothing():
    events = _events(
        "Troops fired on a car near Hlyboke in Kharkiv region. "
        "A second attack happened in Vovchansk on Saturday."
    )
    assert events[0].event_date == PUBLISHED


@pytest.mark.parametrize(
    ("text", "days"), [("the day before", 1), ("the previous day", 1), ("two days earlier", 2)]
)
def test_days_before_the_report(text, days):
    (found,) = dates.find(f"Drones hit the depot {text}.")
    assert dates.resolve(found.text, PUBLISHED).day == PUBLISHED - dt.timedelta(days=days)


@pytest.mark.slow
def test_rounds_fired_at_a_town_and_the_next_shelling_keep_the_stated_day():
    events = _events(
        "Separatist officials said that on 9 June at 08:40 Ukrainian forces fired 6 rounds of 152 mm calibre "
        "at Yasynuvata. At 10:15 the Kyivskyi district of Donetsk was shelled; no one was hurt."
    )
    assert [e.location for e in events] == ["Yasynuvata", "Kyivskyi"]
    assert {e.event_date for e in events} == {dt.date(2024, 6, 9)}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Zaporizhzhia. Information on casualties is being clarified.",
        "If Russian troops keep gathering near Vovchansk, an assault on Kharkiv is possible.",
        "On Sunday Bucha commemorated those killed during the occupation in March 2022.",
    ],
)
def test_pending_counts_conditionals_and_commemorations_are_no_events(text):
    assert _events(text) == []


@pytest.mark.slow
def test_an_evacuation_from_a_town_is_placed_there():
    (event,) = _events("Evacuation of elderly residents from Kurakhove, 2 June")
    assert event.location == "Kurakhove" and event.event_type == "Strategic developments"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Drones attacked the port overnight into Sunday.", dt.date(2024, 6, 9)),
        ("On the 3rd the enemy stormed the village.", dt.date(2024, 6, 3)),
        ("On the 28th the enemy stormed the village.", dt.date(2024, 5, 28)),
        ("Missiles hit the grid on Christmas morning.", dt.date(2023, 12, 25)),
        ("The enemy attacked near the river on 11.06; assaults were repelled.", dt.date(2024, 6, 11)),
        ("A house was hit by artillery yesterday.", dt.date(2024, 6, 11)),
        ("A bomb struck the street on Saturday afternoon.", dt.date(2024, 6, 8)),
    ],
)
def test_more_day_expressions(text, day):
    found = dates.find(text)
    assert [dates.resolve(f.text, PUBLISHED, before=text[: f.start]).day for f in found] == [day]


def test_an_ordinal_that_names_a_unit_is_no_day():
    assert dates.find("Soldiers of the 3rd Assault Brigade held the line.") == []
    assert dates.find("Drones hit the depot at 10.30 in the morning.") == []


@pytest.mark.slow
def test_a_dateline_dates_the_report_and_what_came_the_day_before():
    events = _events(
        "SUMY, 10 June - Russian artillery killed two residents of Bilopillia, a town near the border, "
        "officials said. A third person was wounded in nearby Vorozhba the previous day."
    )
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [
        ("Bilopillia", dt.date(2024, 6, 10), 2),
        ("Vorozhba", dt.date(2024, 6, 9), None),
    ]


@pytest.mark.slow
def test_under_a_dateline_the_sentence_day_wins_and_counts_back_from_it():
    # 10 June 2024 is a Monday: "on Saturday" is the 8th, "the day before" the 9th, both from the dateline
    events = _events(
        "KUPIANSK, 10 June (Frontline Wire) - Shells hit a bakery in Kurylivka on Saturday, the police "
        "said. Ukrainian units pushed the enemy back from Synkivka the day before."
    )
    assert [(e.location, e.event_date) for e in events] == [
        ("Kurylivka", dt.date(2024, 6, 8)),
        ("Synkivka", dt.date(2024, 6, 9)),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Drones struck a depot in Kurylivka, Kharkiv region, 7-8 June overnight.", dt.date(2024, 6, 8)),
        ("Shells hit a school in Kurylivka on the night of 7 to 8 June.", dt.date(2024, 6, 8)),
    ],
)
def test_a_night_written_as_a_range_is_its_later_day(text, day):
    (event,) = _events(text)
    assert event.event_date == day


@pytest.mark.slow
def test_casualties_counted_over_a_month_are_a_tally_but_a_killing_late_in_a_month_is_not():
    assert _events("Monitors recorded 85 civilians killed in Kurylivka and Synkivka in May.") == []
    (event,) = _events("In Kurylivka two men were found shot dead in a cellar in late May.")
    assert event.location == "Kurylivka"


@pytest.mark.slow
def test_a_later_sentence_without_a_place_dates_the_report():
    (event,) = _events(
        "A drone struck a warehouse in Pivdenne, east of Odesa. The attack came shortly before "
        "midnight on 9 June, and three people were injured, the governor said."
    )
    assert event.event_date == dt.date(2024, 6, 9)
    assert event.extra.get("injured") == 3


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Sappers have cleared about 900 hectares of fields around Balakliia since last spring.",
        "Moscow accused Kyiv of preparing a provocation at the dam near Nova Kakhovka.",
        "Blasts heard in Mykolaiv were controlled detonations of old shells; there was no attack.",
        "An air-raid alert sounded in Rivne region as drones flew west; no strikes were recorded.",
        "Makariv held a memorial service on Sunday for those killed during the occupation.",
        "The mayor said the number of dead was revised to 14 after rescuers finished clearing the rubble.",
        "A wounded woman died in hospital, bringing the number killed in Monday's strike on Dnipro to 9.",
        "Officials are weighing an evacuation of families near Kupiansk as shelling intensifies.",
        "The president visited positions near Siversk and handed out awards.",
        "Lysychansk was captured by Russian forces in July 2022 and now lies far behind the front.",
    ],
)
def test_reports_of_no_new_event(text):
    assert _events(text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Russian artillery hit Velykyi Burluk and Dvorichna; two residents of Velykyi Burluk were hurt.",
            ["Velykyi Burluk", "Dvorichna"],
        ),
        ("Russian forces shelled Kupiansk and the town of Borova on Monday.", ["Kupiansk", "Borova"]),
        (
            "In Sumy region, Russian artillery hit Krasnopillia, Bilopillia and Vorozhba.",
            ["Krasnopillia", "Bilopillia", "Vorozhba"],
        ),
        ("Mortars hit Vovchansk and the outskirts of Lyptsi overnight.", ["Vovchansk", "Lyptsi"]),
        (  # a bracketed district inside the list is no member and does not end it
            "Pavlohrad, Ternivka, Bohdanivka (Pavlohrad district), Verbky and Mezhova were shelled.",
            ["Pavlohrad", "Ternivka", "Bohdanivka", "Verbky", "Mezhova"],
        ),
        (  # a bracketed reference point, likewise
            "Assaults near Nevske, Makiivka (west of Kreminna) and Bilohorivka were repelled on Monday.",
            ["Nevske", "Makiivka", "Bilohorivka"],
        ),
        (
            "Fighting continued near Vovchansk, Starytsia (Chuhuiv district) and in the southern part of "
            "Kupiansk on Monday.",
            ["Vovchansk", "Starytsia", "Kupiansk"],
        ),
        (
            "Sumy oblast, 2 April: Russian drones hit the Bilopillia, Vorozhba, Krasnopillia and Esman "
            "communities; one man injured in Vorozhba.",
            ["Bilopillia", "Vorozhba", "Krasnopillia", "Esman"],
        ),
        (
            "Zaporizhzhia district, 4 March: Stepnohirsk and Mala Tokmachka came under mortar fire.",
            ["Stepnohirsk", "Mala Tokmachka"],
        ),
        (  # a semicolon clause with its own passive verb and place
            "Guns shelled Bilopillia (Sumy district) five times; Vorozhba was hit by a glide bomb.",
            ["Bilopillia", "Vorozhba"],
        ),
        (
            "Bilopillia was shelled five times on Monday; Vorozhba was hit by a drone.",
            ["Bilopillia", "Vorozhba"],
        ),
    ],
)
def test_every_place_of_a_list_is_an_event(text, places):
    assert sorted(e.location for e in _events(text)) == sorted(places)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Ukrainian troops liberated Vysokopillia on 4 June and entered Novovoznesenske on 6 June.",
            [("Vysokopillia", dt.date(2024, 6, 4)), ("Novovoznesenske", dt.date(2024, 6, 6))],
        ),
        (
            "en",
            "Fighting continued near Robotyne; the day before, Ukrainian units recaptured Urozhaine.",
            [("Robotyne", PUBLISHED), ("Urozhaine", dt.date(2024, 6, 11))],
        ),
        (
            "uk",
            "Сили оборони звільнили Роботине та увійшли в Вербове.",
            [("Роботине", PUBLISHED), ("Вербове", PUBLISHED)],
        ),
    ],
)
def test_a_second_clause_with_its_own_verb_and_place_is_a_second_event(lang, text, expected):
    assert [(e.location, e.event_date) for e in _events(text, lang)] == expected


@pytest.mark.slow
def test_a_second_clause_under_a_modal_makes_nothing():
    assert _events("Russia may shell Kupiansk and then try to enter Borova, analysts say.") == []


@pytest.mark.slow
def test_an_axis_is_never_the_place():
    events = _events(
        "Ukrainian forces repelled attacks near Robotyne and Verbove in the Zaporizhzhia direction."
    )
    assert sorted(e.location for e in events) == ["Robotyne", "Verbove"]


@pytest.mark.slow
def test_improved_positions_bodies_found_and_the_previous_evening():
    (event,) = _events("Russian units say they improved their positions near Klishchiivka.")
    assert event.event_type == "Battles" and event.location == "Klishchiivka"
    (event,) = _events("The bodies of two civilians were found in Kupiansk after the shelling.")
    assert event.event_type == "Violence against civilians"
    (event,) = _events("On the previous evening a drone attacked a car in Beryslav.")
    assert event.event_date == dt.date(2024, 6, 11)
    assert _events("Information on casualties is being updated.") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("In Enerhodar Russian soldiers detained two volunteers.", ["Enerhodar"]),
        ("Russian troops captured the village of Hlyboke in Kharkiv region.", ["Hlyboke"]),
    ],
)
def test_names_the_model_runs_together_are_split(text, places):
    assert [e.location for e in _events(text)] == places


@pytest.mark.slow
def test_a_name_that_is_one_place_is_not_split():
    (result,) = pipeline.run([Article("one", "", "Bosnia and Herzegovina signed the deal.", PUBLISHED, "t")])
    assert "Bosnia and Herzegovina" in [m.text for m in result.mentions]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place", "etype"),
    [
        ("Russian aircraft dropped three KABs on Huliaipole.", "Huliaipole", "Explosions/Remote violence"),
        ("The enemy pounded Kupiansk with guided bombs.", "Kupiansk", "Explosions/Remote violence"),
        (
            "Air defence intercepted eight drones over Kropyvnytskyi.",
            "Kropyvnytskyi",
            "Explosions/Remote violence",
        ),
        ("Russian troops pushed into Toretsk from the east on Monday.", "Toretsk", "Battles"),
        (
            "Russian artillery targeted Marhanets across the reservoir.",
            "Marhanets",
            "Explosions/Remote violence",
        ),
    ],
)
def test_more_verbs_of_front_line_reports(text, place, etype):
    (event,) = _events(text)
    assert (event.location, event.event_type) == (place, etype)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "The weekend strikes killed 9 people in Odesa and two in Kherson, officials said.",
            {"Odesa": 9, "Kherson": 2},
        ),
        (
            "The barrage killed 12 people in Kharkiv, including three at a bus stop, and four in Sumy.",
            {"Kharkiv": 12, "Sumy": 4},
        ),
    ],
)
def test_a_count_repeated_for_each_place_gives_each_its_event(text, counts):
    assert {e.location: e.fatalities for e in _events(text)} == counts
