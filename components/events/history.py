"""Sentences that tell of war events without reporting a new one, in English, Ukrainian and Russian.

- **Long ago**: "a year ago", "two months earlier", "last year"; "рік тому", "минулого року", "торік";
  "два года назад", "в прошлом году". What happened then is history (an anniversary, a retrospective), not
  the event being reported.
- **A period**: "since the start of the year", "over the past three months", "every night"; "з початку
  року", "за останні пів року", "щоночі"; "с начала года", "за последний месяц", "ежедневно". A tally or a
  habit over months is a statistic, not an event at one place on one day.
- **A month's tally**: "monitors recorded 120 civilians killed in October" (English so far): casualties
  counted over a whole month, not a killing on an unknown day of it ("found shot dead in late March").
- **A later death**: "a man wounded in the shelling of Kherson last week died in hospital"; "помер у
  лікарні", "скончался от полученных ранений". A death after an earlier attack adds to that attack's toll:
  the extractor attaches it to the article's previous event instead of making a new one.

The first two hold only when the sentence states no day of its own: "Two years after the occupation, on
Tuesday a drone hit the town" reports Tuesday's strike.
"""

from __future__ import annotations

import datetime as dt
import re

from components.events.triggers import Trigger
from components.nlp.slavic_dates import MONTHS as SLAVIC_MONTHS

_MONTHS_EN = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_NUMBER_EN = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|some|\d+)"

LONG_AGO = {
    "en": re.compile(
        rf"\b{_NUMBER_EN}\s+(?:and\s+a\s+half\s+)?(?:years?|months?)\s+(?:ago|earlier|before)\b|"
        r"\b(?:last|the previous|the year before)\s+year\b|\bthe year before\b",
        re.I,
    ),
    "uk": re.compile(
        r"(?:^|\s)(?:(?:\d+|один|одна|два|дві|три|чотири|п['’]ять|шість|сім|вісім|дев['’]ять|десять|кілька|"
        r"декілька|півтора|пів)\s+)?(?:рік|роки|років|року|місяць|місяці|місяців)\s+тому(?=$|[\s,.;:!?])|"
        r"(?:^|\s)(?:минулого|попереднього)\s+року\b|(?:^|\s)торік\b|(?:^|\s)у\s+минулому\s+році\b",
        re.I,
    ),
    "ru": re.compile(
        r"(?:^|\s)(?:(?:\d+|один|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|несколько|"
        r"полтора|пол)\s+)?(?:год|года|лет|месяц|месяца|месяцев)\s+(?:назад|тому\s+назад)(?=$|[\s,.;:!?])|"
        r"(?:^|\s)(?:в|во)\s+(?:прошлом|минувшем|позапрошлом)\s+году\b",
        re.I,
    ),
}

PERIOD = {
    "en": re.compile(
        r"\bsince\s+(?:the\s+)?(?:start|beginning|outset|onset)\s+of\s+(?!(?:the|this)\s+(?:day|morning|night)\b)|"
        rf"(?<!day )(?<!days )\bsince\s+(?:(?:early|late|mid-?)\s*)?"
        rf"(?:(?:{_MONTHS_EN})\b|(?:19|20)\d{{2}}\b)|"
        r"\bsince\s+(?:Russia['’]s\s+|the\s+)?(?:full-scale\s+)?(?:invasion|war)\b|"
        r"\bso\s+far\s+this\s+(?:year|month)\b|\bthis\s+year\s+alone\b|"
        rf"\b(?:over|in|during|throughout)\s+the\s+(?:past|last|previous)\s+(?:{_NUMBER_EN}\s+)?"
        r"(?:months?|years?|half[- ]year)\b|"
        r"\b(?:every|each)\s+(?:single\s+)?(?:day|night|week)\b|\bday\s+after\s+day\b|\bnight\s+after\s+night\b|"
        r"\b(?:almost|nearly)\s+daily\b|\bsince\s+last\s+(?:spring|summer|autumn|fall|winter|year|month)\b",
        re.I,
    ),
    "uk": re.compile(
        r"(?:^|\s)(?:з|від|із)\s+початку\s+(?:\S+\s+)?(?:року|місяця|війни|вторгнення|агресії|літа|осені|"
        r"зими|весни|наступу|окупації|\d{4})|"
        r"(?:^|\s)(?:за|протягом|упродовж)\s+(?:минул\w+|останн\w+|цього|цей|ці|поточн\w+)\s+"
        r"(?:(?:\S+)\s+)?(?:місяц\w*|рок\w*|рік|років|півріччя|пів\s+року|квартал\w*)(?=$|[\s,.;:!?])|"
        r"(?:^|\s)за\s+(?:\d+|два|дві|три|чотири|п['’]ять|шість|кілька|декілька|пів)\s+"
        r"(?:місяц\w*|рок\w*|років)(?=$|[\s,.;:!?])|"
        r"(?:^|\s)(?:щодня|щоночі|щодоби|щотижня|день\s+у\s+день|(?:майже\s+)?кожн(?:ого|ої|ий|у)\s+"
        r"(?:дня|ночі|день|ніч))(?=$|[\s,.;:!?])|"
        r"(?:^|\s)(?:з|із|від)\s+(?:\d{4}|лютого\s+\d{4})\s+(?:року|р\.)|"
        r"(?:^|\s)(?:за|протягом|упродовж)\s+(?:рік|місяць|півроку|квартал)(?=$|[\s,.;:!?])",
        re.I,
    ),
    "ru": re.compile(
        r"(?:^|\s)(?:с|со)\s+начала\s+(?:\S+\s+)?(?:года|месяца|войны|вторжения|СВО|специальной|агрессии|"
        r"лета|осени|зимы|весны|наступления|оккупации|\d{4})|"
        r"(?:^|\s)(?:за|в\s+течение)\s+(?:прошедш\w+|последн\w+|прошл\w+|минувш\w+|этот|эти|текущ\w+)\s+"
        r"(?:(?:\S+)\s+)?(?:месяц\w*|год\w*|лет|полугоди\w+|полгода|квартал\w*)(?=$|[\s,.;:!?])|"
        r"(?:^|\s)за\s+(?:\d+|два|две|три|четыре|пять|шесть|несколько|пол)\s*"
        r"(?:месяц\w*|год\w*|лет)(?=$|[\s,.;:!?])|"
        r"(?:^|\s)(?:ежедневно|еженощно|ежесуточно|еженедельно|изо\s+дня\s+в\s+день|(?:почти\s+)?каждую\s+"
        r"ночь|(?:почти\s+)?каждый\s+день)(?=$|[\s,.;:!?])|"
        r"(?:^|\s)(?:с|со)\s+(?:\d{4}|февраля\s+\d{4})\s+(?:года|г\.)|"
        r"(?:^|\s)(?:за|в\s+течение)\s+(?:год|месяц|полгода|квартал)(?=$|[\s,.;:!?])",
        re.I,
    ),
}

_DIED = {
    "en": re.compile(
        r"\b(?:died|dies|has\s+died|have\s+died|succumbed|passed\s+away)\b[^.;]{0,40}?"
        r"\b(?:in\s+(?:a\s+|the\s+)?hospital|(?:of|from|to)\s+(?:his|her|their|the)\s+(?:\w+\s+)?"
        r"(?:wounds|injuries))|"
        r"\bdied\s+(?:later|afterwards|subsequently)\b|\blater\s+died\b",
        re.I,
    ),
    "uk": re.compile(
        r"(?:помер|померла|померли|помирає)\s+(?:у|в)\s+(?:лікарні|медзакладі|реанімації|шпиталі)|"
        r"(?:у|в)\s+(?:лікарні|медзакладі|реанімації|шпиталі)\s+(?:\S+\s+)?(?:помер|померла|померли)|"
        r"(?:помер|померла|померли)\s+(?:\S+\s+)?від\s+(?:отриманих\s+|тяжких\s+)?(?:поранень|травм)|"
        r"від\s+(?:отриманих\s+|тяжких\s+)?(?:поранень|травм)\s+(?:\S+\s+)?(?:помер|померла|померли)",
        re.I,
    ),
    "ru": re.compile(
        r"(?:умер|умерла|умерли|скончался|скончалась|скончались)\s+в\s+(?:больнице|медучреждении|"
        r"реанимации|госпитале)|"
        r"в\s+(?:больнице|медучреждении|реанимации|госпитале)\s+(?:\S+\s+)?(?:умер|умерла|умерли|"
        r"скончался|скончалась|скончались)|"
        r"(?:умер|умерла|умерли|скончался|скончалась|скончались)\s+(?:\S+\s+)?от\s+(?:полученных\s+|"
        r"тяжелых\s+|тяжёлых\s+)?(?:ранений|травм)|"
        r"от\s+(?:полученных\s+|тяжелых\s+|тяжёлых\s+)?(?:ранений|травм)\s+(?:\S+\s+)?(?:умер|умерла|"
        r"умерли|скончался|скончалась|скончались)",
        re.I,
    ),
}
# The earlier attack a later death refers to: "wounded in the shelling", "поранений під час обстрілу".
_WOUNDED_IN = {
    "en": re.compile(r"\b(?:wounded|injured|hurt)\s+(?:in|during|by)\s+(?:\S+\s+){0,3}$", re.I),
    "uk": re.compile(
        r"(?:поран|травмов|постраждал)\w*\s+(?:під\s+час|внаслідок|через|від|у|в)\s+(?:\S+\s+){0,2}$",
        re.I,
    ),
    "ru": re.compile(
        r"(?:ранен|ранил|травмир|пострадавш|пострадал)\w*\s+(?:во\s+время|в\s+результате|при|от|в|во)\s+"
        r"(?:\S+\s+){0,2}$",
        re.I,
    ),
}


# A year, or a month and year, that dates what the sentence tells: "in March 2022", "у березні 2022 року",
# "у 2022 році", "в 2022 году".
_EN_MONTH_NUMBER = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
DATED_YEAR = {
    "en": re.compile(
        rf"\b(?:in|during|since)\s+(?:(?:early|late|mid-?)\s*)?(?:({_MONTHS_EN})\s+)?((?:19|20)\d{{2}})\b"
    ),
    "uk": re.compile(
        r"(?:^|\s)(?:у|в|влітку|взимку|восени|навесні)\s+(?:([^\W\d]+)\s+)?((?:19|20)\d{2})\s*(?:року|році|р\.|рр\.)",
        re.I,
    ),
    "ru": re.compile(
        r"(?:^|\s)(?:в|во|летом|зимой|осенью|весной)\s+(?:([^\W\d]+)\s+)?((?:19|20)\d{2})\s*(?:года|году|г\.|гг\.)",
        re.I,
    ),
}
# "in June 2022" in a report of June 2023: a month named with its year and over three months gone is history.
STALE_MONTH = dt.timedelta(days=90)


def _month(word: str | None, lang: str) -> int | None:
    if not word:
        return None
    if lang == "en":
        return _EN_MONTH_NUMBER.get(word[:3].lower())
    return SLAVIC_MONTHS.get(word.lower())


def long_ago(sentence: str, lang: str, published: dt.date | None = None) -> bool:
    """Does the sentence date what it tells months or years back ("a year ago", "торік", "у березні 2022
    року" in a report of 2024)? A year alone counts when it is before the publication year; a month and
    year when the month ended a year or more before publication."""
    if LONG_AGO[lang].search(sentence):
        return True
    if published is None:
        return False
    for m in DATED_YEAR[lang].finditer(sentence):
        year, word = int(m.group(2)), m.group(1)
        month = _month(word, lang)
        if word and month is None and lang != "en":
            continue  # "у Бахмуті 2023 року"? not a month: not a date
        if month is None:
            if year < published.year:
                return True
        elif dt.date(year + month // 12, month % 12 + 1, 1) <= published - STALE_MONTH:
            return True
    return False


def over_a_period(sentence: str, lang: str) -> bool:
    """Does the sentence tally or describe a habit over months ("since the start of the year")?"""
    return bool(PERIOD[lang].search(sentence))


# Words of counting: with casualties "in <month>" they make the sentence a month's statistic.
TALLIED = {
    "en": re.compile(
        r"\b(?:recorded|documented|registered|counted|verified|tallied|a\s+total\s+of|in\s+total)\b"
    ),
}
_OVER_EN = r"\b(?:in|during|throughout|over)\s+(?:the\s+month\s+of\s+)?"


def month_tally(sentence: str, month_text: str, lang: str) -> bool:
    """Are the casualties a count over the whole month `month_text` names ("monitors recorded 120
    civilians killed in October"), not a killing on an unknown day of it ("found shot dead in late March")?
    English only so far: Ukrainian and Russian give False."""
    tallied = TALLIED.get(lang)
    if tallied is None or tallied.search(sentence) is None:
        return False
    return re.search(_OVER_EN + re.escape(month_text.strip()), sentence, re.I) is not None


def later_death(sentence: str, trig: Trigger, lang: str) -> bool:
    """Is the sentence a death after an earlier attack ("wounded in the shelling ... died in hospital"):
    its only trigger is the casualty word, or the attack it names is where the victim was wounded?"""
    if not _DIED[lang].search(sentence):
        return False
    before = sentence[max(0, trig.start - 60) : trig.start]
    return trig.kind != "event" or bool(_WOUNDED_IN[lang].search(before))


# One person's later death when the sentence gives no number: a singular subject or verb form.
_SINGULAR = {
    "en": re.compile(
        r"^\W*(?:one\s+of\b|(?:a|an|one|the)\s+(?:\S+\s+){0,3}?(?:man|woman|boy|girl|child|soldier|"
        r"civilian|resident|passenger|driver|person|pensioner|volunteer|worker|teenager|victim|officer)\b|"
        r"(?:he|she)\b)",
        re.I,
    ),
    "uk": re.compile(r"(?:^|\s)(?:помер|померла)(?=$|[\s,.;:!?])", re.I),
    "ru": re.compile(r"(?:^|\s)(?:умер|умерла|скончался|скончалась)(?=$|[\s,.;:!?])", re.I),
}


def one_died(sentence: str, lang: str) -> bool:
    """Does a later-death sentence without a number tell of one person ("a woman ... died", "помер")?"""
    return bool(_SINGULAR[lang].search(sentence))


# "The killing happened last Saturday", "Удар стався вчора", "Это произошло в пятницу": a sentence that
# tells when the event just reported took place.
HAPPENED = {
    "en": re.compile(r"\b(?:happened|took\s+place|occurred|was\s+carried\s+out)\b", re.I),
    "uk": re.compile(
        r"(?:^|\s)(?:сталося|стався|сталася|відбулося|відбувся|відбулася|трапилося|трапився|трапилась|"
        r"трапилася)(?=$|[\s,.;:!?])",
        re.I,
    ),
    "ru": re.compile(
        r"(?:^|\s)(?:произошло|произошел|произошёл|произошла|случилось|случился|случилась)(?=$|[\s,.;:!?])",
        re.I,
    ),
}


# Repairs and rebuilding of what strikes damaged ("funds to repair schools damaged by shelling", "ремонт
# шкіл, пошкоджених обстрілами") and trials for them ("sentenced ... for shelling Kharkiv", "приговорил ...
# за обстрел Харькова"): the strikes are history.
REBUILDING = {
    "en": re.compile(
        r"\b(?:repair\w*|rebuil\w*|reconstruct\w*|restor\w*|renovat\w*|sentenced|convicted|indicted)\b", re.I
    ),
    "uk": re.compile(
        r"(?:^|\s)(?:ремонт\w*|відремонт\w*|відновлен\w*|відновлю\w*|відбудов\w*|реконструкц\w*|засуд\w*|"
        r"вирок\w*)",
        re.I,
    ),
    "ru": re.compile(
        r"(?:^|\s)(?:ремонт\w*|отремонт\w*|восстановлен\w*|восстанавл\w*|восстанов\w*|реконструкц\w*|"
        r"приговор\w*|осуд\w*)",
        re.I,
    ),
}


def rebuilding(sentence: str, lang: str) -> bool:
    """Does the sentence tell of repairs, rebuilding or a trial (for what strikes did)?"""
    return bool(REBUILDING[lang].search(sentence))
