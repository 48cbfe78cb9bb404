"""The command line: `python -m components ingest | export | geoparse | build-gazetteer`."""

import csv
import io
import json
import subprocess
import sys

import pytest
from shared_data import SEED, needs_shared

from components import cli, store
from components.settings import ROOT


def run(*args, stdin=None):
    command = [sys.executable, "-m", "components", *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    docs = tmp_path_factory.mktemp("docs")
    (docs / "kharkiv.txt").write_text(
        "Strikes on Kharkiv\n\nRussian missiles struck a power station in Kharkiv on Monday.\n",
        encoding="utf-8",
    )
    minsk = {
        "title": "Troops in Belarus",
        "published": "2022-10-16",
        "text": "A convoy of Russian troops arrived in Minsk on Saturday.",
    }
    (docs / "minsk.json").write_text(json.dumps(minsk), encoding="utf-8")
    (docs / "broken.jsonl").write_text('{"title": "ok", "text": "Protesters rallied in Kyiv."}\n{oops\n')
    proc = run("ingest", str(docs), "--db", str(path), "--published", "2022-10-12", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    return path, proc.stdout


@pytest.mark.slow
def test_ingest_prints_summary_with_skip_reasons(db):
    _, out = db
    assert "articles read: 3, new: 3, already stored: 0, skipped: 1" in out
    assert "broken.jsonl:2" in out and "malformed JSON" in out


@pytest.mark.slow
def test_export_formats_and_country_filter(db):
    path, _ = db
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", str(path), "--format", "csv").stdout)))
    assert {r["country_code"] for r in rows} >= {"UA", "BY"}
    for col in (
        "event_id",
        "event_date",
        "time_precision",
        "event_type",
        "actor1",
        "actor2",
        "country",
        "country_code",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "geonameid",
        "article_id",
        "title",
        "published",
        "evidence",
    ):
        assert col in rows[0]
    by_name = run("export", "--db", str(path), "--format", "jsonl", "--country", "Belarus").stdout
    by_code = run("export", "--db", str(path), "--format", "jsonl", "--country", "by").stdout
    assert by_name == by_code and by_name
    assert {json.loads(line)["country_code"] for line in by_name.splitlines()} == {"BY"}
    kharkiv = [
        json.loads(line)
        for line in run(
            "export", "--db", str(path), "--format", "jsonl", "--since", "2022-10-10", "--until", "2022-10-10"
        ).stdout.splitlines()
    ]
    assert [r["location"] for r in kharkiv] == ["Kharkiv"] and kharkiv[0]["event_date"] == "2022-10-10"
    gj = json.loads(run("export", "--db", str(path), "--format", "geojson").stdout)
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == len(rows)


@pytest.mark.slow
def test_export_unknown_country_is_a_clear_error(db):
    path, _ = db
    proc = run("export", "--db", str(path), "--country", "Atlantis")
    assert proc.returncode == 2 and "unknown country 'Atlantis'" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_geoparse_jsonl_stdin():
    line = json.dumps(
        {"id": "d1", "text": "Shelling hit Nikopol near Zaporizhzhia.", "published": "2022-08-10"}
    )
    out = run("geoparse", stdin=line + "\n").stdout
    recs = [json.loads(x) for x in out.splitlines()]
    nikopol = next(r for r in recs if r["text"] == "Nikopol")
    assert nikopol["doc"] == "d1" and nikopol["country_code"] == "UA" and nikopol["start"] == 13
    assert nikopol["role"] == "event_place"  # "Shelling hit Nikopol": the event's place
    zaporizhzhia = next(r for r in recs if r["text"] == "Zaporizhzhia")
    assert zaporizhzhia["role"] == "place"  # a reference point, not where it happened
    assert set(nikopol) == {
        "doc",
        "role",
        "start",
        "end",
        "text",
        "name",
        "latitude",
        "longitude",
        "geonameid",
        "country_code",
        "admin1",
        "feature_code",
        "score",
    }


@needs_shared
@pytest.mark.slow
def test_geoparse_seed_file():
    """The file is read as ingest reads it: its "Also Read" lines (Hong Kong, China) are boilerplate."""
    recs = [json.loads(x) for x in run("geoparse", str(SEED)).stdout.splitlines()]
    assert {r["country_code"] for r in recs if r["text"] == "Minsk"} == {"BY"}
    assert not {"Hong Kong", "China"} & {r["text"] for r in recs}
    roles = {r["role"] for r in recs}
    assert {"event_place", "place", "demonym"} <= roles
    assert any(r["role"] == "event_place" and r["text"] == "Nikopol" for r in recs)


@pytest.mark.slow
def test_geoparse_file_drops_boilerplate(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Strike on Kharkiv\nPublished: 2022-08-10\n\nMissiles struck Kharkiv on Tuesday.\n"
        "Also Read : Floods in Hong Kong\n",
        encoding="utf-8",
    )
    recs = [json.loads(x) for x in run("geoparse", str(article)).stdout.splitlines()]
    assert "Hong Kong" not in {r["text"] for r in recs}
    assert any(r["text"] == "Kharkiv" and r["role"] == "event_place" for r in recs)


def test_bad_arguments_exit_cleanly(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["export", "--since", "yesterday"])
    assert exc.value.code == 2
    assert "expected a date like 2022-10-15" in capsys.readouterr().err


def test_missing_database_is_a_message(tmp_path, capsys):
    assert cli.main(["export", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "ingest some articles first" in capsys.readouterr().err


def test_export_neutralises_spreadsheet_formulas(tmp_path, capsys):
    """A title or sentence a spreadsheet would run as a formula is exported with a leading quote (the CSV
    export shares the dashboard's guard); JSON Lines keeps the text as it is."""
    from conftest import build_fixture_db

    db = build_fixture_db(tmp_path / "f.duckdb")
    with store.writing(db) as con:
        con.execute("UPDATE articles SET title = '=cmd|'' /C calc''!A0' WHERE article_id = 'art-a1'")
    assert cli.main(["export", "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["title"] for r in rows if r["article_id"] == "art-a1"} == {"'=cmd|' /C calc'!A0"}
    assert cli.main(["export", "--db", str(db), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["title"] for r in records if r["article_id"] == "art-a1"} == {"=cmd|' /C calc'!A0"}


@pytest.mark.slow
def test_ingest_explain_lists_the_sentences_that_made_no_event(tmp_path):
    article = tmp_path / "note.txt"
    article.write_text(
        "Front-line note\nPublished: 2024-03-15\n\nRussian forces shelled Kupiansk on 14 March. "
        "Casualties unknown. Officials expect more attacks this winter. No shelling was reported in Sumy.\n",
        encoding="utf-8",
    )
    out = run("ingest", str(article), "--db", str(tmp_path / "x.duckdb"), "--explain", "--no-progress")
    assert out.returncode == 0, out.stderr
    assert "events written: 1;" in out.stdout
    why = [line for line in out.stdout.splitlines() if line.startswith("  ")]
    assert any("Casualties unknown." in line and "previous event" in line for line in why)
    assert any("expect more attacks" in line and "forecast" in line for line in why)
    assert any("No shelling was reported" in line for line in why)
