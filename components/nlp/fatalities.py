"""Fatality counts in a sentence, with ACLED's conservative coding rules.

- an exact number is taken as written ("killing 14 people" -> 14; "two shot dead" -> 2);
- vague plurals take ACLED's fixed values: "dozens" -> 12, "hundreds" -> 100, "several"/"many"/
  "a number of"/"scores" -> 10 ("scores" is ACLED's "dozens" reading of 20 is not used: 10 is the floor);
- a range takes its lower bound ("between 5 and 8", "5-8", "at least 3" -> 5, 5, 3);
- one person ("a soldier was killed", "one more dies") -> 1;
- conflicting reports of one event take the lowest count (`lowest`, used when reports are merged).
Wounded, injured and missing people are not fatalities. `None` means the sentence reports no deaths
(not "zero deaths").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TWO_TO_TWENTY = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
)
TENS = "thirty forty fifty sixty seventy eighty ninety"
NUMBER_WORDS: dict[str, int] = {
    **dict.fromkeys(("a", "an", "one", "single"), 1),
    **{word: n for n, word in enumerate(TWO_TO_TWENTY.split(), start=2)},
    **{word: 10 * n for n, word in enumerate(TENS.split(), start=3)},
    "hundred": 100,
    "dozen": 12,
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1000,
    **dict.fromkeys(("several", "many", "scores", "numerous", "some"), 10),  # vague counts: about ten
}
_NUM = r"(?:\d[\d,]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_RANGE = (
    rf"(?:at least |more than |over |up to |as many as |about |around |nearly |some |between )?"
    rf"(?P<n>{_NUM})(?:(?:\s*[-–]\s*|\s+(?:to|and|or)\s+){_NUM})?"
)
_KILL_AFTER = (
    r"(?:were |was |have been |had been |are |is |been )?(?:reported |confirmed )?"
    r"(?:killed|dead|died|dies|die|slain|shot dead|lost their lives|perished|deaths?|fatalities|bodies)"
)
# "14 people were killed", "two shot dead", "5 dead": a count, up to four words, then a death word.
_BEFORE = re.compile(rf"\b{_RANGE}\s+(?:[\w'-]+\s+){{0,4}}?{_KILL_AFTER}\b", re.IGNORECASE)
# "killing 14", "killed at least 3 civilians", "death toll rose to 12", "claimed the lives of 3".
_AFTER = re.compile(
    rf"\b(?:killing|killed|kills|kill|shot dead|death toll (?:\w+ )?(?:of|at|to|rose to|rises to|climbs to|"
    rf"reached|stands at)|toll (?:rose|rises|climbed) to|claimed the lives of|left)\s+{_RANGE}\b",
    re.IGNORECASE,
)
_NOT_DEATHS = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}(?:wounded|injured|hurt|missing|captured|taken|arrested)", re.IGNORECASE
)


def _value(token: str) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        value = int(token)
        return None if value >= 100_000 or 1900 <= value <= 2100 else value  # a year is not a count
    return NUMBER_WORDS.get(token)


def count(sentence: str) -> tuple[int, str] | None:
    """(fatalities, the words it came from) or None when the sentence reports no deaths."""
    found: list[tuple[int, int, str]] = []  # (position, value, text)
    for pattern in (_BEFORE, _AFTER):
        for m in pattern.finditer(sentence):
            if pattern is _AFTER and _NOT_DEATHS.match(sentence[m.end() :]):
                continue  # "killing 3 and wounding 5" is fine; "left 5 wounded" is not deaths
            if (
                pattern is _AFTER
                and m.group(0).lower().startswith("left")
                and not re.match(r"\s*(?:\w+\s+){0,2}(?:dead|killed)", sentence[m.end() :], re.IGNORECASE)
            ):
                continue
            value = _value(m.group("n"))
            if value is not None:
                found.append((m.start(), value, m.group(0)))
    if not found:
        return None
    # Several counts in one sentence ("2 soldiers and 3 civilians were killed") are usually parts of
    # one toll, but without parsing we cannot tell parts from a restated total: take the largest
    # explicit count, which is still a number the sentence states.
    _, value, text = max(found, key=lambda f: (f[1], -f[0]))
    return value, " ".join(text.split())


_HURT = r"(?:wounded|injured|hurt|injuries|wounds)"
# "12 people were injured", "four others wounded", "injuring 15 people", "wounding the driver and three".
_HURT_BEFORE = re.compile(
    rf"\b{_RANGE}\s+(?:[\w'-]+\s+){{0,4}}?(?:were |was |have been |had been |are |is |been )?"
    rf"(?:reported |also |later )?{_HURT}\b",
    re.IGNORECASE,
)
_HURT_AFTER = re.compile(rf"\b(?:injuring|wounding|injured|wounded|hurting)\s+{_RANGE}\b", re.IGNORECASE)
# "No one was hurt", "No casualties were reported", "without casualties": a stated zero.
_NONE_HURT = re.compile(
    r"\b(?:no(?: one|body)\s+(?:was|were|has been|had been)\s+(?:killed|hurt|injured|wounded)|"
    r"no (?:casualties|victims|injuries)|without (?:casualties|injuries|victims))\b",
    re.IGNORECASE,
)


def injured(sentence: str) -> tuple[int, str] | None:
    """(people wounded or injured, the words it came from) or None when the sentence states no number."""
    found: list[tuple[int, int, str]] = []
    for pattern in (_HURT_BEFORE, _HURT_AFTER):
        for m in pattern.finditer(sentence):
            value = _value(m.group("n"))
            if value is None or re.search(r"\bno\s+$", sentence[max(0, m.start() - 4) : m.start()], re.I):
                continue  # "no one was hurt" is a stated zero (`none_hurt`)
            if not (pattern is _HURT_BEFORE and _KILLED_BETWEEN.search(m.group(0))):
                found.append((m.start(), value, m.group(0)))
    if not found:
        return None
    _, value, text = max(found, key=lambda f: (f[1], -f[0]))
    return value, " ".join(text.split())


_KILLED_BETWEEN = re.compile(r"\b(?:killed|dead|died)\b", re.IGNORECASE)


def none_hurt(sentence: str) -> bool:
    """Does the sentence state that no one was killed or hurt ("No one was hurt", "no casualties")?"""
    return bool(_NONE_HURT.search(sentence))


def lowest(counts: Iterable[int | None]) -> int | None:
    """Conflicting reports of one event: the lowest stated count (None when no report states one)."""
    known = [c for c in counts if c is not None]
    return min(known) if known else None
