"""Mentions -> Event records: one event per sentence that reports something happening.

A sentence is an event when it holds a trigger word (strike, explosion, shelling, arrived, protest,
aid package, ...) that is not quoted speech, not future or hypothetical ("will deploy", "no plans to
launch") and not a back-reference to an earlier event ("in response to Monday's attacks"). The event
takes ACLED's type of its trigger, the date expression nearest the trigger (else the publication
date at week precision), the place where it happened (locative cues such as "in the town of" beat
places used as actors or destinations) and up to two actors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from components import dates, fatalities, taxonomy
from components.actors import ACTOR_VERB, FORCES_AFTER, LOCATIVE, actor_roles, actors  # noqa: F401
from components.records import (
    BATTLES,
    EXPLOSIONS,
    GEO_NEAR,
    GEO_NONE,
    GEO_PLACE,
    GEO_REGION,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    TIME_UNDATED,
    TIME_WEEK,
    VIOLENCE_CIVILIANS,
    Article,
    Event,
    Mention,
    Place,
    ResolvedMention,
)  # fmt: skip

# Trigger patterns (lower-case, word-bounded), most specific first within each type.
TRIGGERS: tuple[tuple[str, str], ...] = (
    (VIOLENCE_CIVILIANS, r"massacre[ds]?|executed|executions?|tortured|abducted|mass graves?|"
                         r"killed civilians|bodies of (?:civilians|residents)"),
    (RIOTS, r"riots?|rioters?|rioting|looting|mob"),
    (PROTESTS, r"protest(?:s|ed|ers|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|marched"),
    (EXPLOSIONS, r"explosions?|blasts?|exploded|explosives?|air ?strikes?|missile strikes?|"
                 r"drone strikes?|strikes?|struck|shell(?:ing|ed|s)|bombard(?:ed|ment|ments)|"
                 r"bomb(?:s|ed|ing|ings)?|rockets?|missiles?|drones?|artillery|mines?|landmines?|"
                 r"hit|attack(?:s|ed)?|sank|sunk|sinking|destroyed|blew up|fire damage|fire missions|sorties"),
    (BATTLES, r"fighting|fought|clash(?:es|ed)?|battles?|counter-?offensive|offensive|"
              r"recaptured|retook|recapture|captured|seized|liberated|took control|advanced|"
              r"repelled|assault(?:s|ed)?|encircled|withdrew|retreated|losing ground|"
              r"lost ground|pushed back|siege|counter-?attack(?:s|ed)?|breakthrough|defeated|thwart(?:s|ed)?|"
              r"violat(?:e|es|ed|ing|ions?) (?:the |a )?(?:ceasefire|truce)|(?:ceasefire|truce) (?:violations?|breach(?:es)?)"),
    (STRATEGIC, r"aid package|military aid|military package|security assistance|arrived|arrival|"
                r"arrive|convoy|deployed|deployment|sanctions|summit|talks|meeting|agreement|"
                r"signed|deal|mobili[sz]ation|call-up|annex(?:ed|ation)|referend(?:um|a)|"
                r"evacuat(?:ed|ion|ions)|prisoner (?:swap|exchange)|exchanged|visited|inspection"),
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
ACTION = re.compile(r"\b(hit|hits|struck|strikes?|fired|fire|launched|landed|fell|exploded|attacks?|"
                    r"attacked|shot down|barrage|salvo)\b", re.I)
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
# Words shortly before a trigger that make it a reference to an earlier event, not the report.
REFERENCE = re.compile(
    r"\b(in response to|in retaliation for|after|following|since|like|blaming \w+ for|"
    r"responsibility for|revenge for|for the)\b\W*(\w+\W+){0,3}$",
    re.IGNORECASE,
)
# Triggers for which a modal does not matter (an announced package is itself the event).
ANNOUNCEMENTS = re.compile(r"aid package|military aid|military package|security assistance|sanctions")
QUOTE = re.compile(r"[“\"][^”\"]*[”\"]")
NEAR = re.compile(r"\b(near|outside|around|close to|north of|south of|east of|west of|"
                  r"outskirts of|on the outskirts of)\W*(?:the\W+)?$", re.IGNORECASE)
AWAY = re.compile(r"\b(from|to|against|towards?|blaming|accused|for|with|by)\W*(?:the\W+)?$", re.I)
# A locative phrase that ends in a part or settlement noun and "of": "in the insurgent bastion of X",
# "in the northeastern countryside of the X", "at the villages of X"; near-words make it "near" precision.
PLACE_NOUN = (r"parts?|sectors?|countryside|heart|cent(?:re|er)|middle|areas?|regions?|districts?|provinces?|"
              r"governorates?|towns?|cit(?:y|ies)|villages?|capital|port|bastion|stronghold|enclave|streets|"
              r"neighbou?rhoods?|quarters?|municipality|county|state|camp|settlements?|localit(?:y|ies)|"
              r"(?:north|south|east|west)(?:east|west)?(?:ern)?|suburbs?|outskirts|edges?|vicinity|environs")
OF_LOCATIVE = re.compile(rf"\b(?:in|at|inside|into|on|within|across|throughout|near|outside|around)\s+(?:the\s+|a\s+|an\s+)?"
                         rf"(?:[\w’'-]+\s+){{0,3}}?(?:{PLACE_NOUN})\s+of\s+(?:the\s+)?$", re.I)  # fmt: skip
NEAR_NOUN = re.compile(r"\b(?:near|outside|around|outskirts|edges?|vicinity|environs|suburbs?)\b", re.I)
# Verbs of movement towards a goal: their destination ("returned to X", "were dispatched to X") is where
# they happen. Verbs of leaving (withdrew, fled, evacuated) keep "from X" as their place.
MOTION = re.compile(r"(?:return|move|march|dispatch|deploy|redeploy|travel|head|walk|sail|advance|push|"
                    r"rush|ship|airlift|transfer|arrive)(?:s|d|ed|ing|red|ring)?|"
                    r"fly|flies|flew|flown|flying|send|sends|sent|sending|go|goes|went|gone|going|run|ran|runs|"
                    r"running|drive|drives|drove|driven|driving", re.I)  # fmt: skip
DESTINATION_GAP = re.compile(r"^\W*(?:[\w-]+\W+){0,3}?(?:to|into|towards?)\W+(?:the\W+)?$", re.I)
# A place name that qualifies an actor, institution or event names who acts or what is discussed, not
# where ("the Moscow talks", "the Kabul government", "a Kherson official", "Turkey-backed rebels",
# "the US embassy").
MOD_W = 1.5
MODIFIER_AFTER = re.compile(
    r"^(?:-(?:based|backed|affiliated|led|allied|held|controlled|sponsored|supported|born)\b|['’]?\s+(?:[a-z-]+\s+)?"
    r"(?:government|regime|authorities|administration|officials?|leaders?|leadership|president|governor|mayor|"
    r"minister|ministry|spokes(?:man|woman|person)|sources?|media|news|agency|press|"
    r"militants|gunmen|rebels|fighters|talks|summit|agreement|accord|deal|negotiations|"
    r"meeting|conference|war|invasion|offensive|campaign|embassy|consulate|delegation|envoy|ambassador|"
    r"parliament|court|prosecutors?|diplomats?|counterparts?|allies|nationals?|citizens?|team|club)\b)")  # fmt: skip
BACKGROUND_AGE = dt.timedelta(days=365)  # an event dated this long before its report is background
REGION_CODES = {"PCLI", "PCLD", "PCLS", "PCLF", "PCL", "ADM1", "ADM2", "ADM3", "RGN", "TERR"}


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
        candidates = place_candidates(sentence, s_start, sent_mentions, sent_places)
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


# Two places joined by these words name one location, the second containing the first ("in Jafa, near
# Sere Kaniye", "the Zaafaraniyah district of Baghdad", "Kharkiv, Ukraine"): the first is the event's place.
CONTAINED_BY = re.compile(
    r"^(?:\s*,\s*(?:(?:in|near|outside)\s+)?|\s+(?:in|of|near|outside)\s+|"
    r"\s+(?:district|region|province|governorate|area|neighbou?rhood|countryside|suburbs?|village|town|city|"
    r"oblast|county|state|camp|quarter)\s+(?:of|in|near)\s+)(?:the\s+)?(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)  # fmt: skip
# "the Donbas village of Pisky": a settlement noun between two places names the second one, which
# the first contains; after a part noun ("the Ukraine province of Kherson", "the Korabel district of
# Kherson") the smaller of the two places is the inner one.
NAMED_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:village|town|city|settlement|camp|capital|port|"
                         r"hamlet)\s+of\s+(?:the\s+)?$", re.I)  # fmt: skip
PART_OF = re.compile(r"^['’]?s?\s+(?:[\w-]+\s+)?(?:district|region|province|governorate|area|neighbou?rhood|"
                     r"quarter|suburbs?|state|county|oblast)\s+of\s+(?:the\s+)?$", re.I)  # fmt: skip
# "Mogadishu's Yaqshid district", "Baghdad's Green Zone": the possessor contains the place after it.
CONTAINS = re.compile(r"^['’]s\s+(?:(?!(?:to|and|or|for|with|against|from|by|but)\s)[\w-]+,?\s+){0,4}$", re.I)
# The place is what the trigger acts on: its object right after it ("captured Tiger Hill", "patrolled
# the streets of Al-Qamishli", "bombed a Gaza City neighborhood") or its passive subject before it
# ("Eastern Slavonia ... was captured").
OBJECT_GAP = re.compile(r"^\W*(?:(?:off|into|inside|through|across|along|on|at|upon|over|in|the|a|an|of|"
                        r"several|parts|areas?|streets|outskirts|cities|city|towns?|villages?|"
                        r"district|positions|farms|[\w-]+ly)\W+){0,4}$", re.I)  # fmt: skip
PASSIVE_GAP = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:[\w-]+ly\s+)?$", re.I)
CLAUSE_BREAK = re.compile(r"[;:]|\s[-–—]\s|,\s*(?:which|who|while|whereas|but|and)\b", re.IGNORECASE)


def choose_place(sentence: str, s_start: int, sent_places: list[ResolvedMention], trig: Trigger):
    """The place where the event happened and its geo precision, or (None, GEO_NONE).

    The span is chosen by `choose_place_span` among every place mention of the sentence. When that
    mention did not resolve to a gazetteer place (a village the gazetteer lacks), the best resolved
    place of the sentence stands in for it at no better than "near" precision.
    """
    scored = _score_places(sentence, s_start, sent_places, trig)
    if not scored:
        return None, GEO_NONE
    best = scored[0]
    if best[1].place is not None:
        return best[1], best[2]
    resolved = [s for s in scored if s[1].place is not None]
    if not resolved:
        return None, GEO_NONE
    return resolved[0][1], max(resolved[0][2], GEO_NEAR)


# Names of organisations and units: never an unknown place, whatever their context.
ORG_WORDS = re.compile(r"\b(?:army|forces|party|front|brigades?|battalions?|regiment|division|corps|group|"
                       r"ministry|police|council|agency|news|committee|union|movement|organi[sz]ation|company|"
                       r"corporation|bank|service|guards?|militias?|network|tv|television|radio|press|times|post|"
                       r"daily|government|authority|commission|court|coalition|alliance|league|federation|"
                       r"association|institute|foundation|fund|club|team|state|islamic|al-qaeda|taliban|"
                       r"hamas|hezbollah|isis|isil|nusra|haram|jabhat|jaysh|harakat|ahrar|liwa)\b", re.I)  # fmt: skip


INSTITUTION = re.compile(r"\b(?:museum|university|college|school|academy|hospital|medical|cent(?:er|re)|clinic|"
                         r"embassy|consulate|headquarters|office|exchange|conference|court|mosque|church|"
                         r"cathedral|temple|shrine|hotel|supermarket|market|mall|bank|stadium|hall|building|"
                         r"palace|house|prison|jail|station|restaurant|cafe|club|library|factory|plant|"
                         r"company|nations|council|bureau|department)\b", re.I)  # fmt: skip


def place_candidates(
    sentence: str, s_start: int, mentions: Sequence[Mention], sent_places: Sequence[ResolvedMention]
) -> list[ResolvedMention]:
    """The sentence's place mentions plus the names in a place's slot that the model did not tag as places
    (`unknown_places`): every span `choose_place` may pick."""
    return [*sent_places, *unknown_places(sentence, s_start, mentions, sent_places)]


def unknown_places(
    sentence: str, s_start: int, mentions: Sequence[Mention], sent_places: Sequence[ResolvedMention]
) -> list[ResolvedMention]:
    """Names the model tagged as a person or organisation, or place names inside an organisation's name,
    that stand where a place goes ("in Kfar Darom", "inside Kafr Sousah", "at the Deir Ezzor Military
    Airport", "in Abuja's conference centre"): unresolved candidates for the event's place.

    `mentions` are the sentence's mentions (all kinds). Left out: names of units, organisations and
    institutions (army, front, ministry, embassy, ...), possessives, and names that qualify a common noun
    ("a FARC stronghold", "the Sinai resorts")."""
    taken = [(p.mention.start_char, p.mention.end_char) for p in sent_places]
    actors_ = [m for m in mentions if m.kind == "actor" and m.label != "NORP"]
    out: list[ResolvedMention] = []
    for m in (*[m for m in mentions if m.kind == "embedded"], *actors_):
        if any(m.start_char < e and s < m.end_char for s, e in taken):
            continue
        holder = next((a for a in actors_ if a.start_char <= m.start_char and m.end_char <= a.end_char), m)
        if holder is not m and (SITE_HOLDER.search(holder.text) or DEMONYM_LIKE.search(m.text)):
            continue  # "the Jordanian Embassy", "the Syrian Arab Army"
        if holder is m and (ORG_WORDS.search(m.text) or INSTITUTION.search(m.text) or POSSESSIVE.search(m.text)
                            or ACRONYM.match(m.text)):  # fmt: skip
            continue
        rel, rel_end = holder.start_char - s_start, holder.end_char - s_start
        before = sentence[max(0, rel - 45) : rel]
        if not (STRICT_LOCATIVE.search(before) or OF_LOCATIVE.search(before) or NEAR.search(before)):
            continue
        if ACTOR_NOUN_AFTER.match(sentence[rel_end:]):
            continue
        out.append(ResolvedMention(m, None))
        taken.append((holder.start_char, holder.end_char))
    return out


# A locative right before a name: a preposition, optionally "the" and lower-case or "-held" adjectives.
STRICT_LOCATIVE = re.compile(r"\b(?i:in|at|on|over|inside|into|near|outside|around|towards?|through|across|"
                             r"throughout|within|entered|entering|enter|like)\s+(?:the\s+)?"
                             r"(?:(?!(?:which|whom|whose|that|least|most|order|addition|response|case|turn|return|"
                             r"total|front)\s)(?:[a-z-]+|[\w-]+-(?:held|controlled|occupied|run))\s+){0,2}$")  # fmt: skip
POSSESSIVE = re.compile(r"['’]s?$")
ACRONYM = re.compile(r"^(?:the\s+)?[A-Z]{2,6}$")
DEMONYM_LIKE = re.compile(r"(?:ian|ean|can|ese|ish)$|^.{0,3}$")
# The name of a site or institution whose leading place name is where it is ("the Deir Ezzor Military
# Airport", "Minya University"); an embassy's country is elsewhere.
SITE_HOLDER = re.compile(r"\b(?:embassy|consulate|army|forces|front|party|ministry|movement|group)\b", re.I)
# A name followed by a word for people or their belongings is their affiliation ("SDF fighters", "a FARC
# stronghold", "the Fatah office"), not a place.
ACTOR_NOUN_AFTER = re.compile(r"^\s+(?:fighters|militants|troops|forces|soldiers|guerrillas|gunmen|rebels|"
                              r"militiam[ae]n|members|supporters|pilgrims|officials?|police|company|office|van|"
                              r"car|ships?|boats?|stronghold|compound|resorts?|leaders?|commanders?|group|"
                              r"movement|party|government|regime|television|radio|reporters?|cameram[ae]n|"
                              r"attacks?|assaults?|offensive|fighting|raids?|bombings?)\b",
                              re.I)  # fmt: skip


def choose_place_span(sentence: str, s_start: int, sent_places: list[ResolvedMention], trig: Trigger):
    """The place mention that names where the event happened (resolved or not) and its precision."""
    scored = _score_places(sentence, s_start, sent_places, trig)
    return (scored[0][1], scored[0][2]) if scored else (None, GEO_NONE)


PLACE_BONUS = 1.5


def _score_places(
    sentence: str, s_start: int, sent_places: list[ResolvedMention], trig: Trigger
) -> list[tuple[float, ResolvedMention, int]]:
    """Every place mention of the sentence with its score as the event's place, best first.

    Cues: a locative before it ("in the town of", "in the eastern countryside of"), "near", the
    destination of a movement ("returned to X"); against: an origin, destination, agent or actor ("from",
    "to", "against", "by", "Moscow said"), a back-reference ("since the Tel Aviv bombing"), a comma
    between it and the trigger (another clause; less for a fronted "In X, ..."); a place that only
    contains another one ("Kharkiv, Ukraine"; "Mogadishu's Yaqshid district") passes its cue on to the
    contained place; landmarks beat towns, towns beat regions; nearer the trigger wins ties.
    """
    mentions = sorted(sent_places, key=lambda rm: rm.mention.start_char)
    spans = [(rm.mention.start_char - s_start, rm.mention.end_char - s_start) for rm in mentions]
    motion = bool(MOTION.fullmatch(trig.word))
    cue = [0.0] * len(mentions)
    penalty = [0.0] * len(mentions)
    near = [False] * len(mentions)
    for i in range(len(mentions)):
        rel, rel_end = spans[i]
        before = sentence[max(0, rel - 45) : rel]
        if LOCATIVE.search(before):
            cue[i] = 3.0
        if NEAR.search(before):
            cue[i], near[i] = max(cue[i], 2.5), True
        elif (m := OF_LOCATIVE.search(before)) and not cue[i]:
            is_near = bool(NEAR_NOUN.search(m.group(0)))
            cue[i], near[i] = (2.5 if is_near else 3.0), is_near
        if motion and rel >= trig.end and DESTINATION_GAP.match(sentence[trig.end : rel]):
            cue[i] = max(cue[i], 2.5)  # "returned to New Orleans": a movement happens where it ends
        elif AWAY.search(before):
            penalty[i] -= 2
        if REFERENCE.search(sentence[max(0, rel - 30) : rel]) and not cue[i]:
            penalty[i] -= 1.5
        if ACTOR_VERB.match(sentence[rel_end:]):
            penalty[i] -= 1.5
        if MODIFIER_AFTER.match(sentence[rel_end:]) and not cue[i]:
            penalty[i] -= MOD_W  # "the Moscow talks", "a Kherson official": the name qualifies a noun
        if FORCES_AFTER.match(sentence[rel_end:]):
            penalty[i] -= 3  # "in Kiev forces' shelling": Kiev names the shooter, not the place
        if rel >= trig.end and OBJECT_GAP.match(sentence[trig.end : rel]):
            cue[i] = max(cue[i], 2.5)
        elif rel_end <= trig.start and PASSIVE_GAP.search(gap := sentence[rel_end : trig.start]) and (
            "," not in gap and not CLAUSE_BREAK.search(gap)
        ):
            cue[i] = max(cue[i], 2.0)
    for i in range(len(mentions) - 1):
        gap = sentence[spans[i][1] : spans[i + 1][0]]
        if mentions[i].mention.text[-2:] in {"'s", "’s"}:
            gap = mentions[i].mention.text[-2:] + gap  # the model kept the possessive in the name
        if NAMED_AFTER.match(gap) or (PART_OF.match(gap) and _smaller(mentions[i + 1], mentions[i])):
            inner, outer = i + 1, i  # "the Donbas village of Pisky", "the Ukraine province of Kherson"
        elif CONTAINED_BY.match(gap):
            inner, outer = i, i + 1
        elif CONTAINS.match(gap):
            inner, outer = i + 1, i
        else:
            continue
        cue[inner] = max(cue[inner], cue[outer])
        near[inner] = near[inner] or near[outer]
        penalty[outer] -= 3
    scored = []
    for i, rm in enumerate(mentions):
        rel = spans[i][0]
        precision = _precision(rm.place) if rm.place is not None else GEO_PLACE
        if near[i]:
            precision = max(precision, GEO_NEAR)
        score = cue[i] + penalty[i]
        if rm.place is not None and rm.place.feature_class in {"S", "T"}:
            score += 2  # a landmark is the most precise place a sentence can name
        if precision == GEO_PLACE:
            score += 0.5
        if rm.place is None:
            score -= 0.25  # an unknown name: usually a small place, but possibly not a place at all
        lo, hi = sorted((rel, trig.start))
        if CLAUSE_BREAK.search(sentence[lo:hi]):
            score -= 0.5
        score -= _comma_between(sentence, rel, trig.start, lo, hi)
        score -= abs(rel - trig.start) / 100  # nearer the trigger wins ties
        scored.append((score, -i, rm, precision))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [(score, rm, precision) for score, _, rm, precision in scored]


# A sentence that opens with a prepositional phrase ("In Nicosia, ...", "Also in Mosul, ..."): the
# phrase tells where the main clause's event happened, so its comma does not separate it from the verb.
FRONTED_W = 0.75
FRONTED_PP = re.compile(r"^\W*(?:(?:also|elsewhere|meanwhile|and|but|later|earlier)\W+)?"
                        r"(?:in|at|on|near|outside|inside|across|throughout|around|"
                        r"during)\b[^,;:()–—]*$", re.I)  # fmt: skip
# Commas that do not end a clause: "the capital, Sanaa", "Kharkiv, Ukraine" (checked separately).
APPOSITION = re.compile(r"\b(?:capital|city|town|village|province|region|district)\s*,\s*", re.I)


def _comma_between(sentence: str, rel: int, trig_start: int, lo: int, hi: int) -> float:
    """Penalty for a comma between the place at `rel` and the trigger: the place is in another clause
    (a fronted phrase's comma counts less: it sets the scene for the main clause)."""
    gap = APPOSITION.sub(" ", sentence[lo:hi])
    if "," not in gap:
        return 0.0
    if rel < trig_start and FRONTED_PP.match(sentence[:rel]):
        return FRONTED_W
    return 1.5


def _smaller(a: ResolvedMention, b: ResolvedMention) -> bool:
    """Is place `a` more local than place `b` (a town in a region, an unknown name in a known city)?"""
    if a.place is None or b.place is None:
        return a.place is None and b.place is not None
    if (_precision(a.place) == GEO_REGION) != (_precision(b.place) == GEO_REGION):
        return _precision(b.place) == GEO_REGION
    return a.place.population < b.place.population


def _precision(place: Place) -> int:
    if place.feature_class == "A" or place.feature_code in REGION_CODES:
        return GEO_REGION
    return GEO_PLACE


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
