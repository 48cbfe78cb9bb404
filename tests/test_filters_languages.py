"""EventFilter.languages: the article language filter through SQL, URL query params and the sentence."""

from __future__ import annotations

import duckdb
import pytest

from components.errors import FilterError
from components.filters import EventFilter

NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}


@pytest.mark.parametrize(
    ("flt", "params"),
    [
        (EventFilter(languages=("ru", "uk")), {"lang": ["ru", "uk"]}),
        (EventFilter(languages=("", "en")), {"lang": ["unknown", "en"]}),  # '' is "unknown" in a URL
        (EventFilter(countries=("UA",), languages=("uk",)), {"country": ["UA"], "lang": ["uk"]}),
    ],
)
def test_languages_round_trip_through_the_url(flt, params) -> None:
    assert flt.to_query_params() == params
    assert EventFilter.from_query_params(params) == flt


def test_url_languages_are_normalised() -> None:
    assert EventFilter.from_query_params({"lang": "UK, ru,uk"}).languages == ("ru", "uk")
    assert EventFilter.from_query_params({"lang": ["Unknown"]}).languages == ("",)


@pytest.mark.parametrize("value", ["ukr1", "u", "english", "uk'; DROP TABLE events; --", "<b>"])
def test_invalid_language_codes_raise_filter_error(value) -> None:
    with pytest.raises(FilterError, match="language"):
        EventFilter.from_query_params({"lang": [value]})


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute("CREATE TABLE events (event_id INT, country_code VARCHAR, language VARCHAR)")
    c.executemany(
        "INSERT INTO events VALUES (?, ?, ?)",
        [(1, "UA", "uk"), (2, "UA", "ru"), (3, "GB", "en"), (4, "UA", ""), (5, "UA", None)],
    )
    yield c
    c.close()


@pytest.mark.parametrize(
    ("flt", "ids"),
    [
        (EventFilter(), [1, 2, 3, 4, 5]),
        (EventFilter(languages=("uk",)), [1]),
        (EventFilter(languages=("ru", "uk")), [1, 2]),
        (EventFilter(languages=("",)), [4, 5]),  # NULL (an old Parquet file) is unknown too
        (EventFilter(countries=("GB",), languages=("uk",)), []),
        (EventFilter(countries=("UA",), languages=("en", "ru")), [2]),
    ],
)
def test_languages_filter_rows_in_sql(con, flt, ids) -> None:
    for alias in ("", "e"):
        where, params = flt.to_sql(alias=alias)
        assert "'" not in where.replace("''", "")  # codes are bound parameters, never SQL text
        rows = con.execute(f"SELECT event_id FROM events e WHERE {where} ORDER BY 1", params).fetchall()
        assert [r[0] for r in rows] == ids


@pytest.mark.parametrize(
    ("flt", "names", "ending"),
    [
        (EventFilter(languages=("uk",)), NAMES, ", articles in Ukrainian"),
        (EventFilter(languages=("ru", "uk")), NAMES, ", articles in Russian or Ukrainian"),
        (EventFilter(languages=("", "en")), NAMES, ", articles in unknown language or English"),
        (EventFilter(languages=("pl",)), None, ", articles in pl"),
    ],
)
def test_describe_names_the_languages(flt, names, ending) -> None:
    assert flt.describe(3, {}, names).endswith(ending)
