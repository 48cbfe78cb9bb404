"""Date expressions resolved against the publication date (never the clock).

`resolve("on Saturday", published)` -> ResolvedDate(day, precision, start, end); None when the
expression is not an event's date: future or hypothetical ("until July", "in two weeks"), vague
("days", "today" in a quote), or only a year of background ("in 2020").

`find(sentence)` finds the day expressions the language model may miss or cut short ("around 22 May
2024" tagged "May 2024", "Kharkiv, 25 May 2024:", "overnight", "on Tuesday"); `approximate` tells a hedged
day ("around 7 February (as reported)") from a hedged time ("at around 10:00", which leaves the day exact).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from components.records import TIME_DAY, TIME_MONTH, TIME_WEEK

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
ONE_TO_TWELVE = "one two three four five six seven eight nine ten eleven twelve"
NUMBERS = {"a": 1, "an": 1} | {word: n for n, word in enumerate(ONE_TO_TWELVE.split(), start=1)}
# Words before (or inside) a date expression that make it a future or conditional time.
FUTURE = re.compile(
    r"\b(until|till|by|next|within|coming|later\s+this|from\s+now|in\s+(?:a|an|\w+|\d+)\s+"
    r"(?:days?|weeks?|months?|years?)$|will|would|tomorrow|upcoming|expected|scheduled|due|planned)\b",
    re.IGNORECASE,
)
# The publication day: "overnight", "last night" in a report are the night that ends on the day it appears.
TODAY = frozenset(
    {"today", "this morning", "this afternoon", "this evening", "tonight", "overnight", "last night"}
)
MAX_AGO_DAYS = 31  # "N months ago" beyond this is background, not the event being reported


@dataclass(frozen=True)
class ResolvedDate:
    day: dt.date  # best point estimate (the start of the range for week/month precision)
    precision: int  # records.TIME_DAY / TIME_WEEK / TIME_MONTH
    start: dt.date
    end: dt.date


def _day(d: dt.date) -> ResolvedDate:
    return ResolvedDate(d, TIME_DAY, d, d)


def _week(start: dt.date, end: dt.date) -> ResolvedDate:
    return ResolvedDate(start, TIME_WEEK, start, end)


def _month(year: int, month: int, published: dt.date) -> ResolvedDate:
    start = dt.date(year, month, 1)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    return ResolvedDate(start, TIME_MONTH, start, min(end, published))


def last_weekday(weekday: int, published: dt.date) -> dt.date:
    """The latest given weekday on or before the publication date."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def is_future(expression: str, before: str = "") -> bool:
    """True when the expression (or the few words before it) points to a future or hypothetical time; a
    "by" counts only right before the date ("by Friday", not "hit by artillery yesterday")."""
    words = before.split()[-2:]
    if words and words[-1].lower() != "by":
        words = [w for w in words if w.lower() != "by"]
    return bool(FUTURE.search(expression) or FUTURE.search(" ".join(words)))


def resolve(expression: str, published: dt.date | None, *, before: str = "") -> ResolvedDate | None:
    """Resolve a DATE mention; `before` is the text just before it (for "until", "by", ...)."""
    if published is None:
        return None
    text = " ".join(expression.replace("’", "'").lower().split())
    text = re.sub(r"^(?:(?:very )?(?:early|late)|in the early hours of|in the small hours of)\s+", "", text)
    text = re.sub(r"^(on|in|at|during|since|from|this past|the)\s+", "", text)
    text = re.sub(r"'s$", "", text)
    if not text or is_future(text, before):
        return None
    part_of_day = text.endswith(("night", "morning", "evening", "afternoon")) and text.split()[0] in WEEKDAYS
    if text in WEEKDAYS or part_of_day:
        return _day(last_weekday(WEEKDAYS[text.split()[0]], published))
    last = re.fullmatch(
        r"(?:last|this past|past) (\w+?)(?:'s)?(?: (?:night|morning|evening|afternoon))?", text
    )
    if last and last.group(1) in WEEKDAYS:
        day = last_weekday(WEEKDAYS[last.group(1)], published)  # "last Friday": the latest before today
        return _day(day - dt.timedelta(days=7) if day == published else day)
    if text in {"weekend", "last weekend", "past weekend", "over the weekend"}:
        sunday = last_weekday(6, published - dt.timedelta(days=1)) if published.weekday() != 6 else published
        saturday = sunday - dt.timedelta(days=1)
        return _week(saturday, min(sunday, published)) if saturday <= published else None
    if text in {
        "today",
        "this morning",
        "this afternoon",
        "this evening",
        "tonight",
        "overnight",
        "last night",
    }:
        # "overnight", "last night" in a report: the night that ends on the day it appears (as "the night of
        # 5 to 6 May" is the 6th, and as the Ukrainian "минулої ночі" and Russian "прошлой ночью" are read)
        return _day(published)
    if text == "yesterday":
        return _day(published - dt.timedelta(days=1))
    if text in {"the day before yesterday", "day before yesterday"}:
        return _day(published - dt.timedelta(days=2))
    if text in {"day before", "previous day", "a day earlier", "one day earlier", "day earlier"} or text in {
        "previous evening",
        "previous night",
        "previous morning",
        "previous afternoon",
    }:
        return _day(
            published - dt.timedelta(days=1)
        )  # "The day before, aircraft struck X": a wire's past day
    if m := DAYS_EARLIER.fullmatch(text):
        n = NUMBER_WORDS.get(m.group(1), int(m.group(1)) if m.group(1).isdigit() else 0)
        return _day(published - dt.timedelta(days=n)) if 0 < n <= MAX_AGO_DAYS else None
    if m := NIGHT_INTO.fullmatch(text):
        return _day(last_weekday(WEEKDAYS[m.group(1)], published))
    if m := NTH.fullmatch(text):  # "on the 29th": the latest 29th on or before publication
        day, month = int(m.group(1)), published.month
        for _ in range(3):
            try:
                date = dt.date(published.year if month <= published.month else published.year - 1, month, day)
            except ValueError:
                date = None
            if date is not None and date <= published:
                return _day(date)
            month = 12 if month == 1 else month - 1
        return None
    if m := HOLIDAY.fullmatch(text):
        month, day = (12, 25) if m.group(1) == "christmas" else (12, 31) if "eve" in text else (1, 1)
        if m.group(1) == "christmas" and "eve" in text:
            day = 24
        return _with_year(month, day, None, published)
    if m := DAY_MONTH_DOT.fullmatch(text):
        return _with_year(int(m.group(2)), int(m.group(1)), None, published)
    if PAST_DAY.fullmatch(text):
        # a daily summary's "over the past day": the day before the morning it appears (as "минулої доби"
        # and "за прошедшие сутки" are read)
        return _day(published - dt.timedelta(days=1))
    monday = published - dt.timedelta(days=published.weekday())
    if text in {"last week", "past week", "the past week", "previous week"}:
        start = monday - dt.timedelta(days=7)
        return _week(start, start + dt.timedelta(days=6))
    if text in {"this week", "earlier this week", "week"}:
        return _week(monday, published)
    if text in {"this month", "earlier this month"}:
        return _month(published.year, published.month, published)
    if text in {"last month", "past month", "previous month"}:
        prev = published.replace(day=1) - dt.timedelta(days=1)
        return _month(prev.year, prev.month, published)
    ago = re.fullmatch(r"(?:nearly |almost |about |some |more than )?(\w+) (day|week|month)s? ago", text)
    if ago:
        return _ago(ago.group(1), ago.group(2), published)
    return _calendar_date(text, published)


def _ago(count: str, unit: str, published: dt.date) -> ResolvedDate | None:
    n = NUMBERS.get(count) or (int(count) if count.isdigit() else None)
    if n is None:
        return None
    days = n * {"day": 1, "week": 7, "month": 30}[unit]
    if days > MAX_AGO_DAYS:
        return None
    day = published - dt.timedelta(days=days)
    if unit == "day":
        return _day(day)
    if unit == "week":
        start = day - dt.timedelta(days=day.weekday())
        return _week(start, start + dt.timedelta(days=6))
    return _month(day.year, day.month, published)


_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? ?(\d{4})?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? ?(\d{4})?$")
_MONTH_YEAR = re.compile(r"^(?:early |mid-?|late |the end of |the start of )?([a-z]+),? ?(\d{4})?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})$")
_NIGHT = r"(?:(?:the )?night (?:of|from) )?"
_TO = r"(?: (?:to|into)|-|–) ?"
_NIGHT_RANGE = re.compile(
    rf"^{_NIGHT}(?P<first>\d{{1,2}})(?:st|nd|rd|th)?{_TO}(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?"
    r"(?P<month>[a-z]+)\.?,? ?(?P<year>\d{4})?$"
)
_NIGHT_RANGE_MONTH_FIRST = re.compile(
    rf"^{_NIGHT}(?P<month>[a-z]+)\.? (?P<first>\d{{1,2}}){_TO}(?P<day>\d{{1,2}}),? ?(?P<year>\d{{4}})?$"
)


def _calendar_date(text: str, published: dt.date) -> ResolvedDate | None:
    """Explicit dates with or without year: "8 October", "Oct. 8, 2022", "in July", "2022-10-08"."""
    iso = _ISO.match(text)
    if iso:
        return _checked(dt.date(*map(int, iso.groups())), published)
    numeric = _NUMERIC.match(text)
    if numeric:  # day first, as Ukrainian and European reports write it: "24.08.2023", "3/04/2024"
        day, month, year = map(int, numeric.groups())
        return _with_year(month, day, year + 2000 if year < 100 else year, published)
    overnight = text.endswith(" overnight")
    text = text.removesuffix(" overnight")
    night = _NIGHT_RANGE.match(text) or _NIGHT_RANGE_MONTH_FIRST.match(text)
    if night:  # "the night of 5 to 6 May", "5-6 May overnight": the night ending on the later day
        month = MONTHS.get(night.group("month"), 0)
        last = _with_year(month, int(night.group("day")), _year(night), published)
        if last is None or overnight or text.startswith(("night", "the night")):
            return last
        first = _with_year(month, int(night.group("first")), _year(night), published)  # "4-5 May": both days
        return _week(first.day, last.day) if first and first.day < last.day else None
    for pattern, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        match = pattern.match(text)
        if match:
            day_s, month_s = match.group(1, 2) if day_first else match.group(2, 1)
            month = MONTHS.get(month_s)
            if month is None:
                return None
            year = int(match.group(3)) if match.group(3) else None
            return _with_year(month, int(day_s), year, published)
    match = _MONTH_YEAR.match(text)
    if match and match.group(1) in MONTHS:
        month = MONTHS[match.group(1)]
        year = int(match.group(2)) if match.group(2) else _past_year(month, 1, published)
        if dt.date(year, month, 1) > published:
            return None
        return _month(year, month, published)
    return None


def _year(match: re.Match) -> int | None:
    return int(match.group("year")) if match.group("year") else None


def _past_year(month: int, day: int, published: dt.date) -> int:
    """The year that puts month/day on or before the publication date."""
    try:
        return published.year if dt.date(published.year, month, day) <= published else published.year - 1
    except ValueError:
        return published.year


def _with_year(month: int, day: int, year: int | None, published: dt.date) -> ResolvedDate | None:
    if not month:
        return None
    try:
        date = dt.date(year or _past_year(month, day, published), month, day)
    except ValueError:
        return None
    return _checked(date, published)


def _checked(date: dt.date, published: dt.date) -> ResolvedDate | None:
    """An explicit date after publication is a plan, not an event."""
    return None if date > published else _day(date)


_MONTH_NAMES = "|".join(
    sorted((n for n in (*calendar.month_name, *calendar.month_abbr, "Sept") if n), key=len, reverse=True)
)
_WEEKDAY_NAMES = "|".join(calendar.day_name)
# Day expressions, case-sensitive month and weekday names ("may" is a modal, "May" a month).
DAY_EXPRESSION = re.compile(
    rf"(?<![\d][-–])\b(?:"
    # "overnight into Sunday", "the night to Sunday": the night that ends on that day
    rf"(?i:(?:overnight|(?:on\s+)?the\s+night)\s+(?:into|to)\s+)(?:{_WEEKDAY_NAMES})|"
    rf"(?i:(?:the\s+)?night\s+(?:of|from)\s+)\d{{1,2}}(?:\s+(?:to|into)\s+|\s*[-–]\s*)"
    rf"\d{{1,2}}\s+(?:{_MONTH_NAMES})\.?(?:,?\s+\d{{4}})?|"
    rf"(?i:(?:the\s+)?night\s+(?:of|from)\s+)(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}}(?:,?\s+\d{{4}})?|"
    # "10-11 May overnight", "on 4-5 June": a night (or two days) written as a range
    rf"\d{{1,2}}\s*[-–]\s*\d{{1,2}}\s+(?:{_MONTH_NAMES})\.?(?:,?\s+\d{{4}})?(?:\s+(?i:overnight))?|"
    rf"\d{{1,2}}[./]\d{{1,2}}[./](?:\d{{4}}|\d{{2}})(?![./]?\d)|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\.?(?:,?\s+\d{{4}})?|"
    rf"(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"(?:(?i:last|this past)\s+)?(?:{_WEEKDAY_NAMES})(?:\s+(?:morning|night|evening|afternoon))?|"
    rf"(?i:the day before yesterday|yesterday|overnight|last night|this morning|tonight)|"
    rf"(?i:(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours))|"
    rf"(?i:the\s+day\s+before(?!\s+yesterday)|the\s+previous\s+(?:day|evening|night|morning|afternoon)|"
    rf"(?:a|one)\s+day\s+earlier|"
    rf"(?:two|three|four|five|six|\d)\s+days\s+(?:earlier|before))|"
    # "on the 29th" (not "the 3rd Brigade", not "the 5th of May": found above)
    rf"(?i:on\s+the\s+)(?:[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{_MONTH_NAMES}|[A-Z]|"
    rf"(?i:century|anniversary|day|time|attack|wave|brigade)))|"
    rf"(?i:christmas\s+(?:day|eve|morning|night)|new\s+year['’]s\s+(?:day|eve|night))|"
    # "22.01", "on 15.10": a day and month as daily summaries write them (not an hour, "at 10.30")
    rf"(?<!\d[.:])(?<!at )(?<!from )(?<!until )(?:[0-2]?\d|3[01])\.(?:0[1-9]|1[0-2])(?![.:,]?\d))\b"
)
NIGHT_INTO = re.compile(r"(?:overnight|(?:on )?(?:the )?night) (?:into|to) (\w+)")
NTH = re.compile(r"(?:on )?(?:the )?([12]?\d|3[01])(?:st|nd|rd|th)")
HOLIDAY = re.compile(r"(christmas|new year's) (?:day|eve|morning|night)")
DAY_MONTH_DOT = re.compile(r"(\d{1,2})\.(\d{2})")
DAYS_EARLIER = re.compile(r"(\w+) days (?:earlier|before)")
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# After `resolve` dropped a leading "over"/"in"...: "past day", "last 24 hours".
PAST_DAY = re.compile(r"(?:over |in |during |for |within )?(?:the )?(?:past|last|previous) (?:day|24 hours)")
# "around 7 February", "on or about 3 May", "7 February (as reported)": the day itself is hedged.
APPROX_BEFORE = re.compile(
    r"\b(?:around|about|approximately|circa|roughly|reportedly|on or about|c\.)\s+(?:on\s+)?$", re.I
)
APPROX_AFTER = re.compile(r"^,?\s*\(?\s*(?:as reported|reportedly|according to unconfirmed)", re.I)


@dataclass(frozen=True)
class Found:
    """A day expression found in a sentence by `find` (offsets within the sentence)."""

    text: str
    start: int
    end: int


def find(sentence: str) -> list[Found]:
    """Every day expression of the sentence: explicit dates, weekdays, "yesterday", "overnight", ..."""
    return [Found(m.group(0), m.start(), m.end()) for m in DAY_EXPRESSION.finditer(sentence)]


def approximate(sentence: str, start: int, end: int) -> bool:
    """Is the day at start:end hedged ("around 7 February", "7 February (as reported)")? A hedged hour
    ("at around 10:00") is not a hedged day."""
    return bool(APPROX_BEFORE.search(sentence[max(0, start - 25) : start])) or bool(
        APPROX_AFTER.match(sentence[end : end + 30])
    )
