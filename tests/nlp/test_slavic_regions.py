"""Oblasts and districts in Ukrainian and Russian text (components.nlp.slavic_regions)."""

from __future__ import annotations

import pytest

from components.nlp.slavic_regions import axis_centres, district_centres, find_regions, oblast_of


@pytest.mark.parametrize(
    ("text", "span", "names", "kind"),
    [
        ("Уночі обстріляли село Гатне Київської області.", "Київської області", ("Kyiv Oblast",), "oblast"),
        ("Ворог атакував громади на Сумщині.", "Сумщині", ("Sumy Oblast",), "oblast"),
        ("Вибухи пролунали у Криму.", "Криму", ("Crimea",), "oblast"),
        ("Беспилотник упал в Курской обл. ночью.", "Курской обл", ("Kursk Oblast",), "oblast"),
        ("Обстрел Брянской области продолжился.", "Брянской области", ("Bryansk Oblast",), "oblast"),
        ("Тривога на Одещині тривала годину.", "Одещині", ("Odesa Oblast",), "oblast"),
        ("Сёла Изюмского района остались без света.", "Изюмского района", ("Изюмск", "Изюм"), "district"),
        ("Удар по громаді Бахмутського району.", "Бахмутського району", ("Бахмутськ", "Бахмут"), "district"),
    ],
)
def test_regions_are_found_with_their_names(text, span, names, kind) -> None:
    found = find_regions(text)
    assert [(r.text, r.names, r.kind) for r in found] == [(span, names, kind)]
    assert text[found[0].start_char : found[0].end_char] == span


@pytest.mark.parametrize(
    "text",
    [
        "Окупанти обстріляли Донецьк.",  # the city, not the oblast
        "Харків знову під ударом.",
        "У Сумах пролунали вибухи.",
        "снаряд влучив у район вокзалу",  # a district of nothing named
    ],
)
def test_towns_are_no_regions(text) -> None:
    assert find_regions(text) == []


def test_a_city_adjective_needs_the_region_word() -> None:
    assert oblast_of("Запорізької") == "Zaporizhzhia Oblast"
    assert [r.text for r in find_regions("Запорізька АЕС знеструмлена.")] == []


def test_district_centres_try_the_shorter_name() -> None:
    assert district_centres("Покровського") == ("Покровськ", "Покров")
    assert district_centres("Куп'янського") == ("Куп'янськ", "Куп'ян")


def test_a_front_axis_names_its_town() -> None:
    found = find_regions("На Лиманському напрямку ворог атакував. На Угледарском направлении тихо.")
    assert [(r.text, r.kind) for r in found] == [
        ("Лиманському напрямку", "axis"),
        ("Угледарском направлении", "axis"),
    ]
    assert "Лиман" in found[0].names and "Угледар" in found[1].names


def test_an_axis_town_may_be_in_ove_or_inka() -> None:
    assert "Курахове" in axis_centres("Курахівському")
    assert "Мар'їнка" in axis_centres("Мар'їнському")


def test_a_hromada_is_read_as_a_district() -> None:
    found = find_regions("Обстріляли село Тягинської громади. Бериславская громада без света.")
    assert [(r.text, r.kind) for r in found] == [
        ("Тягинської громади", "district"),
        ("Бериславская громада", "district"),
    ]


def test_a_district_of_an_ivka_town_also_gives_the_town() -> None:
    assert district_centres("Василівського")[-1] == "Василівка"
    assert district_centres("Васильевского")[-1] == "Васильевка"


def test_a_hyphenated_district_centre_may_be_an_adjective() -> None:
    assert "Новгород-Сіверський" in district_centres("Новгород-Сіверського")
    assert "Новгород-Северский" in district_centres("Новгород-Северского")
