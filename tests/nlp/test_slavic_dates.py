"""Ukrainian and Russian day expressions: found in a sentence, resolved against an injected publication
date."""

import datetime as dt

import pytest

from components.nlp import slavic_dates
from components.records import TIME_DAY, TIME_MONTH, TIME_WEEK

PUB = dt.date(2023, 11, 22)  # a Wednesday
D = dt.date


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        # explicit dates, with and without year
        (
            "uk",
            "Склад у порту згорів 14 березня 2023 року після влучання.",
            [("14 березня 2023 року", D(2023, 3, 14))],
        ),
        ("uk", "Ракета впала на околиці міста 3 листопада.", [("3 листопада", D(2023, 11, 3))]),
        (
            "uk",
            "Обстріл 15 грудня зруйнував школу.",
            [("15 грудня", D(2022, 12, 15))],
        ),  # no year: the past one
        ("ru", "Колонну техники обстреляли 5 мая у моста.", [("5 мая", D(2023, 5, 5))]),
        ("ru", "Снаряд попал в депо 9 ноября 2023 г.", [("9 ноября 2023 г.", D(2023, 11, 9))]),
        ("ru", "Взрыв прогремел в ночь на 5 мая возле склада.", [("в ночь на 5 мая", D(2023, 5, 5))]),
        ("ru", "В ночь с 20 на 21 ноября горела нефтебаза.", [("В ночь с 20 на 21 ноября", D(2023, 11, 21))]),
        ("uk", "У ніч на 12 квітня дрони атакували депо.", [("У ніч на 12 квітня", D(2023, 4, 12))]),
        ("uk", "Вибух стався 24.08.2023 біля мосту.", [("24.08.2023", D(2023, 8, 24))]),
        ("uk", "Обстріл, що стався 24.08, пошкодив лінію.", [("24.08", D(2023, 8, 24))]),
        # weekdays in their case forms
        ("uk", "У вівторок окупанти скинули бомби на село.", [("У вівторок", D(2023, 11, 21))]),
        ("uk", "Удар у середу знищив автомобіль.", [("у середу", D(2023, 11, 22))]),  # the publication day
        ("uk", "Пожежа в неділю охопила ангар.", [("в неділю", D(2023, 11, 19))]),
        ("uk", "У ніч на суботу над містом збили дрони.", [("У ніч на суботу", D(2023, 11, 18))]),
        ("ru", "В пятницу вечером обстреляли рынок.", [("В пятницу вечером", D(2023, 11, 17))]),
        ("ru", "В понедельник ракета попала в элеватор.", [("В понедельник", D(2023, 11, 20))]),
        ("ru", "В прошлую среду горел склад.", [("В прошлую среду", D(2023, 11, 15))]),  # not today
        # relative days
        ("uk", "Вчора ворог обстріляв лікарню.", [("Вчора", D(2023, 11, 21))]),
        ("uk", "Сьогодні зранку пролунали вибухи.", [("Сьогодні зранку", D(2023, 11, 22))]),
        ("uk", "Позавчора дрон влучив у трактор.", [("Позавчора", D(2023, 11, 20))]),
        ("uk", "Напередодні ввечері обстріляли громаду.", [("Напередодні ввечері", D(2023, 11, 21))]),
        ("uk", "Вночі ворог запустив ракети.", [("Вночі", D(2023, 11, 22))]),  # as "overnight"
        ("uk", "Минулої ночі сили ППО працювали над областю.", [("Минулої ночі", D(2023, 11, 22))]),
        ("ru", "Вчера вечером дроны атаковали подстанцию.", [("Вчера вечером", D(2023, 11, 21))]),
        ("ru", "Этой ночью над городом сбили ракету.", [("Этой ночью", D(2023, 11, 22))]),
        ("ru", "Позавчера снаряд попал в дом.", [("Позавчера", D(2023, 11, 20))]),
        ("ru", "Накануне обстреляли рынок.", [("Накануне", D(2023, 11, 21))]),
        ("ru", "Утром прогремели взрывы.", [("Утром", D(2023, 11, 22))]),
        ("uk", "Три дні тому ракета влучила в елеватор.", [("Три дні тому", D(2023, 11, 19))]),
        ("ru", "5 дней назад обстреляли вокзал.", [("5 дней назад", D(2023, 11, 17))]),
        # not days: years, background, streets, hours, vague times
        ("uk", "Минулого року тут стояла військова частина.", []),
        ("ru", "В 2022 году город был оккупирован.", []),
        ("uk", "Завод зруйнували 2 роки тому.", []),
        ("uk", "Снаряд влучив у будинок на вул. 8 Березня.", []),
        ("ru", "Ракета попала в дом на улице 9 Мая.", []),
        ("uk", "Тривога тривала з 10.30 до 11.15.", []),
        ("uk", "Кілька днів тому тут було тихо.", []),
    ],
)
def test_find_and_resolve(lang, sentence, expected):
    found = slavic_dates.find(sentence, lang)
    assert [f.text for f in found] == [text for text, _ in expected]
    for f, (_, day) in zip(found, expected, strict=True):
        assert sentence[f.start : f.end] == f.text
        got = slavic_dates.resolve(f.text, lang, PUB, before=sentence[: f.start])
        assert got is not None
        assert (got.day, got.precision) == (day, TIME_DAY)


@pytest.mark.parametrize(
    ("lang", "text", "before", "day", "precision", "end"),
    [
        ("uk", "минулого тижня", "", D(2023, 11, 13), TIME_WEEK, D(2023, 11, 19)),
        ("ru", "на минувшей неделе", "", D(2023, 11, 13), TIME_WEEK, D(2023, 11, 19)),
        ("ru", "на прошлой неделе", "", D(2023, 11, 13), TIME_WEEK, D(2023, 11, 19)),
        ("uk", "цього тижня", "", D(2023, 11, 20), TIME_WEEK, D(2023, 11, 22)),
        ("uk", "у жовтні", "", D(2023, 10, 1), TIME_MONTH, D(2023, 10, 31)),
        ("ru", "в марте 2022 года", "", D(2022, 3, 1), TIME_MONTH, D(2022, 3, 31)),
        ("uk", "14 грудня 2023 року", "", None, None, None),  # after publication: a plan
        ("uk", "25 листопада", "відключення триватимуть до ", None, None, None),  # a deadline
        ("ru", "5 декабря", "заседание назначено на ", None, None, None),  # a plan, not last December
        ("ru", "5 декабря", "склад сгорел ", D(2022, 12, 5), TIME_DAY, D(2022, 12, 5)),
        ("ru", "пятницу", "перенесли на следующую ", None, None, None),
        ("uk", "31.02", "", None, None, None),  # no such day
        ("uk", "24.08.23", "", D(2023, 8, 24), TIME_DAY, D(2023, 8, 24)),
        ("uk", "минулого року", "", None, None, None),
    ],
)
def test_resolve(lang, text, before, day, precision, end):
    got = slavic_dates.resolve(text, lang, PUB, before=before)
    if day is None:
        assert got is None
        return
    assert got is not None
    assert (got.day, got.precision, got.end) == (day, precision, end)
    assert got.start <= got.day <= got.end <= PUB


def test_resolve_without_publication_date():
    assert slavic_dates.resolve("вчора", "uk", None) is None


@pytest.mark.parametrize(
    ("lang", "sentence", "hedged"),
    [
        ("uk", "Близько 7 лютого росіяни обстріляли село.", True),
        ("uk", "Приблизно 7 лютого зник зв'язок із постом.", True),
        ("uk", "Село обстріляли 7 лютого (за повідомленнями місцевих).", True),
        ("uk", "За непідтвердженими даними, 7 лютого загинув фермер.", True),
        ("ru", "Около 7 февраля был обстрелян поселок.", True),
        ("ru", "Ориентировочно 7 февраля склад сгорел.", True),
        ("ru", "По неподтверждённым данным, 7 февраля погибли двое.", True),
        ("uk", "7 лютого близько 10:00 село обстріляли.", False),  # a hedged hour, an exact day
        ("ru", "7 февраля около полудня обстреляли поселок.", False),
        ("uk", "7 лютого окупанти обстріляли село.", False),
    ],
)
def test_approximate(lang, sentence, hedged):
    (found,) = slavic_dates.find(sentence, lang)
    assert slavic_dates.approximate(sentence, found.start, found.end, lang) is hedged
