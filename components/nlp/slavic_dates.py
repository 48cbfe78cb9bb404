"""Day expressions in Ukrainian and Russian sentences, resolved against the publication date.

The Slavic counterpart of `components.nlp.dates` (same records, same semantics):

- `find(sentence, lang)` -> every day expression with its offsets: "14 березня 2023 року", "5 мая", "у ніч на
  12 квітня", "24.08.2023", "у вівторок", "в пятницу вечером", "вчора", "этой ночью", "минулого тижня",
  "3 дні тому". Months, years and vague times ("минулого року", "в 2022 году", "кілька днів тому") are not
  days and are not found; a date that names a street ("вулиця 8 Березня") is not either.
- `resolve(text, lang, published, before=...)` -> `dates.ResolvedDate` or None: a weekday is the latest
  such day on or before publication, "у ніч на 5 травня" is 5 May; "вночі", "ночью" and "минулої ночі"/
  "прошлой ночью" are the publication day (the English "overnight": a report's night is the one that ends
  on the morning it appears; "вчора ввечері" is the day before); a day and month without a year is the
  latest such date not after publication; an explicit date after publication, or one preceded by "до",
  "к", "завтра", "наступного" ..., is a plan: None. Month names alone ("у березні 2023") resolve to month
  precision, as in English.
- `approximate(sentence, start, end, lang)` -> is the day hedged ("близько 7 лютого", "около 7 февраля",
  "7 лютого (за повідомленнями)")? A hedged hour ("7 лютого близько 10:00") leaves the day exact.

Month and weekday names of both languages are matched whatever `lang` says (they do not collide, and quoted
Russian in a Ukrainian text is common). Own tables, no dateparser: a resolve is a few regex matches.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from components.nlp.dates import Found, ResolvedDate, last_weekday
from components.records import TIME_DAY, TIME_MONTH, TIME_WEEK

APOSTROPHE = "['’ʼ`]"
MONTH_FORMS = {  # nominative, genitive, locative of each month: uk, then ru
    1: "січень січня січні январь января январе",
    2: "лютий лютого лютому лютім февраль февраля феврале",
    3: "березень березня березні март марта марте",
    4: "квітень квітня квітні апрель апреля апреле",
    5: "травень травня травні май мая мае",
    6: "червень червня червні июнь июня июне",
    7: "липень липня липні июль июля июле",
    8: "серпень серпня серпні август августа августе",
    9: "вересень вересня вересні сентябрь сентября сентябре",
    10: "жовтень жовтня жовтні октябрь октября октябре",
    11: "листопад листопада листопаді ноябрь ноября ноябре",
    12: "грудень грудня грудні декабрь декабря декабре",
}
MONTHS = {form: month for month, names in MONTH_FORMS.items() for form in names.split()}
WEEKDAY_FORMS = {  # the case forms a weekday takes after "у/в", "на", "з/с", "до", or alone
    0: "понеділок понеділка понеділку понедельник понедельника понедельнику",
    1: "вівторок вівторка вівторку вторник вторника вторнику",
    2: "середа середу середи середі среду среды",  # ru "среда" alone is also "environment"
    3: "четвер четверга четвергу четверг четверга четвергу",
    4: "п'ятниця п'ятницю п'ятниці пятница пятницу пятницы",
    5: "субота суботу суботи суботі суббота субботу субботы",
    6: "неділя неділю неділі воскресенье воскресенья",
}
WEEKDAYS = {form: day for day, names in WEEKDAY_FORMS.items() for form in names.split()}
# Relative days: the number of days before publication.
RELATIVE = {
    **dict.fromkeys(("сьогодні", "сегодня", "вночі", "уночі", "ночью", "цієї ночі", "этой ночью"), 0),
    # "минулої ночі"/"прошлой ночью" in a report: the night that ends on the day it appears (as "вночі")
    **dict.fromkeys(("минулої ночі", "прошлой ночью", "минувшей ночью"), 0),
    **dict.fromkeys(("сієї ночі", "сегодня ночью", "сьогодні вночі", "цього ранку", "этим утром"), 0),
    **dict.fromkeys(("зранку", "вранці", "уранці", "утром", "увечері", "ввечері", "вечером"), 0),
    **dict.fromkeys(("сьогодні вранці", "сьогодні зранку", "сегодня утром", "сьогодні ввечері"), 0),
    **dict.fromkeys(("сегодня вечером", "сьогодні вдень", "сегодня днем", "сегодня днём"), 0),
    **dict.fromkeys(("вчора", "учора", "вчера", "напередодні", "накануне"), 1),
    **dict.fromkeys(("вчора ввечері", "вчора увечері", "вчера вечером"), 1),
    **dict.fromkeys(("вчора вранці", "вчора зранку", "вчера утром", "вчора вночі", "вчера ночью"), 1),
    **dict.fromkeys(("напередодні ввечері", "накануне вечером", "вчора вдень", "вчера днем"), 1),
    **dict.fromkeys(("позавчора", "позавчера", "позавчора ввечері", "позавчера вечером"), 2),
    # "в течение вчерашнего дня", "протягом вчорашнього дня": yesterday, said at length
    **dict.fromkeys(("вчерашнего дня", "вчорашнього дня", "вчерашний день", "вчорашній день"), 1),
    # A daily summary's "past day" (минулої доби, за минулу добу, за прошедшие сутки): the day before the
    # morning it appears, as the General Staff's and the regional administrations' reports count it
    **dict.fromkeys(("минулої доби", "за минулу добу", "за минулі добу", "упродовж минулої доби"), 1),
    **dict.fromkeys(("протягом минулої доби", "за прошедшие сутки", "за минувшие сутки"), 1),
    **dict.fromkeys(("за прошлые сутки", "в течение прошедших суток", "за последние сутки"), 1),
}
# "вчора/учора/напередодні/накануне" with a part of the day, with or without "рано"/"пізно"/"поздно" between
# ("накануне рано утром", "учора пізно ввечері"): the day before, whatever part of it.
YESTERDAY = ("вчора", "учора", "вчера", "напередодні", "накануне")
PARTS = ("вранці", "уранці", "зранку", "ввечері", "увечері", "вночі", "уночі", "вдень", "удень")
PARTS += ("утром", "вечером", "ночью", "днем", "днём")
EARLY_LATE = ("", "рано ", "пізно ", "поздно ")
RELATIVE.update(dict.fromkeys((f"{y} {e}{p}" for y in YESTERDAY for e in EARLY_LATE for p in PARTS), 1))
# "після вчорашнього удару", "после вчерашнего обстрела": yesterday's, the day of what it names
YESTERDAYS = (
    r"вчорашн(?:ій|ього|ьому|ім|я|ю|ьої|ій|є|і|іх|іми)|вчерашн(?:ий|его|ему|им|ем|яя|юю|ей|ее|ие|их|ими)"
)
LAST_WEEK = ("минулого тижня", "на минулому тижні", "минулий тиждень", "на прошлой неделе")
LAST_WEEK += ("на минувшей неделе", "прошлой неделей", "на попередньому тижні")
THIS_WEEK = ("цього тижня", "на цьому тижні", "на этой неделе", "этой неделей", "цей тиждень")
SMALL_NUMBERS = {
    **dict.fromkeys(("один", "одну", "одна", "одного", "одни"), 1),
    **dict.fromkeys(("два", "дві", "две", "двое", "двоє"), 2),
    **dict.fromkeys(("три", "трое", "троє"), 3),
    **dict.fromkeys(("чотири", "четыре"), 4),
    **dict.fromkeys(("п'ять", "пять"), 5),
    **dict.fromkeys(("шість", "шесть"), 6),
    **dict.fromkeys(("сім", "семь"), 7),
    **dict.fromkeys(("вісім", "восемь"), 8),
    **dict.fromkeys(("дев'ять", "девять"), 9),
    **dict.fromkeys(("десять",), 10),
}
MAX_AGO_DAYS = 31
# Words just before a date that make it a plan, a deadline or a forecast.
FUTURE = re.compile(
    r"(?:^|\s)(?:до|к|по|наступн\w*|следующ\w*|завтра|післязавтра|послезавтра|буде|будет|будуть|будут|"
    r"планує\w*|планиру\w*|очікує\w*|ожидает\w*|найближч\w*|ближайш\w*|відтепер|"
    r"(?:назнач\w*|признач\w*|заплан\w*|перенес\w*|перенесл\w*|відклал\w*|отлож\w*)\s+на)$"
)
FUTURE_INSIDE = re.compile(r"\b(?:наступн\w*|следующ\w*|завтра|післязавтра|послезавтра)\b")


def _alternatives(forms) -> str:
    return "|".join(re.escape(f).replace("'", APOSTROPHE) for f in sorted(forms, key=len, reverse=True))


_MONTH = _alternatives(MONTHS)
_WEEKDAY = _alternatives(WEEKDAYS)
_PART = r"(?:вранці|уранці|зранку|увечері|ввечері|вночі|уночі|вдень|утром|вечером|ночью|днем|днём)"
_YEAR = r"(?:\s+\d{4}(?:\s*(?:року|рік|р\.|года|г\.|г\b))?)"
_NIGHT = r"(?:(?:у|в)\s+ніч\s+(?:з|із|проти)?\s*|(?:в|во)\s+ночь\s+(?:с|со)?\s*|ніч\s+|ночь\s+)"
_SMALL = _alternatives(SMALL_NUMBERS)
_STREET = re.compile(
    r"(?:вул\.|вулиц[яіюі]\w*|улиц\w*|ул\.|просп\.|проспект\w*|пров\.|провулк\w*|переул\w*|пл\.|"
    r"площ\w*|майдан\w*)\s*$",
    re.IGNORECASE,
)
DAY_EXPRESSION = re.compile(
    rf"(?<![\w.,])(?<!\d[-–])(?:"
    # "у ніч з 4 на 5 травня", "в ночь на 5 мая", "14 березня 2023 року"
    rf"(?:{_NIGHT}(?:\d{{1,2}}\s+)?на\s+)?\d{{1,2}}\s+(?:{_MONTH}){_YEAR}?|"
    rf"\d{{1,2}}\.\d{{2}}(?:\.(?:\d{{4}}|\d{{2}}))?(?![\d.,:]\d)(?:\s*(?:року|р\.|года|г\.))?|"
    # "у ніч на неділю", "в прошлую пятницу вечером", "минулого вівторка", "у вівторок"
    rf"(?:{_NIGHT}на\s+|(?:у|в|во|на|у\s+минул\w+|в\s+прошл\w+|минул\w+|прошл\w+)\s+)?"
    rf"(?:{_WEEKDAY})(?:\s+{_PART})?|"
    rf"{_alternatives(RELATIVE)}|{_alternatives(LAST_WEEK + THIS_WEEK)}|{YESTERDAYS}|"
    rf"(?:\d{{1,2}}|{_SMALL})\s+(?:дн\w*|доб\w*|суток|сутки)\s+(?:тому|назад)"
    rf")(?![\w'’ʼ])",
    re.IGNORECASE,
)
# "Вечером того же дня", "того ж дня ввечері": the day told before, not the day of publication.
SAME_DAY = re.compile(r"^\s*,?\s*(?:того\s+(?:же|ж|самого)|цього\s+ж|этого\s+же)\s+дня", re.I)
SAME_DAY_BEFORE = re.compile(r"(?:того\s+(?:же|ж|самого)|цього\s+ж|этого\s+же)\s+дня\s*,?\s*$", re.I)
# "Два роки тому, 8 квітня, ...", "Год назад, 5 мая": the day that many years before publication.
YEARS_AGO = re.compile(r"(?:(\S+)\s+)?(рік|роки|років|год|года|лет)\s+(?:тому|назад)\W*$")
_SHORT_NUMERIC = re.compile(r"^\d{1,2}\.\d{2}$")
_TIME_BEFORE = re.compile(r"(?:^|\s)(?:о|об|в|во|с|со|до|з|із|к|близько|около|приблизно|примерно)\s+$", re.I)
_CAPITAL_MONTH = re.compile(r"^\d{1,2}\s+[А-ЯІЇЄҐ]")

APPROX_BEFORE = re.compile(
    r"(?:^|[\s(,])(?:близько|приблизно|орієнтовно|ймовірно|імовірно|нібито|можливо|около|примерно|"
    r"приблизительно|ориентировочно|предположительно|вероятно|якобы|возможно)\s+(?:(?:у|в|на|во)\s+)?$",
    re.IGNORECASE,
)
_HEDGE = (
    r"за\s+(?:попередніми\s+|неофіційними\s+|непідтвердженими\s+)?(?:повідомленнями|даними|інформацією)|"
    r"по\s+(?:предварительным\s+|неофициальным\s+|неподтвержд[её]нным\s+)?(?:сообщениям|данным|информации)|"
    r"як\s+повідомляється|как\s+сообщается|імовірно|ймовірно|предположительно|вероятно|нібито|якобы"
)
APPROX_AFTER = re.compile(rf"^,?\s*\(?\s*(?:{_HEDGE})", re.IGNORECASE)
# "За непідтвердженими даними, 7 лютого ...": an unconfirmed source clause just before the day.
HEDGE_BEFORE = re.compile(
    r"(?:за\s+(?:неофіційними|непідтвердженими|попередніми)\s+даними|"
    r"по\s+(?:неофициальным|неподтвержд[её]нным|предварительным)\s+данным)[^.;]{0,20}$",
    re.IGNORECASE,
)


def find(sentence: str, lang: str) -> list[Found]:
    """Every day expression of a Ukrainian or Russian sentence, with offsets within the sentence."""
    del lang  # both languages' names are matched (see the module docstring)
    out: list[Found] = []
    for m in DAY_EXPRESSION.finditer(sentence):
        if _STREET.search(sentence[max(0, m.start() - 20) : m.start()]):
            continue  # "вул. 8 Березня", "улица 9 Мая": a street name, not a day
        if (
            _CAPITAL_MONTH.match(m.group(0))
            and m.start() > 0
            and not re.search(r"[.:]\s*$", sentence[: m.start()])
        ):
            continue  # a capitalised month inside a sentence names something ("парк 9 Травня")
        if _SHORT_NUMERIC.match(m.group(0)) and (
            int(m.group(0)[:2].rstrip(".")) > 31
            or int(m.group(0).split(".")[1][:2]) > 12
            or _TIME_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()])
        ):
            continue  # "о 10.30", "с 14.45": an hour, not a day
        if m.group(0).lower() in PARTS and (
            SAME_DAY.match(sentence[m.end() :]) or SAME_DAY_BEFORE.search(sentence[: m.start()])
        ):
            continue  # "вечером того же дня": the day told before, which the extractor carries on
        out.append(Found(m.group(0), m.start(), m.end()))
    return out


def _day(d: dt.date) -> ResolvedDate:
    return ResolvedDate(d, TIME_DAY, d, d)


def _past_year(month: int, day: int, published: dt.date) -> int:
    try:
        return published.year if dt.date(published.year, month, day) <= published else published.year - 1
    except ValueError:
        return published.year


def _date(day: int, month: int, year: int | None, published: dt.date) -> ResolvedDate | None:
    if year is not None and year < 100:
        year += 2000
    try:
        date = dt.date(year or _past_year(month, day, published), month, day)
    except ValueError:
        return None
    return None if date > published else _day(date)


def _normal(text: str) -> str:
    text = re.sub(APOSTROPHE, "'", text.lower().replace("ё", "е"))
    return " ".join(text.replace("\u00a0", " ").split())


_EXPLICIT = re.compile(
    r"(?:.*\bна\s+)?(\d{1,2})\s+([^\W\d]+)(?:\s+(\d{4}))?(?:\s*(?:року|рік|р\.|года|г\.?))?"
)
_NUMERIC = re.compile(r"(\d{1,2})\.(\d{2})(?:\.(\d{4}|\d{2}))?(?:\s*(?:року|р\.|года|г\.))?")
_WEEKDAY_TEXT = re.compile(
    rf"(?:.*\bна\s+)?(?:(у|в|во|на)\s+)?(?:(минул\w+|прошл\w+)\s+)?(\S+)(?:\s+{_PART})?"
)
_MONTH_TEXT = re.compile(
    r"(?:у|в|во)?\s*(?:(?:середині|кінці|початку|конце|начале|середине)\s+)?([^\W\d]+)"
    r"(?:\s+(\d{4}))?(?:\s*(?:року|р\.|года|г\.?))?"
)
_AGO = re.compile(r"(\S+)\s+(?:дн\w*|доб\w*|суток|сутки)\s+(?:тому|назад)")


@lru_cache(maxsize=8192)
def resolve(text: str, lang: str, published: dt.date | None, *, before: str = "") -> ResolvedDate | None:
    """Resolve a day expression (found by `find` or elsewhere); `before` is the text just before it."""
    del lang
    if published is None:
        return None
    text = _normal(text)
    tail = " ".join(_normal(before).split()[-2:])
    if not text or FUTURE.search(tail) or FUTURE_INSIDE.search(text):
        return None
    if text in RELATIVE:
        return _day(published - dt.timedelta(days=RELATIVE[text]))
    if re.fullmatch(YESTERDAYS, text):
        return _day(published - dt.timedelta(days=1))
    monday = published - dt.timedelta(days=published.weekday())
    if text in LAST_WEEK:
        start = monday - dt.timedelta(days=7)
        return ResolvedDate(start, TIME_WEEK, start, start + dt.timedelta(days=6))
    if text in THIS_WEEK:
        return ResolvedDate(monday, TIME_WEEK, monday, published)
    m = _EXPLICIT.fullmatch(text)
    if m and m.group(2) in MONTHS:
        year = int(m.group(3)) if m.group(3) else None
        n = _years_ago(_normal(before))
        if year is None and n:
            year = _past_year(MONTHS[m.group(2)], int(m.group(1)), published) - n
        return _date(int(m.group(1)), MONTHS[m.group(2)], year, published)
    m = _NUMERIC.fullmatch(text)
    if m:
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return None
        return _date(int(m.group(1)), month, int(m.group(3)) if m.group(3) else None, published)
    m = _WEEKDAY_TEXT.fullmatch(text)
    if m and m.group(3) in WEEKDAYS:
        day = last_weekday(WEEKDAYS[m.group(3)], published)
        if m.group(2) and day == published:  # "минулого вівторка" said on a Tuesday: a week earlier
            day -= dt.timedelta(days=7)
        return _day(day)
    m = _AGO.fullmatch(text)
    if m:
        n = SMALL_NUMBERS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
        return None if n is None or n > MAX_AGO_DAYS else _day(published - dt.timedelta(days=n))
    return _month_only(text, published)


def _years_ago(before: str) -> int:
    """How many years back "два роки тому, ", "рік тому, ", "3 года назад, " right before a day puts it."""
    m = YEARS_AGO.search(before)
    if not m:
        return 0
    number = m.group(1) or ""
    n = SMALL_NUMBERS.get(number) or (int(number) if number.isdigit() else 0)
    return n or (1 if m.group(2) in ("рік", "год") else 0)


def _month_only(text: str, published: dt.date) -> ResolvedDate | None:
    """ "у березні", "в марте 2023 года": month precision (not found by `find`, resolved for callers)."""
    m = _MONTH_TEXT.fullmatch(text)
    if not m or m.group(1) not in MONTHS:
        return None
    month = MONTHS[m.group(1)]
    year = int(m.group(2)) if m.group(2) else _past_year(month, 1, published)
    start = dt.date(year, month, 1)
    if start > published:
        return None
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return ResolvedDate(start, TIME_MONTH, start, min(nxt - dt.timedelta(days=1), published))


def approximate(sentence: str, start: int, end: int, lang: str) -> bool:
    """Is the day at start:end hedged ("близько 7 лютого", "около 7 февраля", "7 лютого (за
    повідомленнями)", "по неподтверждённым данным, 7 февраля")? A hedged hour is not a hedged day."""
    del lang
    window = sentence[max(0, start - 60) : start]
    return bool(
        APPROX_BEFORE.search(window[-30:])
        or HEDGE_BEFORE.search(window)
        or APPROX_AFTER.match(sentence[end : end + 40])
    )
