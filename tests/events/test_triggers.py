"""Trigger words: which words make a sentence an event, and the quoted, hypothetical, denied and
back-referring ones that do not."""

import pytest

from components.events import triggers
from components.records import BATTLES, EXPLOSIONS, PROTESTS, STRATEGIC, VIOLENCE_CIVILIANS


def at(sentence, word):
    """The trigger `word` as the event's verb (as the Halterman scorer gives it)."""
    k = sentence.index(word)
    return triggers.Trigger("", word, k, k + len(word))


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
    trig = triggers.find_trigger(sentence)
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
    assert triggers.find_trigger(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The package also includes ammunition for the launchers and Javelin anti-tank missiles.",
        "Clearing mines from the recaptured villages will take months.",
    ],
)
def test_weapon_nouns_without_an_action_are_not_events(sentence):
    assert triggers.find_trigger(sentence) is None


def test_weapon_noun_with_an_action_is_an_event():
    trig = triggers.find_trigger("Russia fired a salvo of cruise missiles at the port overnight.")
    assert trig is not None and trig.event_type == EXPLOSIONS


@pytest.mark.parametrize(
    ("sentence", "etype", "word"),
    [
        ("Losses of the garrison amounted to 60 soldiers in a day.", BATTLES, "Losses"),
        ("The brigade lost more than 100 servicemen near the river.", BATTLES, "lost"),
        ("Two KIA and three WIA in the east over the past day.", BATTLES, "KIA"),
        ("Two children die in shelling of a village.", EXPLOSIONS, "shelling"),
        ("Five civilians die in the east, officials say.", VIOLENCE_CIVILIANS, "die"),
        ("Rebels violated the ceasefire 16 times this week.", BATTLES, "violated the ceasefire"),
        ("Artillery crews eliminated 40 fighters overnight.", BATTLES, "eliminated"),
    ],
)
def test_casualty_reports_and_ceasefire_violations_are_events(sentence, etype, word):
    trig = triggers.find_trigger(sentence)
    assert trig is not None and (trig.event_type, trig.word) == (etype, word)


@pytest.mark.parametrize("sentence", ["He lost his job last year.", "A Kia was parked on the corner."])
def test_lost_without_a_count_and_a_car_brand_are_not_events(sentence):
    assert triggers.find_trigger(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Ukrainian units pulled out of Marinka after weeks of street fighting.", "pulled out of"),
        ("The brigade's soldiers left Soledar on foot, the army said.", "left"),
        ("Russian troops abandoned their positions near the river.", "abandoned"),
    ],
)
def test_armed_forces_leaving_a_place_is_a_battle(sentence, word):
    trig = triggers.find_trigger(sentence)
    assert trig is not None
    assert (trig.event_type, trig.word) == (BATTLES, word)


@pytest.mark.parametrize(
    "sentence",
    [
        "The foreign minister left Kyiv for Warsaw on Monday.",
        "Three families abandoned their farm because of the drought.",
    ],
)
def test_leaving_without_armed_forces_is_no_battle(sentence):
    assert triggers.find_trigger(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Firefighters at a burning grain store in Izmail after a drone attack", "drone"),
        ("Rescue crews put out a fire at a market in Kherson after shelling", "shelling"),
        ("A man looks at his car in Sumy after a missile strike", "missile strike"),
    ],
)
def test_a_caption_of_people_at_work_reports_the_cause_it_names(sentence, word):
    trig = triggers.find_trigger(sentence)
    assert trig is not None
    assert (trig.event_type, trig.word, trig.kind) == (EXPLOSIONS, word, "aftermath")


@pytest.mark.parametrize(
    "sentence",
    [
        "The city council closed two schools after the missile attack.",  # past tense: a back-reference
        "Sappers work in a field near Izium after its liberation",  # a scene, but no strike as its cause
    ],
)
def test_after_an_attack_without_a_caption_scene_is_still_a_back_reference(sentence):
    assert triggers.find_trigger(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "etype", "word"),
    [
        ("Villagers stand next to their burned barn in Velyka Pysarivka", EXPLOSIONS, "burned"),
        (
            "Investigators examine fragments of a cruise missile in Lviv",
            EXPLOSIONS,
            "fragments of a cruise missile",
        ),
        ("Gunners fire a howitzer at Russian positions near Kreminna", EXPLOSIONS, "fire a howitzer"),
        ("Firefighters battle a large blaze at a fuel depot in Rivne", EXPLOSIONS, "blaze"),
    ],
)
def test_caption_scenes_of_strikes_and_shelling(sentence, etype, word):
    trig = triggers.find_trigger(sentence)
    assert trig is not None
    assert (trig.event_type, trig.word) == (etype, word)


def test_fragments_of_something_else_are_no_aftermath():
    assert triggers.find_trigger("The museum shows fragments of a medieval fresco from Kyiv") is None
