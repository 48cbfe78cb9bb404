"""Synthetic events: realistic, marked as synthetic, consistent offsets, deterministic, bulk-written."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from components.cli import main
from components.evaluation import synth
from components.geo.gazetteer.index import default_path
from components.records import EVENT_TYPES

pytestmark = pytest.mark.skipif(not (default_path() / "places.arrow").exists(), reason="gazetteer not built")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "synth.duckdb"
    report = synth.write(path, 3000, seed=7)
    assert report.events == 3000 and report.articles > 500
    return path


def q(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_events_are_realistic_and_marked_synthetic(db: Path) -> None:
    assert q(db, "SELECT count(*) FROM events") == [(3000,)]
    by_country = dict(q(db, "SELECT country_code, count(*) FROM events GROUP BY ALL"))
    assert by_country["UA"] > 1800 and by_country["RU"] > 200  # weighted toward Ukraine and Russia
    assert {t for (t,) in q(db, "SELECT DISTINCT event_type FROM events")} <= set(EVENT_TYPES)
    lo, hi = q(db, "SELECT min(event_date), max(event_date) FROM events")[0]
    assert lo.year >= 2022 and hi.year <= 2023
    assert q(db, "SELECT count(*) FROM articles WHERE source NOT LIKE 'synthetic: %'") == [(0,)]
    assert q(db, "SELECT count(*) FROM events WHERE latitude IS NULL OR country IS NULL") == [(0,)]
    assert {p for (p,) in q(db, "SELECT DISTINCT geo_precision FROM events")} == {1, 3}


def test_evidence_and_mentions_point_into_the_article_text(db: Path) -> None:
    assert q(
        db,
        """SELECT count(*) FROM events e JOIN articles a USING (article_id)
                    WHERE substr(a.text, e.start_char + 1, e.end_char - e.start_char) <> e.evidence""",
    ) == [(0,)]
    assert q(
        db,
        """SELECT count(*) FROM mentions m JOIN articles a USING (article_id)
                    WHERE substr(a.text, m.start_char + 1, m.end_char - m.start_char) <> m.text""",
    ) == [(0,)]
    (candidates,) = q(db, "SELECT candidates FROM mentions LIMIT 1")[0]
    assert '"reason":"synthetic' in candidates


def test_candidates_give_the_places_review_a_minority_of_close_calls(db: Path) -> None:
    import json

    from components.store import queries

    rows = q(db, "SELECT text, geonameid, score, candidates FROM mentions")
    pairs = [json.loads(c) for *_, c in rows]
    assert all(
        c[0]["geonameid"] == gid and c[0]["score"] == score
        for (_, gid, score, _), c in zip(rows, pairs, strict=True)
    )
    two = [c for c in pairs if len(c) == 2]
    assert 0.1 < len(two) / len(rows) < 0.4  # a homonym elsewhere in the gazetteer
    assert all(a["name"] == b["name"] and a["geonameid"] != b["geonameid"] for a, b in two)
    assert min(score for _, _, score, _ in rows) >= 8.5 and max(score for _, _, score, _ in rows) <= 16
    con = duckdb.connect(str(db), read_only=True)
    try:
        review = queries.review_places(con)
    finally:
        con.close()
    assert 0 < review["n_events"].sum() < 0.25 * 3000  # the review lists the close calls, not every place
    assert (
        (review["top_score"] < queries.REVIEW_LOW_SCORE) | (review["margin"] < queries.REVIEW_MARGIN)
    ).all()


def test_same_seed_same_events_and_rerun_adds_nothing(db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.duckdb"
    synth.write(again, 3000, seed=7)
    assert q(again, "SELECT sum(hash(event_id, place_name, event_date)) FROM events") == q(
        db, "SELECT sum(hash(event_id, place_name, event_date)) FROM events"
    )
    synth.write(again, 3000, seed=7)
    assert q(again, "SELECT count(*), (SELECT count(*) FROM mentions) FROM events") == [(3000, 3000)]


def test_cli_synth(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cli.duckdb"
    assert main(["synth", "--events", "200", "--db", str(target), "--seed", "3"]) == 0
    assert "synthetic events written: 200" in capsys.readouterr().out
    assert q(target, "SELECT count(*) FROM events") == [(200,)]
    assert main(["synth", "--events", "0", "--db", str(target)]) == 2
