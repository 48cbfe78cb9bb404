"""Sentences that tell of war events without reporting a new one (components.events.history): long ago,
a tally over a period, a later death of an earlier attack; in English, Ukrainian and Russian, and through
the whole pipeline. Sentences are project-written."""

from __future__ import annotations

import datetime as dt

import pytest

from components import pipeline
from components.events import history
from components.events.triggers import Trigger
from components.records import Article

PUBLISHED = dt.date(2024, 5, 15)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Exactly a year ago a missile hit the market in Kostiantynivka."),
        ("en", "Two months earlier a drone had struck the same depot."),
        ("en", "Last year the bridge was shelled almost every week."),
        ("en", "The school was shelled in March 2022."),
        ("uk", "Рік тому ракета влучила в торговий центр."),
        ("uk", "Торік міст обстрілювали щотижня."),
        ("uk", "Школу зруйнували під час обстрілів у 2022 році."),
        ("uk", "Військовий обстрілював місто у березні 2022 року."),
        ("ru", "Два года назад ракета попала в вокзал."),
        ("ru", "В прошлом году мост обстреливали регулярно."),
        ("ru", "Школу разрушили в марте 2022 года."),
    ],
)
def test_long_ago(lang, sentence):
    assert history.long_ago(sentence, lang, PUBLISHED)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "A missile hit the station two days ago."),
        ("en", "The depot burned in April 2024 after a strike."),  # a month of the last year: not history
        ("en", "In 2024 alone the town was hit on Tuesday."),  # the publication year
        ("uk", "Три дні тому ракета влучила у вокзал."),
        ("uk", "У квітні 2024 року дрон влучив у депо."),
        ("ru", "Три дня назад ракета попала в вокзал."),
    ],
)
def test_not_long_ago(lang, sentence):
    assert not history.long_ago(sentence, lang, PUBLISHED)


@pytest.mark.parametrize(
    ("lang", "sentence", "period"),
    [
        ("en", "Since the start of the year the town has been shelled 300 times.", True),
        ("en", "Over the past three months, 40 civilians were killed in the district.", True),
        ("en", "Drones attack the port every night.", True),
        ("en", "Overnight, drones attacked the port.", False),
        ("en", "Over the past day the village was shelled 12 times.", False),
        ("uk", "З початку року росіяни обстріляли громаду понад 300 разів.", True),
        ("uk", "За останні три місяці загинули 40 цивільних.", True),
        ("uk", "Ворог щоночі атакує порт дронами.", True),
        ("uk", "Минулої доби ворог 12 разів обстріляв село.", False),
        ("ru", "С начала года город обстреляли более 300 раз.", True),
        ("ru", "За последний месяц погибли 40 мирных жителей.", True),
        ("ru", "За прошедшие сутки село обстреляли 12 раз.", False),
    ],
)
def test_a_tally_over_a_period(lang, sentence, period):
    assert history.over_a_period(sentence, lang) is period


def _trigger(sentence: str, word: str, kind: str = "event") -> Trigger:
    start = sentence.index(word)
    return Trigger("Explosions/Remote violence", word, start, start + len(word), kind)


@pytest.mark.parametrize(
    ("lang", "sentence", "word", "later"),
    [
        ("en", "A woman wounded in the shelling of the market on Monday died in hospital.", "shelling", True),
        ("en", "A soldier hurt in the blast later died.", "blast", True),
        ("en", "Two people were killed in the shelling and a third died in hospital.", "shelling", False),
        ("uk", "Чоловік, поранений під час обстрілу в понеділок, помер у лікарні.", "обстрілу", True),
        ("uk", "Ракетний удар по вокзалу: двоє загиблих, ще один помер у лікарні.", "удар", False),
        ("ru", "Женщина, раненная при обстреле рынка, скончалась в больнице.", "обстреле", True),
    ],
)
def test_a_later_death_of_an_earlier_attack(lang, sentence, word, later):
    assert history.later_death(sentence, _trigger(sentence, word), lang) is later


def test_a_later_death_with_only_a_casualty_word():
    sentence = "The man died of his wounds in hospital."
    assert history.later_death(sentence, _trigger(sentence, "died", "casualty"), "en")


def _events(text: str, lang: str) -> list:
    article = Article(f"history-{lang}", "", text, PUBLISHED, "test", language=lang)
    (result,) = pipeline.run([article])
    return list(result.events)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Exactly a year ago a Russian missile hit a shopping centre in Kremenchuk."),
        ("en", "Since the start of the year Russian forces have shelled Nikopol more than 400 times."),
        ("uk", "З початку року окупанти обстріляли Нікополь понад 400 разів."),
        ("uk", "У Тростянці відновили школу, зруйновану під час обстрілів у 2022 році."),
        ("ru", "С начала года оккупанты обстреляли Никополь более 400 раз."),
    ],
)
def test_history_and_tallies_make_no_event(lang, text):
    assert _events(text, lang) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "On Monday a Russian drone hit a bus in Kherson, wounding three people. "
            "One of the passengers wounded in the attack died in hospital on Wednesday.",
        ),
        (
            "uk",
            "У понеділок російський дрон атакував автобус у Херсоні, поранено трьох людей. "
            "Одна з пасажирок, поранена під час атаки, померла в лікарні.",
        ),
    ],
)
def test_a_later_death_adds_to_the_earlier_event(lang, text):
    events = _events(text, lang)
    assert len(events) == 1
    assert events[0].fatalities == 1
    assert events[0].event_date == dt.date(2024, 5, 13)


@pytest.mark.parametrize(
    "sentence",
    [
        "Since the beginning of the day, six soldiers died in fighting near the river.",
        "Three soldiers were killed in the bloodiest day since August.",
    ],
)
def test_a_day_is_no_period(sentence):
    assert not history.over_a_period(sentence, "en")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "За рік окупанти понад 2 тисячі разів обстріляли Нікопольський район."),
        ("uk", "Уряд виділив кошти на ремонт лікарень, пошкоджених обстрілами на Сумщині."),
        ("uk", "У лікарні Сум помер чоловік, якого поранило під час обстрілу в неділю."),
        ("ru", "За год оккупанты более 2 тысяч раз обстреляли Никопольский район."),
        ("ru", "Суд приговорил российского офицера к 12 годам за обстрел Чернигова."),
        ("ru", "В больнице Херсона скончалась женщина, которую ранило при обстреле в воскресенье."),
        ("en", "The government allocated funds to repair hospitals damaged by shelling in Sumy region."),
        ("en", "A court convicted a Russian officer of ordering the shelling of Chernihiv."),
    ],
)
def test_rebuilding_trials_tallies_and_later_deaths_make_no_event(lang, text):
    assert _events(text, lang) == []
