"""Typed records that flow between the pipeline stages.

Data flows one way: Article -> Mention -> Place (via geocoding) -> Event.
Every record is a frozen dataclass; stages return new records and never mutate their input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# ACLED's six event types (https://acleddata.com codebook), used as our taxonomy.
BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
EVENT_TYPES: tuple[str, ...] = (BATTLES, EXPLOSIONS, VIOLENCE_CIVILIANS, PROTESTS, RIOTS, STRATEGIC)

# Time precision, as ACLED codes it: 1 = the day is known, 2 = the week, 3 = the month.
# 0 = undated: the article has no publication date and the sentence no resolvable date.
TIME_DAY, TIME_WEEK, TIME_MONTH, TIME_UNDATED = 1, 2, 3, 0

# Where an event record comes from: extracted from articles, or imported from a structured dataset.
DATASETS: tuple[str, ...] = ("articles", "acled", "ucdp", "gdelt")

# Geo precision: 1 = a named place (town, landmark), 2 = near a place or part of a region,
# 3 = a region or a whole country. 0 = no place found.
GEO_PLACE, GEO_NEAR, GEO_REGION, GEO_NONE = 1, 2, 3, 0


@dataclass(frozen=True)
class Article:
    """One news article, as read from a file, upload or feed."""

    article_id: str  # stable content hash (see articles.article_id)
    title: str
    text: str  # body text, boilerplate removed; offsets of mentions index this string
    published: dt.date | None
    source: str = ""  # outlet or feed name
    url: str = ""
    path: str = ""  # where it was read from (file path, upload name)
    fmt: str = ""  # txt, html, json, jsonl, csv
    language: str = ""  # ISO 639-1 code ("en", "uk", "ru") set by the pipeline's detection; "" = unknown


@dataclass(frozen=True)
class Mention:
    """A span of an article's text that names a place, a date or an actor."""

    article_id: str
    start_char: int
    end_char: int
    text: str
    label: str  # spaCy label (GPE, LOC, FAC, DATE, NORP, ORG, PERSON) or GAZ for matcher-only finds
    kind: str  # "place", "date" or "actor"
    sent_index: int  # index of the sentence (in Doc.sents order) holding the mention


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a GeoNames place, a country, a derived region or a project landmark."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str  # ISO 3166 alpha-2; Crimea and its towns are UA (as ACLED and the UN code them)
    admin1: str = ""  # first-level region name, e.g. "Dnipropetrovsk Oblast"
    admin1_code: str = ""  # GeoNames admin1 code, e.g. "UA.04"
    feature_class: str = "P"  # GeoNames class: P populated place, A admin area, S spot/landmark
    feature_code: str = "PPL"  # GeoNames code: PPL, PPLA, PPLC, PCLI, ADM1, ADM2, BDG, ...
    population: int = 0


@dataclass(frozen=True)
class Candidate:
    """One scored gazetteer candidate for a place name ("why this place?")."""

    geonameid: int
    name: str
    country_code: str
    score: float
    reason: str


@dataclass(frozen=True)
class ResolvedMention:
    """A place mention with the place it was resolved to (None when nothing fit)."""

    mention: Mention
    place: Place | None
    score: float = 0.0
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Source:
    """One report of an event: the article (or dataset row) and the sentence that reports it."""

    article_id: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None
    evidence: str = ""
    start_char: int | None = None  # offsets of `evidence` in the article text (None for imports)
    end_char: int | None = None


@dataclass(frozen=True)
class Event:
    """Something that happened, extracted from one sentence of one article (or imported)."""

    event_id: str
    article_id: str
    event_type: str
    event_date: dt.date | None
    time_precision: int
    date_start: dt.date | None
    date_end: dt.date | None
    date_text: str  # the expression the date came from ("on Saturday"), or "" when it is the publication date
    actor1: str
    actor2: str
    place: Place | None
    geo_precision: int
    location: str  # the place name as written in the sentence
    trigger: str  # the word that made the sentence an event ("explosion")
    evidence: str  # the sentence
    start_char: int  # offsets of the evidence sentence in Article.text
    end_char: int
    country: str = ""  # country name of the place
    sub_event_type: str = ""  # one of taxonomy.SUB_EVENT_TYPES[event_type]
    assoc_actor_1: str = ""  # actors named as acting with actor1 / actor2 ("backed by ...")
    assoc_actor_2: str = ""
    admin2: str = ""  # second-level region (only imported data carries it; the gazetteer has no ADM2)
    fatalities: int | None = None  # ACLED's conservative count (see fatalities.py); None = not reported
    fatalities_text: str = ""  # the words the count came from ("dozens were killed")
    dataset: str = "articles"  # one of DATASETS
    sources: tuple[Source, ...] = ()  # every report; article events get theirs from the store
    confidence: dict = field(default_factory=dict, compare=False, hash=False)  # field -> 0..1
    extra: dict = field(default_factory=dict, compare=False, hash=False)
