"""Villages found as place mentions in front-line language (components/nlp/cues.py, toponyms.py,
mentions.py): the small model misses or mislabels them, the words around them say they are places."""

from __future__ import annotations

import pytest

from components.geo.gazetteer.index import load_gazetteer
from components.nlp import mentions as nlp
from components.nlp.cues import own_name
from components.nlp.model import load_nlp

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gaz():
    g = load_gazetteer()
    if not g.hits("Kurdyumivka"):
        pytest.skip("gazetteer built without the UA village dump")
    return g


def places(text: str, gaz) -> list[str]:
    analysis = nlp.extract(load_nlp()(text), "d", gaz)
    return [m.text for m in analysis.mentions if m.kind == "place"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Artillery shelled Novohrodivka on Monday.", "Novohrodivka"),  # the object of an attack verb
        ("Enemy guns struck Kozacha Lopan in Kharkiv region at dawn.", "Kozacha Lopan"),  # region after it
        ("Bombs were dropped on Orikhiv, Zaporizhzhia, last night.", "Orikhiv"),  # "on" after an attack word
        ("The army pulled back from Avdiivka in February.", "Avdiivka"),
        ("Attacks were repelled near Tonenke and Berdychi.", "Berdychi"),  # a list after a cue
        ("Guns hit Kupiansk and nearby Kindrashivka.", "Kindrashivka"),
        ("Troops took control of Marinka after a long fight.", "Marinka"),  # "control of"
        ("Kharkiv, 3 June 2024: smoke over a warehouse", "Kharkiv"),  # a dateline
        ("Toretsk after a night of strikes", "Toretsk"),  # a caption's head
        ("Drones struck near the Myrhorod airfield overnight.", "Myrhorod"),  # a facility named after it
        ("Missiles hit the Ladyzhyn thermal power plant again.", "Ladyzhyn"),
        ("A flag over Robotyne after the battle", "Robotyne"),
        ("Debris on a road in Bila Tserkva", "Bila Tserkva"),  # the whole name, not "Bila"
        ("A man died in his garden in Tiahynka (Kherson oblast).", "Tiahynka"),  # not "Tiahynka (Kherson"
        ("Shelling of Ochakiv, Mykolaiv region, damaged a school.", "Ochakiv"),  # split from its region
        ("A shell landed in the Antonivka suburb of Kherson.", "Antonivka"),  # "X suburb"
        ("Stepnohirsk and Mala Tokmachka came under mortar fire at night.", "Stepnohirsk"),
        ("Drones hit the Bilopillia, Vorozhba and Esman communities.", "Esman"),  # the list's plural noun
        ("Drones hit the Bilopillia, Vorozhba and Esman communities.", "Vorozhba"),
        ("Guns struck the Velyka Pysarivka and Seredyna-Buda hromadas.", "Seredyna-Buda"),
        ("Assaults near Nevske, Makiivka (west of Kreminna) and Bilohorivka failed.", "Bilohorivka"),
    ],
)
def test_front_line_villages_are_place_mentions(gaz, text, name):
    assert name in places(text, gaz)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Critics heaped scorn on Putin over the failed offensive.", "Putin"),  # an old alias, not a name
        ("In Kyiv, Johnson said the talks had failed.", "Johnson"),  # a comma is not a list by itself
        ("John Smith spoke first. Later the crowd attacked Smith outside.", "Smith"),  # a known surname
        ("Mr Ivanov and Ms Petrenko came under pressure to attack the plan.", "Petrenko"),
    ],
)
def test_people_after_front_line_cues_are_not_places(gaz, text, name):
    assert name not in places(text, gaz)


def test_own_name_accepts_spelling_variants_not_foreign_aliases(gaz):
    assert own_name("Kurdiumivka", gaz)  # Kurdyumivka, written another way
    assert own_name("Novohrodivka", gaz)
    assert not own_name("Putin", gaz)  # an alternate name of Putyatintsy
