"""Geoparsing evaluation on the gold corpora in ``../shared/eval`` (GeoWebNews, LGL).

Scoring follows ``../shared/eval/README.md`` so numbers compare with the published ones:
  * geotagging: a predicted toponym matches a gold one when the lower-cased surfaces are equal and the
    span centres are less than 10 characters apart (each gold and each prediction matched at most once);
    precision, recall and F1 over the gold toponyms with coordinates. A prediction that matches an
    annotated toponym *without* gold coordinates (LGL toponyms with no ``gaztag``, GeoWebNews toponyms with
    coordinates but no GeoNames link, demonyms without a location) is neither right nor wrong: it is left
    out of precision;
  * predictions are the toponyms the pipeline *placed* (a mention the gazetteer cannot place never reaches
    the map; the table reports how many there were; ``score(..., placed_only=False)`` counts them too, as
    predictions 20,039 km off);
  * geocoding over matched pairs: great-circle error in km,
    acc@161km, mean and median error, AUC (area under ln(1 + error) over the sorted errors, normalised by
    ln(20039); lower is better), country accuracy and exact GeoNames-id accuracy where the gold has them;
  * end to end: recall@161km = share of all gold toponyms found and placed within 161 km.

The predictions come from ``pipeline.run``, the same code as ``ingest``: every place mention, plus the
toponyms that are not event places (``geo.places.other_toponyms``): place names inside organisation names
("Texas" in "Texas Fire Service") and demonyms ("Irish", "Ukrainian") read as mentions of their country —
both corpora annotate these as toponyms.
"""

from __future__ import annotations

import itertools
import logging
import math
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from components.evaluation.gold import (
    EVAL_DIR,
    EvaluationError,
    GoldDoc,
    Toponym,
    read_gwn,
    read_lgl,
)
from components.geo.distance import haversine_km
from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.records import Article

logger = logging.getLogger(__name__)

CORPORA = ("gwn", "lgl")
MAX_KM = 20039.0  # half the Earth's circumference: the error of a toponym placed nowhere
ACC_KM = 161.0
CENTRE_CHARS = 10
# The scores in the order of `Scores.as_dict`: its fields and the values derived from them.
SCORE_KEYS = (
    "corpus docs gold predicted unplaced matched precision recall f1 acc161 mean_km median_km auc "
    "country_accuracy id_accuracy recall161 words seconds words_per_second cpu_seconds words_per_cpu_second"
)


@dataclass
class Scores:
    """Everything the evaluation reports."""

    corpus: str
    docs: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of this process: one-core speed even when the machine is busy
    gold: int = 0
    predicted: int = 0
    unplaced: int = 0  # place mentions the gazetteer could not place (not scored by default)
    matched: int = 0
    errors_km: list[float] = field(default_factory=list)
    country_hits: int = 0
    country_total: int = 0
    id_hits: int = 0
    id_total: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def within(self) -> int:
        return sum(e < ACC_KM for e in self.errors_km)

    @property
    def acc161(self) -> float:
        return self.within / len(self.errors_km) if self.errors_km else 0.0

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def auc(self) -> float:
        return auc(self.errors_km)

    @property
    def country_accuracy(self) -> float:
        return self.country_hits / self.country_total if self.country_total else 0.0

    @property
    def id_accuracy(self) -> float:
        return self.id_hits / self.id_total if self.id_total else 0.0

    @property
    def recall161(self) -> float:
        return self.within / self.gold if self.gold else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu_seconds if self.cpu_seconds else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        return {k: getattr(self, k) for k in SCORE_KEYS.split()}

    def table(self) -> str:
        """A readable two-column table."""
        rows = [
            ("corpus", f"{self.corpus} ({self.docs} articles, {self.gold} gold toponyms)"),
            (
                "predicted toponyms",
                f"{self.predicted} ({self.matched} match gold)"
                + (f"; {self.unplaced} unplaced mentions not scored" if self.unplaced else ""),
            ),
            ("geotagging P / R / F1", f"{self.precision:.3f} / {self.recall:.3f} / {self.f1:.3f}"),
            ("acc@161km (matched)", f"{self.acc161:.3f}"),
            ("mean / median error", f"{self.mean_km:,.0f} km / {self.median_km:,.1f} km"),
            ("AUC (lower is better)", f"{self.auc:.3f}"),
            ("country accuracy", f"{self.country_accuracy:.3f} (of {self.country_total})"),
            ("exact GeoNames id", f"{self.id_accuracy:.3f} (of {self.id_total})"),
            ("recall@161km (end to end)", f"{self.recall161:.3f}"),
            (
                "speed",
                f"{self.words:,} words in {self.seconds:.1f} s = {self.words_per_second:,.0f} words/s "
                f"(CPU {self.cpu_seconds:.1f} s = {self.words_per_cpu_second:,.0f} words/s)",
            ),
        ]
        width = max(len(k) for k, _ in rows)
        return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows) + "\n"


def auc(errors_km: Sequence[float]) -> float:
    """Area under the curve of ln(1 + error) over the sorted errors, normalised to [0, 1] by ln(20039)."""
    if not errors_km:
        return 0.0
    ys = [math.log1p(min(e, MAX_KM)) for e in sorted(errors_km)]
    if len(ys) == 1:
        return ys[0] / math.log(MAX_KM)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / ((len(ys) - 1) * math.log(MAX_KM))


def read_corpus(
    name: str, gazetteer: Gazetteer | None = None, *, eval_dir: Path | str = EVAL_DIR
) -> list[GoldDoc]:
    eval_dir = Path(eval_dir)
    if name == "gwn":
        return read_gwn(eval_dir / "GeoWebNews", gazetteer)
    if name == "lgl":
        return read_lgl(eval_dir / "LGL" / "lgl.xml", gazetteer)
    raise EvaluationError(f"unknown corpus {name!r}; choose one of {', '.join(CORPORA)}")


# -- predictions and scoring -------------------------------------------------------------------------
def predict(docs: Sequence[GoldDoc], gazetteer: Gazetteer) -> tuple[list[list[Toponym]], tuple[float, float]]:
    """Run the ingest pipeline over the gold texts: predicted toponyms per document and the (wall, CPU)
    seconds taken."""
    from components import pipeline
    from components.nlp.model import load_nlp

    load_nlp()  # load the model before the clock starts
    articles = [Article(article_id=d.doc_id, title="", text=d.text, published=None) for d in docs]
    out: list[list[Toponym]] = []
    started, cpu = time.perf_counter(), time.process_time()
    for result in pipeline.run(articles, gazetteer=gazetteer):
        preds = []
        for rm, _role in pipeline.toponyms_with_roles(result):  # exactly what `geoparse` prints
            m, p = rm.mention, rm.place
            where = (p.latitude, p.longitude, p.geonameid, p.country_code) if p else (None, None, None, "")
            preds.append(Toponym(m.start_char, m.end_char, m.text, *where))
        out.append(preds)
    return out, (time.perf_counter() - started, time.process_time() - cpu)


def _match(gold: Sequence[Toponym], preds: Sequence[Toponym]) -> list[tuple[Toponym, Toponym]]:
    """Greedy one-to-one matching: equal lower-cased surfaces, centres < 10 characters apart (closest
    first)."""
    pairs = sorted(
        (abs(g.centre - p.centre), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(preds)
        if g.surface.lower() == p.surface.lower() and abs(g.centre - p.centre) < CENTRE_CHARS
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gold[gi], preds[pi]))
    return out


def score(
    corpus: str,
    docs: Sequence[GoldDoc],
    predictions: Sequence[Sequence[Toponym]],
    seconds: tuple[float, float] | float = 0.0,
    *,
    placed_only: bool = True,
) -> Scores:
    """Score predictions against the gold documents (see the module docstring for the rules); ``seconds``:
    wall-clock (and CPU) time of the run; ``placed_only``: score the mentions the pipeline placed (the
    geoparser's output); with False, unplaced mentions count too (as predictions with the maximum error)."""
    wall, cpu = seconds if isinstance(seconds, tuple) else (seconds, 0.0)
    s = Scores(
        corpus, docs=len(docs), seconds=wall, cpu_seconds=cpu, words=sum(len(d.text.split()) for d in docs)
    )
    for doc, all_preds in zip(docs, predictions, strict=True):
        preds = [p for p in all_preds if p.located or not placed_only]
        s.unplaced += len(all_preds) - len(preds)
        pairs = _match(doc.toponyms, preds)
        matched = {id(p) for _, p in pairs}
        ignored = {id(p) for _, p in _match(doc.unscored, [p for p in preds if id(p) not in matched])}
        s.gold += len(doc.toponyms)
        s.predicted += len(preds) - len(ignored)
        s.matched += len(pairs)
        for g, p in pairs:
            located = p.located and g.located
            error = haversine_km(g.lat, g.lon, p.lat, p.lon) if located else MAX_KM  # type: ignore[arg-type]
            s.errors_km.append(error)
            if g.country_code:
                s.country_total += 1
                s.country_hits += p.country_code == g.country_code
            if g.geonameid:
                s.id_total += 1
                s.id_hits += p.geonameid == g.geonameid
    return s


def evaluate(
    corpus: str,
    *,
    limit: int | None = None,
    eval_dir: Path | str = EVAL_DIR,
    gazetteer: Gazetteer | None = None,
) -> Scores:
    """Read a gold corpus, geoparse its texts with the ingest pipeline and score the result."""
    gazetteer = gazetteer or load_gazetteer()
    docs = read_corpus(corpus, gazetteer, eval_dir=eval_dir)
    if limit is not None:
        docs = docs[:limit]
    predictions, seconds = predict(docs, gazetteer)
    scores = score(corpus, docs, predictions, seconds)
    found = (scores.docs, scores.precision, scores.recall, scores.recall161, scores.words_per_second)
    logger.info("evaluated %s: %d docs, P %.3f R %.3f recall@161km %.3f, %.0f words/s", corpus, *found)
    return scores


def errors_report(docs: Iterable[GoldDoc], predictions: Iterable[Sequence[Toponym]], *, n: int = 40) -> str:
    """Debugging aid: the most frequent missed surfaces, false positives and far-off resolutions."""
    from collections import Counter

    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    far: Counter[str] = Counter()
    for doc, all_preds in zip(docs, predictions, strict=True):
        preds = [p for p in all_preds if p.located]
        pairs = _match(doc.toponyms, preds)
        mg, mp = {id(g) for g, _ in pairs}, {id(p) for _, p in pairs}
        ign = {id(p) for _, p in _match(doc.unscored, [p for p in preds if id(p) not in mp])}
        missed.update(g.surface for g in doc.toponyms if id(g) not in mg)
        spurious.update(p.surface for p in preds if id(p) not in mp and id(p) not in ign)
        for g, p in pairs:
            if not p.located or haversine_km(g.lat, g.lon, p.lat, p.lon) >= ACC_KM:  # type: ignore[arg-type]
                far[f"{g.surface} -> {p.geonameid} ({p.country_code})"] += 1
    parts = []
    for title, c in (("missed", missed), ("spurious", spurious), ("far", far)):
        parts.append(f"## {title}: " + ", ".join(f"{k} x{v}" for k, v in c.most_common(n)))
    return "\n".join(parts) + "\n"
