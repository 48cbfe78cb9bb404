"""Which place is the event's place (components/events/place.py): cues, clauses, containers, modifiers and
places that the gazetteer does not know. Sentences are project-written."""

import pytest
from test_candidates import mentions_of
from test_extract import CRIMEA, KERCH_BRIDGE, KYIV, MOSCOW, NIKOPOL, RUSSIA, UKRAINE, ZNPP, place
from test_extract import resolved as spans_of
from test_triggers import at

from components.events import candidates as event_candidates
from components.events import place as event_place
from components.events import triggers
from components.records import GEO_NEAR, GEO_PLACE, GEO_REGION, Place, ResolvedMention


@pytest.mark.parametrize(
    ("sentence", "places", "expected", "precision"),
    [
        (
            "A hospital and other buildings in the town of Nikopol, across the river from the "
            "Zaporizhia nuclear power plant, were attacked.",
            [("Nikopol", NIKOPOL), ("Zaporizhia nuclear power plant", ZNPP)],
            "Nikopol",
            GEO_PLACE,
        ),
        (
            "Russia has carried out a spate of missile and drone strikes in Ukraine after blaming Kyiv "
            "for the Kerch Bridge blast.",
            [("Russia", RUSSIA), ("Ukraine", UKRAINE), ("Kyiv", KYIV), ("Kerch Bridge", KERCH_BRIDGE)],
            "Ukraine",
            GEO_REGION,
        ),
        (
            "In another strike against Moscow last week, a massive explosion damaged the Kerch Bridge, "
            "which connects annexed Crimea to mainland Russia.",
            [("Moscow", MOSCOW), ("Kerch Bridge", KERCH_BRIDGE), ("Crimea", CRIMEA), ("Russia", RUSSIA)],
            "Kerch Bridge",
            GEO_PLACE,
        ),
    ],
)
def test_choose_place_picks_where_it_happened(sentence, places, expected, precision):
    trig = triggers.find_trigger(sentence)
    where, prec = event_place.choose_place(sentence, 0, spans_of(sentence, places), trig)
    assert where.mention.text == expected
    assert prec == precision


@pytest.mark.parametrize(
    ("sentence", "named", "expected"),
    [
        # A settlement noun between two places: the name after "of" is the settlement.
        (
            "Two men were shot in the Donbas village of Pisky.",
            [("Donbas", place(1, "Donbas", "UA", "L", "RGN")), ("Pisky", place(2, "Pisky", "UA"))],
            "Pisky",
        ),
        # A part noun: the smaller place is the inner one, whichever side it is on.
        (
            "A car bomb exploded in the southern Ukraine province of Kherson.",
            [("Ukraine", UKRAINE), ("Kherson", place(3, "Kherson", "UA"))],
            "Kherson",
        ),
        (
            "A car bomb exploded in the Korabel district of Kherson.",
            [("Korabel", None), ("Kherson", place(3, "Kherson", "UA"))],
            "Korabel",
        ),
        # "over", "through" are locatives too.
        ("A jet was shot down over Crimea, Moscow said.", [("Crimea", CRIMEA), ("Moscow", MOSCOW)], "Crimea"),
        (
            "Protesters marched through the streets of Kherson as Kyiv watched.",
            [("Kherson", place(3, "Kherson", "UA")), ("Kyiv", KYIV)],
            "Kherson",
        ),
    ],
)
def test_place_inside_a_named_container_and_more_locatives(sentence, named, expected):
    trig = triggers.find_trigger(sentence)
    where, _ = event_place.choose_place_span(sentence, 0, spans_of(sentence, named), trig)
    assert where.mention.text == expected


KHERSON = place(706448, "Kherson", "UA")
MYKOLAIV = place(700569, "Mykolaiv", "UA")
KHARKIV = place(706483, "Kharkiv", "UA")


@pytest.mark.parametrize(
    ("sentence", "verb", "named", "expected"),
    [
        # A locative that ends in a part noun and "of" is a locative ("in the eastern countryside of X").
        (
            "Russian troops shelled the Odesa road in the southern countryside of Mykolaiv.",
            "shelled",
            [("Odesa", place(698740, "Odesa", "UA")), ("Mykolaiv", MYKOLAIV)],
            "Mykolaiv",
        ),
        # The labelled verb's own clause: a place behind a comma belongs to another clause.
        (
            "Russian forces launched an offensive in Kherson on Monday, targeting positions at the village "
            "of Pravdyne.",
            "targeting",
            [("Kherson", KHERSON), ("Pravdyne", None)],
            "Pravdyne",
        ),
        # ... except a fronted phrase, which sets the scene for the main clause.
        (
            "In Kharkiv, hundreds protested outside the Russia consulate.",
            "protested",
            [("Kharkiv", KHARKIV), ("Russia", RUSSIA)],
            "Kharkiv",
        ),
        # A movement happens where it goes ("returned to X"), not where it came from.
        (
            "The brigade returned to Kherson on Monday, a week after the fighting in Mykolaiv.",
            "returned",
            [("Kherson", KHERSON), ("Mykolaiv", MYKOLAIV)],
            "Kherson",
        ),
        # ... but leaving verbs keep their origin as the event's place.
        (
            "Civilians were evacuated from Kherson to Mykolaiv.",
            "evacuated",
            [("Kherson", KHERSON), ("Mykolaiv", MYKOLAIV)],
            "Kherson",
        ),
        # "by X" names the agent, not the place.
        (
            "A pensioner was killed by Kyiv's sniper fire, the Donetsk mayor said.",
            "killed",
            [("Kyiv", KYIV), ("Donetsk", place(709717, "Donetsk", "UA"))],
            "Donetsk",
        ),
    ],
)
def test_place_of_the_verbs_own_clause(sentence, verb, named, expected):
    where, _ = event_place.choose_place_span(sentence, 0, spans_of(sentence, named), at(sentence, verb))
    assert where.mention.text == expected


@pytest.mark.parametrize(
    ("sentence", "verb", "named", "expected"),
    [
        # A possessor contains the place after it, also when the model kept the "'s" in the name ...
        (
            "Shelling hit Kharkiv's Saltivka district overnight.",
            "Shelling",
            [("Kharkiv's", KHARKIV), ("Saltivka", None)],
            "Saltivka",
        ),
        # ... and across "capital," ("Ukraine's capital, Kyiv").
        (
            "Protesters marched in Ukraine's capital, Kyiv.",
            "marched",
            [("Ukraine", UKRAINE), ("Kyiv", KYIV)],
            "Kyiv",
        ),
        # A place that qualifies an actor, institution or event is not where it happened.
        (
            "The Minsk talks collapsed as shelling hit Donbas towns.",
            "shelling",
            [
                ("Minsk", place(625144, "Minsk", "BY", "P", "PPLC")),
                ("Donbas", place(1, "Donbas", "UA", "L", "RGN")),
            ],
            "Donbas",
        ),
    ],
)
def test_possessors_and_modifiers(sentence, verb, named, expected):
    where, _ = event_place.choose_place_span(sentence, 0, spans_of(sentence, named), at(sentence, verb))
    assert where.mention.text == expected


def test_an_unknown_place_in_the_verbs_slot_beats_a_speaker():
    sentence = "A drone exploded in Pervomaiske, Kharkiv officials said."
    ms = mentions_of(sentence, [("Pervomaiske", "PERSON", "actor"), ("Kharkiv", "GPE", "place")])
    places = [ResolvedMention(ms[1], KHARKIV, 1.0)]
    candidates = event_candidates.place_candidates(sentence, 0, ms, places)
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
    ms = mentions_of(
        sentence, [("Pisky", "PERSON", "actor"), ("Donetsk region", "GPE", "place"), ("Kyiv", "GPE", "place")]
    )
    donetsk = oblast(709716, "Donetsk Oblast", "UA.05")
    places = [ResolvedMention(ms[1], donetsk, 1.0), ResolvedMention(ms[2], KYIV, 1.0)]
    candidates = event_candidates.place_candidates(sentence, 0, ms, places, at(sentence, "Shells"))
    where, precision = event_place.choose_place(sentence, 0, candidates, at(sentence, "Shells"))
    assert where.place == donetsk and precision == GEO_REGION
    # ... unless a place inside the container is named: "Kharkiv, ... of Ukraine's X region".
    sentence = "Police in Kharkiv, a city of Ukraine's Slobozhanshchyna region, detained protesters."
    kharkiv = town(706483, "Kharkiv", "UA.07")
    named = [("Kharkiv", kharkiv), ("Ukraine", UKRAINE), ("Slobozhanshchyna", None)]
    where, precision = event_place.choose_place(
        sentence, 0, spans_of(sentence, named), at(sentence, "protesters")
    )
    assert where.place == kharkiv and precision == GEO_NEAR


@pytest.mark.parametrize(
    ("sentence", "verb", "named", "expected"),
    [
        # "the region, which borders Russia": a comma before "which" ends the clause (no apposition).
        (
            "Troops left the Sumy region in April, ending fighting across the region, which borders Russia.",
            "fighting",
            [("Sumy region", oblast(692196, "Sumy Oblast", "UA.21")), ("Russia", RUSSIA)],
            "Sumy region",
        ),
        # A possessor does not contain a place in its relative clause ("Crimea's coast, which Russia ...").
        (
            "Blasts hit an air base on Crimea's western coast, which Russia blamed on an accident.",
            "Blasts",
            [("Crimea", CRIMEA), ("Russia", RUSSIA)],
            "Crimea",
        ),
    ],
)
def test_relative_clauses_are_not_containers_or_appositions(sentence, verb, named, expected):
    where, _ = event_place.choose_place_span(sentence, 0, spans_of(sentence, named), at(sentence, verb))
    assert where.mention.text == expected


def test_close_to_a_landmark_does_not_make_the_town_near():
    sentence = "A strike hit a tower in Kyiv, close to the Babyn Yar memorial."
    where, precision = event_place.choose_place(
        sentence, 0, spans_of(sentence, [("Kyiv", KYIV), ("the Babyn Yar", None)]), at(sentence, "strike")
    )
    assert where.place == KYIV and precision == GEO_PLACE


def _pt(gid, name, lat, lon, admin1_code="UA.05", fclass="P", fcode="PPL", pop=1000):
    return Place(gid, name, lat, lon, "UA", "", admin1_code, fclass, fcode, pop)


def test_a_town_that_names_a_water_body_is_not_the_place():
    sentence = "Artillery shelled Eastbank across the Lakeview reservoir on Monday."
    named = [("Eastbank", _pt(1, "Eastbank", 47.6, 34.4)), ("Lakeview", _pt(2, "Lakeview", 46.8, 33.5))]
    trig = triggers.find_trigger(sentence)
    where, _ = event_place.choose_place(sentence, 0, spans_of(sentence, named), trig)
    assert where.mention.text == "Eastbank"


def test_a_district_read_as_a_far_away_village_gives_way_to_its_town():
    sentence = "Heavy fighting raged in the Mill district of Hilltown on Monday."
    named = [("Mill", _pt(1, "Mill", 50.5, 30.1, pop=0)), ("Hilltown", _pt(2, "Hilltown", 48.6, 37.8))]
    trig = triggers.find_trigger(sentence)
    where, _ = event_place.choose_place(sentence, 0, spans_of(sentence, named), trig)
    assert where.mention.text == "Hilltown"


def test_a_village_read_in_another_region_than_the_text_says_gives_way_to_the_region():
    sentence = "Shelling hit Brookvale in Greenfield region on Monday."
    region = _pt(3, "Greenfield Oblast", 49.9, 36.3, "UA.07", "A", "ADM1")
    named = [("Brookvale", _pt(1, "Brookvale", 46.5, 30.7, "UA.17")), ("Greenfield", region)]
    trig = triggers.find_trigger(sentence)
    where, prec = event_place.choose_place(sentence, 0, spans_of(sentence, named), trig)
    assert where.mention.text == "Greenfield" and prec == GEO_REGION
    # ... but a village of that region stays the place
    named[0] = ("Brookvale", _pt(1, "Brookvale", 49.8, 36.5, "UA.07"))
    where, prec = event_place.choose_place(sentence, 0, spans_of(sentence, named), trig)
    assert where.mention.text == "Brookvale" and prec == GEO_PLACE


def test_a_town_naming_the_reporting_police_is_no_better_than_the_strike_place():
    sentence = "A drone hit Riverside on Sunday, the Hilltown regional police said."
    named = [("Riverside", _pt(1, "Riverside", 48.0, 37.0)), ("Hilltown", _pt(2, "Hilltown", 48.6, 37.8))]
    trig = triggers.find_trigger(sentence)
    where, _ = event_place.choose_place(sentence, 0, spans_of(sentence, named), trig)
    assert where.mention.text == "Riverside"


def _at(gid, name, lat, lon, admin1_code="", fclass="P", fcode="PPL"):
    return Place(gid, name, lat, lon, "UA", "", admin1_code, fclass, fcode, 1000)


@pytest.mark.parametrize(
    ("sentence", "names_places", "expected"),
    [
        # A direction or a distance makes the second town a reference point, however far the two are.
        (
            "A drone hit a warehouse in Fastiv, west of Kyiv, on Monday.",
            [("Fastiv", _at(1, "Fastiv", 50.08, 29.92)), ("Kyiv", _at(2, "Kyiv", 50.45, 30.52))],
            "Fastiv",
        ),
        (
            "Shelling damaged a school in Kurakhove, 40 km from Donetsk.",
            [("Kurakhove", _at(3, "Kurakhove", 47.98, 37.28)), ("Donetsk", _at(4, "Donetsk", 48.02, 37.80))],
            "Kurakhove",
        ),
        # A district (raion) is an area around its town: a village 50 km off still lies in it.
        (
            "A strike wounded two men in Sadove in the Kherson district.",
            [
                ("Sadove", _at(5, "Sadove", 46.98, 33.12, "UA.08")),
                ("Kherson", _at(6, "Kherson", 46.64, 32.61, "UA.08")),
            ],
            "Sadove",
        ),
        (
            "Artillery hit Velykyi Burluk village, Kupiansk district, overnight.",
            [
                ("Velykyi Burluk", _at(7, "Velykyi Burluk", 50.06, 37.39, "UA.07")),
                ("Kupiansk", _at(8, "Kupiansk", 49.71, 37.61, "UA.07")),
            ],
            "Velykyi Burluk",
        ),
        # "X (Y district)": the district named after its centre town contains the village.
        (
            "Russian troops tried to storm Khotin (Sumy district) on 2 May.",
            [
                ("Khotin", _at(14, "Khotin", 51.08, 34.76, "UA.21")),
                ("Sumy", _at(15, "Sumy", 50.91, 34.8, "UA.21")),
            ],
            "Khotin",
        ),
        # A town's own power plant is at the town, not in the region named after it.
        (
            "Missiles hit the Ladyzhyn thermal power plant in Vinnytsia region on 2 May.",
            [
                ("Ladyzhyn", _at(16, "Ladyzhyn", 48.68, 29.24, "UA.23")),
                ("Vinnytsia", _at(17, "Vinnytsia Oblast", 49.0, 28.9, "UA.23", "A", "ADM1")),
            ],
            "Ladyzhyn",
        ),
        # A dateline's place is the event's when the report names no other.
        (
            "Sloviansk, Donetsk region, 12 June, approx. 21:00: a missile hit a supermarket, killing one.",
            [
                ("Sloviansk", _at(9, "Sloviansk", 48.85, 37.6, "UA.05")),
                ("Donetsk", _at(10, "Donetsk Oblast", 48.0, 37.8, "UA.05", "A", "ADM1")),
            ],
            "Sloviansk",
        ),
        (
            "ODESA, Ukraine (Reuters) - Russian drones struck port facilities overnight.",
            [("ODESA", _at(11, "Odesa", 46.48, 30.73)), ("Ukraine", UKRAINE)],
            "ODESA",
        ),
        # ... but a place the report itself names with a locative beats it.
        (
            "Odesa, 4 May: drones hit a warehouse in Izmail, the governor said.",
            [("Odesa", _at(11, "Odesa", 46.48, 30.73)), ("Izmail", _at(12, "Izmail", 45.35, 28.84))],
            "Izmail",
        ),
    ],
)
def test_reference_points_districts_and_datelines(sentence, names_places, expected):
    trig = triggers.find_trigger(sentence)
    where, _ = event_place.choose_place(sentence, 0, spans_of(sentence, names_places), trig)
    assert where.mention.text == expected


def test_a_town_too_far_from_a_plain_container_is_still_not_inside_it():
    sentence = "A drone hit Bilozerka in Kharkiv."  # no district word: Kharkiv is the city, 400 km off
    names_places = [
        ("Bilozerka", _at(5, "Bilozerka", 46.63, 32.40, "UA.08")),
        ("Kharkiv", _at(13, "Kharkiv", 49.99, 36.23, "UA.07")),
    ]
    where, _ = event_place.choose_place(
        sentence, 0, spans_of(sentence, names_places), triggers.find_trigger(sentence)
    )
    assert where.mention.text == "Kharkiv"
