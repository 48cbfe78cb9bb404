"""Ukrainian and Russian place names in their inflected forms, looked up in the gazetteer (slow: loads it)."""

from __future__ import annotations

import pytest

from components.nlp import slavic_places
from components.nlp.slavic_places import find_places, forms, short_possessive, words

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gazetteer():
    from components.geo.gazetteer.index import load_gazetteer

    return load_gazetteer()


# (text, language, surface form, GeoNames id that must be among the candidates)
CASES = [
    ("Бої тривають у Мар'їнці, повідомив штаб.", "uk", "Мар'їнці", 701845),
    ("Ворог штурмує позиції під Бахмутом.", "uk", "Бахмутом", 713174),
    ("Потяг з Харкова прибув із запізненням.", "uk", "Харкова", 706483),
    ("Окупанти атакували біля Опитного.", "uk", "Опитного", 706918),
    ("Дрони вдарили по Великій Новосілці вранці.", "uk", "Великій Новосілці", 690237),
    (
        "Росіяни скинули авіабомби на околиці, у Великій Новосілці є руйнування.",
        "uk",
        "Великій Новосілці",
        690237,
    ),
    ("Артилерія била по Часовому Яру всю ніч.", "uk", "Часовому Яру", 710915),
    ("ЗСУ відбили атаку біля Роботиного.", "uk", "Роботиного", 695586),
    ("У Гуляйполі зруйновано школу.", "uk", "Гуляйполі", 707897),
    ("Ракета влучила в Херсон.", "uk", "Херсон", 706448),
    ("Бои идут в Авдеевке и на окраинах.", "ru", "Авдеевке", 713120),
    ("Противник наступает под Угледаром.", "ru", "Угледаром", 690823),
    ("Бои под Артемовском продолжаются.", "ru", "Артемовском", 713174),  # the Soviet name of Bakhmut
    ("Удар по Кривому Рогу нанесён ночью.", "ru", "Кривому Рогу", 703845),
    ("Вчера вечером дрон атаковал автобус в Херсоне.", "ru", "Херсоне", 706448),
    ("Сообщается о взрывах в Харькове.", "ru", "Харькове", 706483),
    ("Колона виїхала з Покровська вранці.", "uk", "Покровська", 704422),  # the genitive of Pokrovsk
    ("Семенівка Новгород-Сіверського району без світла", "uk", "Семенівка", 694590),  # a qualified first word
]


@pytest.mark.parametrize(("text", "lang", "surface", "geonameid"), CASES)
def test_inflected_names_are_found_with_their_place(gazetteer, text, lang, surface, geonameid):
    found = [p for p in find_places(text, gazetteer, lang) if p.text == surface]
    assert found, [p.text for p in find_places(text, gazetteer, lang)]
    [place] = found
    assert text[place.start_char : place.end_char] == surface
    assert geonameid in {int(gazetteer.geonameid[row]) for row in place.rows}


def test_multi_word_names_match_their_nominative(gazetteer):
    [place] = find_places("Дрони вдарили по Великій Новосілці.", gazetteer, "uk")
    assert place.key == "Велика Новосілка"
    [place] = find_places("Артилерія била по Часовому Яру.", gazetteer, "uk")
    assert place.key == "Часів Яр"


def test_russian_towns_are_found_by_their_cyrillic_names(gazetteer):
    [place] = find_places("Обстрел в Шебекино: данные уточняются.", gazetteer, "ru")
    assert {gazetteer.place(row).country_code for row in place.rows} == {"RU"}


def test_names_the_gazetteer_holds_only_in_latin_are_romanised(gazetteer):
    [place] = find_places("Бои идут в районе Великой Новосёлки.", gazetteer, "ru")
    assert "Velikaya Novoselka" in place.keys  # Великая Новосёлка, romanised
    assert {gazetteer.place(row).name for row in place.rows} == {"Velyka Novosilka"}


def test_abbreviations_and_axes_are_no_places(gazetteer):
    text = "Окупанти вдарили КАБами по Оріхову на Запорізькому напрямку."
    assert [p.text for p in find_places(text, gazetteer, "uk")] == ["Оріхову"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Мирні жителі загинули внаслідок обстрілу.", "uk"),  # a sentence's first adjective is no village
        ("Генштаб ЗСУ повідомив про втрати ворога.", "uk"),
    ],
)
def test_no_place_where_there_is_none(gazetteer, text, lang):
    assert not find_places(text, gazetteer, lang)


def test_language_is_detected_when_not_given(gazetteer):
    [place] = find_places("Бои под Угледаром, который удерживают.", gazetteer)
    assert place.text == "Угледаром"


def test_apostrophe_words_are_joined():
    assert [w for _, _, w in words("у Мар'їнці та Куп’янську")] == ["у", "Мар'їнці", "та", "Куп’янську"]


def test_a_russian_neuter_name_also_has_its_ukrainian_spelling():
    assert slavic_places.ukrainian_neuter("Урожайное") == "Урожайне"
    assert slavic_places.ukrainian_neuter("Зеленопольское") == "Зеленопольське"
    assert "Нескучне" in forms("Нескучное", "ru")


def test_a_russian_ov_name_also_has_its_ukrainian_spelling():
    assert slavic_places.ukrainian_iv("Макаров") == "Макарів"
    assert "Макарів" in forms("Макарова", "ru")


def test_a_russian_ovka_name_also_has_its_ukrainian_spelling():
    assert slavic_places.ukrainian_ivka("Великомихайловка") == "Великомихайлівка"
    assert slavic_places.ukrainian_ivka("Васильевка") == "Василівка"
    assert slavic_places.ukrainian_ivka("Андреевка") == "Андреївка"


def test_the_genitive_of_a_town_in_sk_gives_the_town():
    assert "Покровськ" in forms("Покровська", "uk")
    assert "Краматорськ" in forms("Краматорська", "uk")


def test_forms_of_an_adjective_name():
    assert {"Опитне", "Опитна"} <= set(forms("Опитного", "uk"))
    assert "Мирний" in forms("Мирні", "uk") and "Мирний" not in forms("Мирні", "uk", adjectives=False)
    assert short_possessive("часовий", "uk") == "часів"
    assert short_possessive("часовой", "ru") == "часов"
    assert short_possessive("харків", "uk") is None


def test_evaluate_sets_scores_both_sets(gazetteer):
    results = slavic_places.evaluate_sets(gazetteer=gazetteer)
    assert set(results) == set(slavic_places.EVAL_SETS)
    for score in results.values():
        assert score["gold"] > 90 and score["found"] > 0.85 and score["gold_in_candidates"] > 0.75
