"""The other events of a sentence that made one: the other settlements of a list ("shelled X, Y and Z")
and a second clause with its own verb and place ("liberated X on 10 November and entered Y on the 11th").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from components.events.when import choose_date
from components.nlp.fatalities import NUMBER_WORDS
from components.records import Place, ResolvedMention

# Where a second clause with its own verb may start: "liberated X on 10 November and entered Y on the 11th",
# "fighting continues for X; the day before units took Y", "звільнили X та увійшли в Y".
CLAUSE_JOIN = re.compile(r";\s+|,?\s+(?:and|then|while|та|і|й|а|и|а\s+также|также)\s+")


def next_clause_event(article, sentence, s_start, trig, where, sent_places, sent_dates, used, kit):
    """A second event of the sentence: a clause after the event's place that has a trigger of its own (an
    event verb, not a casualty word) and a settlement of its own; (its place, its trigger with offsets in
    the sentence, its date or the sentence's, where the clause starts) or None. Only a sentence that
    already made an event gets one, so the first clause's modality ("may", "plans to") holds for all of it."""
    if where is None or where.place is None:
        return None
    after = max(where.mention.end_char - s_start, trig.end)
    for join in CLAUSE_JOIN.finditer(sentence, after):
        tail_at = join.end()
        tail = sentence[tail_at:]
        # "Сили оборони звільнили X та увійшли в Y": the subject carries on; after ";" a clause has its own
        subject = "" if join.group(0).startswith(";") else sentence[: trig.start]
        other_trig, _ = kit.scan(subject + tail)
        if other_trig is None or other_trig.kind != "event" or other_trig.start < len(subject):
            continue
        other_trig = replace(
            other_trig, start=other_trig.start - len(subject), end=other_trig.end - len(subject)
        )
        own = [
            p
            for p in sent_places
            if p.mention.start_char - s_start >= tail_at
            and p.place is not None
            and p.place.feature_class == "P"
            and p.place.geonameid not in used
        ]
        if not own:
            return None
        tail_mentions = [m for m in sent_dates if m.start_char - s_start >= tail_at]
        chosen, _ = kit.place(tail, s_start + tail_at, tail_mentions, own, other_trig)
        if chosen is None or chosen.place is None:
            return None
        when = choose_date(article, tail, s_start + tail_at, other_trig, tail_mentions, kit)
        if when == "background":
            return None
        moved = replace(other_trig, start=other_trig.start + tail_at, end=other_trig.end + tail_at)
        return chosen, moved, when, tail_at
    return None


# A count written again for each place of a list: "killed 12 people in X and three in Y".
COUNT = r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
PLACE_COUNT = re.compile(
    rf"(?P<n>{COUNT})\s+(?:more\s+)?(?:(?:people|civilians|residents|others?)\s+)?(?:in|near|at)\s+$", re.I
)
# Text between the names of one list: "X, Y and Z", "X і Y", "X та Y", "X и Y"; a bracketed qualifier
# ("X (Y district), Z") or an aside ("X, including two at the hospital, and Y") may follow a name.
LIST_GAP = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:,\s+including\s+[^,;()]{1,60}(?=,))?"
    r"(?:,\s*(?:and\s+|і\s+|й\s+|та\s+|и\s+)?|\s(?:and|і|й|та|и)\s+)\s*"
    # "X and the outskirts of Y", "X and the town of Y", "X and near Y", "X and in the northern part of Y";
    # "X та поблизу Y", "X и возле Y"
    r"(?:(?:(?:in|on|at)\s+)?(?:the\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?"
    r"(?:outskirts|edge|parts?|town|village|city|settlement)"
    r"\s+of\s+(?:the\s+)?|near\s+|поблизу\s+|біля\s+|під\s+|в\s+районі\s+|у\s+районі\s+|на\s+околиц\w+\s+|"
    r"возле\s+|вблизи\s+|около\s+|под\s+|в\s+районе\s+|на\s+окраин\w+\s+|"
    rf"{PLACE_COUNT.pattern[:-1]})?",
    re.I,
)


def _qualifier(rm: ResolvedMention, chain: Sequence[ResolvedMention], text: str) -> bool:
    """Is the mention inside a bracket right after another place's name: "X (Y district)", "X (east of
    Y)"? It qualifies that name and is no member of the list."""
    start, end = rm.mention.start_char, rm.mention.end_char
    opened = text.rfind("(", 0, start)
    if opened < 0 or text.rfind(")", 0, start) > opened or ")" not in text[end : end + 40]:
        return False
    return any(other is not rm and not text[other.mention.end_char : opened].strip() for other in chain)


def place_count(partner: ResolvedMention, text: str) -> tuple[int, str] | None:
    """The count written right before a list member ("... and three in Y": 3), or None."""
    found = PLACE_COUNT.search(text, max(0, partner.mention.start_char - 40), partner.mention.start_char)
    if found is None:
        return None
    word = found.group("n")
    value = int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())
    return (value, word) if value is not None else None


def list_partners(
    where: ResolvedMention | None, places: Sequence[ResolvedMention], text: str
) -> list[tuple[ResolvedMention, Place]]:
    """The other settlements of the list the event's place is part of ("near X, Y and Z") with their places,
    in text order: resolved towns and villages joined to it by commas and "and", none the same place."""
    if where is None or where.place is None or where.place.feature_class != "P":
        return []
    chain = sorted(places, key=lambda rm: rm.mention.start_char)
    chain = [rm for rm in chain if rm is where or not _qualifier(rm, chain, text)]
    if where not in chain:
        return []
    seen = {where.place.geonameid}
    out = []
    # every mention of the event's place may stand in a list: "hit X and Y; two residents of X were hurt"
    for at, anchor in enumerate(chain):
        if anchor.place is None or anchor.place.geonameid != where.place.geonameid:
            continue
        lo = hi = at
        while lo > 0 and LIST_GAP.fullmatch(
            text, chain[lo - 1].mention.end_char, chain[lo].mention.start_char
        ):
            lo -= 1
        while hi + 1 < len(chain) and LIST_GAP.fullmatch(
            text, chain[hi].mention.end_char, chain[hi + 1].mention.start_char
        ):
            hi += 1
        for rm in chain[lo : hi + 1]:
            if rm.place is not None and rm.place.feature_class == "P" and rm.place.geonameid not in seen:
                seen.add(rm.place.geonameid)
                out.append((rm, rm.place))
    return sorted(out, key=lambda pair: pair[0].mention.start_char)
