"""Date expressions resolved against an injected publication date (never the clock)."""

import datetime as dt

import pytest

from components.nlp import dates
from components.records import TIME_DAY, TIME_MONTH, TIME_WEEK

PUB = dt.date(2022, 10, 15)  # a Saturday: the seed article's publication date
D = dt.date


@pytest.mark.parametrize(
    ("expression", "before", "day", "precision", "end"),
    [
        ("Saturday", "said on ", D(2022, 10, 15), TIME_DAY, D(2022, 10, 15)),  # same day counts
        ("on Saturday", "", D(2022, 10, 15), TIME_DAY, D(2022, 10, 15)),
        ("Monday", "airstrikes like ", D(2022, 10, 10), TIME_DAY, D(2022, 10, 10)),
        ("Monday’s", "", D(2022, 10, 10), TIME_DAY, D(2022, 10, 10)),  # possessive
        ("Tuesday", "meeting on ", D(2022, 10, 11), TIME_DAY, D(2022, 10, 11)),
        ("Friday", "", D(2022, 10, 14), TIME_DAY, D(2022, 10, 14)),
        ("Sunday night", "", D(2022, 10, 9), TIME_DAY, D(2022, 10, 9)),
        ("yesterday", "", D(2022, 10, 14), TIME_DAY, D(2022, 10, 14)),
        ("today", "", D(2022, 10, 15), TIME_DAY, D(2022, 10, 15)),
        ("last week", "", D(2022, 10, 3), TIME_WEEK, D(2022, 10, 9)),  # the Kerch blast, 8 Oct
        ("earlier this week", "", D(2022, 10, 10), TIME_WEEK, D(2022, 10, 15)),
        ("earlier this month", "", D(2022, 10, 1), TIME_MONTH, D(2022, 10, 15)),
        ("last month", "", D(2022, 9, 1), TIME_MONTH, D(2022, 9, 30)),
        ("in July", "", D(2022, 7, 1), TIME_MONTH, D(2022, 7, 31)),
        ("8 October", "on ", D(2022, 10, 8), TIME_DAY, D(2022, 10, 8)),
        ("October 8, 2022", "", D(2022, 10, 8), TIME_DAY, D(2022, 10, 8)),
        ("Oct. 8", "", D(2022, 10, 8), TIME_DAY, D(2022, 10, 8)),
        ("24 February", "", D(2022, 2, 24), TIME_DAY, D(2022, 2, 24)),
        ("December 12", "", D(2021, 12, 12), TIME_DAY, D(2021, 12, 12)),  # no year: the past one
        ("November 20", "", D(2021, 11, 20), TIME_DAY, D(2021, 11, 20)),
        ("November 20, 2022", "", None, None, None),  # explicit and after publication: a plan
        ("two days ago", "", D(2022, 10, 13), TIME_DAY, D(2022, 10, 13)),
        ("2022-10-08", "", D(2022, 10, 8), TIME_DAY, D(2022, 10, 8)),
        ("last Friday", "", D(2022, 10, 14), TIME_DAY, D(2022, 10, 14)),
        ("last Saturday", "", D(2022, 10, 8), TIME_DAY, D(2022, 10, 8)),  # not the publication day itself
        ("the weekend", "over ", D(2022, 10, 8), TIME_WEEK, D(2022, 10, 9)),  # published on a Saturday
        ("Thursday night", "", D(2022, 10, 13), TIME_DAY, D(2022, 10, 13)),
        ("on October 8th", "", D(2022, 10, 8), TIME_DAY, D(2022, 10, 8)),
        ("8 Oct", "", D(2022, 10, 8), TIME_DAY, D(2022, 10, 8)),
        ("mid-September", "", D(2022, 9, 1), TIME_MONTH, D(2022, 9, 30)),
        ("in early October", "", D(2022, 10, 1), TIME_MONTH, D(2022, 10, 15)),  # not past publication
        ("July 2022", "", D(2022, 7, 1), TIME_MONTH, D(2022, 7, 31)),
        ("three weeks ago", "", D(2022, 9, 19), TIME_WEEK, D(2022, 9, 25)),
        ("a week ago", "", D(2022, 10, 3), TIME_WEEK, D(2022, 10, 9)),
        # numeric dates are day first, as Ukrainian and European notes write them
        ("11.10.2022", "", D(2022, 10, 11), TIME_DAY, D(2022, 10, 11)),
        ("on 2.09.2022", "", D(2022, 9, 2), TIME_DAY, D(2022, 9, 2)),
        ("7/10/22", "", D(2022, 10, 7), TIME_DAY, D(2022, 10, 7)),
        ("30.10.2022", "", None, None, None),  # after publication
        ("31.02.2022", "", None, None, None),  # no such day
        ("Sept. 4", "", D(2022, 9, 4), TIME_DAY, D(2022, 9, 4)),
        ("Oct. 13", "on ", D(2022, 10, 13), TIME_DAY, D(2022, 10, 13)),
        # a night told by its two days belongs to the day it ends on, like "overnight"
        ("the night of 9 to 10 October", "on ", D(2022, 10, 10), TIME_DAY, D(2022, 10, 10)),
        ("night from 13 into 14 Oct", "in the ", D(2022, 10, 14), TIME_DAY, D(2022, 10, 14)),
        ("the night of October 2-3", "", D(2022, 10, 3), TIME_DAY, D(2022, 10, 3)),
        ("19-20 July", "on ", D(2022, 7, 19), TIME_WEEK, D(2022, 7, 20)),  # two days, no night: a span
        ("early on Thursday", "", D(2022, 10, 13), TIME_DAY, D(2022, 10, 13)),
        ("late Friday", "", D(2022, 10, 14), TIME_DAY, D(2022, 10, 14)),
        ("in the early hours of Wednesday", "", D(2022, 10, 12), TIME_DAY, D(2022, 10, 12)),
    ],
)
def test_resolves_event_dates(expression, before, day, precision, end):
    got = dates.resolve(expression, PUB, before=before)
    if day is None:
        assert got is None
        return
    assert got is not None
    assert (got.day, got.precision, got.end) == (day, precision, end)
    assert got.start <= got.day <= got.end <= PUB


@pytest.mark.parametrize(
    ("expression", "before"),
    [
        ("July", "will not be repaired until "),  # a plan, not the event's date
        ("two weeks", "would be complete in "),
        ("in two weeks", ""),
        ("next week", ""),
        ("tomorrow", ""),
        ("days", "It comes "),
        ("nearly eight months ago", "troops to Ukraine "),  # background, too far back
        ("2020", "the disputed "),
        ("July", "by "),
        ("next month", ""),
        ("in the coming days", ""),
        ("December", "expected in "),  # a month still ahead of the publication date
    ],
)
def test_future_vague_or_background_is_not_an_event_date(expression, before):
    assert dates.resolve(expression, PUB, before=before) is None


def test_no_publication_date_means_undated():
    assert dates.resolve("on Saturday", None) is None


@pytest.mark.parametrize("weekday", range(7))
def test_last_weekday_is_on_or_before_publication(weekday):
    day = dates.last_weekday(weekday, PUB)
    assert day.weekday() == weekday
    assert 0 <= (PUB - day).days < 7


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        ("Artillery hit the bridge around 22 May 2024 (as reported).", ["22 May 2024"]),
        ("Lviv, 25 May 2024: smoke above a warehouse", ["25 May 2024"]),
        ("Troops shelled the port on Tuesday and again overnight.", ["Tuesday", "overnight"]),
        ("Officials said yesterday that the plant was hit on Oct. 8, 2022.", ["yesterday", "Oct. 8, 2022"]),
        ("Losses on 19-20 July were heavy.", ["19-20 July"]),  # a range: both days (see below)
        ("Drones hit the depot 19-20 July overnight.", ["19-20 July overnight"]),  # a night: the 20th
        ("Talks may resume in May.", []),  # "may" is a modal, "May" alone no day
        ("Shelling on 14.10.2022 cut the power.", ["14.10.2022"]),
        ("Version 1.2.3 of the app and a 2.5 km road", []),  # not dates
        ("Drones came in on the night of 13 to 14 October.", ["the night of 13 to 14 October"]),
        ("Blasts were heard on the night of Oct. 13-14.", ["the night of Oct. 13-14"]),
    ],
)
def test_find_sees_the_day_expressions(sentence, texts):
    assert [f.text for f in dates.find(sentence)] == texts


def test_a_range_is_both_days_and_a_night_range_its_later_day():
    both = dates.resolve("19-20 July", PUB)
    assert both is not None and (both.start.day, both.end.day) == (19, 20)
    night = dates.resolve("19-20 July overnight", PUB)
    assert night is not None and night.day.day == 20 and night.start == night.end


@pytest.mark.parametrize(
    ("sentence", "day", "hedged"),
    [
        ("around 7 February a drone struck", "7 February", True),
        ("on or about 7 February a drone struck", "7 February", True),
        ("On 7 February (as reported by the mayor), a drone struck", "7 February", True),
        ("On 7 February, at around 10:00, a drone struck", "7 February", False),
        ("On 7 February, as the mayor said, a drone struck", "7 February", False),
    ],
)
def test_a_hedged_day_is_approximate_a_hedged_hour_is_not(sentence, day, hedged):
    k = sentence.index(day)
    assert dates.approximate(sentence, k, k + len(day)) is hedged


def test_overnight_is_the_night_ending_on_the_publication_day():
    assert dates.resolve("overnight", PUB).day == PUB
    assert dates.resolve("last night", PUB).day == PUB  # the same night, as the uk/ru reports read it
    assert dates.resolve("yesterday", PUB).day == PUB - dt.timedelta(days=1)
