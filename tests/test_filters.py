"""EventFilter conversions: SQL with bound parameters, URL query params, readable sentence."""

import datetime as dt

import duckdb
import pytest

from components.errors import FilterError
from components.filters import EventFilter
from components.records import EXPLOSIONS, STRATEGIC

D = dt.date


@pytest.mark.parametrize(
    ("flt", "params"),
    [
        (EventFilter(), {}),
        (EventFilter(countries=("BY", "UA")), {"country": ["BY", "UA"]}),
        (EventFilter(date_from=D(2022, 10, 1)), {"from": "2022-10-01"}),
        (
            EventFilter(
                countries=("UA",),
                date_from=D(2022, 10, 1),
                date_to=D(2022, 10, 15),
                event_types=(EXPLOSIONS,),
                include_undated=False,
            ),
            {
                "country": ["UA"],
                "type": [EXPLOSIONS],
                "from": "2022-10-01",
                "to": "2022-10-15",
                "undated": "0",
            },
        ),
        (EventFilter(datasets=("acled", "articles")), {"dataset": ["acled", "articles"]}),
    ],
)
def test_query_params_round_trip(flt, params):
    assert flt.to_query_params() == params
    assert EventFilter.from_query_params(params) == flt


def test_from_query_params_normalises_case_and_commas():
    assert EventFilter.from_query_params({"country": "ua,by"}).countries == ("BY", "UA")


@pytest.mark.parametrize(
    "params",
    [
        {"country": ["UKR"]},
        {"country": ["U'; DROP TABLE events; --"]},
        {"from": "yesterday"},
        {"from": "2022-10-15", "to": "2022-10-01"},
        {"type": ["Shelling<script>"]},
        {"from": ["2022-10-01", "2022-10-02"]},
        {"country": ["UA"] * 60},
        {"dataset": ["wikipedia"]},
    ],
)
def test_hostile_or_invalid_params_raise_filter_error(params):
    with pytest.raises(FilterError):
        EventFilter.from_query_params(params)


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute(
        "CREATE TABLE events (event_id INT, country_code VARCHAR, event_type VARCHAR, event_date DATE, "
        "dataset VARCHAR)"
    )
    c.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?)",
        [
            (1, "UA", EXPLOSIONS, D(2022, 10, 8), "articles"),
            (2, "UA", EXPLOSIONS, D(2022, 10, 10), "acled"),
            (3, "BY", STRATEGIC, D(2022, 10, 15), "ucdp"),
            (4, "UA", STRATEGIC, None, "articles"),
            (5, "KZ", STRATEGIC, D(2022, 9, 1), "gdelt"),
        ],
    )
    return c


@pytest.mark.parametrize(
    ("flt", "ids"),
    [
        (EventFilter(), [1, 2, 3, 4, 5]),
        (EventFilter(countries=("UA",)), [1, 2, 4]),
        (EventFilter(countries=("UA", "BY")), [1, 2, 3, 4]),
        (EventFilter(date_from=D(2022, 10, 9)), [2, 3, 4]),  # undated kept by default
        (EventFilter(date_from=D(2022, 10, 9), include_undated=False), [2, 3]),
        (EventFilter(date_to=D(2022, 10, 8), include_undated=False), [1, 5]),
        (EventFilter(event_types=(STRATEGIC,), countries=("UA",)), [4]),
        (EventFilter(datasets=("articles",)), [1, 4]),
        (EventFilter(datasets=("acled", "ucdp")), [2, 3]),
        (EventFilter(datasets=("gdelt",), countries=("UA",)), []),
    ],
)
def test_sql_selects_the_right_rows(con, flt, ids):
    where, params = flt.to_sql()
    assert "?" in where or not params
    got = [
        r[0] for r in con.execute(f"SELECT event_id FROM events WHERE {where} ORDER BY 1", params).fetchall()
    ]
    assert got == ids


def test_sql_never_contains_values():
    flt = EventFilter(countries=("UA",), date_from=D(2022, 10, 1), event_types=(EXPLOSIONS,))
    where, params = flt.to_sql(alias="e")
    assert "UA" not in where and "2022" not in where and "Explosions" not in where
    assert where.count("?") == len(params) == 3
    assert "e.country_code" in where


def test_describe():
    names = {"UA": "Ukraine", "BY": "Belarus"}
    assert EventFilter().describe(3) == "3 events in all countries"
    assert EventFilter(countries=("UA",)).describe(1, names) == "1 event in Ukraine"
    text = EventFilter(
        countries=("BY", "UA"),
        date_from=D(2022, 10, 1),
        date_to=D(2022, 10, 15),
        event_types=(EXPLOSIONS,),
        include_undated=False,
    ).describe(412, names)
    assert text == "412 events in Belarus, Ukraine, 1 Oct 2022 – 15 Oct 2022, explosions/remote violence"


def test_dataset_filter_in_words_and_from_mixed_case_url():
    assert EventFilter.from_query_params({"dataset": "UCDP,acled"}).datasets == ("acled", "ucdp")
    assert EventFilter(datasets=("ucdp",)).describe(2) == "2 events in all countries, from ucdp"


# -- actor, outlet, precision and text filters (issue 5) ---------------------------------------------
@pytest.mark.parametrize(
    ("flt", "params"),
    [
        (EventFilter(actors=("Russia", "Wagner Group")), {"actor": ["Russia", "Wagner Group"]}),
        (EventFilter(outlets=("Kyiv Wire, evening",)), {"outlet": ["Kyiv Wire, evening"]}),  # comma kept
        (
            EventFilter(geo_precisions=(1, 2), time_precisions=(1,)),
            {"geoprec": ["1", "2"], "timeprec": ["1"]},
        ),
        (EventFilter(text="50% of_ the"), {"q": "50% of_ the"}),
        (
            EventFilter(
                countries=("UA",),
                actors=("Russia",),
                outlets=("Fixture Wire",),
                geo_precisions=(3,),
                text="drone",
            ),
            {
                "country": ["UA"],
                "actor": ["Russia"],
                "outlet": ["Fixture Wire"],
                "geoprec": ["3"],
                "q": "drone",
            },
        ),
    ],
)
def test_new_fields_round_trip_through_the_url(flt, params):
    assert flt.to_query_params() == params
    assert EventFilter.from_query_params(params) == flt


@pytest.mark.parametrize(
    "params",
    [
        {"geoprec": ["4"]},
        {"timeprec": ["day"]},
        {"q": "x" * 300},
        {"actor": [""] * 1 + ["x" * 300]},
        {"q": ["a", "b"]},
    ],
)
def test_invalid_new_params_raise_filter_error(params):
    with pytest.raises(FilterError):
        EventFilter.from_query_params(params)


@pytest.fixture
def con2():
    c = duckdb.connect()
    c.execute("""CREATE TABLE articles (article_id VARCHAR, title VARCHAR, source VARCHAR)""")
    c.execute("""CREATE TABLE events (event_id INT, article_id VARCHAR, actor1 VARCHAR, actor2 VARCHAR,
                 geo_precision INT, time_precision INT, evidence VARCHAR)""")
    c.executemany(
        "INSERT INTO articles VALUES (?, ?, ?)",
        [("a", "Drone strike on depot", "Kyiv Wire"), ("b", "50% of town cut off", "Steppe News")],
    )
    c.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (1, "a", "Russia", "Ukraine", 1, 1, "A drone hit the depot."),
            (2, "a", "Ukraine", "", 3, 2, "Shelling in the region."),
            (3, "b", "Protesters", None, 2, 3, "Power cut_off in the town."),
            (4, "b", "Police", "Russia", 0, 0, "Nothing about drones here? DRONES."),
        ],
    )
    return c


@pytest.mark.parametrize(
    ("flt", "ids"),
    [
        (EventFilter(actors=("Russia",)), [1, 4]),
        (EventFilter(actors=("Protesters", "Police")), [3, 4]),
        (EventFilter(outlets=("Kyiv Wire",)), [1, 2]),
        (EventFilter(geo_precisions=(1, 2)), [1, 3]),
        (EventFilter(time_precisions=(0,)), [4]),
        (EventFilter(text="drone"), [1, 2, 4]),  # event 2 through its article's title
        (EventFilter(text="50%"), [3, 4]),  # % is a literal, not a wildcard
        (EventFilter(text="n_t"), []),  # _ is a literal too ("in the" does not match)
        (EventFilter(text="cut_off"), [3]),
        (EventFilter(text="'; DROP TABLE events; --"), []),
    ],
)
def test_new_fields_select_the_right_rows(con2, flt, ids):
    for alias in ("", "e"):
        where, params = flt.to_sql(alias=alias)
        sql = f"SELECT event_id FROM events {alias} WHERE {where} ORDER BY 1"
        assert [r[0] for r in con2.execute(sql, params).fetchall()] == ids
    assert "drone" not in flt.to_sql()[0].lower()


def test_describe_new_fields():
    flt = EventFilter(
        actors=("Russia",), outlets=("Kyiv Wire",), geo_precisions=(1,), time_precisions=(1, 2), text="drone"
    )
    assert flt.describe(5) == (
        "5 events in all countries, involving Russia, reported by Kyiv Wire, places: exact place, "
        'dates known to the day, week, mentioning "drone"'
    )
