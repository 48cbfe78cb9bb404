"""Places named in Ukrainian and Russian text -> gazetteer places, in the document's context.

The finder (`components.nlp.slavic_places`, `components.nlp.slavic_regions`) gives each name in the forms
the gazetteer holds: the nominative of an inflected name ("у Великій Новосілці" -> "Велика Новосілка"), the
English name of an oblast ("Харківської області" -> "Kharkiv Oblast"), the possible centres of a district
("Покровського району" -> "Покровськ"). Here every oblast becomes its ADM1 entry, every district its raion
(ADM2) entry, and every place is ranked in the document's context (its other names; Ukraine as its country
unless the text says otherwise) and inside the region that qualifies it: the oblast or district written right
after it or after the list it ends ("у Покровську та Мирнограді Донецької області"); in a district, the
candidate nearest the district wins. Without one, a front axis named in the same sentence ("на Авдіївському
напрямку") picks the candidate nearest the axis's town, within `MAX_AXIS_KM`; the axis itself is no place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from components.geo.distance import haversine_km
from components.geo.gazetteer.index import Gazetteer
from components.geo.gazetteer.names import is_cyrillic, normalize_name
from components.geo.gazetteer.romanise import romanise
from components.geo.gazetteer.variants import skeleton
from components.geo.geocoders.gazetteer import GazetteerGeocoder, candidates_of, location_to_place
from components.geo.ranking import ContextEntry, DocContext, build_context
from components.records import Mention, Place, ResolvedMention

KIND_PLACE, KIND_OBLAST, KIND_DISTRICT, KIND_AXIS = "place", "oblast", "district", "axis"
AXIS_LIMIT = 100  # candidates of a name looked at near an axis town ("Степове": 58 villages)
MAX_AXIS_KM = 60.0  # a place named in a sentence about a front axis lies this close to the axis's town
# Text between names of one list, or between a name and the region that qualifies it.
LIST_GAP = re.compile(r"^[\s,()–—-]*(?:(?:і|й|та|и|або|или|а також|а также)\s+)?[\s,()]*$", re.I)
# The gap before a region in the locative: "Токарівку та Понятівку на Херсонщині", "у Саках у Криму".
REGION_GAP = re.compile(r"^[\s,()–—-]*(?:на|у|в|во)\s+$", re.I)
# A region in the accusative ("на Херсонщину", "в Харківську область"): where to, not where.
TOWARDS = re.compile(r"(?:(?<!м)[ую]|[ую]\s+область)$")
DEFAULT_COUNTRY = "UA"  # the theatre: Ukrainian and Russian front-line reports are about places in Ukraine
MAX_DISTRICT_KM = 80.0  # a place qualified by a district lies this close to the district's centre at most
SPELLING_MARGIN = 1.0  # an entry this close to the best score wins when its Latin name spells the name


@dataclass(frozen=True)
class Named:
    """A name found in the text: its mention, the forms to look up (best first) and its kind."""

    mention: Mention
    names: tuple[str, ...]
    kind: str = KIND_PLACE


def resolve_named(
    named: Sequence[Named], text: str, gazetteer: Gazetteer, geocoder: GazetteerGeocoder
) -> tuple[ResolvedMention, ...]:
    """Every name resolved (place None when nothing fits), in the order given."""
    regions = {n: _region(n, gazetteer) for n in named if n.kind not in (KIND_PLACE, KIND_AXIS)}
    axes = {n: _axis_town(n, gazetteer) for n in named if n.kind == KIND_AXIS}
    keys = [n.names[0] for n in named if n.kind == KIND_PLACE and n.names]
    keys += [p.name for p in regions.values() if p is not None]
    context = build_context(keys, gazetteer)
    if not any(e.explicit for e in context.entries):
        context = DocContext((*context.entries, ContextEntry("", DEFAULT_COUNTRY, 1, explicit=True)))
    ordered = sorted(named, key=lambda n: n.mention.start_char)
    out = []
    for n in named:
        if n.kind == KIND_AXIS:
            out.append(ResolvedMention(n.mention, None))  # a direction, never the event's place
            continue
        if n.kind != KIND_PLACE:
            place = regions[n]
            out.append(ResolvedMention(n.mention, place, 10.0 if place else 0.0))
            continue
        qualifier = _qualifier(n, ordered, text)
        while qualifier is not None and regions.get(qualifier) is None:
            qualifier = _qualifier(qualifier, ordered, text)  # "Васильевского района Запорожской области":
            # a district the gazetteer cannot place gives way to the oblast written after it
        region = regions.get(qualifier) if qualifier else None
        kind = qualifier is not None and qualifier.kind
        if region is None:
            region = next(
                (t for a, t in axes.items() if t and a.mention.sent_index == n.mention.sent_index), None
            )
            kind = KIND_AXIS if region is not None else kind
        out.append(_resolve(n, context, geocoder, region, kind))
    return tuple(out)


def _region(n: Named, gazetteer: Gazetteer) -> Place | None:
    """The ADM1 entry of an oblast, or the ADM2 entry of a district (found by its centre), or the centre
    itself when the gazetteer has no such raion and only one town bears the centre's name, or None."""
    if n.kind == KIND_OBLAST:
        return next((p for p in gazetteer.lookup(n.names[0]) if p.feature_code == "ADM1"), None)
    for name in n.names:
        towns = [p for p in gazetteer.lookup(name) if p.feature_class == "P"]
        if not towns:
            continue
        centre = max(towns, key=lambda p: p.population)
        raion = [
            p
            for p in gazetteer.lookup(f"{centre.name} Raion")
            if p.feature_code == "ADM2" and p.admin1_code == centre.admin1_code
        ]
        if raion:
            return raion[0]
        if len(towns) == 1:
            return centre  # a raion the gazetteer lacks: its only centre stands for it (by distance)
        return None
    return None


def _axis_town(n: Named, gazetteer: Gazetteer) -> Place | None:
    """The town a front axis is named after: the most populous Ukrainian town bearing one of its names
    ("Курахівському" -> Kurakhove, not a village Курахівка), or None."""
    towns = [
        p
        for name in n.names
        for p in gazetteer.lookup(name)
        if p.feature_class == "P" and p.country_code == DEFAULT_COUNTRY
    ]
    return max(towns, key=lambda p: p.population, default=None)


def _qualifier(n: Named, ordered: Sequence[Named], text: str) -> Named | None:
    """The oblast or district that qualifies a place: the first one after it, with only other names of the
    same list (and list words) between them, or the locative preposition of the region ("на Херсонщині"),
    which qualifies every name of the list before it."""
    at = ordered.index(n)
    end = n.mention.end_char
    for other in ordered[at + 1 :]:
        gap = text[end : other.mention.start_char]
        if other.kind != KIND_PLACE and REGION_GAP.match(gap) and not TOWARDS.search(other.mention.text):
            return other
        if not LIST_GAP.match(gap):
            return None
        if other.kind != KIND_PLACE:
            return other
        end = other.mention.end_char
    return None


def _resolve(n: Named, context, geocoder, region: Place | None, kind) -> ResolvedMention:
    """The best-scoring entry of any of the name's forms ("Вовчанська": the town Вовчанськ, not the village
    Вовчанське), inside the qualifying region when there is one."""
    within = region.admin1_code if region is not None and kind != KIND_AXIS else ""
    best = None
    for name in n.names:
        limit = AXIS_LIMIT if kind == KIND_AXIS else 20
        found = geocoder.geocode(name, context=context, within=within, exactly_one=False, limit=limit) or []
        near = None
        if kind in (KIND_DISTRICT, KIND_AXIS) and region is not None:
            reach = MAX_DISTRICT_KM if kind == KIND_DISTRICT else MAX_AXIS_KM
            away = [
                (haversine_km(loc.latitude, loc.longitude, region.latitude, region.longitude), i, loc)
                for i, loc in enumerate(found)
            ]
            near = min((a for a in away if a[0] <= reach), default=None)
            fallback = _bearer(name, found) if kind == KIND_AXIS else (found[0] if found else None)
            loc = near[2] if near else fallback
        else:
            loc = _bearer(name, found)
        # A form whose entry lies near the axis beats a better-known form far away ("Бердичів": the
        # village Бердичі by Avdiivka, not the city Berdychiv)
        rank = (kind == KIND_AXIS and near is not None, float(loc.raw.get("score", 0.0)) if loc else 0.0)
        if loc is not None and (best is None or rank > best[0]):
            best = (rank, loc)
    if best is None:
        return ResolvedMention(n.mention, None)
    (_, score), loc = best
    return ResolvedMention(n.mention, location_to_place(loc), score, candidates_of(loc))


def _bearer(name: str, found: list):
    """The best entry, unless an entry about as good bears the name in Latin letters: a Cyrillic alternate
    name GeoNames also gives a bigger town by mistake ("Слов'янськ" of Nikopol) loses to the town whose own
    name it spells (Slovyansk)."""
    if not found:
        return None
    top = float(found[0].raw.get("score", 0.0))
    if not is_cyrillic(name):
        return found[0]
    spelled = skeleton(normalize_name(romanise(name, "uk")))
    for loc in found:
        if top - float(loc.raw.get("score", 0.0)) > SPELLING_MARGIN:
            break
        if spelled and skeleton(normalize_name(loc.raw.get("name", ""))) == spelled:
            return loc
    return found[0]
