"""Villages placed by the district (raion) or community (hromada) that qualifies them, or by a reference town.

Front-line reports tell same-named villages apart by their district: "Hroza village, Kupiansk district",
"Ivanivka in the Kherson district", "X (Volnovakha district)", "X, Vasylivka district, Zaporizhzhia region",
"X (Svatove district, Luhansk region)". A district is named after its centre town, and the village is the one
of its name nearest that town, within the radius, in the town's region. The district's name may be a
mention of its own or a capitalised name the model missed; a region after the district ("Vasylivka district,
Zaporizhzhia region") says which of the towns of that name is the centre. A reference town ("X, west of
Pokrovsk", "X, 30 km from Y") places the village within the stated distance (plus slack).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from components.geo.distance import haversine_km
from components.geo.gazetteer.names import normalize_name
from components.geo.gazetteer.variants import skeleton
from components.records import Mention

LIST_GAP = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")
# Text between a village and its district: "X village, Y district", "X in the Y district", "X (Y district".
DISTRICT_GAP = re.compile(
    r"(?:\s+(?:village|town|settlement|hamlet))?(?:\s*,\s*|\s*\(\s*|\s+(?:in|of)\s+)(?:the\s+)?", re.I
)
DISTRICT_WORD = re.compile(r"\s+(?:(district|raion|rayon)|(community|hromada|municipality))\b", re.I)
# A district's name the model did not find, after a village: the capitalised words before a district word.
DISTRICT_NAME = re.compile(r"[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?(?=\s+(?:district|raion|rayon)\b)")
# The region after a district: "Y district, Z region", "Y district (Z region)".
REGION_NEXT = re.compile(r"\s*[,(]\s*(?:the\s+)?", re.I)
DISTRICT_KM, COMMUNITY_KM = 80.0, 30.0
# A reference town after a place: "X, west of Pokrovsk", "X, 30 km from Y", "X, some 20 kilometres
# northeast of Y": X is the one of its name within the stated distance (plus slack) or REFERENCE_KM.
REFERENCE_GAP = re.compile(
    r"\s*,\s*(?:(?:about|some|around|roughly|nearly|just|only|less than|more than|over)\s+)?"
    r"(?:(\d{1,3})\s*-?\s*(?:km|kilomet(?:re|er)s?)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|from)|from|outside|near)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?",
    re.I,
)
REFERENCE_KM, REFERENCE_SLACK_KM = 60.0, 25.0

Area = tuple[float, float, float, str]  # latitude, longitude, radius (km), admin1 code ("" = any)


def districts_of(
    mentions: Sequence[Mention], loc_of: dict, kinds: frozenset[str], text: str, locate
) -> dict[Mention, Area]:
    """Mentions qualified by the district or community named next ("Hroza village, Kupiansk district",
    "X (Volnovakha district)") or placed from a reference town ("Kotliarivka and Udachne, west of Pokrovsk")
    -> the area to look in: the district's town (or the district itself) and its region, or the reference
    town with no region (a border may lie between). ``locate(name, within)`` geocodes a district's name the
    mentions lack, or again inside the region written after the district ("" = no region)."""
    out: dict[Mention, Area] = {}
    ordered = sorted(
        (m for m in mentions if m.kind in kinds or m.kind == "place"), key=lambda m: m.start_char
    )
    for i, (a, b) in enumerate(itertools.pairwise([*ordered, None])):
        if a.kind not in kinds:
            continue
        gap = DISTRICT_GAP.match(text, a.end_char)
        named = DISTRICT_NAME.match(text, gap.end()) if gap else None
        if named and (b is None or b.start_char >= named.end() or loc_of.get(b) is None):
            loc = locate(named.group(0), _region_after(text, named.end(), ordered, loc_of))
            if loc is not None:  # a district the model missed: "Urozhaine (Volnovakha district)"
                out[a] = (loc.latitude, loc.longitude, DISTRICT_KM, (loc.raw or {}).get("admin1_code", ""))
            continue
        loc = loc_of.get(b) if b is not None else None
        word = DISTRICT_WORD.match(text, b.end_char) if b is not None else None
        if loc is None:
            continue
        if word and DISTRICT_GAP.fullmatch(text, a.end_char, b.start_char):
            if word.group(1) and (within := _region_after(text, word.end(), ordered, loc_of)):
                loc = locate(b.text, within) or loc  # "Vasylivka district, Zaporizhzhia region"
            km = DISTRICT_KM if word.group(1) else COMMUNITY_KM
            out[a] = (loc.latitude, loc.longitude, km, (loc.raw or {}).get("admin1_code", ""))
        elif (ref := REFERENCE_GAP.fullmatch(text, a.end_char, b.start_char)) and not word:
            km = float(ref.group(1)) + REFERENCE_SLACK_KM if ref.group(1) else REFERENCE_KM
            j = i
            while True:  # "near X and Y, west of Z": every name of the list
                out.setdefault(ordered[j], (loc.latitude, loc.longitude, km, ""))
                if j == 0 or not LIST_GAP.fullmatch(text, ordered[j - 1].end_char, ordered[j].start_char):
                    break
                j -= 1
    return out


def _region_after(text: str, end: int, ordered: Sequence[Mention], loc_of: dict) -> str:
    """The admin1 code of the region written right after a district word ending at ``end`` (", Zaporizhzhia
    region", " (Luhansk oblast"), else ""."""
    gap = REGION_NEXT.match(text, end)
    nxt = next((m for m in ordered if m.start_char >= end), None) if gap else None
    if nxt is None or nxt.start_char != gap.end() or loc_of.get(nxt) is None:
        return ""
    raw = loc_of[nxt].raw or {}
    return raw.get("admin1_code", "") if raw.get("feature_code") == "ADM1" else ""


def nearest_ranked(geocoder, name: str, context, lat: float, lon: float, km: float, a1: str):
    """The best-ranked settlement called ``name`` (by its own name or a spelling of it, before any other
    alias) within ``km`` of the point and in region ``a1`` (a district lies in one region), or None."""
    skel = skeleton(normalize_name(name))
    found = [
        loc
        for loc in geocoder.geocode(name, context=context, exactly_one=False) or ()
        if (loc.raw or {}).get("feature_class") == "P"
        and (not a1 or (loc.raw or {}).get("admin1_code") == a1)
        and haversine_km(lat, lon, loc.latitude, loc.longitude) <= km
    ]
    own = [loc for loc in found if skeleton(normalize_name((loc.raw or {}).get("name", ""))) == skel]
    return (own or found or [None])[0]
