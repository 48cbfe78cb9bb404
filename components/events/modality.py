"""Is a trigger word a report of something that happened? The English filters around a trigger.

A trigger word does not report an event when its sentence opens with a condition ("If the enemy keeps
massing forces near X, ..."), accuses someone of an intent, tells of no attack (a controlled detonation,
mine clearance, an alert without strikes), commemorates, describes a trend, updates a casualty count, is
denied ("denied claims that ... were encircled"), or stands after a modal, a plan or a forecast ("will",
"could", "plans to", "officials expect") or before one ("fighting is expected to intensify").
`why_not_reported` says which, or "" for a report; `triggers.scan` asks it for every trigger word.
"""

from __future__ import annotations

import re

# Weapon nouns are triggers only next to an action ("missile strikes", "the rocket hit"), not in a
# list of equipment ("Javelin anti-tank missiles") or in "clearing mines".
# "The death toll ... has risen to seven": a new count of an event already told.
TOLL_UPDATE = re.compile(
    r"\b(?:death\s+)?toll\b[^.;]{0,80}?\b(?:rose|risen|rises|climbed|increased|grew|reached|jumped|revised)\b|"
    r"\b(?:number\s+of\s+(?:dead|deaths|victims|injured|wounded))\b[^.;]{0,80}?\b(?:rose|risen|climbed|"
    r"increased|grew|reached|revised|raised|updated)\b|"
    r"\b(?:bringing|raising|taking|pushing)\s+the\s+(?:death\s+)?(?:toll|number\s+(?:of\s+)?(?:people\s+)?(?:killed|dead|deaths|victims|"
    r"injured|wounded))\b",
    re.I,
)
KILLED_IN = re.compile(r"\b(?:killed|injured|wounded|dead|died)\s+(?:in|by|during)\s+(?:\S+\s+){0,4}$", re.I)
# "The night passed without shelling", "a day without explosions": the trigger is what did not happen.
WITHOUT = re.compile(r"\bwithout\s+(?:any\s+)?$", re.I)
# "a brigade commander fighting near X said ...": the fighting describes the speaker, the report is his word.
SPEAKER_FIGHTING = re.compile(
    r"\b(?:commanders?|soldiers?|officers?|servicem[ae]n|fighters|volunteers|medics?|brigades?|units?|"
    r"battalions?|men|women|who\s+(?:is|are|was|were))\s+$",
    re.I,
)
ACCUSED_OF_INTENT = re.compile(
    r"\baccus\w*\b[^.;]{0,60}?\bof\s+(?:preparing|planning|plotting|intending|seeking|staging|"
    r"wanting)\b|\bprovocation\b",
    re.I,
)
NOT_AN_ATTACK = re.compile(
    r"\bcontrolled\s+(?:detonations?|explosions?|blasts?)|\bplanned\s+(?:detonations?|explosions?)|"
    r"\b(?:mine\s+clearance|demining|de-mining)\b|"
    r"\balert\b[^.]*?\bno\s+(?:strikes|hits|explosions|impacts|damage|attacks?)\s+(?:were|was)\s+"
    r"(?:recorded|reported|registered)|\bthere\s+was\s+no\s+(?:attack|strike|shelling)\b",
    re.I,
)
MEMORIAL = re.compile(
    r"\bmemorial\s+(?:service|ceremony|event)|\b(?:held|hold|holds)\s+a\s+(?:vigil|memorial)|"
    r"\bcommemorat\w+",
    re.I,
)
TREND = re.compile(
    r"\bas\s+(?:the\s+)?(?:russian\s+)?(?:shelling|attacks|strikes|fighting|bombardments?)\s+"
    r"(?:intensif|increas|escalat|grow|continu|mount)\w*",
    re.I,
)
# "Information on casualties is being clarified": nobody is counted yet.
PENDING = re.compile(
    r"\b(?:casualties|victims|the number of (?:dead|victims|casualties|injured)|information on (?:the )?"
    r"(?:casualties|victims|injured|dead))\s+(?:is|are)\s+(?:still\s+)?being\s+"
    r"(?:clarified|established|determined|counted|verified|confirmed|updated|specified)",
    re.I,
)
# A sentence that opens with a condition reports nothing: "If the enemy keeps massing forces near X, an
# assault on Y is possible".
CONDITIONAL = re.compile(r"^\W*(?:if|unless|should\s+(?:the|a|an|russia|ukraine|\w+\s+forces))\b", re.I)
COMMEMORATION = re.compile(
    r"\b(?:commemorat\w+|mourn\w*|paid\s+tribute\s+to|pay\s+tribute\s+to|honou?r(?:ed|s|ing)?\s+the\s+"
    r"memory\s+of|laid\s+flowers|minute\s+of\s+silence|memorial\s+(?:service|ceremony)\s+for)\b",
    re.I,
)
# Words right after a trigger that make it future ("the call-up would be complete in two weeks", "fighting
# around X is expected to intensify") or deny it ("damage was not disclosed").
FUTURE_AFTER = re.compile(
    r"^\W*(?:[\w-]+\W+){0,3}?"
    r"(?:will|would|could|might|may|(?:is|are) (?:expected|likely|due|set|about) to)\b|"
    r"^\s+(?:was|were|has|have|had|is|are|did)\s+(?:not|never)\b",
    re.I,
)
NEGATED_AFTER = re.compile(r"^\s+(?:was|were|has|have|had|is|are|did)\s+(?:not|never)\b", re.I)
# Words shortly before a trigger that make it future, hypothetical, forecast or denied.
HYPOTHETICAL = re.compile(
    r"\b(will|would|could|might|may|shall|should|plans?|planned|planning|threaten(?:s|ed)?|intends?|"
    r"ready|prepared|preparing|prepares?|fears?|feared|risk|to|if|unless|no|not|never|promised|warned|"
    r"vowed|aims?|expects?|expected|expecting|anticipat\w+|predict\w*|forecast\w*|likely|unlikely|"
    r"possible|potential|poised|hopes?|discuss\w*|consider\w*|weigh\w*|next|upcoming|coming|future)\b"
    r"\W*(\w+\W+){0,4}$",
    re.IGNORECASE,
)
# "to" is no modal after a verb of trying ("tried to break through": an attempt happened) or a cause
# ("killed due to shelling").
ATTEMPT = re.compile(
    r"\b(?:tried|attempted|attempting|trying|sought|managed|continued|due|owing|thanks)\s+(?:[\w-]+\s+){0,3}?"
    r"to\W*$",
    re.I,
)
# "claimed to have entered X": a perfect infinitive tells of something done, not planned.
PERFECT = re.compile(r"\bto\s+have\s+(?:been\s+)?(?:[\w-]+ly\s+)?$", re.I)
PLACE_TO = re.compile(r"\b(?:next|close|adjacent|near|prior|according)\s+to\s+(?:[\w’'-]+\W+){0,4}$", re.I)
MONTH_MAY = re.compile(r"\d\s+May\b|\bMay\s+\d")
# Modals that still leave an announced package or sanction the event ("would send ... a new aid package").
FIRM = {"will", "would", "to"}
# A denial before the trigger: "Kyiv denied Russian claims that its troops had been encircled".
DENIED = re.compile(
    r"\b(?:denied|denies|deny|dismissed|rejected|refuted)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:that|claims?|reports?|allegations?|rumou?rs?)\b[^.;]*$",
    re.I,
)
# Triggers for which a modal does not matter (an announced package is itself the event).
ANNOUNCEMENTS = re.compile(r"aid package|military aid|military package|security assistance|sanctions")


def why_not_reported(visible: str, start: int, end: int, word: str, *, casualty: bool = False) -> str:
    """Why the trigger at start:end is not a report ("hypothetical", "future", "denied"), or ""."""
    before = visible[max(0, start - 60) : start]
    if CONDITIONAL.match(visible):
        return "hypothetical or forecast (conditional)"
    if ACCUSED_OF_INTENT.search(visible):
        return "accusation of intent"
    if NOT_AN_ATTACK.search(visible):
        return "no attack (controlled detonation, mine clearance, an alert without strikes)"
    if MEMORIAL.search(visible):
        return "back-reference: commemoration"
    if TREND.search(visible[max(0, start - 30) : end + 40]):
        return "a trend, not an event"
    if TOLL_UPDATE.search(visible) and KILLED_IN.search(before):
        return "back-reference: casualty count update"
    if COMMEMORATION.search(visible[max(0, start - 80) : start]):
        return "back-reference: commemoration"
    if DENIED.search(visible[max(0, start - 120) : start]):
        return "denied"
    if WITHOUT.search(before):
        return "negated (without)"
    if word.lower() == "fighting" and SPEAKER_FIGHTING.search(before):
        return "describes who speaks, not an event"
    hypo = HYPOTHETICAL.search(before)
    if hypo and hypo.group(1).lower() == "to" and (ATTEMPT.search(before) or PERFECT.search(before)):
        hypo = None
    if hypo and hypo.group(1).lower() in ("to", "next") and PLACE_TO.search(before):
        hypo = None  # "next to their destroyed home", "close to the shelled bridge": a place, not a plan
    if hypo and hypo.group(1) == "May" and MONTH_MAY.search(before):
        hypo = None  # "On 1 May 2024, a missile strike": the month
    if hypo and ANNOUNCEMENTS.search(word.lower()) and hypo.group(1).lower() in FIRM:
        hypo = None
    if hypo:
        return f"hypothetical or forecast ({hypo.group(1).lower()})"
    after = FUTURE_AFTER.match(visible[end : end + 40])
    if after and not (casualty and not NEGATED_AFTER.match(visible[end : end + 40])):
        # a modal after a casualty word hedges the count ("the death toll may be higher"), not the deaths
        return "future or negated"
    return ""
