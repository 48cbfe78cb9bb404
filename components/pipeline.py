"""Wiring: articles -> mentions -> places -> events -> store (Kedro's pipeline.py to the stages' nodes).

The stages are pure functions in their modules; this module only chains them, counts what happened
and reports progress. Each article is stored in its own transaction, so a bad article or a crash
never loses the others.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from components import settings, store
from components import workers as workers_mod
from components.errors import StoreError
from components.events import dedup
from components.events import slavic as slavic_events
from components.events.extract import Rejected, extract_events
from components.events.kit import ENGLISH
from components.geo import places as places_mod
from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.geo.geocoders import make_geocoder, with_theatre
from components.geo.named_places import resolve_named
from components.geo.ranking import is_macro
from components.geo.theatre import NO_THEATRE, Theatre, theatre_of_places
from components.ingest import articles as articles_mod
from components.ingest.articles import Skip
from components.nlp import language
from components.nlp.mentions import Analysis, analyse
from components.nlp.model import load_nlp
from components.nlp.slavic_analysis import LANGUAGES as SLAVIC
from components.nlp.slavic_analysis import SlavicAnalysis, analyse_text
from components.records import Article, Event, Mention, ResolvedMention
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
    workers: int = 1  # processes that analysed the articles
    seconds: float = 0.0
    explain: bool = False  # keep why each candidate sentence of the new articles made no event
    rejected: list[tuple[str, Rejected]] = field(default_factory=list)  # (article label, why)

    def lines(self) -> list[str]:
        out = [
            f"articles read: {self.inputs_read}, new: {self.articles_new}, "
            f"already stored: {self.duplicates}, skipped: {len(self.skipped)}",
            f"events written: {self.events}; place mentions resolved: {self.places_resolved}/"
            f"{self.place_mentions}; articles without a publication date: {self.undated_articles}",
            f"reports merged into one event with other reports: {self.merged}",
            f"time: {self.seconds:.1f} s"
            + (f" ({self.workers} worker processes)" if self.workers > 1 else ""),
        ]
        if self.geocoder_failures:
            out.append(
                f"online geocoder failures answered by the offline gazetteer: {self.geocoder_failures}"
            )
        out += [f"skipped {s.path}: {s.reason}" for s in self.skipped]
        return out

    def explain_lines(self) -> list[str]:
        """Why each sentence with a trigger word made no event (`ingest --explain`)."""
        out = [f"sentences with a trigger word that made no event: {len(self.rejected)}"]
        for label, why in self.rejected:
            sentence = " ".join(why.sentence.split())
            out.append(f"  {label}: {why.reason}: {sentence[:160]}")
        return out


@dataclass(frozen=True)
class Processed:
    """One article after every stage, ready to store."""

    article: Article
    mentions: tuple[Mention, ...]
    places: tuple[ResolvedMention, ...]
    events: tuple[Event, ...]
    toponyms: tuple[ResolvedMention, ...] = ()  # embedded names, demonyms, continents (not stored)
    rejected: tuple[Rejected, ...] = ()  # sentences with a trigger word that made no event, and why
    # Date and actor mentions stored for the Articles page to highlight (Ukrainian and Russian: the English
    # page finds dates and actors from the events' own fields)
    marks: tuple[ResolvedMention, ...] = ()


def process(
    article: Article,
    analysis: Analysis,
    gazetteer: Gazetteer,
    geocoder,
    corrections: Sequence[corrections_mod.Correction] = (),
) -> Processed:
    """Places and events of one analysed article (pure apart from the geocoder's cache); the users'
    place corrections are applied before the events are built. Ukrainian and Russian names are resolved by
    the offline gazetteer, which holds their Cyrillic forms (an online geocoder's fallback)."""
    if isinstance(analysis, SlavicAnalysis):
        offline = getattr(geocoder, "fallback", geocoder)
        places = resolve_named(analysis.named, article.text, gazetteer, offline)
        demonyms, kit = dict(analysis.demonyms), slavic_events.kit(analysis.lang)
    else:
        places = places_mod.resolve_places(analysis.mentions, gazetteer, geocoder, text=article.text)
        demonyms, kit = places_mod.demonym_countries(analysis.mentions, gazetteer), ENGLISH
    places = corrections_mod.apply_to_resolved(places, corrections)
    # Continents are toponyms, not event places.
    macro = tuple(rm for rm in places if is_macro(rm.place))
    places = tuple(rm for rm in places if not is_macro(rm.place))
    names = places_mod.CountryNames(gazetteer)
    sentences, mentions = analysis.sentences, analysis.mentions
    events, rejected = extract_events(article, sentences, mentions, places, names, demonyms, kit)
    if kit is ENGLISH:
        others = places_mod.other_toponyms(mentions, gazetteer, geocoder, article.text)
        marks: tuple[ResolvedMention, ...] = ()
    else:
        others = ()
        marks = tuple(ResolvedMention(m, None) for m in mentions if m.kind in ("date", "actor"))
    toponyms = tuple(sorted((*others, *macro), key=lambda rm: rm.mention.start_char))
    return Processed(article, mentions, places, tuple(events), toponyms, tuple(rejected), marks)


# Roles of the toponyms `geoparse` prints (one geoparser, one output: `evaluate geoparse` scores the same).
ROLE_EVENT_PLACE = "event_place"  # the place of an event of the article
ROLE_PLACE = "place"  # a place named in the text that no event is placed at (background, a reference point)
ROLE_DEMONYM = "demonym"  # "Ukrainian", "European": a mention of its country or continent
ROLE_IN_ORGANISATION = "in_organisation"  # "Texas" in "Texas Fire Service"
ROLE_CONTINENT = "continent"  # a continent named as such: never an event's place


def toponyms_with_roles(result: Processed) -> list[tuple[ResolvedMention, str]]:
    """Every toponym the geoparser found in one article, in text order, with its role."""

    def at_event(rm: ResolvedMention) -> bool:
        m = rm.mention
        return any(e.start_char <= m.start_char < e.end_char and e.location == m.text for e in result.events)

    out = [(rm, ROLE_EVENT_PLACE if at_event(rm) else ROLE_PLACE) for rm in result.places]
    for rm in result.toponyms:
        if rm.mention.kind == "embedded":
            role = ROLE_IN_ORGANISATION
        elif rm.mention.kind == "actor":
            role = ROLE_DEMONYM
        else:
            role = ROLE_CONTINENT
        out.append((rm, role))
    return sorted(out, key=lambda pair: (pair[0].mention.start_char, pair[0].mention.end_char))


def run(
    articles: Iterable[Article],
    *,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 32,
    corrections: Sequence[corrections_mod.Correction] = (),
    geocoder=None,
    theatre: Theatre = NO_THEATRE,
) -> Iterable[Processed | Skip]:
    """Every stage over many articles (batched through spaCy), with the users' place corrections; an
    article that fails is a Skip. The geocoder is the `geocoder` setting's (offline by default), breaking
    ties between same-named villages by the ``theatre`` (`geo.theatre`) when one is given."""
    gazetteer = gazetteer or load_gazetteer()
    geocoder = with_theatre(geocoder or make_geocoder(gazetteer=gazetteer), theatre)
    for article, analysis in _analysed(articles, gazetteer, batch_size):
        try:
            yield process(article, analysis, gazetteer, geocoder, corrections)
        except Exception as err:  # one bad article must never stop the batch: it becomes a Skip
            logger.exception("processing %s failed", article.path or article.article_id)
            name = article.path or article.title[:60]
            reason = f"{name}: processing failed ({type(err).__name__}: {err})"
            yield Skip(article.path or article.article_id, reason)


def _analysed(articles: Iterable[Article], gazetteer: Gazetteer, batch_size: int):
    """(article, analysis) of every article in order of reading, `batch_size` articles at a time: the
    English ones of a batch through spaCy together, Ukrainian and Russian ones through their own stage. An
    article's language is its `language` (detected here when unset); the model loads with the first English
    article."""
    model = None
    stream = iter(articles)
    while batch := list(itertools.islice(stream, batch_size)):
        langs = [a.language or language_of(a) for a in batch]
        english = [a for a, lang in zip(batch, langs, strict=True) if lang not in SLAVIC]
        found: dict[int, Analysis] = {}
        if english:
            model = model or load_nlp()
            found = {id(a): an for a, an in analyse(model, english, gazetteer, batch_size=batch_size)}
        for article, lang in zip(batch, langs, strict=True):
            yield article, analyse_text(article, gazetteer, lang) if lang in SLAVIC else found[id(article)]


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    db_path: str | Path,
    published: dt.date | None = None,
    progress: ProgressCallback | None = None,
    explain: bool = False,
    workers: int | str | None = None,
) -> IngestReport:
    """Read files/folders and ingest every article into the database at `db_path`; with `explain`, the
    report keeps why each candidate sentence made no event; `workers` as in `ingest_items`."""
    items = list(articles_mod.read_paths(paths, published=published))
    return ingest_items(items, db_path=db_path, progress=progress, explain=explain, workers=workers)


READ = ("en", *SLAVIC)  # the languages the pipeline reads
MAX_TEXT_CHARS = 900_000  # spaCy's default max_length is 1,000,000; longer texts are skipped


def language_of(article: Article) -> str:
    """The article's language code: "en", "uk", "ru", another code, or "und" (a Latin-script text that
    nothing decides is read as English)."""
    found = language.detect(article.text)
    if found.code == language.UNDETERMINED and found.script in ("Latin", "None"):
        return "en"
    if found.code != "en":
        logger.debug("language %s (%s)", found.code, "; ".join(found.evidence))
    return found.code


def unprocessable(article: Article, code: str | None = None) -> str | None:
    """Why the pipeline cannot read this article (None when it can). English, Ukrainian and Russian are read
    (`READ`); a text in another language is skipped with its code ("language de not supported"). A
    Latin-script text whose language nothing decides (a headline of names) goes on; a non-Latin one is
    skipped as "und"."""
    if len(article.text) > MAX_TEXT_CHARS:
        return f"text too long for the language model ({len(article.text):,} > {MAX_TEXT_CHARS:,} characters)"
    code = code or language_of(article)
    return None if code in READ else f"language {code} not supported"


def prepare(article: Article) -> tuple[Article, str | None]:
    """The article with its language set, and why the pipeline cannot read it (None when it can): the one
    check both the local ingest and the Dask engine make before an article is processed."""
    code = language_of(article)
    return replace(article, language=code), unprocessable(article, code)


def ingest_items(
    items: Sequence[Article | Skip],
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    db_path: str | Path | None = None,
    progress: ProgressCallback | None = None,
    explain: bool = False,
    workers: int | str | None = None,
) -> IngestReport:
    """Ingest parsed items (Articles and Skips) into an open connection `con`, or into the database at
    `db_path`, which is then opened only for each batch write so that dashboards keep reading while
    a long ingest runs. The articles are analysed in `workers` processes (`workers_for`: by default one
    per core for a large ingest); this process writes them, in order."""
    if (con is None) == (db_path is None):
        raise ValueError("give either an open connection or a database path")
    open_db: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]] = (
        (lambda: nullcontext(con)) if con is not None else (lambda: store.writing(db_path))
    )
    started = time.perf_counter()
    report = IngestReport(inputs_read=sum(isinstance(i, Article) for i in items), explain=explain)
    report.skipped = [i for i in items if isinstance(i, Skip)]
    candidates = [i for i in items if isinstance(i, Article)]
    with open_db() as db:
        stored = store.stored_article_ids(db, [a.article_id for a in candidates])
    new: list[Article] = []
    for item in candidates:
        item, reason = prepare(item)
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
    processes = workers_mod.workers_for(total, workers)
    report.workers = processes
    if progress:
        what = "loading language model and gazetteer"
        progress(0, total, what if processes == 1 else f"{what} in {processes} worker processes")
    buffer: list[Processed] = []
    batch_size = max(1, int(settings.get("write_batch")))
    with open_db() as db:
        active = corrections_mod.active_corrections(db)
        theatre = theatre_of_places(store.event_places(db), load_gazetteer()) if new else NO_THEATRE
    geocoder = make_geocoder(gazetteer=load_gazetteer()) if new and processes == 1 else None
    failures = 0

    def count_failures(n: int) -> None:
        nonlocal failures
        failures += n

    if processes > 1:
        results = workers_mod.run_parallel(
            new, run=run, workers=processes, corrections=active, on_failures=count_failures, theatre=theatre
        )
    else:
        results = run(new, corrections=active, geocoder=geocoder, theatre=theatre)
    for done, result in enumerate(results, start=1):
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
    report.geocoder_failures = int(getattr(geocoder, "failures", 0)) + failures
    report.seconds = time.perf_counter() - started
    counts = (report.articles_new, report.events, len(report.skipped))
    logger.info("ingested %d new articles, %d events (%d skipped)", *counts)
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
            store.write_articles(con, [(r.article, (*r.places, *r.marks), r.events) for r in results])
            written = list(results)
        except StoreError:
            written = []
            for r in results:
                try:
                    if store.write_article(con, r.article, (*r.places, *r.marks), r.events):
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
        if report.explain:
            label = r.article.path or r.article.title[:60]
            report.rejected += [(label, why) for why in r.rejected]


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
