"""Only real events: forecasts, plans, denials, alerts and commemorations make none; casualty and
aftermath sentences without a place of their own are more news of the last event; verbless captions
with an aftermath word and a named place are events; `explain` says why a sentence made no event.
Sentences are project-written."""

import datetime as dt

import pytest

from components.events import extract, triggers
from components.records import BATTLES, EXPLOSIONS, Article, Mention, Place, ResolvedMention

TOWN = Place(11, "Ridgeford", 48.1, 37.2, "UA", "Donetsk Oblast", "UA.05")
PUBLISHED = dt.date(2024, 3, 10)  # a Sunday


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Analysts expect heavier strikes on the rail network in autumn.", "hypothetical"),
        ("The army is preparing an assault on the ridge, scouts reported.", "hypothetical"),
        ("Ministers might discuss new sanctions at their next meeting.", "hypothetical"),
        ("Should the talks collapse, fighting is expected to spread.", "hypothetical"),
        ("The command denied reports that its units had been encircled near the river.", "denied"),
        ("A vigil was held for the anniversary of the siege.", "back-reference"),
        ("Sirens wailed for an hour, but no strikes were recorded.", "hypothetical"),
    ],
)
def test_forecasts_plans_denials_and_alerts_are_not_events(sentence, reason):
    trig, why = triggers.scan(sentence)
    assert trig is None and why.startswith(reason)


def test_an_air_raid_alert_is_no_raid():
    assert triggers.find_trigger("Residents spent the night in shelters during an air raid alert.") is None


@pytest.mark.parametrize(
    ("sentence", "etype", "word"),
    [
        ("Gutted shop in Ridgeford after a drone attack", EXPLOSIONS, "drone"),
        ("Ruined bakery in Ridgeford", EXPLOSIONS, "Ruined"),
        ("Smoke above the depot in Ridgeford", EXPLOSIONS, "Smoke"),
        ("Craters in a schoolyard in Ridgeford", EXPLOSIONS, "Craters"),
        ("Flag raised over Ridgeford after its liberation", BATTLES, "liberation"),
        ("Ridgeford under fire", EXPLOSIONS, "under fire"),
    ],
)
def test_caption_aftermath_words_and_their_cause_are_triggers(sentence, etype, word):
    trig = triggers.find_trigger(sentence)
    assert trig is not None and (trig.event_type, trig.word, trig.kind) == (etype, word, "aftermath")


def test_attempts_and_entries_are_battles():
    for sentence in ("Infantry tried to break through near the ridge.", "Troops entered the town at dawn."):
        trig = triggers.find_trigger(sentence)
        assert trig is not None and trig.event_type == BATTLES


@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("Assault units took Ridgeford on Tuesday.", BATTLES),
        ("Marines took back the village of Ridgeford overnight.", BATTLES),
        ("The ministry claimed full control of Ridgeford.", BATTLES),
        ("Officials said the troops had taken control of Ridgeford by noon.", BATTLES),
        ("A brigade completed the capture of Ridgeford after a week.", BATTLES),
        ("Villagers cheered the soldiers entering the town.", BATTLES),
        ("Paratroopers entered the southern outskirts of Ridgeford.", BATTLES),
        ("A platoon held its positions in Ridgeford under heavy artillery fire.", BATTLES),
        ("Infantry kept up pressure near Ridgeford all week.", BATTLES),
        ("The bridge at Ridgeford was blown up before dawn.", EXPLOSIONS),
        ("Two tanks knocked out by drones near Ridgeford", EXPLOSIONS),
        ("The enemy claimed to have entered Ridgeford on Monday.", BATTLES),
    ],
)
def test_captures_entries_and_demolitions_are_events(sentence, etype):
    trig = triggers.find_trigger(sentence)
    assert trig is not None and trig.event_type == etype, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The war entered its third year with no talks in sight.",
        "Delegates took part in a conference on reconstruction.",
        "Allies kept up pressure on the government to reform courts.",
        "The ceremony took place in the town hall.",
    ],
)
def test_the_same_verbs_elsewhere_are_no_events(sentence):
    assert triggers.find_trigger(sentence) is None, sentence


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        # the strike named inside a toll update, and the rubble of it, are the earlier event's
        (
            "The toll from Sunday's cruise-missile strike on Ridgeford climbed to 14 after rescuers "
            "pulled three more bodies from the rubble.",
            "back-reference: casualty count update",
        ),
        (
            "A man wounded in the 2 May drone attack on Ridgeford died in hospital, raising the toll to 8.",
            "back-reference: casualty count update",
        ),
        ("For the first night in a month Ridgeford went without shelling.", "negated"),
        ("A battalion commander fighting near Ridgeford told reporters he needs more drones.", "describes"),
    ],
)
def test_toll_updates_absences_and_speakers_are_not_events(sentence, reason):
    trig, why = triggers.scan(sentence)
    assert trig is None and why.startswith(reason), (trig, why)


@pytest.mark.parametrize(
    "sentence",
    [
        "Three prime ministers arrived in Ridgeford for talks on air defence.",
        "The defence ministers' meeting in Ridgeford ended without a statement.",
    ],
)
def test_visits_and_meetings_are_no_developments_on_the_ground(sentence):
    assert triggers.find_trigger(sentence) is None


def test_a_bomb_dropped_on_a_town_is_a_strike():
    trig = triggers.find_trigger("Aircraft dropped two glide bombs on the town.")
    assert trig is not None and trig.event_type == EXPLOSIONS


def article(*sentences, town_in=(0,)):
    """An article of `sentences`, with Ridgeford named (and resolved) where it appears."""
    text = " ".join(sentences)
    spans, mentions, places, pos = [], [], [], 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        spans.append((start, start + len(s)))
        pos = start + len(s)
        if i in town_in and "Ridgeford" in s:
            k = text.index("Ridgeford", start)
            m = Mention("a", k, k + 9, "Ridgeford", "GPE", "place", i)
            mentions.append(m)
            places.append(ResolvedMention(m, TOWN, 1.0))
    return Article("a", "t", text, PUBLISHED), spans, mentions, places


def run(*sentences, town_in=(0,)):
    art, spans, mentions, places = article(*sentences, town_in=town_in)
    return extract.extract_events(art, spans, mentions, places)


def test_casualty_follow_ups_attach_to_the_last_event():
    evs, rejected = run(
        "A missile hit a warehouse in Ridgeford on Friday, killing two people.",
        "Another six were injured, the governor said.",
        "The death toll rose to three, rescuers said.",
    )
    assert len(evs) == 1
    assert evs[0].fatalities == 3 and evs[0].extra["injured"] == 6
    assert evs[0].event_date == dt.date(2024, 3, 8)
    reasons = [r.reason.split(" (")[0] for r in rejected]
    assert reasons[0] == "more news of the previous event"
    assert reasons[1].startswith("back-reference: casualty count update")  # "the toll rose to ..."


def test_no_one_hurt_is_a_stated_zero():
    evs, _ = run("A drone hit a barn in Ridgeford on Saturday.", "No one was hurt.")
    assert len(evs) == 1 and evs[0].fatalities == 0 and evs[0].extra["injured"] == 0


def test_aftermath_and_same_kind_sentences_without_a_place_are_the_same_event():
    evs, _ = run(
        "Shelling hit the market in Ridgeford on Friday.",
        "Two kiosks were destroyed.",
        "The shelling went on for an hour.",
    )
    assert len(evs) == 1


def test_renewed_shelling_is_another_event():
    evs, _ = run("Shelling hit the market in Ridgeford on Friday.", "Renewed shelling hit the school.")
    assert len(evs) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Casualties unknown.",
        "The mayor said several people had been killed.",
        "Another 20 people were wounded, according to the regional administration.",
        "The death toll rose to five, emergency services said.",
    ],
)
def test_a_casualty_follow_up_alone_makes_no_event(sentence):
    evs, rejected = run(sentence)
    assert evs == [] and rejected
    assert "without a place" in rejected[0].reason or "casualty count update" in rejected[0].reason


def test_a_casualty_report_of_its_own_is_still_an_event():
    evs, _ = run("Two soldiers were killed overnight.")
    assert len(evs) == 1 and evs[0].fatalities == 2 and evs[0].event_date == PUBLISHED


def test_caption_without_a_named_place_makes_no_event():
    evs, rejected = run("Burnt-out cars in a courtyard", town_in=())
    assert evs == [] and rejected[0].reason.startswith("aftermath without a place")


def test_caption_with_a_named_place_and_a_trailing_date_is_an_event_on_that_day():
    evs, _ = run("Smoke over Ridgeford, 8 March")
    assert len(evs) == 1 and evs[0].place == TOWN and evs[0].event_date == dt.date(2024, 3, 8)


def test_explain_gives_the_reason_of_every_rejected_candidate():
    _, rejected = run(
        "Shelling hit the market in Ridgeford on Friday.",
        "Officials fear the town may come under heavy shelling again.",
        "Bread prices have doubled.",
    )
    assert len(rejected) == 1  # a sentence without a trigger word is no candidate
    assert rejected[0].sentence.startswith("Officials fear") and "hypothetical" in rejected[0].reason


def test_an_earlier_year_before_the_trigger_is_background():
    evs, rejected = run("Ridgeford still bears the scars of the 2022 siege")
    assert evs == [] and rejected[0].reason.startswith("background")


def test_said_on_a_day_is_the_report_not_the_event():
    evs, _ = run("Police said on Saturday that troops had shot dead a farmer in Ridgeford on 2 March.")
    assert evs[0].event_date == dt.date(2024, 3, 2) and evs[0].fatalities == 1


def test_a_hedged_day_is_approximate_and_a_hedged_hour_is_not():
    evs, _ = run("Around 4 March (as reported), a drone struck a car in Ridgeford.")
    assert evs[0].event_date == dt.date(2024, 3, 4) and evs[0].extra["approximate"] is True
    evs, _ = run("On 4 March, at around 10:00, a drone struck a car in Ridgeford.")
    assert evs[0].event_date == dt.date(2024, 3, 4) and "approximate" not in evs[0].extra


def test_the_month_may_is_no_modal():
    trig = triggers.find_trigger("On 2 May 2024, a missile strike on the depot damaged two wagons.")
    assert trig is not None and trig.word == "missile strike" and trig.kind == "event"


def test_an_attempt_to_cross_is_a_battle():
    trig = triggers.find_trigger("Infantry attempted to cross the river near the ferry on Monday.")
    assert trig is not None and trig.event_type == BATTLES


def test_a_modal_after_a_casualty_word_hedges_the_count_not_the_deaths():
    trig = triggers.find_trigger("The death toll may be higher than reported, the governor said.")
    assert trig is not None and trig.kind == "casualty"
    assert triggers.find_trigger("Casualties were not reported.") is None


@pytest.mark.xfail(
    reason="a placeless casualty sentence is a follow-up only with a follow-up cue (another, the "
    "toll, the mayor said ...); alone and without one it still makes a placeless event"
)
def test_a_bare_casualty_count_alone_is_no_event():
    evs, _ = run("Three people were injured, officials said.")
    assert evs == []
