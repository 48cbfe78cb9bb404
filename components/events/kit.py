"""What the event extractor needs to know about a language: one `Kit` per language read.

`components.events.extract` is the same for every language: a sentence with a trigger becomes an event with
a date, a place, actors and a casualty count. What differs is how each of these is found in the words of the
sentence: the trigger scan and its non-event rules, the day expressions and their resolution, the place
cues, the actor names, the casualty counts, and the words that make a sentence more news of the last event.
`ENGLISH` is built here from the English modules; the Ukrainian and Russian kits in
`components.events.slavic`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from components.events import history, triggers
from components.events.candidates import place_candidates
from components.events.place import choose_place
from components.events.triggers import Trigger
from components.nlp import dates, fatalities, taxonomy
from components.nlp.actors import actor_roles
from components.nlp.dates import Found, ResolvedDate
from components.records import Mention, ResolvedMention

Count = tuple[int, str] | None  # a number of people and the words that state it
PlaceChoice = tuple[ResolvedMention | None, int]  # the event's place and its geo precision


@dataclass(frozen=True)
class Kit:
    """The language-specific parts of event extraction (see the module docstring)."""

    lang: str
    scan: Callable[[str], tuple[Trigger | None, str]]  # the trigger, or why the sentence is no event
    find_dates: Callable[[str], list[Found]]  # day expressions of a sentence (offsets in it)
    resolve_date: Callable[[str, dt.date | None, str], ResolvedDate | None]  # (text, published, before)
    approximate: Callable[[str, int, int], bool]  # is the day at start:end of the sentence hedged?
    deaths: Callable[[str], Count]
    injured: Callable[[str], Count]
    none_hurt: Callable[[str], bool]  # "no one was hurt"
    # (sentence, s_start, the sentence's mentions, its resolved places, trigger) -> place, precision
    place: Callable[[str, int, list[Mention], list[ResolvedMention], Trigger], PlaceChoice]
    # (sentence, s_start, mentions, sentence index, places, where, country names, demonyms) -> 4 actors
    roles: Callable[..., tuple[str, str, str, str]]
    sub_event_type: Callable[[str, str], str]  # (event type, sentence) -> ACLED sub-event type
    reference: re.Pattern[str]  # words before a date or trigger that point to an earlier event
    said: re.Pattern[str]  # a verb of saying right before a date: when the news was told
    since: re.Pattern[str]  # "since" before a date: the start of something else
    anaphoric: re.Pattern[str]  # a determiner right before the trigger: "the strike" told before
    follow_up: re.Pattern[str]  # a sentence that goes on about the last event ("The toll rose to five")
    again: re.Pattern[str]  # another event of the same kind ("renewed shelling")
    more: re.Pattern[str]  # more people than counted before ("another 5 were wounded")
    long_ago: Callable[[str, dt.date | None], bool]  # (sentence, published): "a year ago", "торік"
    period: Callable[[str], bool]  # "since the start of the year", "rebuilt the school": not one event
    month_tally: Callable[[str, str], bool]  # (sentence, month as written): "recorded 120 killed in October"
    later_death: Callable[[str, Trigger], bool]  # "wounded in the shelling ... died in hospital"
    one_died: Callable[[str], bool]  # a later death of one person told without a number
    happened: re.Pattern[str]  # "it happened on Saturday": when the last event took place


def english_place(
    sentence: str, s_start: int, mentions: Sequence[Mention], places: Sequence[ResolvedMention], trig
) -> PlaceChoice:
    """The English place choice: candidates from the sentence's mentions, then the cues of `place`."""
    return choose_place(sentence, s_start, place_candidates(sentence, s_start, mentions, places, trig), trig)


ENGLISH = Kit(
    lang="en",
    scan=triggers.scan,
    find_dates=dates.find,
    resolve_date=lambda text, published, before: dates.resolve(text, published, before=before),
    approximate=dates.approximate,
    deaths=fatalities.count,
    injured=fatalities.injured,
    none_hurt=fatalities.none_hurt,
    place=english_place,
    roles=actor_roles,
    sub_event_type=taxonomy.sub_event_type,
    reference=triggers.REFERENCE,
    said=re.compile(
        r"\b(?:said|says|reported|announced|told|stated|confirmed|claimed|wrote)\s+(?:on\s+)?$", re.I
    ),
    since=re.compile(r"\bsince\b"),
    anaphoric=re.compile(r"\b(?:the|this|that|these|those|its|their|\w+day['’]s)\s+(?:[\w-]+\s+)?$", re.I),
    follow_up=re.compile(
        r"^\W*(?:another|other|more(?! than)|further|the (?:death )?toll|casualties|"
        r"(?:the|its|their) (?:[\w-]+ )?"
        r"(?:mayor|governor|head|chief|police|officials?|authorities|administration|spokes\w+|prosecutors?)\b"
        r"[^.;]*?\b(?:said|says|reported|added|confirmed))\b",
        re.I,
    ),
    again=re.compile(r"\b(?:renewed|again|new|fresh|second|another|later|further)\b", re.I),
    more=re.compile(r"\b(?:another|more|other|further)\b", re.I),
    long_ago=lambda sentence, published: history.long_ago(sentence, "en", published),
    period=lambda sentence: history.over_a_period(sentence, "en") or history.rebuilding(sentence, "en"),
    month_tally=partial(history.month_tally, lang="en"),
    later_death=lambda sentence, trig: history.later_death(sentence, trig, "en"),
    one_died=lambda sentence: history.one_died(sentence, "en"),
    happened=history.HAPPENED["en"],
)
