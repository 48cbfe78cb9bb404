"""Place corrections: stored with who/when, applied to stored mentions and events and to later ingests,
undone."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from components import pipeline, store
from components.errors import CorrectionError
from components.geo.gazetteer.index import load_gazetteer
from components.records import Article
from components.store import corrections

pytestmark = pytest.mark.slow

NIKOPOL_UA, NIKOPOL_BG = 700051, 728782  # Nikopol, Dnipropetrovsk Oblast / Nikopol, Pleven (Bulgaria)
TEXT = "Shelling in Nikopol\n\nRussian artillery shelled Nikopol in Ukraine on Monday, officials said."


def article(text: str = TEXT, title: str = "Shelling in Nikopol") -> Article:
    return Article(article_id=str(abs(hash(text))), title=title, text=text, published=dt.date(2022, 10, 12))


def places(con, name: str = "Nikopol") -> list[tuple]:
    return con.execute("SELECT geonameid, country_code FROM mentions WHERE text = ?", [name]).fetchall()


def event_places(con) -> list[tuple]:
    return con.execute(
        "SELECT geonameid, country_code, country FROM events WHERE location = 'Nikopol'"
    ).fetchall()


@pytest.fixture
def con(tmp_path):
    c = store.connect(tmp_path / "c.duckdb")
    pipeline.ingest_items([article()], c)
    yield c
    c.close()


def test_fix_updates_stored_mentions_and_events_and_undo_restores(con):
    gaz = load_gazetteer()
    assert set(places(con)) == {(NIKOPOL_UA, "UA")}
    assert event_places(con) and all(e[0] == NIKOPOL_UA for e in event_places(con))
    cid = corrections.add_correction(con, gaz, "nikopol", NIKOPOL_BG, by="analyst")  # case does not matter
    assert set(places(con)) == {(NIKOPOL_BG, "BG")}
    assert {e for e in event_places(con)} == {(NIKOPOL_BG, "BG", "Bulgaria")}
    row = corrections.list_corrections(con).iloc[0]
    assert (row.correction_id, row.created_by, row.geonameid) == (cid, "analyst", NIKOPOL_BG)
    assert not pd.isna(row.created_at) and pd.isna(row.undone_at)
    corrections.undo_correction(con, cid, by="lead")
    assert set(places(con)) == {(NIKOPOL_UA, "UA")}
    assert {e[:2] for e in event_places(con)} == {(NIKOPOL_UA, "UA")}
    assert corrections.active_corrections(con) == ()
    with pytest.raises(CorrectionError):
        corrections.undo_correction(con, cid)


def test_later_ingests_use_the_correction(con):
    corrections.add_correction(con, load_gazetteer(), "Nikopol", NIKOPOL_BG, by="analyst")
    later = article("Blast in Nikopol\n\nAn explosion hit Nikopol in Ukraine on Tuesday.", "Blast in Nikopol")
    pipeline.ingest_items([later], con)
    sql = "SELECT geonameid, candidates FROM mentions WHERE article_id = ? AND text = 'Nikopol'"
    rows = con.execute(sql, [later.article_id]).fetchall()
    assert rows and all(r[0] == NIKOPOL_BG for r in rows)
    assert "corrected by analyst" in rows[0][1]  # "why this place?" names the correction


def test_article_scope_and_precedence(con):
    gaz = load_gazetteer()
    other = article("Blast in Nikopol\n\nAn explosion hit Nikopol in Ukraine on Tuesday.", "Blast in Nikopol")
    pipeline.ingest_items([other], con)
    first = article().article_id
    corrections.add_correction(con, gaz, "Nikopol", NIKOPOL_BG, article_id=first)
    by_article = dict(
        con.execute("SELECT article_id, geonameid FROM mentions WHERE text = 'Nikopol'").fetchall()
    )
    assert by_article == {first: NIKOPOL_BG, other.article_id: NIKOPOL_UA}
    glob = corrections.add_correction(con, gaz, "Nikopol", 703448)  # everywhere else: Kyiv (a test value)
    by_article = dict(
        con.execute("SELECT article_id, geonameid FROM mentions WHERE text = 'Nikopol'").fetchall()
    )
    assert by_article[other.article_id] == 703448
    active = corrections.active_corrections(con)
    assert corrections.best_correction(active, "nikopol", first).place.geonameid == NIKOPOL_BG  # scoped wins
    corrections.undo_correction(con, glob)
    by_article = dict(
        con.execute("SELECT article_id, geonameid FROM mentions WHERE text = 'Nikopol'").fetchall()
    )
    assert by_article == {first: NIKOPOL_BG, other.article_id: NIKOPOL_UA}


def test_errors(con):
    with pytest.raises(CorrectionError):
        corrections.add_correction(con, load_gazetteer(), "Nikopol", 1)  # no such GeoNames id
    with pytest.raises(CorrectionError):
        corrections.undo_correction(con, 999)


def test_cli_fix_list_undo(tmp_path):
    from cli.test_cli import run

    db = tmp_path / "cli.duckdb"
    c = store.connect(db)
    pipeline.ingest_items([article()], c)
    c.close()
    out = run("places", "fix", "Nikopol", "--to", str(NIKOPOL_BG), "--by", "analyst", "--db", str(db))
    assert out.returncode == 0 and "correction 1: 'Nikopol' -> Nikopol, BG" in out.stdout, out.stderr
    assert "analyst" in run("places", "list", "--db", str(db)).stdout
    assert run("places", "undo", "1", "--db", str(db)).stdout.strip() == "correction 1 undone"
    bad = run("places", "fix", "Nikopol", "--to", "1", "--db", str(db))
    assert bad.returncode == 2 and "not in the gazetteer" in bad.stderr
