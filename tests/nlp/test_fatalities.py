"""Fatality counts with ACLED's conservative rules."""

import pytest

from components.nlp import fatalities


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Shelling killed 14 people in Donetsk.", 14),
        ("Two activists shot dead during Ukraine protests", 2),
        ("Five dead as Ukraine police launch assault on protesters", 5),
        ("Dozens killed in a missile strike on Kramatorsk.", 12),  # vague plural -> ACLED's 12
        ("Hundreds died in the siege.", 100),
        ("Several soldiers were killed.", 10),
        ("Between 5 and 8 soldiers were killed.", 5),  # range -> lower bound
        ("5-8 people killed", 5),
        ("At least 3 civilians died.", 3),
        ("A soldier was killed near Bakhmut.", 1),
        ("One more Ukrainian protester dies of wounds in hospital", 1),
        ("The death toll rose to 21.", 21),
        ("The strike on Kyiv kills two.", 2),
        ("The rocket hit a school, killing 3 and wounding 5.", 3),
        ("The strike left 5 wounded.", None),  # wounded are not fatalities
        ("Twelve people were injured.", None),
        ("Missiles hit Kyiv in 2022.", None),  # a year is not a count
        ("Missiles hit Kyiv.", None),
    ],
)
def test_count(sentence, expected):
    got = fatalities.count(sentence)
    assert (got[0] if got else None) == expected


def test_conflicting_reports_take_the_lowest():
    assert fatalities.lowest([12, None, 5, 7]) == 5
    assert fatalities.lowest([None, None]) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Another five were wounded, officials said.", 5),
        ("At least 12 people were injured.", 12),
        ("A rocket hit a dormitory, injuring 15 people.", 15),
        ("One person was hurt and a shop burned down.", 1),
        ("Two people were killed and 13 injured.", 13),
        ("No one was hurt.", None),
        ("Four soldiers were killed.", None),
    ],
)
def test_injured(sentence, expected):
    got = fatalities.injured(sentence)
    assert (got[0] if got else None) == expected


@pytest.mark.parametrize(
    ("sentence", "zero"),
    [("No one was hurt.", True), ("No casualties were reported.", True), ("Two were hurt.", False)],
)
def test_none_hurt_is_a_stated_zero(sentence, zero):
    assert fatalities.none_hurt(sentence) is zero


def test_shot_dead_counts_the_victim():
    assert fatalities.count("Soldiers shot dead a farmer near the road.") == (1, "shot dead a")
