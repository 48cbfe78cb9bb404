"""The Ukrainian and Russian trigger word lists (components/nlp/slavic_lexicon.py)."""

from __future__ import annotations

from components.nlp.slavic_lexicon import MOVE, TRIGGERS, lexicon
from components.records import BATTLES


def test_phrases_are_keyed_by_their_first_lemma_longest_first() -> None:
    table = lexicon({BATTLES: "бій вийти+з вийти+з+оточення"})
    assert table["вийти"] == [(("вийти", "з", "оточення"), BATTLES), (("вийти", "з"), BATTLES)]
    assert table["бій"] == [(("бій",), BATTLES)]


def test_both_languages_know_withdrawals() -> None:
    assert (("вийти", "з"), MOVE) in TRIGGERS["uk"]["вийти"]
    assert (("выйти", "из"), MOVE) in TRIGGERS["ru"]["выйти"]
