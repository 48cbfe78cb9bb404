"""A document's mentions -> places, in the document's own context.

Each distinct place name is geocoded once, in the context of the document's other place names and
demonyms (`ranking.build_context`). With the document's text, a name followed by a region word is that
region ("the Donetsk region": the oblast, not the city), and a name qualified
by the next one ("Paris, Tenn.", "Kharkiv, Ukraine", "Pisky in Donetsk region", "Pisky (Donetsk oblast)") is
placed inside it, as is every name of a list it ends ("near Pisky and Vodiane, Donetsk region"). A qualifier
that names a region as well as a town ("Orikhiv, Zaporizhzhia") is the region when the place before it lies
there (or is unknown): it is then the region in the document's context too. A demonym counts as the
document's country unless it names armed forces ("Russian troops", "Russian drones": who acted, not where).
Toponyms that are not event places (names inside organisation names, demonyms, continent adjectives) are
resolved too, and the countries that actors' names stand for are looked up for the events' actors.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from components.geo.districts import DISTRICT_WORD, districts_of, nearest_ranked
from components.geo.gazetteer.index import Gazetteer
from components.geo.geocoders import resolve_names
from components.geo.geocoders.gazetteer import GazetteerGeocoder, candidates_of, location_to_place
from components.geo.ranking import build_context, rank
from components.records import Candidate, Mention, ResolvedMention

# Words after a place name that make it the region of that name ("the Kharkiv region", "Kherson province",
# "Donetsk and Luhansk oblasts"). The mention stays the name itself, as gold corpora mark it.
REGION_AFTER = re.compile(r"\s+(region|oblast|province|raion|governorate)(s?)\b", re.I)
LIST_GAP = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")
# Text between a place and the region or country that qualifies it: "X, Y", "X (Y oblast)", "X in Y region",
# "X in northern Y region". (After "in" the qualifier must resolve to a region or country: "X in Kherson" may
# be a district of the city.)
QUALIFIER_GAP = re.compile(
    r"\s*,\s*|\s*\(\s*|\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)(?:east|west)?(?:ern)?\s+|central\s+)?",
    re.I,
)
# Text between a part of a town and the town: "the Kanal district of Chasiv Yar".
PART_GAP = re.compile(
    r"\s+(?:district|suburb|neighbou?rhood|quarter|micro-?district|area)\s+of\s+(?:the\s+)?", re.I
)
# A district named as an adjective ("the Kyivskyi district", "Kharkiv's Shevchenkivskyi district"): a city's
# district, never the village of that name elsewhere; the gazetteer knows it only as a part of a town (PPLX).
ADJECTIVE_DISTRICT = re.compile(r"(?:sk|tsk|zk|ck)(?:yi|yy|iy|ij|y|oi|oy|ii)$", re.I)
# A name written with the word "city" or a possessive ("Zaporizhzhia city's", "Kharkiv's") is geocoded bare.
CITY_TAIL = re.compile(r"(?:\s+city)?(?:['’]s)?$")
# Words after a demonym that make it the armed actor or the warring side's voice, not the document's country
# ("Russian troops shelled Donetsk": Donetsk, Ukraine; "the Russian defence ministry said ... Artemovsk").
ARMED_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:troops|forces|army|military|soldiers|servicemen|units?|infantry|artillery|"
    r"aviation|air\s+force|aircraft|jets|warplanes|bombers|helicopters|drones?|missiles?|rockets?|shells|"
    r"shelling|strikes?|airstrikes?|attacks?|assaults?|navy|fleet|occupiers|invaders|mercenaries|"
    r"snipers?|tanks|paratroopers|marines|defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|"
    r"military\s+bloggers|war\s+correspondents?|state\s+media|telegram\s+channels)\b",
    re.I,
)


def resolve_places(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    geocoder: GazetteerGeocoder,
    *,
    kinds: frozenset[str] = frozenset({"place"}),
    text: str = "",
) -> tuple[ResolvedMention, ...]:
    """Geocode an article's place mentions (of ``kinds``) in its own context (each distinct name once); with
    the article ``text``, a name followed by a region word is that region ("the Donetsk region": the oblast,
    not the city) and a name qualified by the next one after a comma ("Paris, Tenn.") is placed in it."""
    regions = {m: f"{m.text} {word}" for m, word in _region_words(mentions, text).items()} if text else {}
    if text:  # "Orikhiv, Zaporizhzhia": the region, written as its own name; "Svatove district": the raion
        regions.update(_named_regions(mentions, gazetteer, text, regions))
        regions.update({m: f"{m.text} Raion" for m in _district_names(mentions, text) if m not in regions})
    # A name with its region word counts as the region in the context ("Kherson region": no point).
    place_names = [regions.get(m, m.text) for m in mentions if m.kind == "place"]
    demonyms = [
        m.text for m in mentions if m.kind == "actor" and not (text and ARMED_AFTER.match(text, m.end_char))
    ]
    context = build_context(place_names, gazetteer, demonyms=demonyms)
    # With the text, every place is resolved: places qualify other mentions ("Paris, Tenn.").
    wanted = [m for m in mentions if m.kind in kinds or (text and m.kind == "place")]
    located = resolve_names([_bare(m.text) for m in wanted], context, geocoder)
    as_region = {name: geocoder.geocode(name, context=context) for name in set(regions.values())}
    loc_of = {}
    for m in wanted:
        region = as_region.get(regions.get(m, ""))
        is_region = region is not None and (region.raw or {}).get("feature_class") == "A"
        loc_of[m] = region if is_region else located.get(_bare(m.text))
        if not is_region and m in regions and ADJECTIVE_DISTRICT.search(m.text) and loc_of[m] is not None:
            loc_of[m] = loc_of[m] if (loc_of[m].raw or {}).get("feature_code") == "PPLX" else None

    def locate(name: str, within: str):
        """A district's centre town, inside the region written after the district when there is one."""
        loc = geocoder.geocode(name, context=context, within=within)
        raw = (loc.raw or {}) if loc is not None else {}
        ok = raw.get("feature_class") == "P" and (not within or raw.get("admin1_code") == within)
        return loc if ok else None

    qualified = _qualifiers(mentions, loc_of, kinds, text) if text else {}
    parts = _parts_of_towns(mentions, loc_of, kinds, text) if text else {}
    districts = districts_of(mentions, loc_of, kinds, text, locate) if text else {}
    out = []
    for m in mentions:
        if m.kind not in kinds:
            continue
        loc = loc_of.get(m)
        if m in districts:
            loc = nearest_ranked(geocoder, m.text, context, *districts[m]) or loc
        elif m in qualified:
            loc = geocoder.geocode(m.text, context=context, within=qualified[m]) or loc
        elif m in parts:  # a district of a town lies in the town's region, or the gazetteer lacks it
            loc = geocoder.geocode(m.text, context=context, within=parts[m])
            loc = loc if loc is not None and (loc.raw or {}).get("admin1_code") == parts[m] else None
        if loc is None:
            out.append(ResolvedMention(m, None))
        else:
            place = location_to_place(loc)
            score = float(loc.raw.get("score", 0.0))
            out.append(ResolvedMention(m, place, score, candidates_of(loc)))
    return tuple(out)


def _region_words(mentions: Sequence[Mention], text: str) -> dict[Mention, str]:
    """Place mentions followed by a region word, directly or through a list that ends in the plural ("Donetsk
    and Luhansk regions") -> the word, to geocode "<name> <word>" as the region."""
    places = sorted((m for m in mentions if m.kind == "place"), key=lambda m: m.start_char)
    out: dict[Mention, str] = {}
    # One pass from the end: the region word a list ends in, carried back through the list (linear in the
    # number of names: a text listing 10,000 names must not compare every pair).
    tail: tuple[str, bool] | None = None  # (region word, plural) of the list the next name belongs to
    for j in range(len(places) - 1, -1, -1):
        found = REGION_AFTER.match(text, places[j].end_char)
        if found:
            tail = (found.group(1).lower(), bool(found.group(2)))
            out[places[j]] = tail[0]
            continue
        joined = j + 1 < len(places) and LIST_GAP.fullmatch(
            text, places[j].end_char, places[j + 1].start_char
        )
        tail = tail if joined else None
        if tail is not None and tail[1]:
            out[places[j]] = tail[0]
    return out


def _qualifiers(
    mentions: Sequence[Mention], loc_of: dict, kinds: frozenset[str], text: str
) -> dict[Mention, str]:
    """Mentions qualified by the next place ("Paris, Tenn.", "Kharkiv, Ukraine", "Pisky (Donetsk oblast)",
    "Pisky in Donetsk region") -> the region (admin1 code) or country code of that qualifier; the names of a
    list that ends in a qualified name share its qualifier ("near Pisky and Vodiane, Donetsk region")."""
    out: dict[Mention, str] = {}
    ordered = sorted(
        (m for m in mentions if m.kind in kinds or m.kind == "place"), key=lambda m: m.start_char
    )
    for i, (a, b) in enumerate(itertools.pairwise(ordered)):
        loc = loc_of.get(b)
        if loc is None or not QUALIFIER_GAP.fullmatch(text, a.end_char, b.start_char):
            continue
        code = _region_code(loc)
        if not code:
            continue
        j = i
        while j >= 0 and ordered[j] not in out:
            here = loc_of.get(ordered[j])
            if here is not None and _region_code(here):
                break  # a region is not placed in another ("Kharkiv, Sumy and Chernihiv regions")
            if ordered[j].kind in kinds:
                out[ordered[j]] = code
            if j == 0 or not LIST_GAP.fullmatch(text, ordered[j - 1].end_char, ordered[j].start_char):
                break
            j -= 1
    return out


def _parts_of_towns(
    mentions: Sequence[Mention], loc_of: dict, kinds: frozenset[str], text: str
) -> dict[Mention, str]:
    """Mentions written as a part of the town named next ("the Kanal district of Chasiv Yar", "the Antonivka
    suburb of Kherson") -> the admin1 code of that town: the part is there or nowhere the gazetteer knows."""
    out: dict[Mention, str] = {}
    ordered = sorted(
        (m for m in mentions if m.kind in kinds or m.kind == "place"), key=lambda m: m.start_char
    )
    for a, b in itertools.pairwise(ordered):
        loc = loc_of.get(b)
        raw = (loc.raw or {}) if loc is not None else {}
        if (
            a.kind in kinds
            and raw.get("feature_class") == "P"
            and raw.get("admin1_code")
            and PART_GAP.fullmatch(text, a.end_char, b.start_char)
        ):
            out[a] = raw["admin1_code"]
    return out


def _bare(name: str) -> str:
    """The name to geocode, without a trailing "city" or possessive ("Kharkiv city's" -> "Kharkiv")."""
    return CITY_TAIL.sub("", name) or name


def _district_names(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Place mentions followed by "district" or "raion": the raion (ADM2) of that name when the gazetteer has
    it ("Svatove district"), else the town or nothing (see ADJECTIVE_DISTRICT)."""
    return [
        m
        for m in mentions
        if m.kind == "place" and (w := DISTRICT_WORD.match(text, m.end_char)) and w.group(1)
    ]


def _region_code(loc) -> str:
    """The admin1 code of a region, the country code of a country, else ""."""
    raw = loc.raw or {}
    code = raw.get("feature_code")
    if code == "PCLI":
        return raw.get("country_code", "")
    return raw.get("admin1_code", "") if code in ("ADM1", "ADM2") else ""


def _named_regions(
    mentions: Sequence[Mention], gaz: Gazetteer, text: str, regions: dict[Mention, str]
) -> dict[Mention, str]:
    """Qualifiers written as a bare name that is a region's as well as a town's ("Orikhiv, Zaporizhzhia",
    "Pisky (Donetsk)") -> the region's name ("Zaporizhzhia Oblast"), when the place before lies in that region
    or is unknown, is not itself a country or region, and the qualifier does not go on as a list ("Kharkiv,
    Donetsk and Luhansk")."""
    places = sorted((m for m in mentions if m.kind == "place"), key=lambda m: m.start_char)
    out: dict[Mention, str] = {}
    for i, (a, b) in enumerate(itertools.pairwise(places)):
        gap = text[a.end_char : b.start_char].strip()
        if b in regions or a in regions or gap not in (",", "("):
            continue
        if gap == "(" and not text[b.end_char :].lstrip().startswith(")"):
            continue
        if i + 2 < len(places) and LIST_GAP.fullmatch(text, b.end_char, places[i + 2].start_char):
            continue
        codes = _admin1_readings(gaz, b.text)
        if not codes or _admin1_readings(gaz, a.text, countries=True):
            continue
        hits = gaz.hits(a.text) or gaz.variant_hits(a.text)
        inside = [c for c in codes if any(gaz.code("admin1_code", h.row) == c for h in hits)]
        code = inside[0] if inside else (codes[0] if not hits else "")
        if code:
            out[b] = gaz.admin1_name(code)
    return out


def _admin1_readings(gaz: Gazetteer, name: str, *, countries: bool = False) -> list[str]:
    """The admin1 codes of the first-level regions a name may stand for ("Zaporizhzhia": UA.26), unless its
    best reading is already a region or country; with ``countries``, any region or country reading at all."""
    ranked = rank(gaz, name)
    if not ranked:
        return []
    top = gaz.code("feature_code", ranked[0].row)
    if not countries and top in ("ADM1", "ADM2", "PCLI"):
        return []
    out = []
    for s in ranked:
        fcode = gaz.code("feature_code", s.row)
        if fcode == "ADM1" or (countries and fcode == "PCLI"):
            out.append(gaz.code("admin1_code", s.row) or gaz.code("country_code", s.row))
    return out


def other_toponyms(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    geocoder: GazetteerGeocoder,
    text: str = "",
) -> tuple[ResolvedMention, ...]:
    """Toponyms that are not event places: place names inside organisation names ("Texas" in "Texas Fire
    Service"), resolved in the article's context, demonyms ("Ukrainian") as mentions of their country and
    continent adjectives ("European") as mentions of their continent."""
    demonym = {m: gazetteer.demonym_country(m.text) for m in mentions if m.kind in ("actor", "embedded")}
    embedded = resolve_places(mentions, gazetteer, geocoder, kinds=frozenset({"embedded"}), text=text)
    out = [rm for rm in embedded if not demonym.get(rm.mention)]
    for m in mentions:
        code = demonym.get(m)
        place = gazetteer.country(code) if code else None
        if place is None and m.kind == "actor":
            place = gazetteer.continent_of_adjective(m.text)  # "European", "Africans": their continent
        if place is not None:
            why = Candidate(
                place.geonameid, place.name, place.country_code, 0.0, f"adjective of {place.name}"
            )
            out.append(ResolvedMention(m, place, 0.0, (why,)))
    return tuple(sorted(out, key=lambda rm: rm.mention.start_char))


def demonym_countries(mentions: Sequence[Mention], gazetteer: Gazetteer) -> dict[str, str]:
    """Actor and embedded mention texts that name a country -> its ISO2 code: a demonym ("Ukrainian") or a
    country named inside an organisation's name ("Ukraine" in "Ukraine Railways")."""
    out = {}
    for m in mentions:
        if m.kind in ("actor", "embedded"):
            code = gazetteer.demonym_country(m.text) or (
                m.kind == "embedded" and country_named(gazetteer, m.text)
            )
            if code:
                out[m.text] = code
    return out


def country_named(gazetteer: Gazetteer, name: str) -> str | None:
    """ISO2 code of the country this name is (a primary name or alias of an independent country)."""
    return next((p.country_code for p in gazetteer.lookup(name) if p.feature_code == "PCLI"), None)


class CountryNames(dict):
    """ISO2 -> country name, looked up lazily in the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        super().__init__()
        self._gazetteer = gazetteer

    def __missing__(self, code: str) -> str:
        name = self._gazetteer.country_name(code) or code
        self[code] = name
        return name

    def get(self, code, default=None):  # type: ignore[override]
        return self[code] if code else default
