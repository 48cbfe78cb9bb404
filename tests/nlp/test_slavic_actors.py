"""Actors in Ukrainian and Russian sentences by lemma, and the order of the two sides."""

from __future__ import annotations

import pytest

from components.nlp.slavic_actors import find, roles

# (language, sentence, [(mention text, name), ...])
MENTIONS = [
    ("uk", "ЗСУ відбили атаку біля Кліщіївки.", [("ЗСУ", "UA")]),
    ("uk", "Сили оборони утримують позиції.", [("Сили оборони", "UA")]),
    ("uk", "Українські захисники знищили склад.", [("Українські захисники", "UA")]),
    ("uk", "Росіянами обстріляно село.", [("Росіянами", "RU")]),
    ("uk", "Колону окупантів помітили біля мосту.", [("окупантів", "RU")]),
    ("uk", "Рашисти вдарили по лікарні.", [("Рашисти", "RU")]),
    ("uk", "Ворог атакував Часів Яр.", [("Ворог", "RU")]),
    ("uk", "Російські окупаційні війська просунулися на півночі.", [("Російські окупаційні війська", "RU")]),
    ("uk", "Бойовики ДНР обстріляли село.", [("ДНР", "DPR")]),
    ("uk", "Вагнерівці залишили позиції під Бахмутом.", [("Вагнерівці", "Wagner Group")]),
    ("uk", "Постраждали троє мирних жителів.", [("мирних жителів", "Civilians")]),
    ("uk", "У Росії знову заговорили про мобілізацію.", []),
    ("uk", "Цивільна інфраструктура зазнала пошкоджень.", []),
    ("uk", "Росія запустила по країні ракети.", [("Росія", "RU")]),
    ("ru", "ВСУ обстреляли Донецк.", [("ВСУ", "UA")]),
    ("ru", "Украинские военные отошли с позиций.", [("Украинские военные", "UA")]),
    ("ru", "Российские войска заняли высоту.", [("Российские войска", "RU")]),
    ("ru", "ВС РФ нанесли удар по аэродрому.", [("ВС РФ", "RU")]),
    ("ru", "Подразделения ЛНР вошли в село.", [("ЛНР", "LPR")]),
    ("ru", "Бойцы ЧВК Вагнер продвинулись в городе.", [("ЧВК Вагнер", "Wagner Group")]),
    ("ru", "Противник атаковал позиции.", []),
    ("ru", "Противник, по данным ВСУ, потерял два танка.", [("Противник", "UA"), ("ВСУ", "UA")]),
    ("ru", "Погибли двое мирных жителей.", [("мирных жителей", "Civilians")]),
]

# (language, sentence, actor1, actor2)
ROLES = [
    ("uk", "Росіяни обстріляли позиції ЗСУ.", "RU", "UA"),
    ("uk", "Позиції ЗСУ обстріляли росіяни.", "RU", "UA"),
    ("uk", "Обстріл з боку окупантів поранив двох цивільних.", "RU", "Civilians"),
    ("uk", "Загинули двоє мирних жителів, село обстріляли окупанти.", "RU", "Civilians"),
    ("uk", "Село обстріляно росіянами.", "RU", ""),
    ("uk", "Силами ЗСУ звільнено ще одне село від окупантів.", "UA", "RU"),
    ("ru", "По позициям ВСУ нанесли удар российские военные.", "RU", "UA"),
    ("ru", "Со стороны ВСУ обстрелу подверглись мирные жители Горловки.", "UA", "Civilians"),
    ("ru", "Российские войска отразили атаку ВСУ.", "RU", "UA"),
    ("ru", "Вагнеровцы штурмуют позиции украинских военных.", "Wagner Group", "UA"),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), MENTIONS)
def test_find(lang: str, sentence: str, expected: list[tuple[str, str]]) -> None:
    found = find(sentence, lang)
    assert [(m.text, m.code or m.group) for m in found] == expected
    for m in found:
        assert sentence[m.start : m.end] == m.text
        assert bool(m.code) != bool(m.group)


@pytest.mark.parametrize(("lang", "sentence", "actor1", "actor2"), ROLES)
def test_roles(lang: str, sentence: str, actor1: str, actor2: str) -> None:
    assert roles(sentence, lang) == (actor1, actor2)


def test_ukrainian_enemy_is_russia_and_russian_enemy_needs_ukrainian_forces() -> None:
    assert [m.code for m in find("Противник обстріляв громаду.", "uk")] == ["RU"]
    assert find("Противник обстрелял город.", "ru") == []
