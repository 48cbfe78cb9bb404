"""Mentions -> Event records: one event per sentence that reports something happening.

A sentence is an event when it holds a trigger word (strike, explosion, shelling, arrived, protest,
aid package, ...) that is not quoted speech, not future or hypothetical ("will deploy", "no plans to
launch") and not a back-reference to an earlier event ("in response to Monday's attacks"). The event
takes ACLED's type of its trigger, the date expression nearest the trigger (else the publication
date at week precision), the place where it happened (`components.events.place`: locative cues such as
"in the town of" beat places used as actors or destinations) and up to two actors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from components.events.place import (  # noqa: F401  (the place choice, re-exported for callers and tests)
    REFERENCE,
    _precision,
    choose_place,
    choose_place_span,
    place_candidates,
    unknown_places,
)
from components.nlp import dates, fatalities, taxonomy
from components.nlp.actors import ACTOR_VERB, FORCES_AFTER, LOCATIVE, actor_roles, actors  # noqa: F401
from components.records import (
    BATTLES,
    EXPLOSIONS,
    GEO_NEAR,
    GEO_NONE,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    TIME_UNDATED,
    TIME_WEEK,
    VIOLENCE_CIVILIANS,
    Article,
    Event,
    Mention,
    ResolvedMention,
)  # fmt: skip

# Trigger patterns (lower-case, word-bounded), most specific first within each type.
TRIGGERS: tuple[tuple[str, str], ...] = (
    (
        VIOLENCE_CIVILIANS,
        r"massacre[ds]?|executed|executions?|tortured|abducted|mass graves?|"
        r"killed civilians|bodies of (?:civilians|residents)",
    ),
    (RIOTS, r"riots?|rioters?|rioting|looting|mob"),
    (PROTESTS, r"protest(?:s|ed|ers|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|marched"),
    (
        EXPLOSIONS,
        r"explosions?|blasts?|exploded|explosives?|air ?strikes?|missile strikes?|"
        r"drone strikes?|strikes?|struck|shell(?:ing|ed|s)|bombard(?:ed|ment|ments)|"
        r"bomb(?:s|ed|ing|ings)?|rockets?|missiles?|drones?|artillery|mines?|landmines?|"
        r"hit|attack(?:s|ed)?|sank|sunk|sinking|destroyed|blew up|fire damage|fire missions|sorties",
    ),
    (
        BATTLES,
        r"fighting|fought|clash(?:es|ed)?|battles?|counter-?offensive|offensive|"
        r"recaptured|retook|recapture|captured|seized|liberated|took control|advanced|"
        r"repelled|assault(?:s|ed)?|encircled|withdrew|retreated|losing ground|"
        r"lost ground|pushed back|siege|counter-?attack(?:s|ed)?|breakthrough|defeated|thwart(?:s|ed)?|"
        r"violat(?:e|es|ed|ing|ions?) (?:the |a )?(?:ceasefire|truce)|(?:ceasefire|truce) (?:violations?|breach(?:es)?)",
    ),
    (
        STRATEGIC,
        r"aid package|military aid|military package|security assistance|arrived|arrival|"
        r"arrive|convoy|deployed|deployment|sanctions|summit|talks|meeting|agreement|"
        r"signed|deal|mobili[sz]ation|call-up|annex(?:ed|ation)|referend(?:um|a)|"
        r"evacuat(?:ed|ion|ions)|prisoner (?:swap|exchange)|exchanged|visited|inspection",
    ),
)
# Casualty words report an event of their own only when no other trigger types it ("Six soldiers killed
# in rebel ambush" is a battle by "ambush"; "Two soldiers killed in the east" is a battle by default;
# with civilians as the only victims it is violence against civilians).
CASUALTY = re.compile(r"\b(?:killed|kills|kill|killing|dead|died|dies|die|slain|shot|gunfire|gunbattle|"
                      r"firefight|shootout|ambush(?:ed)?|raid|mortars?|wounded|injured|casualt(?:y|ies)|"
                      r"death toll|perished|losses|eliminated|(?-i:KIA|WIA)|lost(?= (?:up to |more than |over |about |"
                      r"around |nearly |almost |at least )?\d))\b", re.IGNORECASE)  # fmt: skip
CIVILIAN_VICTIMS = re.compile(r"\b(civilians?|residents?|villagers?|journalists?|children|woman|women|man|"
                              r"teenager|boy|girl|pensioners?)\b", re.IGNORECASE)  # fmt: skip
ARMED = re.compile(r"\b(soldiers?|troops|servicem[ae]n|fighters|militiam[ae]n|militants?|rebels?|"
                   r"separatists?|army|forces|military|gunmen)\b", re.IGNORECASE)  # fmt: skip
TRIGGER_RES = tuple((etype, re.compile(rf"\b(?:{pat})\b", re.IGNORECASE)) for etype, pat in TRIGGERS)
# Weapon nouns are triggers only next to an action ("missile strikes", "the rocket hit"), not in a
# list of equipment ("Javelin anti-tank missiles") or in "clearing mines".
WEAPON = re.compile(r"^(?:rockets?|missiles?|drones?|artillery|mines?|landmines?|bombs?)$", re.I)
ACTION = re.compile(
    r"\b(hit|hits|struck|strikes?|fired|fire|launched|landed|fell|exploded|attacks?|"
    r"attacked|shot down|barrage|salvo)\b",
    re.I,
)
# A trigger right after a determiner in a sentence that names no place refers back to an event
# already reported ("President Zelensky called the strike an atrocity").
ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those|its|their|\w+day['’]s)\s+(?:[\w-]+\s+)?$", re.I)
# Words right after a trigger that make it future ("the call-up would be complete in two weeks").
FUTURE_AFTER = re.compile(r"^\W*(?:\w+\W+)?(?:will|would|could|might|may|is expected to|is due to)\b", re.I)
# Ground-combat words turn an "attack" into a battle.
GROUND = re.compile(r"\b(troops|soldiers|assault|clash|infantry|tanks?|ground forces|fighters)\b", re.I)
# Words shortly before a trigger that make it future, hypothetical or denied.
HYPOTHETICAL = re.compile(
    r"\b(will|would|could|might|may|shall|plans?|planned|planning|threaten(?:s|ed)?|intends?|"
    r"ready|prepared|fears?|risk|to|if|unless|no|not|never|promised|warned|vowed|aims?)\b\W*(\w+\W+){0,4}$",
    re.IGNORECASE,
)
# Triggers for which a modal does not matter (an announced package is itself the event).
ANNOUNCEMENTS = re.compile(r"aid package|military aid|military package|security assistance|sanctions")
QUOTE = re.compile(r"[“\"][^”\"]*[”\"]")
BACKGROUND_AGE = dt.timedelta(days=365)  # an event dated this long before its report is background


@dataclass(frozen=True)
class Trigger:
    event_type: str
    word: str
    start: int  # offsets within the sentence
    end: int


def find_trigger(sentence: str) -> Trigger | None:
    """The first trigger that is neither quoted, hypothetical nor a back-reference."""
    visible = QUOTE.sub(lambda m: " " * len(m.group(0)), sentence)
    found: list[Trigger] = []
    for etype, pattern in TRIGGER_RES:
        for m in pattern.finditer(visible):
            found.append(Trigger(etype, m.group(0), m.start(), m.end()))
    found.sort(key=lambda t: (t.start, -t.end))
    for trig in found:
        before = visible[max(0, trig.start - 60) : trig.start]
        if REFERENCE.search(before):
            continue
        if not ANNOUNCEMENTS.search(trig.word.lower()) and (
            HYPOTHETICAL.search(before) or FUTURE_AFTER.match(visible[trig.end : trig.end + 40])
        ):
            continue
        if WEAPON.match(trig.word) and not ACTION.search(
            visible[max(0, trig.start - 40) : trig.end + 40].replace(trig.word, " ")
        ):
            continue
        etype = trig.event_type
        if etype == EXPLOSIONS and trig.word.lower().startswith("attack") and GROUND.search(visible):
            etype = BATTLES
        return Trigger(etype, trig.word, trig.start, trig.end)
    for m in CASUALTY.finditer(visible):
        before = visible[max(0, m.start() - 60) : m.start()]
        if REFERENCE.search(before) or HYPOTHETICAL.search(before):
            continue
        civilian = CIVILIAN_VICTIMS.search(visible) and not ARMED.search(visible)
        return Trigger(VIOLENCE_CIVILIANS if civilian else BATTLES, m.group(0), m.start(), m.end())
    return None


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
                article_id=article.article_id, event_type=trig.event_type, event_date=day,
                time_precision=t_prec, date_start=d_start, date_end=d_end, date_text=d_text,
                actor1=actor1, actor2=actor2, place=place, geo_precision=precision,
                location=location, trigger=trig.word,
                evidence=" ".join(sentence.split()), start_char=s_start, end_char=s_end,
                country=names.get(place.country_code, place.country_code) if place else "",
                sub_event_type=taxonomy.sub_event_type(trig.event_type, sentence),
                assoc_actor_1=assoc1, assoc_actor_2=assoc2,
                fatalities=deaths[0] if deaths else None, fatalities_text=deaths[1] if deaths else "",
                confidence=confidence,
            )
        )  # fmt: skip
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
    return {
        "event_type": 0.8 if trig.word.lower() not in {"hit", "attack", "attacks", "attacked"} else 0.6,
        "event_date": {1: 0.9, 2: 0.6, 3: 0.4}.get(t_prec, 0.0) if d_text else (0.3 if t_prec else 0.0),
        "location": (0.0 if not located else {1: 0.85, 2: 0.5, 3: 0.4}.get(geo_prec, 0.3)
                     * min(1.0, 0.5 + max(where.score, 0.0) / 10)),
        "actors": 0.7 if roles[0] and roles[1] else (0.5 if roles[0] else 0.0),
        "fatalities": (0.8 if deaths and deaths[1][:1].isdigit() else 0.5) if deaths else 0.0,
    }  # fmt: skip
