"""Casualty counts in Ukrainian and Russian sentences: deaths, injuries, a stated zero, a toll being
established."""

import pytest

from components.nlp import slavic_counts


@pytest.mark.parametrize(
    ("lang", "sentence", "deaths"),
    [
        ("uk", "Унаслідок удару по автостанції загинув один цивільний.", 1),
        ("uk", "Під час обстрілу ринку загинула жінка.", 1),
        ("uk", "Двоє людей загинули, коли снаряд влучив у зупинку.", 2),
        ("uk", "На трасі загинули троє військових.", 3),
        ("uk", "Загиблих — 5, ще шестеро поранені.", 5),
        ("uk", "Кількість загиблих зросла до одинадцяти.", 11),
        ("uk", "Окупанти вбили двох цивільних на переправі.", 2),
        ("uk", "Рятувальники знайшли тіла чотирьох людей під завалами.", 4),
        ("uk", "Загинув 58-річний чоловік, його дружина травмована.", 1),  # an age is not a count
        ("uk", "Загинули 2 військових та 3 цивільних.", 5),
        ("uk", "Троє поранених і двоє загиблих — такі наслідки атаки.", 2),
        ("uk", "Двоє поранених померли в лікарні.", 2),  # the wounded who died are deaths
        ("uk", "Є загиблі, їхню кількість не називають.", None),  # no number
        ("uk", "Десятки загиблих залишилися під завалами.", None),  # vague
        ("uk", "14 березня загинули двоє рятувальників.", 2),  # the day is not the count
        ("uk", "Пошкоджено 5 будинків і магазин.", None),
        ("uk", "У 2022 році тут загинули сотні людей.", None),  # a year and a vague number
        ("ru", "В результате удара погибли три человека.", 3),
        ("ru", "В селе погиб мужчина.", 1),
        ("ru", "Убиты двое мирных жителей.", 2),
        ("ru", "1 человек погиб, ещё 4 ранены.", 1),
        ("ru", "Погибли двое военных и трое гражданских.", 5),
        ("ru", "Число погибших возросло до семнадцати.", 17),
        ("ru", "В больнице скончался водитель грузовика.", 1),
        ("ru", "Один из погибших опознан.", None),  # one of a group counted elsewhere
        ("ru", "Есть погибшие и раненые.", None),
    ],
)
def test_count(lang, sentence, deaths):
    got = slavic_counts.count(sentence, lang)
    assert (got[0] if got else None) == deaths
    if got:
        assert got[1] in " ".join(sentence.split())  # the words it came from


@pytest.mark.parametrize(
    ("lang", "sentence", "hurt"),
    [
        ("uk", "Поранено п'ятьох людей, серед них підліток.", 5),
        ("uk", "Поранення отримали двоє працівників.", 2),
        ("uk", "Травмовано чотирьох людей, їх доставили до лікарні.", 4),
        ("uk", "Постраждала жінка, якій надали допомогу.", 1),
        ("uk", "Водій вантажівки дістав поранення.", 1),
        ("uk", "Загинули двоє, ще семеро поранені.", 7),
        ("uk", "Пошкоджено 5 будинків, поранених немає.", None),  # houses are not people
        ("uk", "Постраждали 12 багатоповерхівок.", None),
        ("uk", "Одна з поранених жінок померла в лікарні.", None),
        ("ru", "Ранены четверо, среди них ребёнок.", 4),
        ("ru", "Пострадали 3 человека.", 3),
        ("ru", "Ранены водитель и четыре пассажира.", 5),
        ("ru", "Ещё один раненый скончался в больнице.", None),  # a death, not an injury
        ("ru", "Получила ранение пенсионерка.", 1),
        ("ru", "Есть пострадавшие, их число уточняется.", None),
    ],
)
def test_injured(lang, sentence, hurt):
    got = slavic_counts.injured(sentence, lang)
    assert (got[0] if got else None) == hurt


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("uk", "Обійшлося без жертв.", True),
        ("uk", "Атака минула без постраждалих.", True),
        ("uk", "На щастя, ніхто не постраждав.", True),
        ("uk", "Загиблих і поранених немає.", True),
        ("ru", "Никто не пострадал, сообщили спасатели.", True),
        ("ru", "Обошлось без жертв.", True),
        ("ru", "Жертв нет, повреждена крыша.", True),
        ("ru", "Не обошлось без жертв: погибли двое.", False),  # the opposite
        ("uk", "Загинули двоє людей.", False),
    ],
)
def test_none_hurt(lang, sentence, expected):
    assert slavic_counts.none_hurt(sentence, lang) is expected


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("uk", "Дані про постраждалих уточнюються.", True),
        ("uk", "Інформація про жертви уточнюється.", True),
        ("ru", "Данные о пострадавших уточняются.", True),
        ("ru", "Информация о погибших уточняется.", True),
        ("uk", "Загинули двоє, дані про поранених уточнюються.", False),  # a number is stated
        ("uk", "Масштаби руйнувань уточнюються.", False),  # damage, not casualties
        ("ru", "Погибших нет.", False),
    ],
)
def test_pending(lang, sentence, expected):
    assert slavic_counts.pending(sentence, lang) is expected


def test_number_words_cover_every_form():
    forms = {"п'ятьох": 5, "шістьох": 6, "семеро": 7, "вісьмох": 8, "двадцятьох": 20, "трьох": 3}
    forms |= {"пятерых": 5, "восьмерых": 8, "двенадцати": 12, "четверых": 4, "двоих": 2, "одного": 1}
    assert {w: slavic_counts.NUMBER_WORDS.get(w) for w in forms} == forms
