"""Geoparsing evaluation: the field's scorer on hand-made cases and a regression guard."""

from __future__ import annotations

import math

import pytest
from shared_data import needs_shared

from components.evaluation import geo as ev
from components.evaluation.gold import GoldDoc, Toponym


def test_matching_needs_equal_surfaces_and_close_centres():
    gold = (Toponym(0, 5, "Paris", 48.85, 2.35, 2988507, "FR"), Toponym(20, 26, "Berlin", 52.52, 13.4))
    preds = [
        Toponym(0, 5, "paris", 48.85, 2.35, 2988507, "FR"),  # case does not matter
        Toponym(40, 46, "Berlin", 52.52, 13.4),  # same name, centre 20 chars away: no match
    ]
    s = ev.score("t", [GoldDoc("d", "x" * 50, gold)], [preds])
    assert (s.gold, s.predicted, s.matched) == (2, 2, 1)
    assert (s.precision, s.recall) == (0.5, 0.5) and s.f1 == pytest.approx(0.5)
    assert s.errors_km == [0.0] and s.acc161 == 1.0 and s.recall161 == 0.5
    assert (s.country_accuracy, s.id_accuracy) == (1.0, 1.0)


def test_unplaced_mentions_are_reported_not_scored_and_unscored_gold_is_ignored():
    gold = (Toponym(0, 4, "Kyiv", 50.45, 30.52, 703448, "UA"),)
    unscored = (Toponym(10, 16, "Harlem"),)  # annotated, but without gold coordinates
    preds = [Toponym(0, 4, "Kyiv"), Toponym(10, 16, "Harlem", 40.8, -73.9)]
    docs = [GoldDoc("d", "x" * 20, gold, unscored)]
    s = ev.score("t", docs, [preds])
    assert (s.predicted, s.unplaced, s.matched) == (0, 1, 0)  # Harlem is neither right nor wrong
    s = ev.score("t", docs, [preds], placed_only=False)  # unplaced Kyiv: found, but 20,039 km off
    assert (s.predicted, s.matched) == (1, 1) and s.errors_km == [ev.MAX_KM] and s.recall161 == 0.0
    assert s.id_accuracy == 0.0


def test_auc_is_normalised_log_error_area():
    assert ev.auc([0.0, 0.0]) == 0.0
    assert ev.auc([ev.MAX_KM, ev.MAX_KM]) == pytest.approx(1.0, abs=1e-4)
    assert ev.auc([0.0, 100.0]) == pytest.approx(math.log1p(100) / 2 / math.log(ev.MAX_KM))


# Regression guard on the first 20 articles of each corpus (not timed). Floors a little under the
# measured values (see docs/evaluation.md, "Geoparsing"): a change that lowers them breaks the build.
FLOORS = {
    "gwn": {"precision": 0.76, "recall": 0.68, "acc161": 0.92, "recall161": 0.65},  # measured .79 .72 .95 .68
    "lgl": {"precision": 0.80, "recall": 0.71, "acc161": 0.59, "recall161": 0.43},  # measured .83 .75 .62 .46
}


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_evaluation_slice_stays_above_floor(corpus):
    scores = ev.evaluate(corpus, limit=20)
    got = scores.as_dict()
    for metric, floor in FLOORS[corpus].items():
        assert got[metric] >= floor, f"{corpus} {metric} {got[metric]:.3f} < {floor}"


@needs_shared
@pytest.mark.slow
def test_cli_prints_the_table():
    from cli.test_cli import run

    out = run("evaluate", "geoparse", "--corpus", "lgl", "--limit", "3")
    assert out.returncode == 0, out.stderr
    for label in (
        "geotagging P / R / F1",
        "acc@161km",
        "AUC",
        "country accuracy",
        "exact GeoNames id",
        "recall@161km",
        "words/s",
    ):
        assert label in out.stdout


@needs_shared
@pytest.mark.slow
def test_geoparse_cli_prints_exactly_what_evaluate_scores(tmp_path):
    """One geoparser, one output: the CLI's records of the first GeoWebNews articles are the toponyms
    `evaluate geoparse` scores (same spans, same places)."""
    import json

    from cli.test_cli import run

    from components.geo.gazetteer.index import load_gazetteer

    gaz = load_gazetteer()
    docs = ev.read_corpus("gwn", gaz)[:4]
    predicted, _ = ev.predict(docs, gaz)
    lines = [json.dumps({"id": d.doc_id, "text": d.text}) for d in docs]
    (tmp_path / "gwn.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run("geoparse", str(tmp_path / "gwn.jsonl"))
    assert out.returncode == 0, out.stderr
    printed = [json.loads(line) for line in out.stdout.splitlines()]
    from_cli = sorted((r["doc"], r["start"], r["end"], r["geonameid"]) for r in printed)
    from_eval = sorted(
        (d.doc_id, t.start, t.end, t.geonameid)
        for d, preds in zip(docs, predicted, strict=True)
        for t in preds
    )
    assert from_cli == from_eval and len(from_cli) > 20
