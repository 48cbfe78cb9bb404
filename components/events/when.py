"""When an event happened: the day expression of its sentence, the article's dateline, or a later sentence.

`choose_date` picks the day expression nearest the trigger (else the publication date at week precision,
or the dateline's day); a date of another event ("in response to Monday's attacks") or of history ("in
2014") is set aside. `dateline_day` reads the day of a dateline that opens a report ("KHERSON, 18 November
- "): it dates the report's undated sentences and anchors "the previous day". `tells_when`/`told_when`:
a sentence after an undated event that says when it happened ("The attack came shortly before midnight on
14 January") dates it. `without_dates` blanks a sentence's day expressions for the casualty counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from components.events.kit import ENGLISH, Kit
from components.events.triggers import Trigger
from components.records import TIME_DAY, TIME_UNDATED, TIME_WEEK, Article, Event, Mention

BACKGROUND_AGE = dt.timedelta(days=365)  # an event dated this long before its report is background


def without_dates(sentence: str, s_start: int, sent_dates: Sequence[Mention], kit: Kit) -> str:
    """The sentence with its day expressions blanked out, for the casualty counts to read."""
    spans = [(m.start_char - s_start, m.end_char - s_start) for m in sent_dates]
    spans += [(f.start, f.end) for f in kit.find_dates(sentence)]
    chars = list(sentence)
    for start, end in spans:
        chars[max(0, start) : end] = " " * (end - max(0, start))
    return "".join(chars)


def tells_when(sentence: str, places, trig: Trigger | None, last: Event, kit: Kit) -> bool:
    """May the sentence tell when the last (undated) event happened? It says so ("it happened on
    Saturday"), or it names no place and reports no new kind of event: "The attack came shortly before
    midnight on 14 January", "According to the ministry, the village fell on 5 May"."""
    if kit.happened.search(sentence):
        return True
    if kit.again.search(sentence) or places:
        return False
    return trig is None or trig.kind != "event" or trig.event_type == last.event_type


# A dateline that opens a report: "KHERSON, 18 November - ", "ZAPORIZHZHIA, Ukraine, 8 April – ",
# "Kyiv, 3 May (Reuters) — ".
DATELINE_HEAD = re.compile(
    r"^\W*[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}(?:\s*\([^)]{1,40}\))?,(?:\s*[A-Z][a-z]+,)?\s*"
)
DATELINE_END = re.compile(r"^\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—:]|\s[-–—])")


def dateline_day(article: Article, kit: Kit) -> tuple[dt.date, str] | None:
    """The day of the dateline that opens the article, and its text; None without one (or without a
    publication date to resolve it against)."""
    head = DATELINE_HEAD.match(article.text)
    if head is None or article.published is None:
        return None
    rest = article.text[head.end() : head.end() + 60]
    for found in kit.find_dates(rest):
        if found.start == 0 and DATELINE_END.match(rest[found.end :]):
            resolved = kit.resolve_date(found.text, article.published, "")
            if resolved is not None and resolved.precision == TIME_DAY:
                return resolved.day, found.text
        break
    return None


def told_when(article, sentence, s_start, mentions, places, events, kit) -> list[Event] | None:
    """The last sentence's events dated by a sentence that tells when they happened ("The killing happened
    last Saturday"), or None: it states no day, or it names another place (a new event somewhere else)."""
    last = events[-1]
    same = [e for e in events if e.start_char == last.start_char]
    named = {p.place.geonameid for p in places if p.place is not None}
    if named - {e.place.geonameid for e in same if e.place is not None}:
        return None
    sent_dates = [m for m in mentions if m.kind == "date"]
    when = choose_date(article, sentence, s_start, Trigger("", "", 0, 0), sent_dates, kit)
    if when == "background" or not when[4] or when[1] != TIME_DAY:
        return None
    return [with_day(e, when) for e in same]


DATELINE_SPAN = 80  # a dateline's day stands within this many characters of the article's start


def _is_dateline(anchor: tuple[dt.date, str] | None, at: int, text: str) -> bool:
    """Is the day expression at article offset `at` the dateline's own?"""
    return anchor is not None and at < DATELINE_SPAN and text.strip() == anchor[1].strip()


def with_day(event: Event, when) -> Event:
    """The event dated by a `choose_date` result (day, precision, start, end, text, approximate)."""
    day, t_prec, d_start, d_end, d_text, approx = when
    extra = {**event.extra, "approximate": True} if approx else event.extra
    return replace(
        event,
        event_date=day,
        time_precision=t_prec,
        date_start=d_start,
        date_end=d_end,
        date_text=d_text,
        extra=extra,
    )


def choose_date(
    article: Article,
    sentence: str,
    s_start: int,
    trig: Trigger,
    sent_dates: list[Mention],
    kit: Kit = ENGLISH,
    anchor: tuple[dt.date, str] | None = None,
):
    """(day, precision, start, end, text, approximate) of the event, or "background" for year-only
    history. The analysis's date mentions and the day expressions the kit finds compete: a date
    told right after "said" loses to any other, then the most precise, then the nearest the trigger.
    ``anchor``: the dateline's day and text (`dateline_day`); the article's publication date is then
    that day."""
    published = article.published
    days = [(f.start, f.text) for f in kit.find_dates(sentence)]
    found = [(m.start_char - s_start, m.text) for m in sent_dates]
    found += [day for day in days if day not in found]
    # a day inside a longer day expression is part of it: "yesterday" in "the day before yesterday"
    found = [
        (rel, text)
        for rel, text in found
        if not any(
            o_rel <= rel and rel + len(text) <= o_rel + len(o_text) and len(o_text) > len(text)
            for o_rel, o_text in days
        )
    ]
    best = None
    # Under a dateline ("KHARKIV, May 12 - ... shelled X on Tuesday") the sentence's own day expressions
    # win over the dateline's day (the caller passes the article with that day as its publication date,
    # so they count back from it).
    own = [(rel, text) for rel, text in found if not _is_dateline(anchor, s_start + rel, text)]
    found = own or found
    for rel, text in found:
        before = sentence[max(0, rel - 40) : rel]
        if kit.reference.search(before) and rel < trig.start and trig.kind != "aftermath":
            continue  # "In response to Monday's attacks": the date of another event (not a caption's cause)
        resolved = kit.resolve_date(text, published, before)
        if resolved is None:
            if re.fullmatch(r"(?:in )?(?:the )?(?:\d{4})", text.strip()) and trig.start > rel - 80:
                year = int(text.strip()[-4:])
                if published and year < published.year:
                    return "background"
            continue
        if published and resolved.end < published - BACKGROUND_AGE:
            return "background"  # "compared it to 11 September 2001": history, not the report
        if kit.since.search(before) and rel < trig.start + 200:
            continue  # "since Russia's invasion began in February": the start of something else
        rank = (bool(kit.said.search(before)), resolved.precision, abs(rel - trig.start))
        if best is None or rank < best[0]:
            best = (rank, resolved, text, kit.approximate(sentence, rel, rel + len(text)))
    if best:
        _, r, text, approx = best
        return r.day, r.precision, r.start, r.end, text, approx
    if anchor is not None:  # the dateline's day
        return anchor[0], TIME_DAY, anchor[0], anchor[0], anchor[1], False
    if published is None:
        return None, TIME_UNDATED, None, None, "", False
    return published, TIME_WEEK, published - dt.timedelta(days=6), published, "", False
