"""Which spans of a sentence may be the event's place: its place mentions, plus the names that stand in a
place's slot although the model tagged them as a person or organisation ("in Kfar Darom", "captured
Badme") or found them inside an organisation's name ("at the Deir Ezzor Military Airport").

`components.events.place` chooses among these candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from components.events.place import NEAR, OF_LOCATIVE
from components.events.triggers import Trigger
from components.records import Mention, ResolvedMention

# Names of organisations and units: never an unknown place, whatever their context.
ORG_WORDS = re.compile(
    r"\b(?:army|forces|party|front|brigades?|battalions?|regiment|division|corps|group|"
    r"ministry|police|council|agency|news|committee|union|movement|organi[sz]ation|company|"
    r"corporation|bank|service|guards?|militias?|network|tv|television|radio|press|times|post|"
    r"daily|government|authority|commission|court|coalition|alliance|league|federation|"
    r"association|institute|foundation|fund|club|team|state|fleet|flotilla|squadron|command|islamic|"
    r"al-qaeda|taliban|"
    r"hamas|hezbollah|isis|isil|nusra|haram|jabhat|jaysh|harakat|ahrar|liwa)\b",
    re.I,
)


INSTITUTION = re.compile(
    r"\b(?:museum|university|college|school|academy|hospital|medical|cent(?:er|re)|clinic|"
    r"embassy|consulate|headquarters|office|exchange|conference|court|mosque|church|"
    r"cathedral|temple|shrine|hotel|supermarket|market|mall|bank|stadium|hall|building|"
    r"palace|house|prison|jail|station|restaurant|cafe|club|library|factory|plant|"
    r"company|nations|council|bureau|department)\b",
    re.I,
)


def place_candidates(
    sentence: str,
    s_start: int,
    mentions: Sequence[Mention],
    sent_places: Sequence[ResolvedMention],
    trig: Trigger | None = None,
) -> list[ResolvedMention]:
    """The sentence's place mentions plus the names in a place's slot that the model did not tag as places
    (`unknown_places`): every span `choose_place` may pick."""
    return [*sent_places, *unknown_places(sentence, s_start, mentions, sent_places, trig)]


# Verbs whose object is a place when it is one ("captured Badme", "stormed Najarah").
TAKE = re.compile(
    r"(?:enter|storm|captur|seiz|liberat|recaptur|overr[ua]n|besieg|shell|bomb|raid|invad|"
    r"occup|retak|retook|took|take)\w*",
    re.I,
)
OBJECT_SLOT = re.compile(r"\W*(?:the\s+)?(?:[a-z-]+\s+){0,2}")


def unknown_places(
    sentence: str,
    s_start: int,
    mentions: Sequence[Mention],
    sent_places: Sequence[ResolvedMention],
    trig: Trigger | None = None,
) -> list[ResolvedMention]:
    """Names the model tagged as a person or organisation, or place names inside an organisation's name,
    that stand where a place goes ("in Kfar Darom", "inside Kafr Sousah", "at the Deir Ezzor Military
    Airport", "in Abuja's conference centre", the object of the trigger "captured"/"stormed"): unresolved
    candidates for the event's place.

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
        if holder is m and (
            ORG_WORDS.search(m.text)
            or INSTITUTION.search(m.text)
            or POSSESSIVE.search(m.text)
            or ACRONYM.match(m.text)
        ):
            continue
        rel, rel_end = holder.start_char - s_start, holder.end_char - s_start
        before = sentence[max(0, rel - 45) : rel]
        obj = (  # the object of a verb of taking or striking: "captured Badme", "stormed the X Suburb"
            m.kind == "actor"
            and trig is not None
            and rel >= trig.end
            and TAKE.fullmatch(trig.word) is not None
            and OBJECT_SLOT.fullmatch(sentence[trig.end : rel]) is not None
        )
        if not (STRICT_LOCATIVE.search(before) or OF_LOCATIVE.search(before) or NEAR.search(before) or obj):
            continue
        if ACTOR_NOUN_AFTER.match(sentence[rel_end:]):
            continue
        out.append(ResolvedMention(m, None))
        taken.append((holder.start_char, holder.end_char))
    return out


# A locative right before a name: a preposition, optionally "the" and lower-case or "-held" adjectives.
STRICT_LOCATIVE = re.compile(
    r"\b(?i:in|at|on|over|inside|into|near|outside|around|towards?|through|across|"
    r"throughout|within|entered|entering|enter|like)\s+(?:the\s+)?"
    r"(?:(?!(?:which|whom|whose|that|least|most|order|addition|response|case|turn|return|"
    r"total|front)\s)(?:[a-z-]+|[\w-]+-(?:held|controlled|occupied|run))\s+){0,2}$"
)
POSSESSIVE = re.compile(r"['’]s?$")
ACRONYM = re.compile(r"^(?:the\s+)?[A-Z]{2,6}$")
DEMONYM_LIKE = re.compile(r"(?:ian|ean|can|ese|ish)$|^.{0,3}$")
# The name of a site or institution whose leading place name is where it is ("the Deir Ezzor Military
# Airport", "Minya University"); an embassy's country is elsewhere.
SITE_HOLDER = re.compile(r"\b(?:embassy|consulate|army|forces|front|party|ministry|movement|group)\b", re.I)
# A name followed by a word for people or their belongings is their affiliation ("SDF fighters", "a FARC
# stronghold", "the Fatah office"), not a place.
ACTOR_NOUN_AFTER = re.compile(
    r"^\s+(?:fighters|militants|troops|forces|soldiers|guerrillas|gunmen|rebels|"
    r"militiam[ae]n|members|supporters|pilgrims|officials?|police|company|office|van|"
    r"car|ships?|boats?|stronghold|compound|resorts?|leaders?|commanders?|group|"
    r"movement|party|government|regime|television|radio|reporters?|cameram[ae]n|"
    r"attacks?|assaults?|offensive|fighting|raids?|bombings?)\b",
    re.I,
)
