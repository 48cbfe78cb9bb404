"""Evaluation of event extraction on real, labelled events.

- `evaluate_ucdp`: the pipeline runs on each UCDP GED event's source headlines (each with its own
  source date as publication date) and the prediction is scored against the gold event: where
  (acc@25km for `where_prec` <= 2, acc@161km overall, oblast match for `where_prec` <= 4), when
  (predicted event date inside [date_start, date_end]), who (recall of the two sides, over sides the
  headlines name) and how many (absolute error against `best`).
- `evaluate_event_location`: on Halterman's event_location sentences, the share of sentences with a
  labelled LOCATION whose chosen event place (`components.events.place.choose_place_span`, given the
  labelled verb) is that span.

Nothing here is tuned to a document: the same code scores any corpus in these formats.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
import statistics
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from components import pipeline
from components.evaluation.frontline import run_in_theatre
from components.events.candidates import place_candidates
from components.events.place import choose_place_span, geo_precision
from components.events.triggers import Trigger
from components.geo.distance import haversine_km
from components.records import GEO_REGION, Article, Event, ResolvedMention
from components.settings import ROOT

logger = logging.getLogger(__name__)

UCDP_FILE = Path("UCDP-GED-Ukraine") / "UCDP-Ukraine.derived.jsonl"
HALTERMAN_FILE = Path("Halterman-event_location") / "labeled_text.jsonl.zip"

# How a headline names each UCDP side, and which of our normalised actors count as finding it.
# UCDP codes the Donbas armed groups as DPR, LPR or "United Armed Forces of Novorossiya"; a headline
# that says "separatists" or "rebels" names any of them.
_SEPARATISTS = r"separatists?|rebels?|insurgents?|militants?|militias?|militiam[ae]n|pro-russian"
SIDES: dict[str, tuple[str, frozenset[str]]] = {
    "Ukraine": (r"ukrain\w*|kiev|kyiv", frozenset({"Ukraine"})),
    "Russia": (r"russia\w*|moscow|kremlin|putin", frozenset({"Russia"})),
    "DPR": (
        rf"dpr|dnr|donetsk people'?s republic|{_SEPARATISTS}",
        frozenset({"DPR", "Pro-Russian separatists"}),
    ),
    "LPR": (
        rf"lpr|lnr|lu[hg]ansk people'?s republic|{_SEPARATISTS}",
        frozenset({"LPR", "Pro-Russian separatists"}),
    ),
    "Novorossiya": (
        rf"novorossiya|{_SEPARATISTS}|dpr|lpr|dnr|lnr",
        frozenset({"DPR", "LPR", "Pro-Russian separatists"}),
    ),
    "Protesters": (r"protest\w*|activists?|maidan|demonstrat\w*", frozenset({"Protesters"})),
    "Civilians": (r"civilians?|residents?", frozenset({"Civilians"})),
}


def normalise_side(name: str) -> str:
    """UCDP side name -> a key of SIDES ("Government of Russia (Soviet Union)" -> "Russia")."""
    low = name.lower()
    for key, words in (
        ("Ukraine", "government of ukraine"),
        ("Russia", "government of russia"),
        ("DPR", "dpr"),
        ("LPR", "lpr"),
        ("Novorossiya", "novorossiya"),
        ("Protesters", "maidan"),
        ("Civilians", "civilians"),
    ):
        if words in low:
            return key
    return name


@dataclass
class Ratio:
    hit: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.hit += bool(ok)

    @property
    def value(self) -> float:
        return self.hit / self.n if self.n else float("nan")

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hit}/{self.n})"


@dataclass
class UcdpReport:
    events: int = 0
    with_event: int = 0  # gold events for which the pipeline extracted at least one event
    place_only: int = 0  # no event extracted; the headlines' best place was used (bare place names)
    acc25: Ratio = field(default_factory=Ratio)  # where_prec <= 2 and a headline names the place
    acc25_all: Ratio = field(default_factory=Ratio)  # where_prec <= 2, named or not
    acc161: Ratio = field(default_factory=Ratio)
    oblast: Ratio = field(default_factory=Ratio)
    region_fallback: Ratio = field(default_factory=Ratio)  # best events placed only to a region or country
    date_in_range: Ratio = field(default_factory=Ratio)
    side_recall: Ratio = field(default_factory=Ratio)
    fatality_errors: list[int] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        errs = self.fatality_errors
        return {
            "events": self.events,
            "with_extracted_event": self.with_event,
            "place_only": self.place_only,
            "acc@25km (where_prec<=2, place named)": round(self.acc25.value, 3),
            "acc@25km (where_prec<=2, all)": round(self.acc25_all.value, 3),
            "acc@161km": round(self.acc161.value, 3),
            "oblast match (where_prec<=4)": round(self.oblast.value, 3),
            "region fallback": round(self.region_fallback.value, 3),
            "date in range": round(self.date_in_range.value, 3),
            "side recall (sides named)": round(self.side_recall.value, 3),
            "fatalities mean abs error": round(statistics.fmean(errs), 2) if errs else None,
            "fatalities median abs error": statistics.median(errs) if errs else None,
            "fatalities exact": round(sum(e == 0 for e in errs) / len(errs), 3) if errs else None,
            "seconds": round(self.seconds, 1),
        }

    def lines(self) -> list[str]:
        stats = self.as_dict().items()
        fatalities = ", ".join(f"{k.split(' ', 1)[1]} {v}" for k, v in stats if k.startswith("fatalities"))
        return [
            f"UCDP events: {self.events}; with an extracted event: {self.with_event}; "
            f"place only: {self.place_only}",
            f"location acc@25km (where_prec <= 2, a headline names the place): {self.acc25}",
            f"location acc@25km (where_prec <= 2, all): {self.acc25_all}",
            f"location acc@161km (all): {self.acc161}",
            f"oblast match (where_prec <= 4): {self.oblast}",
            f"events placed only to a region or country: {self.region_fallback}",
            f"date inside [date_start, date_end]: {self.date_in_range}",
            f"side recall (sides the headlines name): {self.side_recall}",
            f"fatalities: {fatalities}",
            f"time: {self.seconds:.1f} s",
        ]


def load_ucdp(path: Path | str, *, limit: int | None = None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def headline_articles(rec: dict) -> list[Article]:
    """One Article per headline, published on its own source date (else the event's start date)."""
    dates = [d.strip() for d in str(rec.get("source_date", "")).split(";")]
    fallback = rec.get("date_start_iso")
    out = []
    for i, headline in enumerate(rec.get("headlines") or []):
        raw = dates[i] if i < len(dates) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[i]) else fallback
        published = dt.date.fromisoformat(raw) if raw else None
        out.append(Article(f"ucdp-{rec['id']}-{i}", "", str(headline), published, "UCDP source"))
    return out


def _best_event(evs: Sequence[Event]) -> Event | None:
    """The event the headlines report: the most precisely placed, then the most precisely dated."""
    placed = [e for e in evs if e.place is not None]
    pool = placed or list(evs)
    if not pool:
        return None
    return min(pool, key=lambda e: (e.geo_precision or 9, e.time_precision or 9))


def _best_place(places: Sequence[ResolvedMention]) -> ResolvedMention | None:
    found = [p for p in places if p.place is not None]
    if not found:
        return None
    return min(found, key=lambda p: (geo_precision(p.place) == GEO_REGION, -p.score))


def evaluate_ucdp(records: Sequence[dict], *, gazetteer=None) -> UcdpReport:
    """Score the pipeline on UCDP events (records as in UCDP-Ukraine.derived.jsonl)."""
    import time

    from components.geo.gazetteer.index import load_gazetteer

    started = time.perf_counter()
    gazetteer = gazetteer or load_gazetteer()
    articles = [a for rec in records for a in headline_articles(rec)]
    results: dict[str, list[pipeline.Processed]] = {}
    for res in run_in_theatre(articles, gazetteer, batch_size=128):
        if isinstance(res, pipeline.Processed):
            results.setdefault(res.article.article_id.rsplit("-", 1)[0], []).append(res)
    report = UcdpReport()
    for rec in records:
        report.events += 1
        processed = results.get(f"ucdp-{rec['id']}", [])
        evs = [e for p in processed for e in p.events]
        best = _best_event(evs)
        point = best.place if best else None
        if best is not None:
            report.with_event += 1
            report.region_fallback.add(best.place is None or best.geo_precision >= GEO_REGION)
        # The headlines are several reports of one event: as when reports are merged, the most
        # precise place any of them names wins over a country or region.
        named = _best_place([pl for p in processed for pl in p.places])
        if named is not None and (
            point is None
            or (
                best is not None
                and best.geo_precision >= GEO_REGION
                and geo_precision(named.place) < GEO_REGION
            )
        ):
            report.place_only += best is None
            point = named.place
        _score_where(report, rec, point, gazetteer, names_place=_names_place(rec, gazetteer))
        _score_when(report, rec, best, processed)
        _score_who(report, rec, evs)
        gold_deaths = int(rec.get("best") or 0)
        counts = [e.fatalities for e in evs if e.fatalities is not None]
        report.fatality_errors.append(abs((min(counts) if counts else 0) - gold_deaths))
    report.seconds = time.perf_counter() - started
    logger.info("evaluated %d UCDP events in %.1f s", report.events, report.seconds)
    return report


_NGRAM = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}")


def _names_place(rec: dict, gazetteer) -> bool:
    """Does any headline name a place within 25 km of the gold point (by any gazetteer name)?

    Decided from the gazetteer's names alone, not from the pipeline's choices, so that acc@25km is
    scored on the events whose headlines could tell where they happened.
    """
    lat, lon = float(rec["latitude"]), float(rec["longitude"])
    for headline in rec.get("headlines") or []:
        for m in _NGRAM.finditer(str(headline)):
            words = m.group(0).split()
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    for place in gazetteer.lookup(" ".join(words[i:j])):
                        if haversine_km(lat, lon, place.latitude, place.longitude) <= 25:
                            return True
    return False


def _score_where(report: UcdpReport, rec: dict, point, gazetteer, *, names_place: bool) -> None:
    lat, lon, prec = float(rec["latitude"]), float(rec["longitude"]), int(rec["where_prec"])
    dist = haversine_km(lat, lon, point.latitude, point.longitude) if point is not None else math.inf
    if prec <= 2:
        report.acc25_all.add(dist <= 25)
        if names_place:
            report.acc25.add(dist <= 25)
    report.acc161.add(dist <= 161)
    if prec <= 4:
        row = gazetteer.nearest(lat, lon, classes="P", max_km=60.0)
        gold_admin1 = gazetteer.place(row).admin1_code if row is not None else ""
        if gold_admin1:
            report.oblast.add(point is not None and point.admin1_code == gold_admin1)


def _score_when(report: UcdpReport, rec: dict, best: Event | None, processed) -> None:
    start = dt.date.fromisoformat(rec["date_start_iso"])
    end = dt.date.fromisoformat(rec["date_end_iso"])
    if best is not None and best.event_date is not None:
        day = best.event_date
    else:  # no event extracted: the report's date is all we know
        published = [p.article.published for p in processed if p.article.published]
        day = min(published) if published else None
    report.date_in_range.add(day is not None and start <= day <= end)


def _score_who(report: UcdpReport, rec: dict, evs: Sequence[Event]) -> None:
    text = " ".join(rec.get("headlines") or [])
    found = set()
    for e in evs:
        actors = (e.actor1, e.actor2, *e.assoc_actor_1.split("; "), *e.assoc_actor_2.split("; "))
        found.update(a for a in actors if a)
    for side in (rec.get("side_a", ""), rec.get("side_b", "")):
        key = normalise_side(side)
        if key not in SIDES:
            continue
        pattern, accepted = SIDES[key]
        if re.search(rf"\b(?:{pattern})", text, re.IGNORECASE):
            report.side_recall.add(bool(found & accepted))


# -- Halterman event_location ------------------------------------------------------------------------
@dataclass
class LocationReport:
    sentences: int = 0
    accuracy: Ratio = field(default_factory=Ratio)
    no_place_found: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"sentences with a labelled LOCATION: {self.accuracy.n} (of {self.sentences})",
            f"event place = labelled LOCATION span: {self.accuracy}",
            f"sentences where no place was resolved: {self.no_place_found}",
            f"time: {self.seconds:.1f} s",
        ]


def load_halterman(path: Path | str, *, limit: int | None = None) -> list[dict]:
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        data = json.loads(zf.read(name))
    items = [d for d in data if any(s["label"] == "LOCATION" for s in d.get("spans", []))]
    return items[:limit] if limit is not None else items


def evaluate_event_location(items: Sequence[dict], *, gazetteer=None) -> LocationReport:
    """Accuracy of choosing the labelled LOCATION span as the event's place."""
    import time

    from components.geo.gazetteer.index import load_gazetteer
    from components.geo.geocoders.gazetteer import GazetteerGeocoder
    from components.geo.places import resolve_places
    from components.nlp.mentions import analyse
    from components.nlp.model import load_nlp

    started = time.perf_counter()
    gazetteer = gazetteer or load_gazetteer()
    geocoder = GazetteerGeocoder(gazetteer)
    model = load_nlp()
    report = LocationReport(sentences=len(items))
    articles = [Article(f"h{i}", "", d["text"], None) for i, d in enumerate(items)]
    analysed = analyse(model, articles, gazetteer, batch_size=128)
    for (article, analysis), item in zip(analysed, items, strict=True):
        places = resolve_places(analysis.mentions, gazetteer, geocoder, text=article.text)
        verb = next((s for s in item["spans"] if s["label"] == "VERB"), None)
        gold = [char_span(item, s) for s in item["spans"] if s["label"] == "LOCATION"]
        start, end = (verb["start"], verb["end"]) if verb else (0, 0)
        trig = Trigger("", article.text[start:end], start, end)
        candidates = place_candidates(article.text, 0, analysis.mentions, places, trig)
        where, _ = choose_place_span(article.text, 0, candidates, trig)
        if where is None:
            report.no_place_found += 1
        hit = where is not None and any(
            where.mention.start_char < g["end"] and g["start"] < where.mention.end_char for g in gold
        )
        report.accuracy.add(hit)
    report.seconds = time.perf_counter() - started
    logger.info("event location: %s in %.1f s", report.accuracy, report.seconds)
    return report


def char_span(item: dict, span: dict) -> dict:
    """The span with character offsets. About 1,100 LOCATION spans of the file carry token indices in
    `start`/`end` (text[start:end] is not their `text`); their tokens' offsets give the characters. A few
    without a `text` have character offsets that cut words ("Badr M" for "Badr Mosque"); their tokens'
    offsets are used too when those tokens exist."""
    text, tokens = item["text"], item.get("tokens") or []
    try:
        start, end = tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]
    except (IndexError, KeyError, TypeError):
        return span
    if span.get("text"):
        if text[span["start"] : span["end"]] == span["text"]:
            return span
        same = text[start:end] in (
            span["text"],
            span["text"].strip(" ,.;:"),
        )  # "Tuz Khurmatu," has no comma token
        return {**span, "start": start, "end": end} if same else span
    starts, ends = {t["start"] for t in tokens}, {t["end"] for t in tokens}
    if span["start"] in starts and span["end"] in ends:
        return span
    return {**span, "start": start, "end": end}


def eval_dir(explicit: str | Path | None = None) -> Path:
    """../shared/eval beside the checkout unless given."""
    if explicit:
        return Path(explicit)
    return ROOT.parent / "shared" / "eval"


def iter_lines(report: UcdpReport | LocationReport) -> Iterable[str]:
    yield from report.lines()
