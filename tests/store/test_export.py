"""Exports checked against what they are made from: the CSV, JSON Lines and GeoJSON of a database are
parsed back (csv module, json) and compared with the rows a plain SQL query reads from the same database;
the column-wise record conversion is compared with values written out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from components import store
from components.store import export

# The export columns as plain SQL reads them: events joined with their article; imported rows (no
# article) carry their own title, outlet, url and publication date; merged reports are left out.
ARTICLE_COLUMNS = {
    "title": "src_title",
    "source": "src_outlet",
    "url": "src_url",
    "published": "src_published",
}
PLAIN_SQL = """SELECT {columns} FROM events e LEFT JOIN articles a ON a.article_id = e.article_id
               WHERE e.merged_into IS NULL"""
FORMULA_TITLE = '=HYPERLINK("http://x")'
FORMULA_EVIDENCE = "-1 killed, +2 hurt"


@pytest.fixture(scope="module")
def db(mixed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mixed database (articles and ACLED rows), one title and one sentence a spreadsheet would run."""
    path = tmp_path_factory.mktemp("export") / "export.duckdb"
    shutil.copy(mixed_db, path)
    with store.writing(path) as con:
        con.execute("UPDATE articles SET title = ? WHERE article_id = 'art-a1'", [FORMULA_TITLE])
        con.execute("UPDATE events SET evidence = ? WHERE dataset = 'acled'", [FORMULA_EVIDENCE])
    return path


def plain_rows(path: Path) -> dict[str, dict[str, object]]:
    """Every exported event's EXPORT_COLUMNS, by event id, read with plain SQL."""
    columns = ", ".join(
        f"coalesce(a.{c}, e.{ARTICLE_COLUMNS[c]}) AS {c}" if c in ARTICLE_COLUMNS else f"e.{c}"
        for c in export.EXPORT_COLUMNS
    )
    with store.reading(path) as con:
        cur = con.execute(PLAIN_SQL.format(columns=columns))
        names = [d[0] for d in cur.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}


def exported(path: Path, fmt: str) -> str:
    with store.reading(path) as con:
        return export.render(store.query_events(con), fmt)


def csv_text(value: object) -> str:
    """How a database value reads in the CSV: text with a formula start gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return str(value)


def json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def test_csv_holds_the_database_rows(db: Path) -> None:
    expected = plain_rows(db)
    rows = list(csv.DictReader(io.StringIO(exported(db, "csv"))))
    assert list(rows[0]) == list(export.EXPORT_COLUMNS)
    assert len(rows) == len(expected) and {r["event_id"] for r in rows} == set(expected)
    for row in rows:
        assert row == {c: csv_text(v) for c, v in expected[row["event_id"]].items()}
    titles = {r["title"] for r in rows if r["article_id"] == "art-a1"}
    assert titles == {"'" + FORMULA_TITLE}  # neutralised, not dropped


def test_jsonl_holds_the_database_rows(db: Path) -> None:
    expected = plain_rows(db)
    records = [json.loads(line) for line in exported(db, "jsonl").splitlines()]
    assert len(records) == len(expected)
    for rec in records:
        assert rec == {c: json_value(v) for c, v in expected[rec["event_id"]].items()}
    assert {r["evidence"] for r in records if r["dataset"] == "acled"} == {
        FORMULA_EVIDENCE
    }  # JSON is not run


def test_geojson_holds_the_database_rows(db: Path) -> None:
    expected = plain_rows(db)
    collection = json.loads(exported(db, "geojson"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(expected)
    for feature in collection["features"]:
        row = expected[feature["properties"]["event_id"]]
        assert feature["properties"] == {c: json_value(v) for c, v in row.items()}
        if row["latitude"] is None:
            assert feature["geometry"] is None  # kept, without a point
        else:
            assert feature["geometry"] == {
                "type": "Point",
                "coordinates": [row["longitude"], row["latitude"]],
            }
    assert any(f["geometry"] is None for f in collection["features"])


def test_column_wise_records_match_values_written_by_hand() -> None:
    df = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", None],
            "event_date": pd.to_datetime(
                ["2022-10-10", "2022-10-10 12:30:05", None, "2023-01-01"], format="ISO8601"
            ),
            "time_precision": np.array([1, 2, 3, 1], dtype="int32"),
            "latitude": [47.6, float("nan"), 50.1, 48.0],
            "geonameid": pd.array([703448, None, 1, 2], dtype="Int64"),
            "fatalities": pd.array([None, 3, 0, 1], dtype="Int32"),
            "published": [dt.date(2022, 10, 10), None, dt.date(2022, 10, 11), dt.date(2022, 10, 11)],
            "evidence": ["x", "x", "", None],
        }
    )
    columns = tuple(df.columns)
    values = [
        ("a", "2022-10-10", 1, 47.6, 703448, None, "2022-10-10", "x"),
        ("b", "2022-10-10T12:30:05", 2, None, None, 3, None, "x"),
        ("c", None, 3, 50.1, 1, 0, "2022-10-11", ""),
        (None, "2023-01-01", 1, 48.0, 2, 1, "2022-10-11", None),
    ]
    expected = [dict(zip(columns, row, strict=True)) for row in values]
    got = export._records(df, columns)
    assert got == expected
    assert json.dumps(got) == json.dumps(expected)  # same types too (int vs float, str vs date)


def guarded_csv(df: pd.DataFrame) -> str:
    return export.neutralise_formulas(df).to_csv(index=False)


def test_csv_export_neutralises_formulas() -> None:
    """The guard of every CSV the project writes (CLI export, Events page download)."""
    out = guarded_csv(pd.DataFrame({"evidence": ['=HYPERLINK("x")', "plain"], "n": [1, -2]}))
    assert "'=HYPERLINK" in out and "plain" in out and "-2" in out
    # str columns with missing cells (the store's), and object columns mixing text and numbers
    titles = pd.array(["+1 killed", None, "@home", "ok"], dtype="str")
    mixed = pd.array(["-x", -3, None, "\tt"], dtype=object)
    df = pd.DataFrame({"title": titles, "mixed": mixed})
    rows = guarded_csv(df).splitlines()
    assert rows == ["title,mixed", "'+1 killed,'-x", ",-3", "'@home,", "ok,'\tt"]
