"""ACLED's taxonomy: 6 types, 25 sub-types, and the cues that choose a sub-type."""

import pytest

from components.nlp import taxonomy
from components.records import BATTLES, EVENT_TYPES, EXPLOSIONS, PROTESTS, STRATEGIC, VIOLENCE_CIVILIANS


def test_six_types_and_twenty_five_sub_types():
    assert set(taxonomy.SUB_EVENT_TYPES) == set(EVENT_TYPES)
    assert len(taxonomy.ALL_SUB_EVENT_TYPES) == len(set(taxonomy.ALL_SUB_EVENT_TYPES)) == 25


@pytest.mark.parametrize(
    ("etype", "sentence", "sub"),
    [
        (EXPLOSIONS, "Russian drones struck Kyiv overnight.", "Air/drone strike"),
        (EXPLOSIONS, "Shelling hit Nikopol on Wednesday.", "Shelling/artillery/missile attack"),
        (EXPLOSIONS, "A truck bomb exploded on the Kerch Bridge.", "Remote explosive/landmine/IED"),
        (BATTLES, "Ukrainian forces recaptured Lyman.", "Government regains territory"),
        (BATTLES, "Fierce clashes continued near Bakhmut.", "Armed clash"),
        (VIOLENCE_CIVILIANS, "Soldiers abducted the mayor of Melitopol.", "Abduction/forced disappearance"),
        (PROTESTS, "Police detained dozens of protesters in Moscow.", "Protest with intervention"),
        (PROTESTS, "Hundreds protested in Astana.", "Peaceful protest"),
        (STRATEGIC, "The two sides signed a grain deal.", "Agreement"),
        (STRATEGIC, "Air defence shot down 20 drones.", "Disrupted weapons use"),
        (STRATEGIC, "Commanders met to plan the next phase.", "Other"),
    ],
)
def test_sub_event_type(etype, sentence, sub):
    assert taxonomy.sub_event_type(etype, sentence) == sub
    assert taxonomy.event_type_of(sub) == etype


def test_unknown_type_has_no_sub_type():
    assert taxonomy.sub_event_type("Weather", "It rained.") == ""
