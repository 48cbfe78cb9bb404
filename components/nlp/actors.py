"""Who acts in an event sentence: actors normalised to one name each, and the cues that tell a name that
acts ("Moscow said", "Kiev forces' shelling", "the Armed Forces of Ukraine") from a place where something
happened ("in Kyiv").

States are named by country ("Russian forces", "Moscow", "the Kremlin", "Putin", "AFU" -> Russia/Ukraine);
armed groups and collectives by `GROUPS`; a generic group gives way to its named member ("DPR militiaman").
"""

from __future__ import annotations

import re

# A locative before a name: the name is where something happened, not who did it.
LOCATIVE = re.compile(
    r"\b(?:in|at|on|inside|into|over|through|throughout|across|along|within)(?: the (?:town|city|village|"
    r"region|port|district|settlement|province|oblast|capital) of)?(?: the)?(?: [\w-]+){0,2}\W*$|"
    r"\b(?:capital|town|city|village|region|port|streets|neighbou?rhood|suburbs?|quarter|province|state)"
    r" of\W*$",
    re.IGNORECASE,
)

# Words right after a name that make it act or speak ("Moscow said", "Ukraine troops").
ACTOR_VERB = re.compile(
    r"^\W*(?:['’]s\b|said|says|would|will|has|have|had|is|was|accused|"
    r"claimed|denied|announced|blamed|warned|called|helped|sent|"
    r"army|troops|forces|soldiers?|military|police|government|officials?|ministry|"
    r"servicem[ae]n|leader|president|navy|border guards?)\b",
    re.I,
)
# Names of capitals and institutions used for their government ("Moscow said", "the Kremlin").
METONYMS = {
    **dict.fromkeys(("kremlin", "moscow"), "RU"),
    **dict.fromkeys(("kyiv", "kiev"), "UA"),
    **dict.fromkeys(("washington", "white house", "pentagon"), "US"),
    "minsk": "BY",
    "beijing": "CN",
    "ankara": "TR",
    "tehran": "IR",
    "warsaw": "PL",
    "london": "GB",
    "berlin": "DE",
    "paris": "FR",
    "brussels": "BE",
    "astana": "KZ",
}
# People who speak or act for a state in this conflict (surname, lower case -> ISO2); a project-written
# list used to attribute actions such as "Putin said he had no regrets sending troops".
LEADERS = {
    **dict.fromkeys(("putin", "shoigu", "lavrov", "peskov", "gerasimov"), "RU"),
    **dict.fromkeys(("zelensky", "zelenskyy", "zelenskiy", "kuleba", "reznikov", "zaluzhnyi"), "UA"),
    **dict.fromkeys(("biden", "blinken", "austin"), "US"),
    "lukashenko": "BY",
    "erdogan": "TR",
    "tokayev": "KZ",
    "duda": "PL",
    "scholz": "DE",
    "macron": "FR",
}
# Non-state and collective actors named by common nouns or acronyms (pattern -> normalised name).
GROUPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pat})\b", re.IGNORECASE), name)
    for pat, name in (
        (r"wagner(?: group)?|wagner mercenaries", "Wagner Group"),
        (r"DPR|DNR|Donetsk People'?s Republic", "DPR"),
        (r"LPR|LNR|Luhansk People'?s Republic|Lugansk People'?s Republic", "LPR"),
        (
            r"(?:pro-russian |russian-backed |pro-moscow )?(?:separatists?|rebels?|insurgents?|militias?|"
            r"militiam[ae]n)",
            "Pro-Russian separatists",
        ),
        (r"protesters?|demonstrators?|activists?", "Protesters"),
        (r"civilians?|residents?|villagers?|passers-by", "Civilians"),
    )
)
# A generic group is dropped when a named member of it is in the same sentence ("DPR militiaman": DPR).
MEMBERS = {"Pro-Russian separatists": frozenset({"DPR", "LPR"})}
# Acronyms of state armed forces (case-sensitive; pattern -> ISO2): "AFU", "APU" and "ZSU" are the Armed
# Forces of Ukraine in English, Russian and Ukrainian transliteration; "RF" is the Russian Federation.
STATE_ACRONYMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pat})\b"), code) for pat, code in ((r"AFU|APU|ZSU|VSU", "UA"), (r"RF|RuAF", "RU"))
)
# An organisation that speaks or fights for its state: a country named inside it is an actor ("the Armed
# Forces of Ukraine", "Russian Defense Ministry"); a country named inside "the Ukrainian Red Cross" is not.
STATE_BODY = re.compile(
    r"\b(?:armed forces|army|military|forces|troops|navy|air force|guards?|ministry|"
    r"government|defen[cs]e|command|headquarters|HQ|security service|police|"
    r"national guard|parliament|president|presidency|general staff)\b",
    re.I,
)
# Words right after a place that make it the modifier of an actor ("Kiev forces' shelling", "Ukraine troops").
FORCES_AFTER = re.compile(
    r"^\W*(?:['’]s\s+)?(?:army|troops|forces|soldiers?|military|servicem[ae]n|"
    r"militia|militiam[ae]n|navy|border guards?|authorities|government|regime)\b",
    re.I,
)
# "Russian troops, backed by Wagner fighters, ..." -> Wagner Group is an associated actor.
ASSOC = re.compile(
    r"\b(?:backed|supported|aided|assisted|joined) by\b|\b(?:alongside|together with|"
    r"with the (?:help|support) of)\b",
    re.IGNORECASE,
)


def actors(sentence, s_start, mentions, index, sent_places, where, names, demonyms) -> tuple[str, str]:
    """Up to two actors in order of appearance (see actor_roles)."""
    return actor_roles(sentence, s_start, mentions, index, sent_places, where, names, demonyms)[:2]


def actor_roles(
    sentence, s_start, mentions, index, sent_places, where, names, demonyms
) -> tuple[str, str, str, str]:
    """(actor1, actor2, assoc_actor_1, assoc_actor_2), normalised to one name per actor.

    States are named by country ("Russian forces", "Moscow", "the Kremlin", "Putin" -> Russia);
    armed groups and collectives by `GROUPS`. Actors named right after "backed by", "alongside", ...
    are associated with the actor before them, not counted as a side.
    """
    found: list[tuple[int, str]] = []
    for m in mentions:
        if m.sent_index != index or m.kind not in ("actor", "embedded"):
            continue
        if m.kind == "embedded" and not any(
            o.kind == "actor"
            and o.start_char <= m.start_char
            and m.end_char <= o.end_char
            and STATE_BODY.search(o.text)
            for o in mentions
        ):
            continue  # a country inside an organisation's name acts only for a state body
        code = demonyms.get(m.text)
        if code is None and m.label == "PERSON":
            surname = re.sub(r"['’]s$", "", m.text).split()[-1].lower() if m.text.split() else ""
            code = LEADERS.get(surname)
        if code:
            found.append((m.start_char, names.get(code, code)))
    for rm in sent_places:
        if rm.place is None:
            continue
        rel = rm.mention.start_char - s_start
        before = sentence[max(0, rel - 30) : rel]
        after = sentence[rm.mention.end_char - s_start :]
        country = rm.place.feature_code.startswith("PCL")
        locative = LOCATIVE.search(before) and not FORCES_AFTER.match(after)
        if rm is where and not ACTOR_VERB.match(after) and not (country and not locative):
            # The place of the event, unless it is also acting ("Ukraine troops ...", "Ukraine battles").
            continue
        key = rm.mention.text.lower().removeprefix("the ")
        if country and not locative:
            found.append((rm.mention.start_char, names.get(rm.place.country_code, rm.place.name)))
        elif key in METONYMS and not locative:
            found.append((rm.mention.start_char, names.get(METONYMS[key], METONYMS[key])))
    for m in re.finditer(r"\b(?:the )?Kremlin\b", sentence):
        found.append((s_start + m.start(), names.get("RU", "Russia")))
    for pattern, name in GROUPS:
        for m in pattern.finditer(sentence):
            found.append((s_start + m.start(), name))
    for pattern, code in STATE_ACRONYMS:
        for m in pattern.finditer(sentence):
            found.append((s_start + m.start(), names.get(code, code)))
    named = {name for _, name in found}
    found = [(pos, name) for pos, name in found if not MEMBERS.get(name, frozenset()) & named]
    assoc_at = [s_start + m.end() for m in ASSOC.finditer(sentence)]
    sides: list[str] = []
    assoc: dict[int, list[str]] = {0: [], 1: []}
    for pos, name in sorted(found):
        if any(0 <= pos - at <= 25 for at in assoc_at) and sides:
            assoc[min(len(sides), 2) - 1].append(name)
        elif name not in sides:
            sides.append(name)
    sides += ["", ""]
    return (sides[0], sides[1], "; ".join(dict.fromkeys(assoc[0])), "; ".join(dict.fromkeys(assoc[1])))
