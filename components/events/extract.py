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

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from components.events.kit import ENGLISH, Kit
from components.events.triggers import Trigger
from components.records import (
    GEO_NEAR,
    GEO_NONE,
    TIME_DAY,
    TIME_UNDATED,
    TIME_WEEK,
    Article,
    Event,
    Mention,
    Place,
    ResolvedMention,
)

BACKGROUND_AGE = dt.timedelta(days=365)  # an event dated this long before its report is background
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
    anchor = dateline_day(article, kit)
    if (
        anchor is not None
    ):  # "KHERSON, 18 November - ...": the report's day, and what "the day before" counts from
        article = replace(article, published=anchor[0])
    for index, (s_start, s_end) in enumerate(sentences):
        sentence = article.text[s_start:s_end]
        trig, why = kit.scan(sentence)
        if (
            events
            and not events[-1].date_text
            and _tells_when(sentence, index, places, trig, events[-1], kit)
        ):
            dated = _told_when(article, sentence, s_start, index, mentions, places, events, kit)
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
        sent_places = [p for p in places if p.mention.sent_index == index]
        sent_mentions = [m for m in mentions if m.sent_index == index]
        sent_dates = [m for m in mentions if m.sent_index == index and m.kind == "date"]
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
        if not day_stated and kit.period(sentence):
            why = f"a tally or habit over a period, not one event: {trig.word}"
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
        counted = _without_dates(sentence, s_start, sent_dates, kit)  # "KHERSON, 18 November": no 18 dead
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
        # "shelled X, Y and Z": one event at each place of the list; the sentence's count stays with the first
        for other, other_place in list_partners(where, sent_places, article.text):
            events.append(
                replace(
                    event,
                    event_id=event_id(
                        article.article_id, s_start, f"{trig.event_type}@{other.mention.start_char}"
                    ),
                    place=other_place,
                    location=other.mention.text,
                    country=names.get(other_place.country_code, other_place.country_code),
                    fatalities=None,
                    fatalities_text="",
                    extra={k: v for k, v in extra.items() if k != "injured"},
                )
            )
    return events, rejected


# Text between the names of one list: "X, Y and Z", "X і Y", "X та Y", "X и Y".
LIST_GAP = re.compile(
    r"\s*(?:,\s*(?:and\s+|і\s+|й\s+|та\s+|и\s+)?|\s(?:and|і|й|та|и)\s+)\s*"
    # "X and the outskirts of Y", "X and the town of Y", "X and near Y"; "X та поблизу Y", "X и возле Y"
    r"(?:(?:the\s+)?(?:(?:northern|southern|eastern|western)\s+)?(?:outskirts|edge|town|village|city|settlement)"
    r"\s+of\s+(?:the\s+)?|near\s+|поблизу\s+|біля\s+|в\s+районі\s+|у\s+районі\s+|на\s+околицях\s+|"
    r"возле\s+|вблизи\s+|в\s+районе\s+|на\s+окраинах?\s+)?"
)


def list_partners(
    where: ResolvedMention | None, places: Sequence[ResolvedMention], text: str
) -> list[tuple[ResolvedMention, Place]]:
    """The other settlements of the list the event's place is part of ("near X, Y and Z") with their places,
    in text order: resolved towns and villages joined to it by commas and "and", none the same place."""
    if where is None or where.place is None or where.place.feature_class != "P":
        return []
    chain = sorted(places, key=lambda rm: rm.mention.start_char)
    if where not in chain:
        return []
    seen = {where.place.geonameid}
    out = []
    # every mention of the event's place may stand in a list: "hit X and Y; two residents of X were hurt"
    for at, anchor in enumerate(chain):
        if anchor.place is None or anchor.place.geonameid != where.place.geonameid:
            continue
        lo = hi = at
        while lo > 0 and LIST_GAP.fullmatch(
            text, chain[lo - 1].mention.end_char, chain[lo].mention.start_char
        ):
            lo -= 1
        while hi + 1 < len(chain) and LIST_GAP.fullmatch(
            text, chain[hi].mention.end_char, chain[hi + 1].mention.start_char
        ):
            hi += 1
        for rm in chain[lo : hi + 1]:
            if rm.place is not None and rm.place.feature_class == "P" and rm.place.geonameid not in seen:
                seen.add(rm.place.geonameid)
                out.append((rm, rm.place))
    return sorted(out, key=lambda pair: pair[0].mention.start_char)


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


def _without_dates(sentence: str, s_start: int, sent_dates: Sequence[Mention], kit: Kit) -> str:
    """The sentence with its day expressions blanked out, for the casualty counts to read."""
    spans = [(m.start_char - s_start, m.end_char - s_start) for m in sent_dates]
    spans += [(f.start, f.end) for f in kit.find_dates(sentence)]
    chars = list(sentence)
    for start, end in spans:
        chars[max(0, start) : end] = " " * (end - max(0, start))
    return "".join(chars)


def _tells_when(sentence: str, index: int, places, trig: Trigger | None, last: Event, kit: Kit) -> bool:
    """May the sentence tell when the last (undated) event happened? It says so ("it happened on
    Saturday"), or it names no place and reports no new kind of event: "The attack came shortly before
    midnight on 14 January", "According to the ministry, the village fell on 5 May"."""
    if kit.happened.search(sentence):
        return True
    if kit.again.search(sentence) or any(p.mention.sent_index == index for p in places):
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


def _told_when(article, sentence, s_start, index, mentions, places, events, kit) -> list[Event] | None:
    """The last sentence's events dated by a sentence that tells when they happened ("The killing happened
    last Saturday"), or None: it states no day, or it names another place (a new event somewhere else)."""
    last = events[-1]
    same = [e for e in events if e.start_char == last.start_char]
    named = {p.place.geonameid for p in places if p.mention.sent_index == index and p.place is not None}
    if named - {e.place.geonameid for e in same if e.place is not None}:
        return None
    sent_dates = [m for m in mentions if m.sent_index == index and m.kind == "date"]
    when = choose_date(article, sentence, s_start, Trigger("", "", 0, 0), sent_dates, kit)
    if when == "background" or not when[4] or when[1] != TIME_DAY:
        return None
    day, t_prec, d_start, d_end, d_text, approx = when
    dated = []
    for e in same:
        extra = {**e.extra, "approximate": True} if approx else e.extra
        dated.append(
            replace(
                e,
                event_date=day,
                time_precision=t_prec,
                date_start=d_start,
                date_end=d_end,
                date_text=d_text,
                extra=extra,
            )
        )
    return dated


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
    told right after "said" loses to any other, then the most precise, then the nearest the trigger."""
    published = article.published
    found = [(m.start_char - s_start, m.text) for m in sent_dates]
    found += [(f.start, f.text) for f in kit.find_dates(sentence) if (f.start, f.text) not in found]
    # a day inside a longer day expression is part of it: "yesterday" in "the day before yesterday"
    days = {(f.start, f.text) for f in kit.find_dates(sentence)}
    found = [
        (rel, text)
        for rel, text in found
        if not any(
            o_rel <= rel and rel + len(text) <= o_rel + len(o_text) and len(o_text) > len(text)
            for o_rel, o_text in days
        )
    ]
    best = None
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
