"""Which words make a sentence report an event: the trigger patterns and the filters around them.

A trigger word (strike, explosion, shelling, protest, aid package, ...) gives ACLED's event
type; it does not count when it is quoted speech, future, hypothetical or forecast ("will deploy", "no
plans to launch", "officials expect more attacks"), denied ("denied claims that ... were encircled"), an
air-raid alert, or a back-reference to an earlier event ("in response to Monday's attacks", "the victims
of the siege"). Casualty words ("killed", "wounded") report an event only when no other trigger types the
sentence (`Trigger.kind == "casualty"`). Words for the aftermath of a strike ("destroyed", "ruins",
"craters", "smoke over", "under fire") make the verbless captions and headlines of photo reports events
(`kind == "aftermath"`), and the cause they name after "after" ("Damaged houses in X after a missile
attack", and in a caption of rescuers or people at work: "Firefighters at a warehouse in X after a drone
attack") is then the reported event, not a back-reference; the caller keeps such an event only when the
sentence names its place. `scan` also says why a sentence with a trigger word is not an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from components.events.modality import PENDING, TOLL_UPDATE, why_not_reported
from components.records import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VIOLENCE_CIVILIANS

TRIGGERS: tuple[tuple[str, str], ...] = (
    (
        VIOLENCE_CIVILIANS,
        r"massacre[ds]?|executed|executions?|tortured|abducted|detained|mass graves?|"
        r"killed civilians|bodies of (?:[\w-]+ )?(?:civilians|residents|men|women|people)",
    ),
    (RIOTS, r"riots?|rioters?|rioting|looting|mob|scuffl(?:e|es|ed|ing)|brawl(?:s|ed)?"),
    (PROTESTS, r"protest(?:s|ed|ers|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|marched"),
    (
        EXPLOSIONS,
        r"explosions?|blasts?|exploded|explosives?|air ?strikes?|missile strikes?|"
        r"drone strikes?|strikes?|struck|shell(?:ing|ed|s)|bombard(?:ed|ment|ments)|"
        r"bomb(?:s|ed|ing|ings)?|rockets?|missiles?|drones?|artillery|mines?|landmines?|"
        r"hit|attack(?:s|ed)?|sank|sunk|sinking|destroyed|blew up|blown up|knocked out|fire damage|"
        r"fire missions|sorties|"
        r"fir(?:e|es|ed|ing) (?:a |an |the |their |its )?(?:[\w-]+ )?"
        r"(?:howitzers?|mortars?|guns?|cannons?|rocket launchers?|mlrs|grads?|shells?|salvos?)|"
        r"fired (?:at least |more than |up to |some |about )?(?:\d+|two|three|four|five|six|seven|eight|"
        r"nine|ten|dozens of|several) (?:[\w-]+ ){0,3}?"
        r"(?:rounds|shells|projectiles|missiles|rockets|drones|mines)|"
        # "dropped four KABs on X", "targeted a car", "pounded X", "intercepted 12 missiles", "were downed"
        r"dropped (?:[\w-]+ ){0,3}?(?:kabs?|bombs|grenades?|munitions|explosives|charges)|"
        r"targeted|targeting|pounded|pounding|hammered|intercepted|downed|shot down",
    ),
    (
        BATTLES,
        r"opened fire|open(?:s|ing)? fire|fired (?:on|at|upon)|"
        r"improved (?:their |its )?(?:tactical )?positions?|"
        r"fighting|fought|clash(?:es|ed)?|battles?(?! (?:a |the )?(?:[\w-]+ )?(?:blaze|fire|flames))|"
        r"counter-?offensive|offensive|"
        r"recaptured|retook|recapture|captured|seized|liberated|liberation|"
        r"(?:took|taken|gained|established|claimed|assumed|seized) (?:full |complete )?control|"
        # "took Zolota Balka", "took the village of X", "took back X": a capture
        r"took(?: back)?(?= (?:the (?:village|town|city|settlement|hamlet) of )?(?-i:[A-Z]))|"
        r"(?:capture|liberation|fall) of(?= (?:the (?:village|town|city|settlement) of )?(?-i:[A-Z]))|"
        r"retaken|recaptured|"
        # "entered Kherson", "entering the town": not "the war entered its third year"
        r"enter(?:ed|ing)(?= (?:the |a )?(?:[a-z-]+ ){0,2}?(?:town|city|village|settlement|outskirts|"
        r"suburbs?|centre|center|part|district|positions?|(?-i:[A-Z])))|"
        r"held (?:their |its |the )?(?:positions?|ground|line)|"
        r"(?:kept|keep|keeps|keeping|maintained) up (?:the |their )?pressure(?= (?:near|around|on|at|in) "
        r"(?-i:[A-Z]))|advanced|advances|broke through|break through|"
        r"pushed into|broke into|advanced into|cleared(?! of)|"
        r"(?:attempted|tried|trying|attempting) (?:[\w-]+ ){0,3}?to "
        r"(?:cross|storm|push|enter|encircle|break through|advance|attack|assault|breach|capture|seize)|"
        r"repelled|assault(?:s|ed)?|storm(?:ed|ing)|encircled|withdrew|retreated|losing ground|"
        r"pulled (?:out|back) (?:of|from)|pull-?out from|abandoned|left(?= (?-i:[A-Z]))|"
        r"lost ground|pushed back|push(?:ed|ing) (?:the )?(?:enemy|russians|occupiers|invaders|"
        r"(?:[\w-]+ )?(?:forces|troops|units)) (?:back|out)|"
        r"siege|counter-?attack(?:s|ed)?|breakthrough|defeated|thwart(?:s|ed)?|"
        r"violat(?:e|es|ed|ing|ions?) (?:the |a )?(?:ceasefire|truce)|"
        r"(?:ceasefire|truce) (?:violations?|breach(?:es)?)",
    ),
    (
        STRATEGIC,
        # (a meeting, talks or a summit is no development on the ground; an arrival only of armed forces)
        r"aid package|military aid|military package|security assistance|arrived|arrival|"
        r"arrive|convoy|deployed|deployment|sanctions|agreement|"
        r"signed|deal|mobili[sz]ation|call-up|annex(?:ed|ation)|referend(?:um|a)|"
        r"evacuat(?:ed|ion|ions)|prisoner (?:swap|exchange)|exchanged|inspection",
    ),
)
# Trigger patterns (lower-case, word-bounded), most specific first within each type.
TRIGGER_RES = tuple((etype, re.compile(rf"\b(?:{pat})\b", re.IGNORECASE)) for etype, pat in TRIGGERS)
# Casualty words report an event of their own only when no other trigger types it ("Six soldiers killed
# in rebel ambush" is a battle by "ambush"; "Two soldiers killed in the east" is a battle by default;
# with civilians as the only victims it is violence against civilians).
CASUALTY = re.compile(
    r"\b(?:killed|kills|kill|killing|dead|died|dies|die|slain|shot|gunfire|gunbattle|"
    r"firefight|shootout|ambush(?:ed)?|(?<!air )(?<!air-)raid|mortars?|wounded|injured|casualt(?:y|ies)|"
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
VERB_AFTER_WEAPON = re.compile(
    r"\s+(?:(?:also|again|then|reportedly|repeatedly)\s+)?(hit|struck|shelled|pounded|targeted|attacked|destroyed)\b",
    re.I,
)
FIRED_ON = re.compile(r"opened fire|open(?:s|ing)? fire|fired (?:on|at|upon)", re.I)
FIRED_AT_CIVILIANS = re.compile(
    r"\s*(?:on|at|upon)?\s*(?:a|an|the|two|three|several|\d+)?\s*(?:civilian\s+|private\s+|passenger\s+)?"
    r"(?:cars?|vehicles?|bus(?:es)?|minibus|civilians?|residents?|villagers?|people|family|families|"
    r"evacuation|volunteers?|pedestrians?)\b",
    re.I,
)
# An aid convoy's arrival is no strategic development of the war.
AID_ARRIVAL = re.compile(r"arrived|arrival|arrive|convoy", re.I)
AID = re.compile(r"\b(?:humanitarian|aid|relief|donations?|food|medicines?|generators?)\b", re.I)
SHOT_AT = re.compile(r"shot|killed|kill|killing", re.I)
CIVILIAN_OBJECT = re.compile(
    r"\s+(?:(?:at\s+least|two|three|four|five|six|several|\d+|a|an|the)\s+)?(?:local\s+|unarmed\s+|elderly\s+)?"
    r"(?:civilians?|residents?|villagers?|women|woman|men|man|children|child|pensioners?|teenagers?|boys?|"
    r"girls?|journalists?)\b",
    re.I,
)
WEAPON = re.compile(r"^(?:rockets?|missiles?|drones?|artillery|mines?|landmines?|bombs?)$", re.I)
ACTION = re.compile(
    r"\b(hit|hits|struck|strikes?|fired|fire|launched|landed|fell|exploded|attacks?|dropp(?:ed|ing)|drops?|"
    r"attacked|shot down|barrage|salvo)\b",
    re.I,
)
# Ground-combat words turn an "attack" into a battle.
GROUND = re.compile(r"\b(troops|soldiers|assault|clash|infantry|tanks?|ground forces|fighters)\b", re.I)
PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:[\w-]+ly\s+)?$", re.I)
# Words shortly before a trigger, a date or a place that make it a reference to an earlier event, not
# the report.
REFERENCE = re.compile(
    r"\b(in response to|in retaliation for|after|following|since|like|blaming \w+ for|toll (?:from|of|in)|"
    r"responsibility for|revenge for|for the|(?:anniversary|memory|commemoration|remembrance) of)\b"
    r"\W*(\w+\W+){0,3}$",
    re.IGNORECASE,
)
QUOTE = re.compile(r"[“\"][^”\"]*[”\"]")
# What a strike leaves behind: the verbless captions and headlines of photo reports ("Destruction in X
# after airstrikes", "Ruined school in X", "Smoke over X", "Drone debris on a road in X", "X under fire").
AFTERMATH = re.compile(
    r"\b(?:destruction|destroyed|damage|damaged|[\w]+-damaged|ruins|ruined|craters?|debris|wreckage|"
    r"rubble|(?:fragments?|remnants|remains|parts|pieces) of (?:a |an |the )?(?:[\w-]+ )?"
    r"(?:missiles?|drones?|rockets?|shells?|bombs?)|shrapnel|burnt-out|burned-out|bombed-out|burning|burnt|burned|charred|scorched|smoke|blaze|gutted|"
    r"flattened|wrecked|blown-out|"
    r"caught fire|set fire|fire broke out|(?:fires?|flames) (?:at|in|on|over|near)|"
    r"collapsed|shattered (?:windows?|glass)|aftermath|power outage|"
    r"blackout|"
    r"under (?:[\w-]+ ){0,2}?fire|flags? (?:was |were )?(?:raised |hoisted )?over)\b",
    re.I,
)


# A withdrawal is a battle event at the place left only when armed forces leave it ("Ukrainian units left
# Bakhmut", "troops pulled out of Avdiivka"), not when a delegation left Kyiv or a country pulled out of a
# deal.
WITHDRAWAL = re.compile(r"^(?:pulled (?:out|back) (?:of|from)|pull-?out from|abandoned|left)$", re.I)
ARRIVAL = re.compile(r"^(?:arrived|arrival|arrive)$", re.I)
LEAVING_FORCES = re.compile(rf"{ARMED.pattern}|\b(?:units?|brigades?|battalions?|defenders|garrison)\b", re.I)
# Who is at work in a photo caption of what a strike left, and the present-tense verbs of what the photo
# shows ("Firefighters at a warehouse in X after a drone attack", "Rescuers search the rubble of a house",
# "A woman looks at her flat after shelling"): the cause named after "after" is the reported event.
SCENE = re.compile(
    r"\b(?:firefighters?|fire ?fighters?|rescuers?|rescue (?:workers?|teams?|crews?)|emergency "
    r"(?:workers?|services|crews?|teams?)|paramedics?|firemen|volunteers?|"
    r"(?:look|stand|walk|sit|inspect|clean|clear|sweep|remove|repair|search|mourn|hug|gather|react|"
    r"carr(?:y|ie)|evacuate|put|extinguish|examine|collect|work|help)(?:s|es)?|"
    r"(?:looking|standing|walking|sitting|inspecting|cleaning|clearing|sweeping|removing|repairing|"
    r"searching|mourning|hugging|gathering|reacting|carrying|evacuating|putting out|extinguishing|"
    r"examining|collecting|working|helping))\b",
    re.I,
)


@dataclass(frozen=True)
class Trigger:
    """The word that makes a sentence an event, with the event type it gives.

    `kind`: "event" (a verb or noun of the event itself), "aftermath" (what a strike left behind, or
    the cause it names: an event only where the sentence names its place) or "casualty" (only a casualty
    word: an event of its own only where it names a place or a date, else more news of the last event).
    """

    event_type: str
    word: str
    start: int  # offsets within the sentence
    end: int
    kind: str = "event"


def find_trigger(sentence: str) -> Trigger | None:
    """The first trigger that is neither quoted, hypothetical, denied nor a back-reference."""
    return scan(sentence)[0]


def scan(sentence: str) -> tuple[Trigger | None, str]:
    """(the trigger, "") or (None, why the sentence is not an event: the reason for the first trigger word
    that was set aside, or "no trigger word")."""
    visible = QUOTE.sub(lambda m: " " * len(m.group(0)), sentence)
    quoted = visible != sentence
    found: list[Trigger] = []
    for etype, pattern in TRIGGER_RES:
        for m in pattern.finditer(visible):
            found.append(Trigger(etype, m.group(0), m.start(), m.end()))
    found.sort(key=lambda t: (t.start, -t.end))
    # "The toll from Monday's glide-bomb strike on X rose to nine after bodies were found in the rubble":
    # the strike and the rubble belong to the earlier event whose count is updated.
    tolls = [m.span() for m in TOLL_UPDATE.finditer(visible)]
    aftermath = [m for m in AFTERMATH.finditer(visible) if not why_not_reported(visible, *m.span(), "")]
    aftermath = [] if tolls else aftermath
    reasons: list[str] = []
    fallback: Trigger | None = None
    for trig in found:
        before = visible[max(0, trig.start - 60) : trig.start]
        kind = "event"
        if any(lo <= trig.start < hi for lo, hi in tolls):
            reasons.append(f"back-reference: casualty count update: {trig.word}")
            continue
        if WITHDRAWAL.match(trig.word) and not LEAVING_FORCES.search(visible[: trig.start]):
            continue  # "The delegation left Kyiv": no withdrawal of armed forces
        if ARRIVAL.match(trig.word) and not LEAVING_FORCES.search(visible[: trig.start]):
            reasons.append(f"a visit, not armed forces arriving: {trig.word}")
            continue
        if REFERENCE.search(before):
            scene = trig.event_type == EXPLOSIONS and SCENE.search(visible[: trig.start])
            shown = any(a.start() < trig.start for a in aftermath) or scene
            if not shown:
                reasons.append(f"back-reference: {_tail(before)} {trig.word}")
                continue
            kind = "aftermath"  # "Damaged houses in X after a missile attack": the cause of what is shown
        why = why_not_reported(visible, trig.start, trig.end, trig.word)
        if why:
            reasons.append(f"{why}: {trig.word}")
            continue
        if WEAPON.match(trig.word) and not ACTION.search(
            visible[max(0, trig.start - 40) : trig.end + 40].replace(trig.word, " ")
        ):
            reasons.append(f"weapon without an action: {trig.word}")
            continue
        if WEAPON.match(trig.word) and (verb := VERB_AFTER_WEAPON.match(visible, trig.end)):
            # "Russian artillery hit X, Y and Z": the verb, whose objects are the places, is the trigger
            trig = Trigger(trig.event_type, verb.group(1), verb.start(1), verb.end(1))
        etype = trig.event_type
        if FIRED_ON.fullmatch(trig.word) and FIRED_AT_CIVILIANS.match(visible[trig.end : trig.end + 50]):
            etype = VIOLENCE_CIVILIANS  # "troops fired on a car with a family": shooting at civilians
        if etype == STRATEGIC and AID_ARRIVAL.fullmatch(trig.word) and AID.search(visible):
            reasons.append(f"aid delivery: {trig.word}")
            continue
        if etype == EXPLOSIONS and trig.word.lower().startswith("attack") and GROUND.search(visible):
            etype = BATTLES
        if AFTERMATH.fullmatch(trig.word) and (PASSIVE.search(before) or not before.strip()):
            # "A house was destroyed", "Destroyed bridge": what a strike left; a later cause may follow
            fallback = fallback or Trigger(etype, trig.word, trig.start, trig.end, "aftermath")
            continue
        return Trigger(etype, trig.word, trig.start, trig.end, kind), ""
    if fallback is not None:
        return fallback, ""
    if aftermath:
        m = aftermath[0]
        return Trigger(EXPLOSIONS, m.group(0), m.start(), m.end(), "aftermath"), ""
    for m in CASUALTY.finditer(visible):
        before = visible[max(0, m.start() - 60) : m.start()]
        if PENDING.search(visible):
            reasons.append(f"casualties being counted: {m.group(0)}")
            continue
        if TOLL_UPDATE.search(visible):
            reasons.append(f"back-reference: casualty count update: {m.group(0)}")
            continue
        if REFERENCE.search(before):
            reasons.append(f"back-reference: {_tail(before)} {m.group(0)}")
            continue
        why = why_not_reported(visible, m.start(), m.end(), m.group(0), casualty=True)
        if why:
            reasons.append(f"{why}: {m.group(0)}")
            continue
        # civilians as the only victims, or as the object of the killing ("soldiers shot two civilians")
        civilian = (CIVILIAN_VICTIMS.search(visible) and not ARMED.search(visible)) or (
            SHOT_AT.fullmatch(m.group(0)) and CIVILIAN_OBJECT.match(visible[m.end() : m.end() + 40])
        )
        etype = VIOLENCE_CIVILIANS if civilian else BATTLES
        return Trigger(etype, m.group(0), m.start(), m.end(), "casualty"), ""
    if reasons:
        return None, reasons[0]
    return None, "only quoted trigger words" if quoted and _any_trigger(sentence) else "no trigger word"


def _tail(text: str, words: int = 4) -> str:
    return " ".join(text.split()[-words:])


def _any_trigger(sentence: str) -> bool:
    return any(p.search(sentence) for _, p in TRIGGER_RES) or bool(CASUALTY.search(sentence))
