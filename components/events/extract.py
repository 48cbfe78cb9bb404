"""Mentions -> Event records: one event per sentence that reports something happening.

A sentence is an event when it holds a trigger word that is not quoted, hypothetical or a back-reference
(`components.events.triggers`). The event takes ACLED's type of its trigger, the date expression nearest
the trigger (else the publication date at week precision), the place where it happened
(`components.events.place`: locative cues such as "in the town of" beat places used as actors or
destinations) and up to two actors.

A sentence whose only trigger is a casualty or aftermath word ("Another 20 people were injured", "The
vehicle was destroyed") and that names no place of its own, or only the last event's place and no date,
is more news of the article's last event: its deaths and injuries (`Event.extra["injured"]`) go to that
event and it makes none. `extract_events` also returns every sentence with a trigger word that made no
event, and why."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from components.events.kit import ENGLISH, Kit
from components.events.partners import list_partners, next_clause_event, place_count
from components.events.triggers import Trigger
from components.events.when import choose_date, dateline_day, tells_when, told_when, with_day, without_dates
from components.records import (
    GEO_NEAR,
    GEO_NONE,
    TIME_DAY,
    TIME_MONTH,
    Article,
    Event,
    Mention,
    ResolvedMention,
)

# A year right before the trigger noun names an earlier event ("the 2014 annexation", "the 2022 siege").
YEAR_BEFORE = re.compile(r"\b((?:19|20)\d{2})\s+(?:[a-z-]+\s+)?$")


@dataclass(frozen=True)
class Rejected:
    """A sentence with a trigger word that made no event, and why (for `ingest --explain`)."""

    sentence: str
    reason: str
    start_char: int = 0


def event_id(article_id: str, start_char: int, event_type: str) -> str:
    return hashlib.sha256(f"{article_id}:{start_char}:{event_type}".encode()).hexdigest()[:16]


def build_events(
    article: Article,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    places: Sequence[ResolvedMention],
    country_names: dict[str, str] | None = None,
    demonyms: dict[str, str] | None = None,
    kit: Kit = ENGLISH,
) -> list[Event]:
    """Every event of one article. `demonyms` maps actor mention texts to ISO2 codes."""
    return extract_events(article, sentences, mentions, places, country_names, demonyms, kit)[0]


def extract_events(
    article: Article,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    places: Sequence[ResolvedMention],
    country_names: dict[str, str] | None = None,
    demonyms: dict[str, str] | None = None,
    kit: Kit = ENGLISH,
) -> tuple[list[Event], list[Rejected]]:
    """The article's events, and every sentence with a trigger word that made none (with the reason); the
    `kit` reads the article's language."""
    names = country_names if country_names is not None else {}
    demonyms = demonyms if demonyms is not None else {}
    events: list[Event] = []
    rejected: list[Rejected] = []
    last_place: tuple[ResolvedMention, int, str] | None = None
    last_day: tuple[int, tuple] | None = None  # (end of the sentence, the day it stated)
    # "KHERSON, 18 November - ...": the report's day, and what "the day before" counts from
    anchor = dateline_day(article, kit)
    if anchor is not None:
        article = replace(article, published=anchor[0])
    places_of: dict[int, list[ResolvedMention]] = {}  # each sentence's, looked up once per sentence
    for p in places:
        places_of.setdefault(p.mention.sent_index, []).append(p)
    mentions_of: dict[int, list[Mention]] = {}
    for m in mentions:
        mentions_of.setdefault(m.sent_index, []).append(m)
    for index, (s_start, s_end) in enumerate(sentences):
        sentence = article.text[s_start:s_end]
        trig, why = kit.scan(sentence)
        sent_places = places_of.get(index, [])
        sent_mentions = mentions_of.get(index, [])
        sent_dates = [m for m in sent_mentions if m.kind == "date"]
        if events and not events[-1].date_text and tells_when(sentence, sent_places, trig, events[-1], kit):
            dated = told_when(article, sentence, s_start, sent_mentions, sent_places, events, kit)
            if dated is not None:
                events[-len(dated) :] = dated
                events[-1] = _attach(events[-1], sentence, kit)
                why = "tells when the last event happened"
                rejected.append(Rejected(_clean(sentence), why, s_start))
                continue
        if trig is None:
            if events and (kit.none_hurt(sentence) or "casualty count update" in why):
                events[-1] = _attach(events[-1], sentence, kit)  # "no one was hurt", "the toll rose to 7"
            if why != "no trigger word":
                rejected.append(Rejected(_clean(sentence), why, s_start))
            continue
        when = choose_date(article, sentence, s_start, trig, sent_dates, kit, anchor)
        year = YEAR_BEFORE.search(sentence[: trig.start])
        if year and article.published and int(year.group(1)) < article.published.year:
            when = "background"  # "the victims of the 2022 siege": an event of an earlier year
        day_stated = when != "background" and bool(when[4]) and when[1] == TIME_DAY
        if when != "background" and not day_stated and kit.long_ago(sentence, article.published):
            when = "background"  # "a year ago a missile hit the mall": an anniversary, not the report
        if when == "background":
            rejected.append(Rejected(_clean(sentence), "background: dated long before the report", s_start))
            continue
        month = when[4] if when[1] == TIME_MONTH else ""
        if trig.kind == "casualty" and month and kit.month_tally(sentence, month):
            why = f"a tally over a month, not one event: {trig.word}"  # "120 civilians killed in October"
            rejected.append(Rejected(_clean(sentence), why, s_start))
            continue
        if not day_stated and kit.period(sentence):
            why = f"a tally, habit or rebuilding over a period, not one event: {trig.word}"
            rejected.append(Rejected(_clean(sentence), why, s_start))
            continue
        if kit.later_death(sentence, trig):
            if events:
                events[-1] = _add_later_deaths(events[-1], sentence, kit)
            why = f"a later death of an earlier attack: {trig.word}"
            rejected.append(Rejected(_clean(sentence), why, s_start))
            continue
        where, precision = kit.place(sentence, s_start, sent_mentions, sent_places, trig)
        why = _follow_up(trig, where, when, events, sentence, kit)
        if why:
            if events and why.startswith("more news"):
                events[-1] = _attach(events[-1], sentence, kit)
            rejected.append(Rejected(_clean(sentence), why, s_start))
            continue
        location = where.mention.text if where else ""
        if when[4] and when[1] == TIME_DAY:  # type: ignore[index]
            last_day = (s_end, when)
        elif not when[4] and last_day is not None and "\n" not in article.text[last_day[0] : s_start]:
            when = last_day[1]  # "Yesterday ... . Russian forces also shelled X.": the paragraph's day
        if where is None:
            if kit.anaphoric.search(sentence[max(0, trig.start - 40) : trig.start]):
                rejected.append(Rejected(_clean(sentence), "refers back to an event already told", s_start))
                continue  # "the strike" again, with no place: a comment on an event already listed
            if last_place is not None:
                # The sentence names no place: the article's last event place, flagged as less precise.
                where, precision, location = last_place[0], max(last_place[1], GEO_NEAR), last_place[2]
        else:
            last_place = (where, precision, location)
        roles = kit.roles(sentence, s_start, mentions, index, sent_places, where, names, demonyms)
        actor1, actor2, assoc1, assoc2 = roles
        day, t_prec, d_start, d_end, d_text, approx = when  # type: ignore[misc]
        place = where.place if where else None
        counted = without_dates(sentence, s_start, sent_dates, kit)  # "KHERSON, 18 November": no 18 dead
        deaths = kit.deaths(counted)
        hurt = kit.injured(counted)
        extra: dict = {}
        if hurt:
            extra["injured"] = hurt[0]
        if kit.none_hurt(sentence):
            extra.setdefault("injured", 0)
            deaths = deaths or (0, "")
        if approx:
            extra["approximate"] = True
        precision = precision if place else GEO_NONE
        confidence = _confidence(trig, t_prec, d_text, where, precision, roles, deaths)
        event = Event(
            event_id=event_id(article.article_id, s_start, trig.event_type),
            article_id=article.article_id,
            event_type=trig.event_type,
            event_date=day,
            time_precision=t_prec,
            date_start=d_start,
            date_end=d_end,
            date_text=d_text,
            actor1=actor1,
            actor2=actor2,
            place=place,
            geo_precision=precision,
            location=location,
            trigger=trig.word,
            evidence=_clean(sentence),
            start_char=s_start,
            end_char=s_end,
            country=names.get(place.country_code, place.country_code) if place else "",
            sub_event_type=kit.sub_event_type(trig.event_type, sentence),
            assoc_actor_1=assoc1,
            assoc_actor_2=assoc2,
            fatalities=deaths[0] if deaths else None,
            fatalities_text=deaths[1] if deaths else "",
            confidence=confidence,
            extra=extra,
        )
        events.append(event)
        # "shelled X, Y and Z": one event at each place of the list; the sentence's count stays with the
        # first, unless each place has its own ("killed 12 people in X and three in Y")
        for other, other_place in list_partners(where, sent_places, article.text):
            own = place_count(other, article.text) if deaths else None
            events.append(
                replace(
                    event,
                    event_id=event_id(
                        article.article_id, s_start, f"{trig.event_type}@{other.mention.start_char}"
                    ),
                    place=other_place,
                    location=other.mention.text,
                    country=names.get(other_place.country_code, other_place.country_code),
                    fatalities=own[0] if own else None,
                    fatalities_text=own[1] if own else "",
                    extra={k: v for k, v in extra.items() if k != "injured"},
                )
            )
        used = {e.place.geonameid for e in events if e.start_char == s_start and e.place is not None}
        second = next_clause_event(
            article, sentence, s_start, trig, where, sent_places, sent_dates, used, kit
        )
        if second is not None:
            other, other_trig, other_when, tail_at = second
            head_dates = [m for m in sent_dates if m.start_char - s_start < tail_at]
            head = choose_date(article, sentence[:tail_at], s_start, trig, head_dates, kit, anchor)
            # after a semicolon the first clause keeps its own day ("fighting goes on at X; the day before
            # units took Y"); after "and" a day at the end belongs to both ("took X and Y on 10 June")
            semicolon = sentence[:tail_at].rstrip().endswith(";")
            # a sentence with no day of its own keeps the paragraph's day it carries, in both clauses
            own_day = bool(sent_dates or kit.find_dates(sentence))
            if semicolon and own_day and head != "background" and head[:5] != when[:5]:
                when = head
                events = [with_day(e, head) if e.start_char == s_start else e for e in events]
            events.append(
                replace(
                    with_day(event, other_when if other_when[4] else when),
                    event_id=event_id(
                        article.article_id, s_start, f"{other_trig.event_type}@{other.mention.start_char}"
                    ),
                    event_type=other_trig.event_type,
                    trigger=other_trig.word,
                    sub_event_type=kit.sub_event_type(other_trig.event_type, sentence[other_trig.start :]),
                    place=other.place,
                    location=other.mention.text,
                    country=names.get(other.place.country_code, other.place.country_code),
                    fatalities=None,
                    fatalities_text="",
                    extra={},
                )
            )
    return events, rejected


def _clean(sentence: str) -> str:
    return " ".join(sentence.split())


def _follow_up(trig: Trigger, where, when, events: list[Event], sentence: str, kit: Kit) -> str:
    """Why a casualty or aftermath sentence is no event of its own ("" when it is one): it names no place
    (or only the last event's place and no date of its own), so it tells more about the last event, or
    there is no event for it to belong to."""
    own_date = bool(when[4])
    previous = events[-1] if events else None
    if trig.kind == "event":
        fresh = kit.again.search(sentence)
        if (
            where is None
            and not own_date
            and not fresh
            and previous
            and previous.event_type == trig.event_type
        ):
            return f"more news of the previous event (no place or date of its own: {trig.word})"
        return ""
    if where is not None and where.place is not None:
        before = previous.place if previous is not None else None
        if own_date or before is None or before.geonameid != where.place.geonameid:
            return ""
    elif where is not None:
        return ""  # an unknown name in a place's slot: the event is somewhere the gazetteer does not know
    if previous is not None:
        return f"more news of the previous event ({trig.kind}: {trig.word})"
    if trig.kind == "casualty" and not kit.follow_up.match(sentence):
        return ""  # "Two soldiers were killed overnight": a casualty report of its own, somewhere
    return f"{trig.kind} without a place or an event it belongs to: {trig.word}"


def _add_later_deaths(previous: Event, sentence: str, kit: Kit) -> Event:
    """The previous event with the deaths a later-death sentence tells added to its toll ("one of the
    wounded died in hospital": one more)."""
    deaths = kit.deaths(sentence) or ((1, "") if kit.one_died(sentence) else None)
    if deaths is None:
        return previous
    text = " + ".join(t for t in (previous.fatalities_text, deaths[1]) if t)
    return replace(previous, fatalities=(previous.fatalities or 0) + deaths[0], fatalities_text=text)


def _attach(previous: Event, sentence: str, kit: Kit) -> Event:
    """The previous event with the deaths and injuries a follow-up sentence reports."""
    deaths, hurt = kit.deaths(sentence), kit.injured(sentence)
    fatal, fatal_text = previous.fatalities, previous.fatalities_text
    extra = dict(previous.extra)
    if deaths and (fatal is None or deaths[0] > fatal):
        fatal, fatal_text = deaths
    if hurt:
        before = extra.get("injured")
        more = before is not None and kit.more.search(sentence[: sentence.find(hurt[1]) + 1] or "")
        extra["injured"] = before + hurt[0] if more else max(before or 0, hurt[0])
    if kit.none_hurt(sentence):
        fatal = 0 if fatal is None else fatal
        extra.setdefault("injured", 0)
    return replace(previous, fatalities=fatal, fatalities_text=fatal_text, extra=extra)


def _confidence(trig, t_prec, d_text, where, geo_prec, roles, deaths) -> dict[str, float]:
    """A rough 0..1 confidence per field, from how the value was found (documented in the README)."""
    located = where is not None and where.place is not None
    location = 0.0
    if located:
        by_precision = {1: 0.85, 2: 0.5, 3: 0.4}.get(geo_prec, 0.3)
        location = by_precision * min(1.0, 0.5 + max(where.score, 0.0) / 10)
    return {
        "event_type": 0.8 if trig.word.lower() not in {"hit", "attack", "attacks", "attacked"} else 0.6,
        "event_date": {1: 0.9, 2: 0.6, 3: 0.4}.get(t_prec, 0.0) if d_text else (0.3 if t_prec else 0.0),
        "location": location,
        "actors": 0.7 if roles[0] and roles[1] else (0.5 if roles[0] else 0.0),
        "fatalities": (0.8 if deaths and deaths[1][:1].isdigit() else 0.5) if deaths else 0.0,
    }
