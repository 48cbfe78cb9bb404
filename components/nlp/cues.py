"""Front-line language that marks a capitalised name as a place, however small (`components.nlp.toponyms`
uses these cues for names the small model misses or mislabels).

Front-line summaries, monitoring notes and captions name villages the model has never seen and often labels
PERSON or ORG ("shelled Novohrodivka", "struck Kurdiumivka, Donetsk region"). The words around such a name
say it is a place:

* the object of a verb of attack or capture ("shelled X", "liberated X", "withdrew from X"), when nothing
  but a function word, a date or punctuation follows (not "attacked Wagner fighters");
* "on"/"over" after a word of attack ("a strike on X", "dropped glide bombs on X", "smoke over X");
* "of" after a word of fighting or a direction ("took control of X", "south of X");
* a region or country after it: "X, Donetsk region", "X (Kharkiv oblast)", "X in Sumy region", "X, Ukraine";
* a settlement noun that ends its phrase after it: "X village, Y district", "X village of the Y community";
* a facility named after it: "the X power plant", "the X thermal power plant", "near the X airfield";
* a list whose first name has a cue: "near X, Y and Z", across a bracket ("near X (Y district) and Z");
* a list that ends in a plural settlement noun: "hit the X, Y and Z communities";
* the head of a caption or dateline line: "X, 25 May 2024: ...", "X after a night of strikes".

These weaker cues accept a name only when the gazetteer has it as a place's own name or a spelling variant
of it (`own_name`): "Putin" is an old alternate name of a Ukrainian village, not that village's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from components.geo.gazetteer.names import normalize_name
from components.geo.gazetteer.variants import skeleton

if TYPE_CHECKING:
    from components.geo.gazetteer.index import Gazetteer


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs whose object is a place (front-line reports: "shelled Kupiansk", "recaptured Robotyne").
OBJECT_VERBS = _words(
    """
    shelled struck hit attacked bombed captured liberated entered stormed seized recaptured retook cleared
    reached targeted pounded raided besieged encircled surrounded occupied defended assaulted
    shelling striking hitting attacking bombing capturing liberating entering storming seizing recapturing
    retaking clearing targeting pounding raiding encircling surrounding occupying assaulting
    shell strike attack bomb capture liberate enter storm seize recapture retake clear target
    """
)
# Verbs of moving in: "pushed into X", "broke into X", "advanced into X".
INTO_VERBS = _words("pushed broke advanced moved infiltrated penetrated pushing breaking advancing")
# Verbs of leaving: "withdrew from X", "retreated from X", "pulled out of X".
FROM_VERBS = _words("withdrew withdrawn withdrawing retreated retreating fled pulled")
# Word beginnings of attack in the few words before "on"/"over" ("a strike on X", "dropped bombs on X").
ATTACK_STEMS = (
    *(
        "strik",
        "attack",
        "assault",
        "raid",
        "bomb",
        "shell",
        "missile",
        "rocket",
        "drone",
        "fire",
        "offensive",
    ),
    *("advanc", "airstrike", "dropp", "explosion", "smoke", "flag", "artillery", "mortar", "glide"),
)
# Nouns before "of X" that make X a place (besides toponyms.OF_HEADS).
OF_NOUNS = _words(
    """
    control defence defense defenders assault attack attacks storming encirclement residents ruins heart port
    centre center north south east west northeast northwest southeast southwest outskirt
    """
)
REGION_WORDS = _words("region oblast province raion governorate district")
SETTLEMENT_WORDS = _words("village settlement town hamlet community hromada")
PLURAL_SETTLEMENTS = _words("villages settlements towns hamlets communities hromadas")
DIRECTIONS = _words(
    "northern southern eastern western central northeastern northwestern southeastern southwestern"
)
# Words after a line's first name that make the line a caption or dateline about that place.
CAPTION_AFTER = _words(", : after under amid - – —")
TIME_WORDS = _words("yesterday today overnight tonight morning evening night")
MAX_LIST = 5  # list members to walk back through to the cue


def own_name(name: str, gazetteer: Gazetteer) -> bool:
    """Is ``name`` a place's own name (primary, or ASCII) or a spelling variant of it ("Kurdiumivka" of
    Kurdyumivka), rather than an unrelated alternate name ("Putin" of Putyatintsy)?"""
    skel = skeleton(normalize_name(name))
    for hit in gazetteer.hits(name):
        if hit.primary or (skel and skel == skeleton(normalize_name(gazetteer.name(hit.row)))):
            return True
    return False


BaseCue = Callable[[Doc, int], bool]  # the matcher's own cue before token i ("in", "near", "village of")


def front_line_cue(span: Span, gazetteer: Gazetteer, base: BaseCue) -> bool:
    """Do the words around ``span`` (or its list) mark it as a place in front-line language (see above)?
    ``base``: the matcher's own cues, which a list's first member may have ("near X and Y")."""
    doc = span.doc
    return (
        _cue_before(doc, span.start, span.end, 0, base)
        or _region_after(doc, span.end, gazetteer)
        or _caption_head(span)
        or _settlement_word_after(doc, span.end)
        or _attacked_after(doc, span.end)
        or bool(FACILITY_AFTER.match(doc[span.end :].text[:40]))
    )


# A facility named after the town it stands at: "the Burshtyn power plant", "near the X airfield".
FACILITY_AFTER = re.compile(r"^(?:thermal\s+)?(?:power\s+(?:plant|station)|airfield|air\s?base)\b", re.I)


# What a list of places that opens the sentence suffered: "X, Y and Z came under fire", "... were shelled",
# "came under mortar fire" (not "came under pressure to attack").
UNDER_ATTACK = re.compile(
    r"^(?:came|come|comes|were|was|have been|has been|had been)\s+(?:again\s+|also\s+|repeatedly\s+)?"
    r"(?:under\s+(?:(?!to\s)[a-z-]+\s+){0,2}?(?:fire|shelling|attacks?|bombardment)|"
    r"shelled|hit|struck|attacked|targeted|bombed)\b",
    re.I,
)


def _attacked_after(doc: Doc, end: int, depth: int = 0) -> bool:
    """Is the name (a member of a list) the subject of "came under fire", "were shelled"? The words after
    the list's last member decide: "Orikhiv, X and Y came under fire" makes X a place."""
    if end >= len(doc) or depth > MAX_LIST:
        return False
    end = _after_bracket(doc, end)
    if end >= len(doc):
        return False
    if doc[end].lower_ in (",", "and") and end + 1 < len(doc):
        nxt = end + 1 + (doc[end + 1].lower_ == "and")
        last = nxt
        while last < len(doc) and (doc[last].is_title or doc[last].text == "-") and last - nxt < 3:
            last += 1
        return last > nxt and _attacked_after(doc, last, depth + 1)
    if depth and doc[end].lower_ in PLURAL_SETTLEMENTS:
        return True  # "hit the X, Y and Z communities": the list's noun names every member a settlement
    return bool(UNDER_ATTACK.match(doc[end:].text[:60]))


def _settlement_word_after(doc: Doc, end: int) -> bool:
    """Is the name followed by a settlement noun that ends its phrase: "Hroza village, Kupiansk district",
    "Stepove village of the Novomykolaivka community", "in Kurakhove town (Donetsk region)"?"""
    nouns = SETTLEMENT_WORDS | PLURAL_SETTLEMENTS  # "the X, Y and Z communities": the last one too
    if end + 1 >= len(doc) or doc[end].lower_ not in nouns:
        return end + 1 == len(doc) and end < len(doc) and doc[end].lower_ in nouns
    return doc[end + 1].is_punct or doc[end + 1].lower_ in ("of", "in", "near", "on", "and")


def _cue_before(doc: Doc, start: int, end: int, depth: int, base: BaseCue) -> bool:
    if start == 0:
        return False
    prev = doc[start - 1]
    word = prev.lower_
    if word in OBJECT_VERBS:
        return _object_ends(doc, end)
    if word in ("on", "over") and any(
        t.lower_.startswith(ATTACK_STEMS) for t in doc[max(0, start - 5) : start - 1]
    ):
        return True
    if word == "from" and any(t.lower_ in FROM_VERBS for t in doc[max(0, start - 4) : start - 1]):
        return True  # "withdrew from X", "pulled back from X"
    if word == "from" and any(t.lower_.startswith("evacuat") for t in doc[max(0, start - 7) : start - 1]):
        return True  # "the evacuation of families with children from X"
    if word == "of" and start > 1 and doc[start - 2].lower_ == "out":
        return any(t.lower_ in FROM_VERBS for t in doc[max(0, start - 4) : start - 2])  # "pulled out of X"
    if word == "of" and start > 1 and doc[start - 2].lower_ in OF_NOUNS:
        return True
    if word == "nearby":
        return True
    if word == "into" and start > 1 and doc[start - 2].lower_ in INTO_VERBS:
        return True  # "pushed into X", "broke into X"
    if depth < MAX_LIST and word in ("and", "or", ","):
        if word == "," and not _list_goes_on(doc, end):
            return False  # "in Kyiv, Zelensky said": a list member is followed by another
        last = _before_bracket(doc, start - 1)  # "near X (Y district) and Z": the list skips the bracket
        first = last
        while first > 0 and doc[first - 1].is_title and last - first < 3:
            first -= 1
        if first < last:
            return base(doc, first) or _cue_before(doc, first, last, depth + 1, base)
    return False


def _after_bracket(doc: Doc, end: int) -> int:
    """The token after a short bracket that opens at ``end`` ("X (Y district), Z"), else ``end``."""
    if end < len(doc) and doc[end].text == "(":
        for i in range(end + 1, min(end + 10, len(doc))):
            if doc[i].text == ")":
                return i + 1
    return end


def _before_bracket(doc: Doc, end: int) -> int:
    """The index after the name before a short bracket that closes at ``end - 1``, else ``end``."""
    if end > 0 and doc[end - 1].text == ")":
        for i in range(end - 2, max(end - 11, 0), -1):
            if doc[i].text == "(":
                return i
    return end


def _list_goes_on(doc: Doc, end: int) -> bool:
    """Does another list member follow token ``end - 1`` (", Y", "and Y", "or Y")?"""
    end = _after_bracket(doc, end)
    return end < len(doc) and doc[end].lower_ in (",", "and", "or")


def _object_ends(doc: Doc, end: int) -> bool:
    """After a verb's object: the end, punctuation, a function word, a number, a time word or an -ing verb
    ("shelled X on Monday", "struck X, killing two"), not a noun ("attacked Wagner fighters")."""
    if end >= len(doc):
        return True
    nxt = doc[end]
    return (
        nxt.is_punct
        or nxt.is_space
        or nxt.is_stop
        or nxt.like_num
        or nxt.lower_ in TIME_WORDS
        or (nxt.is_lower and nxt.lower_.endswith("ing"))
    )


def region_follows(doc: Doc, end: int, gazetteer: Gazetteer) -> bool:
    """Public alias of `_region_after`: does the region or country a place lies in follow token ``end - 1``?
    (The model runs some names into it: "Ochakiv, Mykolaiv region" as one ORG.)"""
    return _region_after(doc, end, gazetteer)


def _region_after(doc: Doc, end: int, gazetteer: Gazetteer) -> bool:
    """Is the name followed by the region or country it lies in: ", Donetsk region", " (Kharkiv oblast)",
    " in northern Sumy region", ", Ukraine", " (Zaporizhzhia)"?"""
    if end + 1 >= len(doc) or doc[end].lower_ not in (",", "(", "in"):
        return False
    i = end + 1
    if doc[i].lower_ == "the":
        i += 1
    if i < len(doc) and doc[i].lower_ in DIRECTIONS:
        i += 1
    for n in (2, 1):
        name = doc[i : i + n]
        if len(name) < n or not all(t.is_title for t in name) or n > len(doc) - i:
            continue
        after = doc[i + n].lower_ if i + n < len(doc) else ""
        if after in REGION_WORDS:
            return gazetteer.is_place_name(name.text)
        if doc[end].lower_ != "in" and after not in ("and", "or"):
            return _region_or_country(name.text, gazetteer)
    return False


def _region_or_country(name: str, gazetteer: Gazetteer) -> bool:
    return any(gazetteer.code("feature_code", h.row) in ("ADM1", "PCLI") for h in gazetteer.hits(name))


def _caption_head(span: Span) -> bool:
    """Is the span the first words of a line, followed by a comma, a colon, a dash or "after" ("Kharkiv, 25
    May 2024: smoke ...", "Toretsk after a night of strikes")?"""
    doc = span.doc
    if span.start > 0 and "\n" not in doc[span.start - 1].text_with_ws:
        return False
    return span.end < len(doc) and doc[span.end].lower_ in CAPTION_AFTER


DATELINE_MARKS = frozenset({",", "(", "-", "–", "—"})


def dateline_head(span: Span) -> bool:
    """Is the span a wire dateline's place in capitals: at most three all-capital words opening their
    sentence, then a comma, bracket or dash ("BOHODUKHIV, Ukraine, 19 Aug. -")? The model often labels
    such a word an organisation."""
    doc = span.doc
    first = next((t for t in span.sent if not t.is_space), None)
    return (
        first is not None
        and first.i == span.start
        and len(span) <= 3
        and all(t.is_upper and t.is_alpha for t in span)
        and len(span.text) >= 3
        and span.end < len(doc)
        and doc[span.end].text in DATELINE_MARKS
    )


def capital_datelines(doc: Doc, covered: set[int], judged: set[int], gazetteer: Gazetteer) -> Iterator[Span]:
    """A wire dateline's place in capitals that opens a sentence ("KHARKIV, Ukraine (AP) —", "ZAPORIZHZHIA,
    Sept 4 -"), when the gazetteer knows the name."""
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), None)
        if first is None:
            continue
        end = first.i
        while end < sent.end and end - first.i < 3 and doc[end].is_upper and doc[end].is_alpha:
            end += 1
        span = doc[first.i : end]
        if end == first.i or not dateline_head(span):
            continue
        if not any(i in judged for i in range(span.start, end)) and gazetteer.is_place_name(span.text):
            covered.update(range(span.start, end))
            judged.update(range(span.start, end))
            yield span
