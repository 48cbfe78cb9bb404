"""Wiring: articles -> mentions -> places -> events -> store (Kedro's pipeline.py to the stages' nodes).

The stages are pure functions in their modules; this module only chains them, counts what happened
and reports progress. Each article is stored in its own transaction, so a bad article or a crash
never loses the others.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from components import settings, store
from components.errors import StoreError
from components.events import dedup
from components.events import extract as events_mod
from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.geo.geocoders import make_geocoder, resolve_names
from components.geo.geocoders.gazetteer import GazetteerGeocoder, candidates_of, location_to_place
from components.geo.ranking import build_context, is_macro
from components.ingest import articles as articles_mod
from components.ingest.articles import Skip
from components.nlp import mentions as nlp
from components.records import Article, Candidate, Event, Mention, ResolvedMention
from components.store import corrections as corrections_mod

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]  # (done, total, current item label)


@dataclass
class IngestReport:
    """What an ingest did; printed by the CLI and shown by the dashboard."""

    inputs_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    skipped: list[Skip] = field(default_factory=list)
    events: int = 0
    place_mentions: int = 0
    places_resolved: int = 0
    undated_articles: int = 0
    geocoder_failures: int = 0  # online geocoder errors answered by the offline gazetteer instead
    merged: int = 0  # new reports merged into another event by dedup (see dedup.py)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"articles read: {self.inputs_read}, new: {self.articles_new}, "
            f"already stored: {self.duplicates}, skipped: {len(self.skipped)}",
            f"events written: {self.events}; place mentions resolved: {self.places_resolved}/"
            f"{self.place_mentions}; articles without a publication date: {self.undated_articles}",
            f"reports merged into one event with other reports: {self.merged}",
            f"time: {self.seconds:.1f} s",
        ]
        if self.geocoder_failures:
            out.append(
                f"online geocoder failures answered by the offline gazetteer: {self.geocoder_failures}"
            )
        out += [f"skipped {s.path}: {s.reason}" for s in self.skipped]
        return out


@dataclass(frozen=True)
class Processed:
    """One article after every stage, ready to store."""

    article: Article
    mentions: tuple[Mention, ...]
    places: tuple[ResolvedMention, ...]
    events: tuple[Event, ...]
    toponyms: tuple[ResolvedMention, ...] = ()  # embedded names, demonyms, continents (not stored)


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
    place_names = [
        regions.get(m, m.text) for m in mentions if m.kind == "place"
    ]  # "Kherson region": no point
    demonyms = [m.text for m in mentions if m.kind == "actor"]
    context = build_context(place_names, gazetteer, demonyms=demonyms)
    wanted = [m for m in mentions if m.kind in kinds or (text and m.kind == "place")]  # places qualify others
    located = resolve_names([m.text for m in wanted], context, geocoder)
    as_region = {name: geocoder.geocode(name, context=context) for name in set(regions.values())}
    loc_of = {}
    for m in wanted:
        region = as_region.get(regions.get(m, ""))
        loc_of[m] = region if region is not None and (region.raw or {}).get("feature_class") == "A" else (
            located.get(m.text))  # fmt: skip
    qualified = _qualified(mentions, loc_of, kinds, text) if text else {}
    out = []
    for m in mentions:
        if m.kind not in kinds:
            continue
        loc = loc_of.get(m)
        if m in qualified:
            loc = geocoder.geocode(m.text, context=context, within=qualified[m]) or loc
        if loc is None:
            out.append(ResolvedMention(m, None))
        else:
            out.append(ResolvedMention(m, location_to_place(loc), float(loc.raw.get("score", 0.0)),
                                       candidates_of(loc)))  # fmt: skip
    return tuple(out)


# Words after a place name that make it the region of that name ("the Kharkiv region", "Kherson province",
# "Donetsk and Luhansk oblasts"). The mention stays the name itself, as gold corpora mark it.
_REGION_AFTER = re.compile(r"\s+(region|oblast|province|raion|governorate)(s?)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")


def _region_words(mentions: Sequence[Mention], text: str) -> dict[Mention, str]:
    """Place mentions followed by a region word, directly or through a list that ends in the plural ("Donetsk
    and Luhansk regions") -> the word, to geocode "<name> <word>" as the region."""
    places = sorted((m for m in mentions if m.kind == "place"), key=lambda m: m.start_char)
    out: dict[Mention, str] = {}
    for i, m in enumerate(places):
        j = i
        while True:
            found = _REGION_AFTER.match(text, places[j].end_char)
            if found:
                if j == i or found.group(2):
                    out[m] = found.group(1).lower()
                break
            if j + 1 == len(places) or not _LIST_GAP.fullmatch(
                text, places[j].end_char, places[j + 1].start_char
            ):
                break
            j += 1
    return out


def _qualified(
    mentions: Sequence[Mention], loc_of: dict, kinds: frozenset[str], text: str
) -> dict[Mention, str]:
    """Mentions qualified by the next place after a comma ("Paris, Tenn.", "Kharkiv, Ukraine") -> the region
    (admin1 code) or country code of that qualifier."""
    out: dict[Mention, str] = {}
    ordered = sorted(
        (m for m in mentions if m.kind in kinds or m.kind == "place"), key=lambda m: m.start_char
    )
    for a, b in itertools.pairwise(ordered):
        loc = loc_of.get(b)
        if a.kind not in kinds or loc is None or text[a.end_char : b.start_char].strip() != ",":
            continue
        raw = loc.raw or {}
        code = raw.get("feature_code")
        if code == "PCLI":
            out[a] = raw.get("country_code", "")
        elif code in ("ADM1", "ADM2") and raw.get("admin1_code"):
            out[a] = raw["admin1_code"]
    return {m: q for m, q in out.items() if q}


def other_toponyms(mentions: Sequence[Mention], gazetteer: Gazetteer, geocoder: GazetteerGeocoder,
                   text: str = "") -> tuple[ResolvedMention, ...]:  # fmt: skip
    """Toponyms that are not event places: place names inside organisation names ("Texas" in "Texas Fire
    Service"), resolved in the article's context, demonyms ("Ukrainian") as mentions of their country and
    continent adjectives ("European") as mentions of their continent."""
    demonym = {m: gazetteer.demonym_country(m.text) for m in mentions if m.kind in ("actor", "embedded")}
    out = [rm for rm in resolve_places(mentions, gazetteer, geocoder, kinds=frozenset({"embedded"}), text=text)
           if not demonym.get(rm.mention)]  # fmt: skip
    for m in mentions:
        code = demonym.get(m)
        place = gazetteer.country(code) if code else None
        if place is None and m.kind == "actor":
            place = gazetteer.continent_of_adjective(m.text)  # "European", "Africans": their continent
        if place is not None:
            out.append(ResolvedMention(m, place, 0.0, (Candidate(place.geonameid, place.name, place.country_code,
                                                                 0.0, f"adjective of {place.name}"),)))  # fmt: skip
    return tuple(sorted(out, key=lambda rm: rm.mention.start_char))


def process(article: Article, analysis: nlp.Analysis, gazetteer: Gazetteer, geocoder,
            corrections: Sequence[corrections_mod.Correction] = ()) -> Processed:  # fmt: skip
    """Places and events of one analysed article (pure apart from the geocoder's cache); the users'
    place corrections are applied before the events are built."""
    places = resolve_places(analysis.mentions, gazetteer, geocoder, text=article.text)
    places = corrections_mod.apply_to_resolved(places, corrections)
    macro = tuple(rm for rm in places if is_macro(rm.place))  # continents: toponyms, not event places
    places = tuple(rm for rm in places if not is_macro(rm.place))
    demonyms = {}  # actor and embedded mention texts that name a country: "Ukrainian", "Ukraine" (in an org)
    for m in analysis.mentions:
        if m.kind in ("actor", "embedded"):
            code = gazetteer.demonym_country(m.text) or (
                m.kind == "embedded" and _country_named(gazetteer, m.text)
            )
            if code:
                demonyms[m.text] = code
    names = _CountryNames(gazetteer)
    events = events_mod.build_events(article, analysis.sentences, analysis.mentions, places, names,
                                     demonyms)  # fmt: skip
    toponyms = (*other_toponyms(analysis.mentions, gazetteer, geocoder, article.text), *macro)
    return Processed(article, analysis.mentions, places, tuple(events),
                     tuple(sorted(toponyms, key=lambda rm: rm.mention.start_char)))  # fmt: skip


def _country_named(gazetteer: Gazetteer, name: str) -> str | None:
    """ISO2 code of the country this name is (a primary name or alias of an independent country)."""
    return next((p.country_code for p in gazetteer.lookup(name) if p.feature_code == "PCLI"), None)


class _CountryNames(dict):
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


def run(
    articles: Iterable[Article],
    *,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 32,
    corrections: Sequence[corrections_mod.Correction] = (),
    geocoder=None,
) -> Iterable[Processed | Skip]:
    """Every stage over many articles (batched through spaCy), with the users' place corrections; an
    article that fails is a Skip. The geocoder is the `geocoder` setting's (offline by default)."""
    gazetteer = gazetteer or load_gazetteer()
    geocoder = geocoder or make_geocoder(gazetteer=gazetteer)
    model = nlp.load_nlp()
    for article, analysis in nlp.analyse(model, articles, gazetteer, batch_size=batch_size):
        try:
            yield process(article, analysis, gazetteer, geocoder, corrections)
        except Exception as err:  # one bad article must never stop the batch: it becomes a Skip
            logger.exception("processing %s failed", article.path or article.article_id)
            yield Skip(article.path or article.article_id,
                       f"{article.path or article.title[:60]}: processing failed ({type(err).__name__}: {err})")  # fmt: skip


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    db_path: str | Path,
    published: dt.date | None = None,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read files/folders and ingest every article into the database at `db_path`."""
    items = list(articles_mod.read_paths(paths, published=published))
    return ingest_items(items, db_path=db_path, progress=progress)


MAX_TEXT_CHARS = 900_000  # spaCy's default max_length is 1,000,000; longer texts are skipped


def unprocessable(article: Article) -> str | None:
    """Why the pipeline cannot read this article (None when it can)."""
    if len(article.text) > MAX_TEXT_CHARS:
        return f"text too long for the language model ({len(article.text):,} > {MAX_TEXT_CHARS:,} characters)"
    letters = [ch for ch in article.text[:20_000] if ch.isalpha()]
    latin = sum(ch < "\u0250" for ch in letters)  # Basic Latin to Latin Extended-B
    if len(letters) >= 100 and latin / len(letters) < 0.5:
        return "not in English: mostly non-Latin script (the language model reads English only)"
    return None


def ingest_items(
    items: Sequence[Article | Skip],
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    db_path: str | Path | None = None,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest parsed items (Articles and Skips) into an open connection `con`, or into the database at
    `db_path`, which is then opened only for each batch write so that dashboards keep reading while
    a long ingest runs."""
    if (con is None) == (db_path is None):
        raise ValueError("give either an open connection or a database path")
    open_db: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]] = (
        (lambda: nullcontext(con)) if con is not None else (lambda: store.writing(db_path))
    )
    started = time.perf_counter()
    report = IngestReport(inputs_read=sum(isinstance(i, Article) for i in items))
    report.skipped = [i for i in items if isinstance(i, Skip)]
    candidates = [i for i in items if isinstance(i, Article)]
    with open_db() as db:
        stored = store.stored_article_ids(db, [a.article_id for a in candidates])
    new: list[Article] = []
    for item in candidates:
        reason = unprocessable(item)
        if reason:
            report.skipped.append(
                Skip(item.path or item.article_id, f"{item.path or item.title[:60]}: {reason}")
            )
            continue
        if item.article_id in stored:
            report.duplicates += 1
            continue
        stored.add(item.article_id)
        new.append(item)
    total = len(new)
    if progress:
        progress(0, total, "loading language model and gazetteer")
    buffer: list[Processed] = []
    batch_size = max(1, int(settings.get("write_batch")))
    with open_db() as db:
        active = corrections_mod.active_corrections(db)
    geocoder = make_geocoder(gazetteer=load_gazetteer()) if new else None
    for done, result in enumerate(run(new, corrections=active, geocoder=geocoder), start=1):
        if isinstance(result, Skip):
            report.skipped.append(result)
        else:
            buffer.append(result)
            if len(buffer) >= batch_size:
                _store(open_db, buffer, report)
                buffer = []
        if progress:
            progress(done, total, result.path if isinstance(result, Skip) else result.article.title[:80])
    _store(open_db, buffer, report)
    report.geocoder_failures = int(getattr(geocoder, "failures", 0))
    report.seconds = time.perf_counter() - started
    logger.info("ingested %d new articles, %d events (%d skipped)", report.articles_new,
                report.events, len(report.skipped))  # fmt: skip
    if report.skipped:
        logger.warning("skipped %d inputs; see the report for reasons", len(report.skipped))
    return report


def _store(open_db, results: Sequence[Processed], report: IngestReport) -> None:
    """Write processed articles in one transaction; if that fails, one by one, so that a bad article
    becomes its own Skip and the others are kept."""
    if not results:
        return
    with open_db() as con:
        try:
            store.write_articles(con, [(r.article, r.places, r.events) for r in results])
            written = list(results)
        except StoreError:
            written = []
            for r in results:
                try:
                    if store.write_article(con, r.article, r.places, r.events):
                        written.append(r)
                except StoreError as err:
                    report.skipped.append(Skip(r.article.path or r.article.article_id, str(err)))
        # Reports of events already stored (or of this batch) merge with them: incremental, own transaction.
        new_ids = [e.event_id for r in written for e in r.events]
        if new_ids:
            try:
                report.merged += dedup.dedup(con, event_ids=new_ids).merged
            except StoreError as err:  # the articles are stored; `python -m components dedup` can merge later
                logger.warning("dedup after ingest failed: %s", err)
    for r in written:
        report.articles_new += 1
        report.events += len(r.events)
        report.place_mentions += len(r.places)
        report.places_resolved += sum(p.place is not None for p in r.places)
        report.undated_articles += r.article.published is None


def ensure_database(
    db_path: str | Path, articles_dir: str | Path, *, progress: ProgressCallback | None = None
) -> IngestReport | None:
    """Build the database from `articles_dir` when it holds no articles yet; None when nothing to do."""
    db_path = Path(db_path)
    if db_path.exists():
        con = store.connect(db_path)  # writable: upgrades an older schema in place
        try:
            if store.summary(con)["articles"] > 0:
                return None
        finally:
            con.close()
    return ingest_paths([articles_dir], db_path=db_path, progress=progress)
