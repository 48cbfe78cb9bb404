"""Actors: normalised names, associated actors, state bodies, acronyms, and names that act vs locations."""

import re

import pytest

from components.events import place as event_place
from components.events.triggers import find_trigger
from components.nlp import actors
from components.records import Mention, Place, ResolvedMention


def place(gid, name, cc, fclass="P", fcode="PPL"):
    return Place(gid, name, 0.0, 0.0, cc, "", "", fclass, fcode, 1000)


UKRAINE = place(690791, "Ukraine", "UA", "A", "PCLI")
KYIV = place(703448, "Kyiv", "UA", "P", "PPLC")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Russian troops, backed by Wagner fighters, attacked the village.",
            ("Russia", "", "Wagner Group", ""),
        ),
        ("Separatists shelled Ukrainian positions.", ("Pro-Russian separatists", "Ukraine", "", "")),
        ("The Kremlin said DPR forces clashed with Ukrainian troops.", ("Russia", "DPR", "", "")),
    ],
)
def test_actor_roles_normalise_and_associate(sentence, expected):
    demonyms = {"Russian": "RU", "Ukrainian": "UA"}
    ms = [
        Mention("a", m.start(), m.end(), m.group(0), "NORP", "actor", 0)
        for m in re.finditer(r"Russian|Ukrainian", sentence)
    ]
    names = {"RU": "Russia", "UA": "Ukraine"}
    assert actors.actor_roles(sentence, 0, ms, 0, [], None, names, demonyms) == expected


def roles(sentence, actor_mentions=(), places=(), where=None, demonyms=None):
    ms = [
        Mention("a", sentence.index(t), sentence.index(t) + len(t), t, label, kind, 0)
        for t, label, kind in actor_mentions
    ]
    names = {"RU": "Russia", "UA": "Ukraine"}
    return actors.actor_roles(sentence, 0, ms, 0, list(places), where, names, demonyms or {})


def test_a_named_member_replaces_its_generic_group():
    # "DPR militiaman" is one actor (DPR), so the shooter is the second side.
    sentence = "A DPR militiaman was killed in shelling by Ukrainian forces."
    got = roles(sentence, [("Ukrainian", "NORP", "actor")], demonyms={"Ukrainian": "UA"})
    assert got[:2] == ("DPR", "Ukraine")


def test_a_country_inside_a_state_body_is_an_actor_but_not_inside_a_charity():
    sentence = "The Armed Forces of Ukraine shelled positions of the Russian Red Cross convoy."
    ms = [
        ("The Armed Forces of Ukraine", "ORG", "actor"),
        ("Ukraine", "GAZ", "embedded"),
        ("Russian Red Cross", "ORG", "actor"),
        ("Russian", "GAZ", "embedded"),
    ]
    assert roles(sentence, ms, demonyms={"Ukraine": "UA", "Russian": "RU"})[:2] == ("Ukraine", "")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("AFU units repelled an assault.", "Ukraine"),
        ("RF Armed Forces struck a depot.", "Russia"),
        ("The afu of the story was unclear.", ""),  # acronyms are upper case
    ],
)
def test_armed_forces_acronyms(sentence, expected):
    assert roles(sentence)[0] == expected


def test_a_capital_before_forces_is_the_shooter_not_the_place():
    sentence = "Two militiamen were killed in Kiev forces' shelling of Horlivka."
    ms = [
        Mention("a", sentence.index(n), sentence.index(n) + len(n), n, "GPE", "place", 0)
        for n in ("Kiev", "Horlivka")
    ]
    kyiv, horlivka = (
        ResolvedMention(ms[0], KYIV, 1.0),
        ResolvedMention(ms[1], place(1, "Horlivka", "UA"), 1.0),
    )
    trig = find_trigger(sentence)
    where, _ = event_place.choose_place(sentence, 0, [kyiv, horlivka], trig)
    assert where.mention.text == "Horlivka"
    # ... and even when it is the only place named, Kiev acts.
    only = "Two militiamen were killed in Kiev forces' shelling."
    assert roles(only, places=[kyiv], where=kyiv)[:2] == ("Pro-Russian separatists", "Ukraine")


def test_a_country_named_without_a_locative_acts_even_as_the_fallback_place():
    sentence = "Ukraine battles rebels for the port."
    ms = Mention("a", 0, 7, "Ukraine", "GPE", "place", 0)
    ukraine = ResolvedMention(ms, UKRAINE, 1.0)
    assert roles(sentence, places=[ukraine], where=ukraine)[:2] == ("Ukraine", "Pro-Russian separatists")
    located = "Six people were killed in Ukraine."
    ms2 = Mention("a", located.index("Ukraine"), located.index("Ukraine") + 7, "Ukraine", "GPE", "place", 0)
    in_ukraine = ResolvedMention(ms2, UKRAINE, 1.0)
    assert roles(located, places=[in_ukraine], where=in_ukraine)[:2] == ("", "")
