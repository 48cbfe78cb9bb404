"""ACLED's event taxonomy (6 event types, 25 sub-event types) and how a sentence picks its sub-type.

The type/sub-type names follow ACLED's codebook so exports line up with ACLED data; the keyword cues
that choose a sub-type are this project's own. Every type has a default sub-type used when no cue
matches (the most common one for news reports of that type).
"""

from __future__ import annotations

import re

from components.records import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VIOLENCE_CIVILIANS

# type -> its sub-types, the default (fallback) first.
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: (
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    VIOLENCE_CIVILIANS: ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: (
        "Other",
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
    ),
}
ALL_SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in SUB_EVENT_TYPES.values() for s in subs)

# (type, sub-type, cue) — the first cue found in the sentence wins; checked in this order.
_CUES: tuple[tuple[str, str, str], ...] = (
    (BATTLES, "Government regains territory", r"recaptur\w*|retook|retake|liberat\w*|regain\w*"),
    (
        BATTLES,
        "Non-state actor overtakes territory",
        r"(?:rebels?|separatists?|militants?|insurgents?)\W+(?:\w+\W+){0,3}(?:seized|captured|took control)",
    ),
    (EXPLOSIONS, "Chemical weapon", r"chemical|chlorine|sarin|tear gas grenades?"),
    (EXPLOSIONS, "Suicide bomb", r"suicide"),
    (
        EXPLOSIONS,
        "Air/drone strike",
        r"air ?strikes?|airstrikes?|drones?|kamikaze|shahed|air raids?|"
        r"warplanes?|jets?|bomb(?:ed|ing|ings|ers?)\b|helicopters?",
    ),
    (
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        r"(?:land)?mines?|ied|improvised explosive|car bomb|truck bomb|explosive device|booby",
    ),
    (EXPLOSIONS, "Grenade", r"grenades?"),
    (VIOLENCE_CIVILIANS, "Sexual violence", r"rap(?:e|ed|es)|sexual"),
    (
        VIOLENCE_CIVILIANS,
        "Abduction/forced disappearance",
        r"abduct\w*|kidnap\w*|disappear\w*|deport\w*|taken hostage",
    ),
    (
        PROTESTS,
        "Excessive force against protesters",
        r"(?:shot|killed|opened fire on)\W+(?:\w+\W+){0,2}protesters",
    ),
    (PROTESTS, "Protest with intervention", r"detain\w*|arrest\w*|dispers\w*|tear gas|police"),
    (RIOTS, "Mob violence", r"\bmob\b|lynch\w*|vigilante"),
    (STRATEGIC, "Arrests", r"arrest\w*|detain\w*"),
    (STRATEGIC, "Agreement", r"agreement|signed|deal|ceasefire|truce|prisoner (?:swap|exchange)|exchanged"),
    (STRATEGIC, "Looting/property destruction", r"loot\w*|plunder\w*|set (?:on )?fire|torched"),
    (STRATEGIC, "Disrupted weapons use", r"shot down|intercept\w*|defus\w*|demin\w*|seized weapons"),
    (STRATEGIC, "Headquarters or base established", r"base established|set up (?:a )?(?:base|headquarters)"),
    (STRATEGIC, "Non-violent transfer of territory", r"withdr[ae]w\w*|handed over|annex\w*"),
    (
        STRATEGIC,
        "Change to group/activity",
        r"mobili[sz]\w*|call-up|deploy\w*|arrived|convoy|sanctions|aid package|military aid|referend\w*",
    ),
)
_CUE_RES = tuple((t, s, re.compile(rf"\b(?:{c})", re.IGNORECASE)) for t, s, c in _CUES)


def sub_event_type(event_type: str, sentence: str) -> str:
    """The ACLED sub-event type of an event of `event_type` reported by `sentence`."""
    if event_type not in SUB_EVENT_TYPES:
        return ""
    for etype, sub, pattern in _CUE_RES:
        if etype == event_type and pattern.search(sentence):
            return sub
    return SUB_EVENT_TYPES[event_type][0]


def event_type_of(sub_type: str) -> str:
    """The event type a sub-event type belongs to ("" when unknown)."""
    for etype, subs in SUB_EVENT_TYPES.items():
        if sub_type in subs:
            return etype
    return ""
