"""Which place is the event's place: the choice among a sentence's place candidates (its place mentions
and the names in a place's slot, `components.events.candidates`) of the one where the event happened.

Surface rules, no dependency parse: a locative before the name ("in the town of", "in the eastern
countryside of"), the trigger's object or passive subject, the destination of a movement; against: an
origin, destination, agent or actor ("from", "to", "against", "by", "Moscow said", "the Moscow talks"), a
back-reference, another clause (a comma between the name and the trigger); a place that only contains
another passes its cue to the contained one; landmarks beat towns, towns beat regions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from components.events.triggers import REFERENCE, Trigger
from components.geo.distance import haversine_km
from components.nlp.actors import ACTOR_VERB, FORCES_AFTER, LOCATIVE
from components.records import GEO_NEAR, GEO_NONE, GEO_PLACE, GEO_REGION, Place, ResolvedMention

NEAR = re.compile(
    r"\b(near|outside|around|close to|north of|south of|east of|west of|"
    r"outskirts of|on the outskirts of)\W*(?:the\W+)?$",
    re.IGNORECASE,
)
AWAY = re.compile(r"\b(from|to|against|towards?|blaming|accused|for|with|by)\W*(?:the\W+)?$", re.I)
# A locative phrase that ends in a part or settlement noun and "of": "in the insurgent bastion of X",
# "in the northeastern countryside of the X", "at the villages of X"; near-words make it "near" precision.
PLACE_NOUN = (
    r"parts?|sectors?|countryside|heart|cent(?:re|er)|middle|areas?|regions?|districts?|provinces?|"
    r"governorates?|towns?|cit(?:y|ies)|villages?|capital|port|bastion|stronghold|enclave|streets|"
    r"neighbou?rhoods?|quarters?|municipality|county|state|camp|settlements?|localit(?:y|ies)|"
    r"(?:north|south|east|west)(?:east|west)?(?:ern)?|suburbs?|outskirts|edges?|vicinity|environs"
)
# "killed two residents of X", "wounded a resident of X": the people of a place, hurt there.
PEOPLE_OF = re.compile(
    r"\b(?:residents?|inhabitants?|villagers?|civilians?|people|townspeople|locals?|citizens?)\s+of\s+(?:the\s+)?$",
    re.I,
)
OF_LOCATIVE = re.compile(
    rf"\b(?:in|at|inside|into|on|within|across|throughout|near|outside|around)\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:[\w’'-]+\s+){{0,3}}?(?:{PLACE_NOUN})\s+of\s+(?:the\s+)?$",
    re.I,
)
NEAR_NOUN = re.compile(r"\b(?:near|outside|around|outskirts|edges?|vicinity|environs|suburbs?)\b", re.I)
# Verbs of movement towards a goal: their destination ("returned to X", "were dispatched to X") is where
# they happen. Verbs of leaving (withdrew, fled, evacuated) keep "from X" as their place.
MOTION = re.compile(
    r"(?:return|move|march|dispatch|deploy|redeploy|travel|head|walk|sail|advance|push|"
    r"rush|ship|airlift|transfer|arrive)(?:s|d|ed|ing|red|ring)?|"
    r"fly|flies|flew|flown|flying|send|sends|sent|sending|go|goes|went|gone|going|run|ran|runs|"
    r"running|drive|drives|drove|driven|driving",
    re.I,
)
DESTINATION_GAP = re.compile(r"^\W*(?:[\w-]+\W+){0,3}?(?:to|into|towards?)\W+(?:the\W+)?$", re.I)
# A place name that qualifies an actor, institution or event names who acts or what is discussed, not
# where ("the Moscow talks", "the Kabul government", "a Kherson official", "Turkey-backed rebels",
# "the US embassy").
MOD_W = 1.5
MODIFIER_AFTER = re.compile(
    r"^(?:-(?:based|backed|affiliated|led|allied|held|controlled|sponsored|supported|born)\b|"
    r"['’]?\s+(?:[a-z-]+\s+)?"
    r"(?:government|regime|authorities|administration|officials?|leaders?|leadership|president|governor|"
    r"mayor|minister|ministry|spokes(?:man|woman|person)|sources?|media|news|agency|press|police|"
    r"militants|gunmen|rebels|fighters|talks|summit|agreement|accord|deal|negotiations|"
    r"meeting|conference|war|invasion|offensive|campaign|embassy|consulate|delegation|envoy|ambassador|"
    r"parliament|court|prosecutors?|diplomats?|counterparts?|allies|nationals?|citizens?|team|club)\b)"
)
# A town's name that names a feature beside or far from it ("across the Kakhovka reservoir", "the
# Zaporizhzhia nuclear power plant", "in the Pokrovsk direction"): not where the event is, unless nothing
# else is named.
FEATURE_W = 3.0
FEATURE_AFTER = re.compile(
    r"^\s+(?:(?:nuclear|thermal|hydroelectric|hydro|power|water)\s+)*"
    r"(?:power\s+plant|plant|station|reservoir|river|lake|dam|canal|bay|estuary|direction|axis|highway|"
    r"motorway|road|bridge|airport|airfield)\b",
    re.I,
)
# ...but a town's power plant or airfield is at it ("the Burshtyn power plant"), unless it names a region
AT_TOWN = re.compile(r"^\s+(?:thermal\s+)?(?:power\s+(?:plant|station)|airfield)\b", re.I)
TOWN_CODES = {"PPL", "PPLA2", "PPLA3", "PPLA4", "PPLL", "PPLX", "PPLF"}
AXIS_AFTER = re.compile(r"^\s+(?:direction|axis|sector)\b", re.I)
INSIDE_KM = 30.0  # an inner place ("the X district of Y") farther than this from Y is not Y's part
COUNTRY_CODES = {"PCLI", "PCLD", "PCLS", "PCLF", "PCL"}
REGION_CODES = {"PCLI", "PCLD", "PCLS", "PCLF", "PCL", "ADM1", "ADM2", "ADM3", "RGN", "TERR"}

# Two places joined by these words name one location, the second containing the first ("in Jafa, near
# Sere Kaniye", "the Zaafaraniyah district of Baghdad", "Kharkiv, Ukraine", "X (Y district)"): the first.
CONTAINED_BY = re.compile(
    r"^(?:\s+(?:village|town|settlement|city|hamlet))?"
    r"(?:\s*,\s*(?:(?:in|near|outside)\s+)?|\s*\(\s*|\s+(?:in|of|near|outside)\s+|"
    r"\s+(?:district|region|province|governorate|area|neighbou?rhood|countryside|suburbs?|village|town|city|"
    r"oblast|county|state|camp|quarter)\s+(?:of|in|near)\s+)(?:the\s+)?"
    r"(?:(?!(?:to|close|from|and|or|which|who|where|while)\s)[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
# "the Donbas village of Pisky": a settlement noun between two places names the second one, which
# the first contains; after a part noun ("the Ukraine province of Kherson", "the Korabel district of
# Kherson") the smaller of the two places is the inner one.
LOOSE_CONTAINER = re.compile(r"\b(?:near|outside)\b", re.I)
# "Bila Tserkva, south of Kyiv", "Selydove, 30 km from Pokrovsk", "X, some 20 kilometres northwest of Y":
# the second place is a reference point for the first, which is where the event is, however far apart.
REFERENCE_POINT = re.compile(
    r"^\s*[,(]?\s*(?:(?:about|some|around|roughly|nearly|just|only|over|less than|more than)\s+)?"
    r"(?:\d+(?:[.,]\d+)?\s*-?\s*(?:km|kilomet(?:re|er)s?|miles?|mi)\s+(?:\(\d+\s+miles\)\s+)?)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|from)|from|away from|outside|near)"
    r"\s+(?:the\s+)?(?:(?:town|city|village|regional capital|capital)\s+of\s+)?$",
    re.I,
)
# A district (raion) or community (hromada) after the outer name ("Ivanivka in the Kherson district",
# "Hroza village, Kupiansk district"): the outer name is an area around its town, and a village in it may
# lie this far from the town.
DISTRICT_AFTER = re.compile(r"^\s+(?:district|raion|rayon|community|hromada|municipality)\b", re.I)
DISTRICT_KM = 80.0
NAMED_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:village|town|city|settlement|camp|capital|port|"
    r"hamlet)\s+of\s+(?:the\s+)?$",
    re.I,
)
PART_OF = re.compile(
    r"^['’]?s?\s+(?:[\w-]+\s+)?(?:district|region|province|governorate|area|neighbou?rhood|"
    r"quarter|suburbs?|state|county|oblast)\s+of\s+(?:the\s+)?$",
    re.I,
)
# "Mogadishu's Yaqshid district", "Baghdad's Green Zone": the possessor contains the place after it.
CONTAINS = re.compile(
    r"^['’]s\s+(?:(?!(?:to|and|or|for|with|against|from|by|but|which|who|that|where)\s)[\w-]+\s+){0,4}$|"
    r"^['’]s\s+(?:[\w-]+\s+){0,3}"
    r"(?:capital|city|town|port|hub|village|province|region|state|district),\s+$",
    re.I,
)
# The place is what the trigger acts on: its object right after it ("captured Tiger Hill", "patrolled
# the streets of Al-Qamishli", "bombed a Gaza City neighborhood") or its passive subject before it
# ("Eastern Slavonia ... was captured").
OBJECT_GAP = re.compile(
    r"^\W*(?:(?:off|into|inside|through|across|along|on|at|upon|over|in|the|a|an|of|"
    r"several|parts|areas?|streets|outskirts|cities|city|towns?|villages?|"
    r"district|positions|farms|[\w-]+ly)\W+){0,4}$",
    re.I,
)
PASSIVE_GAP = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:[\w-]+ly\s+)?$", re.I)
CLAUSE_BREAK = re.compile(r"[;:]|\s[-–—]\s|,\s*(?:which|who|while|whereas|but|and)\b", re.IGNORECASE)


def choose_place(sentence: str, s_start: int, sent_places: list[ResolvedMention], trig: Trigger):
    """The place where the event happened and its geo precision, or (None, GEO_NONE).

    The span is chosen by `choose_place_span` among every place mention of the sentence. When that
    mention did not resolve to a gazetteer place (a village the gazetteer lacks), the place that contains
    it ("X in Kherson", "Kherson's X district") or the best resolved place of the sentence, whichever is
    more local, stands in for it at no better than "near" precision.
    """
    scored = _score_places(sentence, s_start, sent_places, trig)
    if not scored:
        return None, GEO_NONE
    best = scored[0]
    if best.mention.place is not None:
        return best.mention, best.precision
    resolved = [s for s in scored if s.mention.place is not None]
    if not resolved:
        return None, GEO_NONE
    inside = best.container  # "an unknown village in Kherson": Kherson, unless a place inside it is named
    if (
        inside is not None
        and inside.place is not None
        and not _within(resolved[0].mention.place, inside.place)
    ):
        return inside, max(geo_precision(inside.place), GEO_NEAR)
    return resolved[0].mention, max(resolved[0].precision, GEO_NEAR)


def choose_place_span(sentence: str, s_start: int, sent_places: list[ResolvedMention], trig: Trigger):
    """The place mention that names where the event happened (resolved or not) and its precision."""
    scored = _score_places(sentence, s_start, sent_places, trig)
    return (scored[0].mention, scored[0].precision) if scored else (None, GEO_NONE)


class Scored(NamedTuple):
    score: float
    mention: ResolvedMention
    precision: int
    container: ResolvedMention | None  # the place named as containing this one ("X in Kherson")


def _score_places(
    sentence: str, s_start: int, sent_places: list[ResolvedMention], trig: Trigger
) -> list[Scored]:
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
    container: dict[int, ResolvedMention] = {}
    for i in range(len(mentions)):
        rel, rel_end = spans[i]
        before = sentence[max(0, rel - 45) : rel].rsplit(";", 1)[-1]  # not another clause's cue
        if LOCATIVE.search(before):
            cue[i] = 3.0
        if NEAR.search(before):
            cue[i], near[i] = max(cue[i], 2.5), True
        elif PEOPLE_OF.search(before):
            cue[i] = max(cue[i], 2.5)
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
        here, after = mentions[i].place, sentence[rel_end:]
        at_town = AT_TOWN.match(after) and getattr(here, "feature_code", "") in TOWN_CODES
        if FEATURE_AFTER.match(after) and not at_town and (here is None or here.feature_class in {"P", "A"}):
            penalty[i] -= FEATURE_W  # "across the Kakhovka reservoir": the town is not the reservoir
            if AXIS_AFTER.match(sentence[rel_end:]):
                penalty[i] -= FEATURE_W  # "in the Zaporizhzhia direction": an axis, never the event's place
        if FORCES_AFTER.match(sentence[rel_end:]):
            penalty[i] -= 3  # "in Kiev forces' shelling": Kiev names the shooter, not the place
        if rel >= trig.end and OBJECT_GAP.match(sentence[trig.end : rel]):
            cue[i] = max(cue[i], 2.5)
        elif (
            rel_end <= trig.start
            and PASSIVE_GAP.search(gap := sentence[rel_end : trig.start])
            and ("," not in gap and not CLAUSE_BREAK.search(gap))
        ):
            cue[i] = max(cue[i], 2.0)
    dateline = [_dateline(sentence, *spans[i]) for i in range(len(mentions))]
    for i in range(len(mentions)):
        if dateline[i]:
            cue[i] = max(cue[i], DATELINE_CUE)
    for i in range(len(mentions) - 1):
        gap = sentence[spans[i][1] : spans[i + 1][0]]
        if mentions[i].mention.text[-2:] in {"'s", "’s"}:
            gap = mentions[i].mention.text[-2:] + gap  # the model kept the possessive in the name
        part_of = bool(PART_OF.match(gap))
        reference = bool(REFERENCE_POINT.match(gap))
        if NAMED_AFTER.match(gap) or (part_of and _smaller(mentions[i + 1], mentions[i])):
            inner, outer = i + 1, i  # "the Donbas village of Pisky", "the Ukraine province of Kherson"
        elif CONTAINED_BY.match(gap) or reference:
            inner, outer = i, i + 1
        elif CONTAINS.match(gap):
            inner, outer = i + 1, i
        else:
            continue
        loose = reference or bool(LOOSE_CONTAINER.search(gap))  # "X near Y": X, however far Y is
        district = inner < outer and DISTRICT_AFTER.match(sentence[spans[outer][1] :])
        radius = DISTRICT_KM if district else INSIDE_KM
        if not loose and not _inside(mentions[inner].place, mentions[outer].place, radius):
            # One of the two names was read as a place elsewhere ("the Kanal district of Chasiv Yar" with
            # "Kanal" a village far away; "X in Y region" with X in another region): the text says where,
            # by the place after "district of", else by the container.
            keep, drop = (i + 1, i) if part_of else (outer, inner)
            cue[keep] = max(cue[inner], cue[outer])
            penalty[drop] -= 3
            continue
        cue[inner] = max(cue[inner], cue[outer])
        near[inner] = near[inner] or near[outer]
        penalty[outer] -= 3
        container[inner] = mentions[outer]
    _pass_scene_to_places_inside(mentions, cue, penalty, container)
    scored = []
    for i, rm in enumerate(mentions):
        rel = spans[i][0]
        precision = geo_precision(rm.place) if rm.place is not None else GEO_PLACE
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
        if CLAUSE_BREAK.search(sentence[lo:hi]) and not dateline[i]:
            score -= 0.5
        score -= 0.0 if dateline[i] else _comma_between(sentence, rel, trig.start, lo, hi)
        score -= abs(rel - trig.start) / 100  # nearer the trigger wins ties
        scored.append((score, -i, rm, precision, container.get(i)))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [Scored(score, rm, precision, inside) for score, _, rm, precision, inside in scored]


# A sentence that opens with a prepositional phrase ("In Nicosia, ...", "Also in Mosul, ..."): the
# phrase tells where the main clause's event happened, so its comma does not separate it from the verb.
FRONTED_W = 0.75
FRONTED_PP = re.compile(
    r"^\W*(?:(?:also|elsewhere|meanwhile|and|but|later|earlier)\W+)?"
    r"(?:in|at|on|near|outside|inside|across|throughout|around|"
    r"during)\b[^,;:()–—]*$",
    re.I,
)
# Commas that do not end a clause: "the capital, Sanaa", "Kharkiv, Ukraine" (checked separately).
APPOSITION = re.compile(
    r"\b(?:capital|city|town|village|province|region|district)\s*,\s*(?=(?-i:[A-Z]))", re.I
)


# A dateline that opens the report: "Kramatorsk, Donetsk region, 27 June 2023, approx. 19:30: a missile
# hit ...", "KRAMATORSK, Ukraine (Reuters) - ...", "Zaporizhzhia, 3 May: ...". Its place is the event's
# unless the report names another with a locative or as the trigger's object (those cue more).
DATELINE_CUE = 2.0
DATELINE_REST = re.compile(
    r"^(?:\s*,\s*[^:;!?—–()]{0,90}?)?\s*(?:\((?:[A-Z][\w.]*\s*)+\)\s*)?(?::|\s[-–—]|[-–—]\s)\s*"
)


def _dateline(sentence: str, rel: int, rel_end: int) -> bool:
    """Is the place at rel:rel_end the head of a dateline that opens the sentence?"""
    if sentence[:rel].strip():
        return False
    rest = DATELINE_REST.match(sentence[rel_end:])
    return rest is not None and (bool(re.search(r"\d|\)", rest.group(0))) or rest.group(0).count(",") <= 2)


def _comma_between(sentence: str, rel: int, trig_start: int, lo: int, hi: int) -> float:
    """Penalty for a comma between the place at `rel` and the trigger: the place is in another clause
    (a fronted phrase's comma counts less: it sets the scene for the main clause)."""
    gap = APPOSITION.sub(" ", sentence[lo:hi])
    if "," not in gap:
        return 0.0
    if rel < trig_start and FRONTED_PP.match(sentence[:rel]):
        return FRONTED_W
    return 1.5


def _pass_scene_to_places_inside(
    mentions: list[ResolvedMention], cue: list[float], penalty: list[float], container: dict
) -> None:
    """A region or country that sets the scene ("In Zaporizhzhia region, defenders repelled an assault near
    Novodarivka") contains the event: when the sentence also cues a place inside it as a location, that
    place is the event's place and the region its container, wherever the two stand in the sentence."""
    for i, outer in enumerate(mentions):
        if not cue[i] or outer.place is None or geo_precision(outer.place) != GEO_REGION:
            continue
        inside = [
            j
            for j, inner in enumerate(mentions)
            if j != i and cue[j] and inner.place is not None and _within(inner.place, outer.place)
        ]
        for j in inside:
            cue[j] = max(cue[j], cue[i])
            container.setdefault(j, outer)
        if inside:
            penalty[i] -= 3


def _within(a: Place, b: Place) -> bool:
    """Does place `a` lie inside region or country `b` (and is it not `b`)? By country and admin1 codes."""
    if a.geonameid == b.geonameid or geo_precision(b) != GEO_REGION or a.country_code != b.country_code:
        return False
    return b.feature_code in COUNTRY_CODES or (bool(b.admin1_code) and a.admin1_code == b.admin1_code)


def _inside(a: Place | None, b: Place | None, radius: float = INSIDE_KM) -> bool:
    """Can place `a` be part of place `b`, as the text says ("X in Y", "the X district of Y")? True when
    either is unknown or `b`'s extent cannot be told; a region by its admin1 code, a town within 30 km."""
    if a is None or b is None or a.geonameid == b.geonameid:
        return True
    if geo_precision(b) == GEO_REGION:
        if b.feature_code in COUNTRY_CODES:
            return a.country_code == b.country_code
        return not (b.admin1_code and a.admin1_code) or a.admin1_code == b.admin1_code
    if geo_precision(a) == GEO_REGION:
        return True  # "the Ukraine province of Kherson" is judged the other way round
    if radius > INSIDE_KM and a.admin1_code and a.admin1_code == b.admin1_code:
        return True  # a district (raion) lies in one region: its villages are in the region of its town
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= radius


def _smaller(a: ResolvedMention, b: ResolvedMention) -> bool:
    """Is place `a` more local than place `b` (a town in a region, an unknown name in a known city)?"""
    if a.place is None or b.place is None:
        return a.place is None and b.place is not None
    if (geo_precision(a.place) == GEO_REGION) != (geo_precision(b.place) == GEO_REGION):
        return geo_precision(b.place) == GEO_REGION
    return a.place.population < b.place.population


def geo_precision(place: Place) -> int:
    """GEO_REGION for a region or country (an area), else GEO_PLACE (a point)."""
    if place.feature_class == "A" or place.feature_code in REGION_CODES:
        return GEO_REGION
    return GEO_PLACE
