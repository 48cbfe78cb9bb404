"""Which words make a sentence report an event: the trigger patterns and the filters around them.

A trigger word (strike, explosion, shelling, arrived, protest, aid package, ...) gives ACLED's event
type; it does not count when it is quoted speech, future or hypothetical ("will deploy", "no plans to
launch") or a back-reference to an earlier event ("in response to Monday's attacks"). Casualty words
("killed", "wounded") report an event only when no other trigger types the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.records import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VIOLENCE_CIVILIANS

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
        r"violat(?:e|es|ed|ing|ions?) (?:the |a )?(?:ceasefire|truce)|"
        r"(?:ceasefire|truce) (?:violations?|breach(?:es)?)",
    ),
    (
        STRATEGIC,
        r"aid package|military aid|military package|security assistance|arrived|arrival|"
        r"arrive|convoy|deployed|deployment|sanctions|summit|talks|meeting|agreement|"
        r"signed|deal|mobili[sz]ation|call-up|annex(?:ed|ation)|referend(?:um|a)|"
        r"evacuat(?:ed|ion|ions)|prisoner (?:swap|exchange)|exchanged|visited|inspection",
    ),
)
TRIGGER_RES = tuple((etype, re.compile(rf"\b(?:{pat})\b", re.IGNORECASE)) for etype, pat in TRIGGERS)
# Casualty words report an event of their own only when no other trigger types it ("Six soldiers killed
# in rebel ambush" is a battle by "ambush"; "Two soldiers killed in the east" is a battle by default;
# with civilians as the only victims it is violence against civilians).
CASUALTY = re.compile(
    r"\b(?:killed|kills|kill|killing|dead|died|dies|die|slain|shot|gunfire|gunbattle|"
    r"firefight|shootout|ambush(?:ed)?|raid|mortars?|wounded|injured|casualt(?:y|ies)|"
    r"death toll|perished|losses|eliminated|(?-i:KIA|WIA)|"
    r"lost(?= (?:up to |more than |over |about |around |nearly |almost |at least )?\d))\b",
    re.IGNORECASE,
)
CIVILIAN_VICTIMS = re.compile(
    r"\b(civilians?|residents?|villagers?|journalists?|children|woman|women|man|"
    r"teenager|boy|girl|pensioners?)\b",
    re.IGNORECASE,
)
ARMED = re.compile(
    r"\b(soldiers?|troops|servicem[ae]n|fighters|militiam[ae]n|militants?|rebels?|"
    r"separatists?|army|forces|military|gunmen)\b",
    re.IGNORECASE,
)
# Weapon nouns are triggers only next to an action ("missile strikes", "the rocket hit"), not in a
# list of equipment ("Javelin anti-tank missiles") or in "clearing mines".
WEAPON = re.compile(r"^(?:rockets?|missiles?|drones?|artillery|mines?|landmines?|bombs?)$", re.I)
ACTION = re.compile(
    r"\b(hit|hits|struck|strikes?|fired|fire|launched|landed|fell|exploded|attacks?|"
    r"attacked|shot down|barrage|salvo)\b",
    re.I,
)
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
# Words shortly before a trigger, a date or a place that make it a reference to an earlier event, not
# the report.
REFERENCE = re.compile(
    r"\b(in response to|in retaliation for|after|following|since|like|blaming \w+ for|"
    r"responsibility for|revenge for|for the)\b\W*(\w+\W+){0,3}$",
    re.IGNORECASE,
)
# Triggers for which a modal does not matter (an announced package is itself the event).
ANNOUNCEMENTS = re.compile(r"aid package|military aid|military package|security assistance|sanctions")
QUOTE = re.compile(r"[“\"][^”\"]*[”\"]")


@dataclass(frozen=True)
class Trigger:
    """The word that makes a sentence an event, with the event type it gives."""

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
