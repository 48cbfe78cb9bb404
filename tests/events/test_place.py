"""Which place is the event's place (components/event_place.py): cues, clauses, containers, modifiers and
names in a place's slot that the model did not tag as places. Sentences are project-written."""

import pytest
from test_extract import CRIMEA, KYIV, MOSCOW, RUSSIA, UKRAINE, place
from test_extract import resolved as spans_of

from components.events import extract as events
from components.events import place as event_place
from components.records import GEO_NEAR, Mention, Place, ResolvedMention


@pytest.mark.parametrize(("sentence", "named", "expected"), [
    # A settlement noun between two places: the name after "of" is the settlement.
    ("Two men were shot in the Donbas village of Pisky.", [("Donbas", place(1, "Donbas", "UA", "L", "RGN")),
                                                          ("Pisky", place(2, "Pisky", "UA"))], "Pisky"),
    # A part noun: the smaller place is the inner one, whichever side it is on.
    ("A car bomb exploded in the southern Ukraine province of Kherson.",
     [("Ukraine", UKRAINE), ("Kherson", place(3, "Kherson", "UA"))], "Kherson"),
    ("A car bomb exploded in the Korabel district of Kherson.",
     [("Korabel", None), ("Kherson", place(3, "Kherson", "UA"))], "Korabel"),
    # "over", "through" are locatives too.
    ("A jet was shot down over Crimea, Moscow said.", [("Crimea", CRIMEA), ("Moscow", MOSCOW)], "Crimea"),
    ("Protesters marched through the streets of Kherson as Kyiv watched.",
     [("Kherson", place(3, "Kherson", "UA")), ("Kyiv", KYIV)], "Kherson"),
])  # fmt: skip
def test_place_inside_a_named_container_and_more_locatives(sentence, named, expected):
    trig = events.find_trigger(sentence)
    where, _ = event_place.choose_place_span(sentence, 0, spans_of(sentence, named), trig)
    assert where.mention.text == expected


KHERSON = place(706448, "Kherson", "UA")
MYKOLAIV = place(700569, "Mykolaiv", "UA")
KHARKIV = place(706483, "Kharkiv", "UA")


def at(sentence, word):
    """The trigger `word` as the event's verb (as the Halterman scorer gives it)."""
    k = sentence.index(word)
    return events.Trigger("", word, k, k + len(word))


@pytest.mark.parametrize(("sentence", "verb", "named", "expected"), [
    # A locative that ends in a part noun and "of" is a locative ("in the eastern countryside of X").
    ("Russian troops shelled the Odesa road in the southern countryside of Mykolaiv.", "shelled",
     [("Odesa", place(698740, "Odesa", "UA")), ("Mykolaiv", MYKOLAIV)], "Mykolaiv"),
    # The labelled verb's own clause: a place behind a comma belongs to another clause.
    ("Russian forces launched an offensive in Kherson on Monday, targeting positions at the village of "
     "Pravdyne.", "targeting", [("Kherson", KHERSON), ("Pravdyne", None)], "Pravdyne"),
    # ... except a fronted phrase, which sets the scene for the main clause.
    ("In Kharkiv, hundreds protested outside the Russia consulate.", "protested",
     [("Kharkiv", KHARKIV), ("Russia", RUSSIA)], "Kharkiv"),
    # A movement happens where it goes ("returned to X"), not where it came from.
    ("The brigade returned to Kherson on Monday, a week after the fighting in Mykolaiv.", "returned",
     [("Kherson", KHERSON), ("Mykolaiv", MYKOLAIV)], "Kherson"),
    # ... but leaving verbs keep their origin as the event's place.
    ("Civilians were evacuated from Kherson to Mykolaiv.", "evacuated",
     [("Kherson", KHERSON), ("Mykolaiv", MYKOLAIV)], "Kherson"),
    # "by X" names the agent, not the place.
    ("A pensioner was killed by Kyiv's sniper fire, the Donetsk mayor said.", "killed",
     [("Kyiv", KYIV), ("Donetsk", place(709717, "Donetsk", "UA"))], "Donetsk"),
])  # fmt: skip
def test_place_of_the_verbs_own_clause(sentence, verb, named, expected):
    where, _ = event_place.choose_place_span(sentence, 0, spans_of(sentence, named), at(sentence, verb))
    assert where.mention.text == expected


@pytest.mark.parametrize(("sentence", "verb", "named", "expected"), [
    # A possessor contains the place after it, also when the model kept the "'s" in the name ...
    ("Shelling hit Kharkiv's Saltivka district overnight.", "Shelling",
     [("Kharkiv's", KHARKIV), ("Saltivka", None)], "Saltivka"),
    # ... and across "capital," ("Ukraine's capital, Kyiv").
    ("Protesters marched in Ukraine's capital, Kyiv.", "marched", [("Ukraine", UKRAINE), ("Kyiv", KYIV)], "Kyiv"),
    # A place that qualifies an actor, institution or event is not where it happened.
    ("The Minsk talks collapsed as shelling hit Donbas towns.", "shelling",
     [("Minsk", place(625144, "Minsk", "BY", "P", "PPLC")), ("Donbas", place(1, "Donbas", "UA", "L", "RGN"))],
     "Donbas"),
])  # fmt: skip
def test_possessors_and_modifiers(sentence, verb, named, expected):
    where, _ = event_place.choose_place_span(sentence, 0, spans_of(sentence, named), at(sentence, verb))
    assert where.mention.text == expected


def mentions_of(sentence, named):
    """Mentions for (text, label, kind) in order of appearance."""
    out = []
    for text, label, kind in named:
        k = sentence.index(text)
        out.append(Mention("a", k, k + len(text), text, label, kind, 0))
    return out


@pytest.mark.parametrize(("sentence", "named", "expected"), [
    # A name the model took for a person or organisation, right after a locative, is a place it does not know.
    ("Two people were killed in Pervomaiske overnight.", [("Pervomaiske", "PERSON", "actor")], ["Pervomaiske"]),
    ("Fighting raged around Kurdiumivka.", [("Kurdiumivka", "ORG", "actor")], ["Kurdiumivka"]),
    # A place name that leads a site's name is the site's place ...
    ("Fighting raged at the Avdiivka Coke Plant.",
     [("the Avdiivka Coke Plant", "ORG", "actor"), ("Avdiivka", "GAZ", "embedded")], ["Avdiivka"]),
    # ... but not a country's adjective before an embassy or an army.
    ("Protesters gathered outside the Polish Embassy.",
     [("the Polish Embassy", "ORG", "actor"), ("Polish", "GAZ", "embedded")], []),
    # Units, organisations, acronyms, institutions, affiliations and names without a locative are not places.
    ("Drones struck at the Wagner Group headquarters.", [("the Wagner Group", "ORG", "actor")], []),
    ("Drones struck at the Black Sea Fleet in Sevastopol.", [("the Black Sea Fleet", "ORG", "actor")], []),
    ("Shells fell near the SBU building.", [("SBU", "ORG", "actor")], []),
    ("A rocket landed in Horlivka Hospital.", [("Horlivka Hospital", "ORG", "actor")], []),
    ("Nine were wounded in Azov attacks.", [("Azov", "ORG", "actor")], []),
    ("Kovalenko was killed on Monday.", [("Kovalenko", "PERSON", "actor")], []),
])  # fmt: skip
def test_unknown_places_in_a_places_slot(sentence, named, expected):
    found = event_place.unknown_places(sentence, 0, mentions_of(sentence, named), [])
    assert [rm.mention.text for rm in found] == expected
    assert all(rm.place is None for rm in found)


@pytest.mark.parametrize(("sentence", "verb", "expected"), [
    # The object of a verb of taking or striking is a place when the model took it for a name ...
    ("Ukrainian troops recaptured Kurdiumivka on Friday.", "recaptured", ["Kurdiumivka"]),
    ("Russian forces stormed the Pisky Heights.", "stormed", ["the Pisky Heights"]),
    # ... not the object of other verbs.
    ("The brigade praised Kurdiumivka on Friday.", "praised", []),
])  # fmt: skip
def test_unknown_place_as_the_object_of_taking(sentence, verb, expected):
    name = expected[0] if expected else "Kurdiumivka"
    ms = mentions_of(sentence, [(name, "PERSON", "actor")])
    found = event_place.unknown_places(sentence, 0, ms, [], at(sentence, verb))
    assert [rm.mention.text for rm in found] == expected


def test_an_unknown_place_in_the_verbs_slot_beats_a_speaker():
    sentence = "A drone exploded in Pervomaiske, Kharkiv officials said."
    ms = mentions_of(sentence, [("Pervomaiske", "PERSON", "actor"), ("Kharkiv", "GPE", "place")])
    places = [ResolvedMention(ms[1], KHARKIV, 1.0)]
    candidates = event_place.place_candidates(sentence, 0, ms, places)
    where, _ = event_place.choose_place_span(sentence, 0, candidates, at(sentence, "exploded"))
    assert where.mention.text == "Pervomaiske"
    # The event itself keeps a resolved place: the best one of the sentence, at "near" precision.
    resolved, precision = event_place.choose_place(sentence, 0, candidates, at(sentence, "exploded"))
    assert resolved.place == KHARKIV and precision == GEO_NEAR


def oblast(gid, name, admin1):
    return Place(gid, name, 0.0, 0.0, "UA", name, admin1, "A", "ADM1", 1000)


def town(gid, name, admin1):
    return Place(gid, name, 0.0, 0.0, "UA", "", admin1, "P", "PPL", 1000)


def test_an_unknown_place_falls_back_to_its_container():
    # "Pisky in the Donetsk region": the region stands in for the unknown village, not the speaker's city.
    sentence = "Shells fell on Pisky in the Donetsk region, officials in Kyiv said."
    ms = mentions_of(sentence, [("Pisky", "PERSON", "actor"), ("Donetsk region", "GPE", "place"),
                                ("Kyiv", "GPE", "place")])  # fmt: skip
    donetsk = oblast(709716, "Donetsk Oblast", "UA.05")
    places = [ResolvedMention(ms[1], donetsk, 1.0), ResolvedMention(ms[2], KYIV, 1.0)]
    candidates = event_place.place_candidates(sentence, 0, ms, places, at(sentence, "Shells"))
    where, precision = event_place.choose_place(sentence, 0, candidates, at(sentence, "Shells"))
    assert where.place == donetsk and precision == event_place.GEO_REGION
    # ... unless a place inside the container is named: "Kharkiv, ... of Ukraine's X region".
    sentence = "Police in Kharkiv, a city of Ukraine's Slobozhanshchyna region, detained protesters."
    kharkiv = town(706483, "Kharkiv", "UA.07")
    named = [("Kharkiv", kharkiv), ("Ukraine", UKRAINE), ("Slobozhanshchyna", None)]
    where, precision = event_place.choose_place(
        sentence, 0, spans_of(sentence, named), at(sentence, "protesters")
    )
    assert where.place == kharkiv and precision == GEO_NEAR


@pytest.mark.parametrize(("sentence", "verb", "named", "expected"), [
    # "the region, which borders Russia": a comma before "which" ends the clause (no apposition).
    ("Troops left the Sumy region in April, ending fighting across the region, which borders Russia.",
     "fighting", [("Sumy region", oblast(692196, "Sumy Oblast", "UA.21")), ("Russia", RUSSIA)], "Sumy region"),
    # A possessor does not contain a place in its relative clause ("Crimea's coast, which Russia ...").
    ("Blasts hit an air base on Crimea's western coast, which Russia blamed on an accident.", "Blasts",
     [("Crimea", CRIMEA), ("Russia", RUSSIA)], "Crimea"),
])  # fmt: skip
def test_relative_clauses_are_not_containers_or_appositions(sentence, verb, named, expected):
    where, _ = event_place.choose_place_span(sentence, 0, spans_of(sentence, named), at(sentence, verb))
    assert where.mention.text == expected


def test_close_to_a_landmark_does_not_make_the_town_near():
    sentence = "A strike hit a tower in Kyiv, close to the Babyn Yar memorial."
    where, precision = event_place.choose_place(
        sentence, 0, spans_of(sentence, [("Kyiv", KYIV), ("the Babyn Yar", None)]), at(sentence, "strike")
    )
    assert where.place == KYIV and precision == event_place.GEO_PLACE
