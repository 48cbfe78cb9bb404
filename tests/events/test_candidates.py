"""Candidates for the event's place: names in a place's slot that the model did not tag as places.
Sentences are project-written."""

import pytest
from test_triggers import at

from components.events import candidates
from components.records import Mention


def mentions_of(sentence, named):
    """Mentions for (text, label, kind) in order of appearance."""
    out = []
    for text, label, kind in named:
        k = sentence.index(text)
        out.append(Mention("a", k, k + len(text), text, label, kind, 0))
    return out


@pytest.mark.parametrize(
    ("sentence", "named", "expected"),
    [
        # A name the model took for a person or organisation, right after a locative, is a place it does
        # not know.
        (
            "Two people were killed in Pervomaiske overnight.",
            [("Pervomaiske", "PERSON", "actor")],
            ["Pervomaiske"],
        ),
        ("Fighting raged around Kurdiumivka.", [("Kurdiumivka", "ORG", "actor")], ["Kurdiumivka"]),
        # A place name that leads a site's name is the site's place ...
        (
            "Fighting raged at the Avdiivka Coke Plant.",
            [("the Avdiivka Coke Plant", "ORG", "actor"), ("Avdiivka", "GAZ", "embedded")],
            ["Avdiivka"],
        ),
        # ... but not a country's adjective before an embassy or an army.
        (
            "Protesters gathered outside the Polish Embassy.",
            [("the Polish Embassy", "ORG", "actor"), ("Polish", "GAZ", "embedded")],
            [],
        ),
        # Units, organisations, acronyms, institutions, affiliations and names without a locative are not
        # places.
        ("Drones struck at the Wagner Group headquarters.", [("the Wagner Group", "ORG", "actor")], []),
        (
            "Drones struck at the Black Sea Fleet in Sevastopol.",
            [("the Black Sea Fleet", "ORG", "actor")],
            [],
        ),
        ("Shells fell near the SBU building.", [("SBU", "ORG", "actor")], []),
        ("A rocket landed in Horlivka Hospital.", [("Horlivka Hospital", "ORG", "actor")], []),
        ("Nine were wounded in Azov attacks.", [("Azov", "ORG", "actor")], []),
        ("Kovalenko was killed on Monday.", [("Kovalenko", "PERSON", "actor")], []),
    ],
)
def test_unknown_places_in_a_places_slot(sentence, named, expected):
    found = candidates.unknown_places(sentence, 0, mentions_of(sentence, named), [])
    assert [rm.mention.text for rm in found] == expected
    assert all(rm.place is None for rm in found)


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        # The object of a verb of taking or striking is a place when the model took it for a name ...
        ("Ukrainian troops recaptured Kurdiumivka on Friday.", "recaptured", ["Kurdiumivka"]),
        ("Russian forces stormed the Pisky Heights.", "stormed", ["the Pisky Heights"]),
        # ... not the object of other verbs.
        ("The brigade praised Kurdiumivka on Friday.", "praised", []),
    ],
)
def test_unknown_place_as_the_object_of_taking(sentence, verb, expected):
    name = expected[0] if expected else "Kurdiumivka"
    ms = mentions_of(sentence, [(name, "PERSON", "actor")])
    found = candidates.unknown_places(sentence, 0, ms, [], at(sentence, verb))
    assert [rm.mention.text for rm in found] == expected
