"""Benchmarks that print numbers and ratios measured side by side in one run (not timed tests).

`python -m components bench ingest` measures ingest throughput on the bundled sample articles, on the
UCDP Ukraine headlines (when ../shared is present) and on a generated corpus of ~400-word articles,
next to the spaCy tokenizer-only and NER-only speed on the same texts (the ceilings).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import razdel

from components import pipeline, store
from components.geo.gazetteer.index import load_gazetteer
from components.ingest.articles import Skip, make_article, read_paths
from components.nlp import slavic_analysis
from components.nlp.model import load_nlp
from components.records import Article
from components.settings import ROOT
from components.store import queries

logger = logging.getLogger(__name__)

UCDP_JSONL = ROOT.parent / "shared" / "eval" / "UCDP-GED-Ukraine" / "UCDP-Ukraine.derived.jsonl"

# Building blocks of the generated corpus: project-written sentence templates, per language.
TOWN_NAMES = (
    "Kharkiv Nikopol Mykolaiv Kherson Izium Bakhmut Odesa Sumy Dnipro Zaporizhzhia Kramatorsk Sloviansk "
    "Kupiansk Lyman Avdiivka Chernihiv Kyiv Lviv Melitopol Enerhodar Belgorod Kursk Minsk Sevastopol Kerch"
)
TOWNS = TOWN_NAMES.split()
SENTENCES = [
    "Russian forces shelled {town} on {weekday}, damaging homes and a school, the regional governor said.",
    "Ukrainian troops recaptured several villages near {town} after days of heavy fighting.",
    "A missile strike hit an energy facility in {town} overnight, cutting power to thousands of residents.",
    "Officials in {town} said air defences shot down drones launched towards the city on {weekday}.",
    "Hundreds of people protested in {town} against the mobilisation of reservists.",
    "Emergency crews in {town} worked through the night to clear rubble and restore water supplies.",
    "The mayor of {town} urged residents to use shelters and to conserve electricity during the evening.",
    "Aid convoys arrived in {town} carrying food, medicine and generators for hospitals.",
    "Analysts said control of the roads around {town} was important for supplying front-line units.",
    "Satellite images showed damage to warehouses and rail lines on the outskirts of {town}.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Ukrainian and Russian: each town in the case its template needs (locative, genitive, accusative).
SLAVIC_TOWNS = {
    "uk": [
        ("Харкові", "Харкова", "Харків"),
        ("Нікополі", "Нікополя", "Нікополь"),
        ("Херсоні", "Херсона", "Херсон"),
        ("Краматорську", "Краматорська", "Краматорськ"),
        ("Сумах", "Сум", "Суми"),
        ("Запоріжжі", "Запоріжжя", "Запоріжжя"),
        ("Оріхові", "Оріхова", "Оріхів"),
        ("Куп'янську", "Куп'янська", "Куп'янськ"),
    ],
    "ru": [
        ("Харькове", "Харькова", "Харьков"),
        ("Никополе", "Никополя", "Никополь"),
        ("Херсоне", "Херсона", "Херсон"),
        ("Краматорске", "Краматорска", "Краматорск"),
        ("Сумах", "Сум", "Сумы"),
        ("Белгороде", "Белгорода", "Белгород"),
        ("Орехове", "Орехова", "Орехов"),
        ("Купянске", "Купянска", "Купянск"),
    ],
}
SLAVIC_SENTENCES = {
    "uk": [
        "У {weekday} російські війська обстріляли {acc}, пошкоджено житлові будинки та школу, повідомив "
        "голова обласної військової адміністрації.",
        "Сили оборони відбили кілька атак поблизу {gen} після тривалих боїв.",
        "Вночі ракетний удар влучив в енергетичний об'єкт у {loc}, тисячі мешканців без світла.",
        "У {loc} рятувальники всю ніч розбирали завали та відновлювали водопостачання.",
        "Мер закликав мешканців {gen} користуватися укриттями та економити електроенергію ввечері.",
        "До {gen} прибули гуманітарні вантажі з продуктами, ліками та генераторами для лікарень.",
        "Аналітики вважають, що контроль над дорогами навколо {gen} важливий для постачання підрозділів.",
        "Супутникові знімки показали пошкоджені склади та залізничні колії на околицях {gen}.",
    ],
    "ru": [
        "В {weekday} российские войска обстреляли {acc}, повреждены жилые дома и школа, сообщил глава "
        "областной администрации.",
        "ВСУ отразили несколько атак вблизи {gen} после продолжительных боёв.",
        "Ночью ракетный удар пришёлся по энергетическому объекту в {loc}, тысячи жителей остались без света.",
        "В {loc} спасатели всю ночь разбирали завалы и восстанавливали водоснабжение.",
        "Мэр призвал жителей {gen} пользоваться укрытиями и экономить электроэнергию вечером.",
        "В {acc} прибыли гуманитарные грузы с продуктами, лекарствами и генераторами для больниц.",
        "Аналитики считают, что контроль над дорогами вокруг {gen} важен для снабжения подразделений.",
        "Спутниковые снимки показали повреждённые склады и железнодорожные пути на окраинах {gen}.",
    ],
}
SLAVIC_WEEKDAYS = {
    "uk": ["понеділок", "вівторок", "середу", "четвер", "п'ятницю", "суботу", "неділю"],
    "ru": ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"],
}
LANGUAGES = ("en", "uk", "ru")


def _sentence(rng: random.Random, lang: str) -> str:
    if lang == "en":
        return rng.choice(SENTENCES).format(town=rng.choice(TOWNS), weekday=rng.choice(WEEKDAYS))
    loc, gen, acc = rng.choice(SLAVIC_TOWNS[lang])
    weekday = rng.choice(SLAVIC_WEEKDAYS[lang])
    return rng.choice(SLAVIC_SENTENCES[lang]).format(loc=loc, gen=gen, acc=acc, weekday=weekday)


def generated_corpus(n: int, *, words: int = 400, seed: int = 7, lang: str = "en") -> list[Article]:
    """`n` deterministic news-like articles of about `words` words each in English, Ukrainian or Russian
    (project-written templates)."""
    rng = random.Random(seed)
    out = []
    start = dt.date(2022, 3, 1)
    report = {
        "en": "Report {i}, paragraph {k}.",
        "uk": "Звіт {i}, абзац {k}.",
        "ru": "Сводка {i}, абзац {k}.",
    }[lang]
    for i in range(n):
        paragraphs, count = [], 0
        while count < words:
            tail = report.format(i=i, k=len(paragraphs) + 1)
            paragraphs.append(f"{_sentence(rng, lang)} {tail}")
            count += len(paragraphs[-1].split())
        published = start + dt.timedelta(days=i % 300)
        title = f"Generated report {i}"
        text = "\n\n".join(paragraphs)
        out.append(make_article(title=title, text=text, published=published, fmt="generated"))
    return out


def ucdp_headlines(limit: int | None = None) -> list[Article]:
    """UCDP Ukraine events' headlines as articles (publication date = the source date)."""
    out = []
    with UCDP_JSONL.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for headline in rec.get("headlines") or []:
                if headline.strip():
                    out.append(make_article(title=headline[:120], text=headline, published=None, fmt="ucdp"))
            if limit and len(out) >= limit:
                break
    return out[:limit] if limit else out


@dataclass(frozen=True)
class Row:
    corpus: str
    articles: int
    words: int
    tokenizer_wps: float
    ner_wps: float
    pipeline_wps: float
    ingest_wps: float
    workers: int = 1  # processes of the parallel ingest (1: not measured)
    parallel_wps: float | None = None  # ingest in `workers` processes, their start-up included

    @property
    def articles_per_min(self) -> float:
        return self.articles / self.words * self.ingest_wps * 60 if self.words else 0.0

    @property
    def parallel_articles_per_min(self) -> float | None:
        if self.parallel_wps is None or not self.words:
            return None
        return self.articles / self.words * self.parallel_wps * 60


def _rate(words: int, fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return words / max(time.perf_counter() - started, 1e-9)


def measure(corpus: str, articles: Sequence[Article], lang: str = "en", workers: int = 1) -> Row:
    """Tokenizer-only, analysis-only (the ceilings), full pipeline (no store) and full ingest (into a fresh
    DuckDB), in this process. English: spaCy's tokenizer and NER; Ukrainian and Russian: razdel's tokenizer
    and the whole uk/ru analysis stage (sentences, places, dates, actors). With `workers` > 1, also the
    ingest with that many worker processes (`ingest_items(workers=...)`), their start-up included."""
    gazetteer = load_gazetteer()
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    if lang == "en":
        model = load_nlp()
        tok = _rate(words, lambda: list(model.tokenizer.pipe(texts, batch_size=256)))
        with model.select_pipes(enable=["ner"]):
            ner = _rate(words, lambda: list(model.pipe(texts, batch_size=64)))
    else:
        tok = _rate(words, lambda: [list(razdel.tokenize(t)) for t in texts])
        ner = _rate(words, lambda: [slavic_analysis.analyse_text(a, gazetteer, lang) for a in articles])
    full = _rate(words, lambda: list(pipeline.run(articles, gazetteer=gazetteer)))
    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(Path(tmp) / "bench.duckdb")
        ingest = _rate(words, lambda: pipeline.ingest_items(list(articles), con, workers=1))
        con.close()
        parallel = None
        if workers > 1:
            con = store.connect(Path(tmp) / "bench-parallel.duckdb")
            parallel = _rate(words, lambda: pipeline.ingest_items(list(articles), con, workers=workers))
            con.close()
    return Row(corpus, len(articles), words, tok, ner, full, ingest, workers, parallel)


def run_ingest(
    n_generated: int = 10_000, *, ucdp_limit: int | None = None, lang: str = "en", workers: int | None = None
) -> list[Row]:
    """The ingest benchmark: English on the sample articles, UCDP headlines and a generated corpus; Ukrainian
    or Russian (`lang`) on a generated corpus in that language, warmed up on a few articles first. The
    generated corpus is also ingested by `workers` processes (default: one per core)."""
    workers = workers or os.cpu_count() or 1
    load_gazetteer()
    if lang != "en":
        corpus = generated_corpus(n_generated, lang=lang)
        list(pipeline.run(corpus[:5]))  # the dictionaries load once, apart from the rates
        return [measure(f"generated {lang} ({n_generated:,} x ~400 words)", corpus, lang, workers)]
    load_nlp()  # loads are measured apart, not in the rates
    rows = []
    sample = [a for a in read_paths([ROOT / "data" / "articles"]) if not isinstance(a, Skip)]
    rows.append(measure("sample articles", sample))
    if UCDP_JSONL.exists():
        rows.append(measure("UCDP headlines", ucdp_headlines(ucdp_limit)))
    else:
        logger.warning("UCDP headlines skipped: %s is absent", UCDP_JSONL)
    corpus = generated_corpus(n_generated)
    rows.append(measure(f"generated ({n_generated:,} x ~400 words)", corpus, workers=workers))
    return rows


def format_rows(rows: Sequence[Row]) -> str:
    head = (
        f"{'corpus':<34}{'articles':>9}{'words':>10}{'tokenizer w/s':>15}{'NER-only w/s':>14}"
        f"{'pipeline w/s':>14}{'ingest w/s':>12}{'articles/min':>14}{'ingest/NER':>12}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.corpus:<34}{r.articles:>9,}{r.words:>10,}{r.tokenizer_wps:>15,.0f}{r.ner_wps:>14,.0f}"
            f"{r.pipeline_wps:>14,.0f}{r.ingest_wps:>12,.0f}{r.articles_per_min:>14,.0f}"
            f"{r.ingest_wps / r.ner_wps:>12.2f}"
        )
    for r in rows:
        if r.parallel_wps is not None:
            lines.append(
                f"{r.corpus}: ingest in {r.workers} worker processes (start-up included): "
                f"{r.parallel_wps:,.0f} w/s, {r.parallel_articles_per_min:,.0f} articles/min = "
                f"{r.parallel_wps / r.ingest_wps:.2f}x one process, {r.parallel_wps / r.ner_wps:.2f}x "
                "the one-process NER ceiling"
            )
    return "\n".join(lines)


# -- server time per filter change ------------------------------------------------------------------
@dataclass(frozen=True)
class ServerRow:
    events: int
    label: str
    matching: int
    ours_ms: float
    ours_kb: float
    mode: str
    naive_ms: float | None
    naive_kb: float | None


def _map_work(con, flt, *, naive: bool) -> tuple[float, float, str]:
    """What the Map page does on a filter change (query + figure + serialisation), without Streamlit.
    Both sides name the basemap by URL, as the dashboard does (basemap.STATIC_URL)."""
    from components.charts import maps as mapcharts
    from components.geo.basemap import STATIC_URL

    started = time.perf_counter()
    if naive:  # the baseline: every matching point to plotly
        fig = mapcharts.points_map(store.query_events(con, flt), basemap=STATIC_URL)
        mode = "all points"
    else:
        ext = queries.extent(con, flt)
        if int(ext["n"]) > mapcharts.MAX_MAP_POINTS:
            cell = mapcharts.cell_size(ext)
            fig = mapcharts.grid_map(queries.grid_counts(con, flt, cell), cell_deg=cell, basemap=STATIC_URL)
            mode = f"grid {cell:g}°"
        else:
            fig = mapcharts.points_map(
                store.query_events(con, flt, limit=mapcharts.MAX_MAP_POINTS), basemap=STATIC_URL
            )
            mode = "points"
        queries.query_events_page(con, flt, order_by="event_date", descending=True, limit=200, offset=0)
    payload = fig.to_json()
    return (time.perf_counter() - started) * 1000, len(payload) / 1024, mode


def run_server(
    sizes: Sequence[int] = (10_000, 100_000, 1_000_000),
    *,
    folder: str | Path | None = None,
    naive_max: int = 100_000,
) -> list[ServerRow]:
    """Median of 3 runs per filter at each database size; the naive baseline (one run) up to `naive_max`."""
    from components.evaluation import synth
    from components.filters import EventFilter
    from components.records import EXPLOSIONS

    folder = Path(folder or tempfile.mkdtemp(prefix="ct-bench-"))
    filters = {
        "all events": EventFilter(),
        "Ukraine": EventFilter(countries=("UA",)),
        "Ukraine, Oct 2022": EventFilter(
            countries=("UA",), date_from=dt.date(2022, 10, 1), date_to=dt.date(2022, 10, 31)
        ),
        "Russia, explosions": EventFilter(countries=("RU",), event_types=(EXPLOSIONS,)),
    }
    rows = []
    for size in sizes:
        db = folder / f"synth-{size}.duckdb"
        if not db.exists():
            synth.write(db, size, seed=1)
        with store.reading(db) as con:
            for label, flt in filters.items():
                matching = store.count_events(con, flt)
                ours = sorted(_map_work(con, flt, naive=False) for _ in range(3))[1]
                naive = _map_work(con, flt, naive=True) if size <= naive_max else None  # one run: it is slow
                naive_ms, naive_kb = naive[:2] if naive else (None, None)
                rows.append(ServerRow(size, label, matching, *ours, naive_ms, naive_kb))
    return rows


def format_server(rows: Sequence[ServerRow]) -> str:
    head = (
        f"{'events':>10}  {'filter':<20}{'matching':>10}  {'map mode':<11}{'ours ms':>9}{'fig KB':>9}"
        f"{'naive ms':>10}{'fig KB':>9}{'naive/ours':>12}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        if r.naive_ms is None:
            naive = f"{'-':>10}{'-':>9}{'-':>12}"
        else:
            naive = f"{r.naive_ms:>10,.0f}{r.naive_kb:>9,.0f}{r.naive_ms / r.ours_ms:>12.1f}"
        lines.append(
            f"{r.events:>10,}  {r.label:<20}{r.matching:>10,}  {r.mode:<11}{r.ours_ms:>9,.0f}"
            f"{r.ours_kb:>9,.0f}{naive}"
        )
    return "\n".join(lines)
