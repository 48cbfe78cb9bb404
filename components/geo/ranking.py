"""Ranking in context: which gazetteer entry a name means in a document.

``rank`` scores every gazetteer entry whose name or alias matches, from:
  * log10 population (regions: their cities' total / 20, so a region does not drown its capital city),
  * +1.5 for a primary (or curated) name; an alias-only match gets up to +1 when the alias is a spelling
    variant of the place's own name ("Konstantinovka" of Kostyantynivka) and nothing otherwise (GeoNames lists
    "Pokrovsk" as an old name of Engels, Russia),
  * feature: country +2 (alias +1), region +1 (alias -0.5), capital +2, project landmark +1,
  * continents (GeoNames CONT): population / 10,000, so a same-named town that the document's context
    supports outranks them; they never give or take context (they are in no country),
  * document context (``DocContext``): country named in the text +3 (+1 for the most-named), country of a
    confidently resolved place +2.5, its region +1.5, and up to +2 for being close to confident places,
  * corpus context (``geo.theatre.Theatre``): up to +2 x the share of the corpus's events in its region.
``build_context`` gathers a document's context from its names; the geocoders (``geo.geocoders``) rank with it.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from components.geo.distance import haversine_km
from components.geo.gazetteer.index import Gazetteer
from components.geo.gazetteer.names import normalize_name
from components.geo.theatre import NO_THEATRE, W_THEATRE, Theatre
from components.records import Place

W_PRIMARY, W_COUNTRY, W_COUNTRY_TOP, W_IMPLIED, W_ADMIN1, W_NEAR = 1.5, 3.0, 1.0, 2.5, 1.5, 2.0
FEATURE_BONUS = {
    ("A", "PCLI"): (2.0, 1.0),
    ("A", "ADM1"): (1.0, -0.5),
    ("A", "ADM2"): (0.5, -1.0),
}  # (primary, alias-only)
# A populated place GeoNames gives population 0 has an unknown one (nearly always a village): it counts as
# a hamlet's, not as nobody's, so it can still win against a same-named village elsewhere in context.
UNKNOWN_POPULATION = 50
CAPITAL_BONUS, LANDMARK_BONUS, REGION_DAMPING, CONTINENT_DAMPING = 2.0, 1.0, 20, 10_000
FEATURE_WORDS = {
    "PCLI": "country",
    "ADM1": "region",
    "ADM2": "district/county",
    "PPLC": "capital",
    "CONT": "continent",
}
MACRO_CODES = frozenset({"CONT"})  # feature codes of continent-scale places: toponyms, never an event's place
W_WITHIN = 6.0  # "Paris, Tenn.": the qualifying region or country outweighs population and capital status
# An alternate name that is a spelling variant of the place's own name ("Sloviansk" of Slovyansk,
# "Konstantinovka" of Kostyantynivka: as many words, at most VARIANT_LEN letters longer or shorter, similar
# from VARIANT_MIN on) counts W_VARIANT x similarity; another name (an old name, "Pokrovsk" of Engels; a
# GeoNames error, "Slov'iansk" of Nikopol), a part of the name ("York" of New York) or a short name, too
# like many others ("Mont" of Mons), gets nothing.
W_VARIANT, VARIANT_MIN, VARIANT_LEN, VARIANT_SHORT = 1.0, 0.7, 2, 5
# Slavic adjective endings: "-sk" + one of these is another name ("Artemovskiy" of a Urals town is no
# spelling of "Artemovsk", Bakhmut's old name), not a spelling variant.
ADJECTIVE_ENDING = re.compile(r"i[yji]?|y[iyj]?")
NEAR_KM = 300.0  # e-folding distance of the proximity bonus
RIVAL_MARGIN = 3.0  # build_context: another country's candidate this close makes a country name unsure
PLACE_MARGIN = 1.5  # build_context: a candidate elsewhere this close makes a place name unsure


@dataclass(frozen=True)
class ContextEntry:
    """What one distinct name (or demonym) of a document says about where the document is."""

    key: str  # normalised name it came from ("" for demonyms)
    country_code: str
    mentions: int = 1
    explicit: bool = False  # a country name or demonym, rather than a place in that country
    admin1_code: str = ""  # set when the name's region is unambiguous
    point: tuple[float, float] | None = None  # set when the name's place is unambiguous


@dataclass(frozen=True)
class DocContext:
    """Countries, regions and confident places of a document. Hashable; ``rank`` leaves out the entry of
    the name being ranked, so an ambiguous name ("Paris" next to "Texas") cannot vote for itself."""

    entries: tuple[ContextEntry, ...] = ()

    @property
    def country_counts(self) -> dict[str, int]:
        """ISO2 -> mentions, from country names and demonyms."""
        out: Counter[str] = Counter()
        for e in self.entries:
            if e.explicit:
                out[e.country_code] += e.mentions
        return dict(out)

    @property
    def place_countries(self) -> frozenset[str]:
        return frozenset(e.country_code for e in self.entries if not e.explicit)

    @property
    def admin1_codes(self) -> frozenset[str]:
        return frozenset(e.admin1_code for e in self.entries if e.admin1_code)

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        return tuple(e.point for e in self.entries if e.point is not None)

    def without(self, key: str) -> DocContext:
        return DocContext(tuple(e for e in self.entries if e.key != key)) if key else self


EMPTY_CONTEXT = DocContext()


@dataclass(frozen=True, order=True)
class Scored:
    """One scored gazetteer row."""

    score: float
    row: int = field(compare=False)
    primary: bool = field(compare=False)
    reason: str = field(compare=False)


def rank(
    gaz: Gazetteer,
    name: str,
    context: DocContext | None = None,
    country_codes: Iterable[str] | None = None,
    within: str = "",
    theatre: Theatre = NO_THEATRE,
) -> list[Scored]:
    """All gazetteer entries matching ``name``, best first. ``within``: the region ("US.TN") or country ("UA")
    the text qualifies the name with ("Paris, Tenn.", "Kharkiv, Ukraine"): entries inside it get +W_WITHIN.
    ``theatre``: the corpus's event regions, a tie-breaker between same-named populated places."""
    ctx = (context or EMPTY_CONTEXT).without(normalize_name(name))
    counts, place_countries = ctx.country_counts, ctx.place_countries
    admin1_codes, points = ctx.admin1_codes, ctx.points
    top = max(counts.values(), default=0)
    only = {c.upper() for c in ([country_codes] if isinstance(country_codes, str) else country_codes or ())}
    out = []
    for hit in _hits(gaz, name, within):
        r = hit.row
        cc, a1 = gaz.code("country_code", r), gaz.code("admin1_code", r)
        fclass, fcode = gaz.code("feature_class", r), gaz.code("feature_code", r)
        if only and cc not in only:
            continue
        pop = int(gaz.population[r])
        eff = pop / REGION_DAMPING if fcode in ("ADM1", "ADM2") else pop
        eff = UNKNOWN_POPULATION if pop == 0 and fclass == "P" else eff
        eff = pop / CONTINENT_DAMPING if fcode in MACRO_CODES else eff
        score, ctx_why = math.log10(eff + 1), []
        why = [
            f"population {_short(pop)}"
            + (" (its towns' total)" if fclass == "A" and fcode != "PCLI" else "")
            + (f" (counts as {_short(int(eff))})" if fcode in MACRO_CODES else "")
        ]
        if hit.primary:
            score += W_PRIMARY
            why.append("primary name")
        else:
            variant = W_VARIANT * _variant(normalize_name(name), normalize_name(gaz.name(r)))
            score += variant
            why.append(f"spelling variant of its name {variant:+.1f}" if variant else "alternate name only")
        bonus = FEATURE_BONUS.get((fclass, fcode), (0.0, 0.0))[0 if hit.primary else 1]
        if fcode == "PPLC":
            bonus += CAPITAL_BONUS
        elif fclass in "STHL" and hit.primary:
            bonus += LANDMARK_BONUS
        if bonus:
            score += bonus
            why.append(f"{FEATURE_WORDS.get(fcode, 'landmark')} {fcode} {bonus:+.1f}")
        if cc in counts:
            score += W_COUNTRY + W_COUNTRY_TOP * counts[cc] / top
            ctx_why.append(f"country {cc} named in article x{counts[cc]}")
        elif cc in place_countries:
            score += W_IMPLIED
            ctx_why.append(f"other places in article are in {cc}")
        if a1 and a1 in admin1_codes:
            score += W_ADMIN1
            ctx_why.append(f"region {gaz.admin1_name(a1) or a1} ({a1}) has other places in article")
        if points and fclass != "A" and fcode not in MACRO_CODES:
            lat, lon = float(gaz.latitude[r]), float(gaz.longitude[r])
            d = min(haversine_km(lat, lon, p[0], p[1]) for p in points)
            score += W_NEAR * math.exp(-d / NEAR_KM)
            ctx_why.append(f"{d:.0f} km from another place in article")
        share = theatre.share(a1) if fclass == "P" else 0.0
        if share:
            score += W_THEATRE * share
            ctx_why.append(f"{share:.0%} of the corpus's events are in {gaz.admin1_name(a1) or a1}")
        if within and _inside(gaz, r, within):
            score += W_WITHIN
            ctx_why.insert(
                0, f"written as '{name}, {gaz.admin1_name(within) or gaz.country_name(within) or within}'"
            )
        why = ctx_why + why
        out.append(Scored(round(score, 3), r, hit.primary, "; ".join(why)))
    out.sort(key=lambda s: (-s.score, -int(gaz.population[s.row]), int(gaz.geonameid[s.row])))
    return out


def _hits(gaz: Gazetteer, name: str, within: str) -> list:
    """The entries matching ``name``; with a qualifying region or country none of them lies in, also the
    villages there whose names are spelling variants of it ("Zelenoye, Kharkiv region": the Zelene of Kharkiv
    Oblast, although other Zelene villages list "Zelenoye" as an alias). The text's qualification outranks
    the exact spelling; each variant still scores as an alternate name only."""
    hits = gaz.hits(name)
    if within and not any(_inside(gaz, h.row, within) for h in hits):
        seen = {h.row for h in hits}
        hits = hits + [h for h in gaz.variant_hits(name) if h.row not in seen]
    return hits


def _inside(gaz: Gazetteer, row: int, within: str) -> bool:
    """Is the entry inside the region (admin1 code) or country (ISO2) ``within``, and not the country?"""
    if gaz.code("admin1_code", row) == within:
        return True
    return gaz.code("country_code", row) == within and gaz.code("feature_code", row) != "PCLI"


@functools.lru_cache(maxsize=65536)
def _variant(a: str, b: str) -> float:
    """How alike two normalised names are when one is a spelling variant of the other (difflib's ratio: 1.0
    the same, "kiev"/"kyiv" 0.75), else 0.0."""
    if (
        a.count(" ") != b.count(" ")
        or abs(len(a) - len(b)) > VARIANT_LEN
        or min(len(a), len(b)) < VARIANT_SHORT
    ):
        return 0.0
    short, long = sorted((a, b), key=len)
    if short.endswith("sk") and long.startswith(short) and ADJECTIVE_ENDING.fullmatch(long[len(short) :]):
        return 0.0  # "Artemovsk" / "Artemovskiy": the town's name and an adjective formed from it
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= VARIANT_MIN else 0.0


def spelling_similarity(a: str, b: str) -> float:
    """Public name of `_variant`: how alike two normalised names are as spellings of one name (0.0: not)."""
    return _variant(a, b)


def is_macro(place: Place | None) -> bool:
    """A continent (or another place bigger than a country): a toponym, never a place on the event map."""
    return place is not None and place.feature_code in MACRO_CODES


def _short(n: int) -> str:
    """105160 -> "105k", 2_100_000 -> "2.1M"."""
    if n >= 1_000_000:
        return f"{n / 1e6:.1f}M"
    return f"{n / 1e3:.0f}k" if n >= 10_000 else f"{n:,}"


def build_context(names: Iterable[str], gazetteer: Gazetteer, demonyms: Iterable[str] = ()) -> DocContext:
    """Context of a document from its place names (repeats count) and demonyms ("Ukrainian").

    A place name counts (for its country, its region and its coordinates) when no candidate elsewhere
    scores within ``PLACE_MARGIN`` of the best (about a 30-fold population gap); a country name counts as a
    mention when no other country's candidate scores within ``RIVAL_MARGIN`` ("Georgia" does not: the
    country or the US state).
    """
    entries: list[ContextEntry] = []
    for word, n in Counter(demonyms).items():
        cc = gazetteer.demonym_country(word)
        if cc:
            entries.append(ContextEntry("", cc, n, explicit=True))
    mentions = Counter((normalize_name(n), n) for n in names)
    seen: dict[str, ContextEntry | None] = {}
    for (key, name), n in mentions.items():
        if key in seen:
            if seen[key] is not None:
                seen[key] = replace(seen[key], mentions=seen[key].mentions + n)
            continue
        seen[key] = _context_entry(gazetteer, key, name, n)
    entries += [e for e in seen.values() if e is not None]
    return DocContext(tuple(entries))


def _context_entry(gaz: Gazetteer, key: str, name: str, n: int) -> ContextEntry | None:
    ranked = rank(gaz, name)
    if not ranked:
        return None
    best = ranked[0]
    cc = gaz.code("country_code", best.row)
    if not cc:
        return None  # a continent says nothing about the document's country or neighbourhood
    is_country = gaz.code("feature_code", best.row) == "PCLI"
    close = [s for s in ranked[1:] if s.score >= best.score - (RIVAL_MARGIN if is_country else PLACE_MARGIN)]
    if any(gaz.code("country_code", s.row) != cc for s in close):
        return None  # "Georgia" (country or US state), "Nikopol" (Ukraine or Bulgaria)
    if is_country:
        return ContextEntry(key, cc, n, explicit=True)
    lat, lon = float(gaz.latitude[best.row]), float(gaz.longitude[best.row])
    a1 = gaz.code("admin1_code", best.row)
    if any(gaz.code("admin1_code", s.row) != a1 for s in close):
        a1 = ""
    far = any(
        haversine_km(lat, lon, float(gaz.latitude[s.row]), float(gaz.longitude[s.row])) > 50 for s in close
    )
    point = None if far or gaz.code("feature_class", best.row) == "A" else (lat, lon)
    return ContextEntry(key, cc, n, admin1_code=a1, point=point)
