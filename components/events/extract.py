"""Mentions -> Event records: one event per sentence that reports something happening.

A sentence is an event when it holds a trigger word that is not quoted, hypothetical or a back-reference
(`components.events.triggers`). The event takes ACLED's type of its trigger, the date expression nearest
the trigger (else the publication date at week precision), the place where it happened
(`components.events.place`: locative cues such as "in the town of" beat places used as actors or
destinations) and up to two actors."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence

from components.events.candidates import place_candidates
from components.events.place import choose_place
from components.events.triggers import REFERENCE, Trigger, find_trigger
from components.nlp import dates, fatalities, taxonomy
from components.nlp.actors import actor_roles
from components.records import (
    GEO_NEAR,
    GEO_NONE,
    TIME_UNDATED,
    TIME_WEEK,
    Article,
    Event,
    Mention,
    ResolvedMention,
)

# A trigger right after a determiner in a sentence that names no place refers back to an event
# already reported ("President Zelensky called the strike an atrocity").
ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those|its|their|\w+day['’]s)\s+(?:[\w-]+\s+)?$", re.I)
BACKGROUND_AGE = dt.timedelta(days=365)  # an event dated this long before its report is background


def event_id(article_id: str, start_char: int, event_type: str) -> str:
    return hashlib.sha256(f"{article_id}:{start_char}:{event_type}".encode()).hexdigest()[:16]


def build_events(
    article: Article,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    places: Sequence[ResolvedMention],
    country_names: dict[str, str] | None = None,
    demonyms: dict[str, str] | None = None,
) -> list[Event]:
    """Every event of one article. `demonyms` maps actor mention texts to ISO2 codes."""
    names = country_names if country_names is not None else {}
    demonyms = demonyms if demonyms is not None else {}
    events: list[Event] = []
    last_place: tuple[ResolvedMention, int, str] | None = None
    for index, (s_start, s_end) in enumerate(sentences):
        sentence = article.text[s_start:s_end]
        trig = find_trigger(sentence)
        if trig is None:
            continue
        sent_places = [p for p in places if p.mention.sent_index == index]
        sent_mentions = [m for m in mentions if m.sent_index == index]
        sent_dates = [m for m in mentions if m.sent_index == index and m.kind == "date"]
        when = choose_date(article, sentence, s_start, trig, sent_dates)
        if when == "background":
            continue
        candidates = place_candidates(sentence, s_start, sent_mentions, sent_places, trig)
        where, precision = choose_place(sentence, s_start, candidates, trig)
        location = where.mention.text if where else ""
        if where is None:
            if ANAPHORIC.search(sentence[max(0, trig.start - 40) : trig.start]):
                continue  # "the strike" again, with no place: a comment on an event already listed
            if last_place is not None:
                # The sentence names no place: the article's last event place, flagged as less precise.
                where, precision, location = last_place[0], max(last_place[1], GEO_NEAR), last_place[2]
        else:
            last_place = (where, precision, location)
        roles = actor_roles(sentence, s_start, mentions, index, sent_places, where, names, demonyms)
        actor1, actor2, assoc1, assoc2 = roles
        day, t_prec, d_start, d_end, d_text = when  # type: ignore[misc]
        place = where.place if where else None
        deaths = fatalities.count(sentence)
        precision = precision if place else GEO_NONE
        confidence = _confidence(trig, t_prec, d_text, where, precision, roles, deaths)
        events.append(
            Event(
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
                evidence=" ".join(sentence.split()),
                start_char=s_start,
                end_char=s_end,
                country=names.get(place.country_code, place.country_code) if place else "",
                sub_event_type=taxonomy.sub_event_type(trig.event_type, sentence),
                assoc_actor_1=assoc1,
                assoc_actor_2=assoc2,
                fatalities=deaths[0] if deaths else None,
                fatalities_text=deaths[1] if deaths else "",
                confidence=confidence,
            )
        )
    return events


def choose_date(article: Article, sentence: str, s_start: int, trig: Trigger, sent_dates: list[Mention]):
    """(day, precision, start, end, text) of the event, or "background" for year-only history."""
    published = article.published
    best = None
    for m in sent_dates:
        rel = m.start_char - s_start
        before = sentence[max(0, rel - 40) : rel]
        if REFERENCE.search(before) and rel < trig.start:
            continue  # "In response to Monday's attacks": the date of another event
        resolved = dates.resolve(m.text, published, before=before)
        if resolved is None:
            if re.fullmatch(r"(?:in )?(?:the )?(?:\d{4})", m.text.strip()) and trig.start > rel - 80:
                year = int(m.text.strip()[-4:])
                if published and year < published.year:
                    return "background"
            continue
        if published and resolved.end < published - BACKGROUND_AGE:
            return "background"  # "compared it to 11 September 2001": history, not the report
        if re.search(r"\bsince\b", before) and rel < trig.start + 200:
            continue  # "since Russia's invasion began in February": the start of something else
        # The most precise date wins; among equals, the one nearest the trigger.
        rank = (resolved.precision, abs(rel - trig.start))
        if best is None or rank < best[0]:
            best = (rank, resolved, m.text)
    if best:
        _, r, text = best
        return r.day, r.precision, r.start, r.end, text
    if published is None:
        return None, TIME_UNDATED, None, None, ""
    return published, TIME_WEEK, published - dt.timedelta(days=6), published, ""


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
