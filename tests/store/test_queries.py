"""Dashboard queries: the map grid is deterministic; a sorted events page equals sorting the joined view."""

import datetime as dt

import pandas as pd
import pytest

from components import store
from components.filters import EventFilter
from components.store import queries


def test_grid_counts_is_the_same_frame_for_the_same_data(tmp_path):
    """Ties of the main type go to the first alphabetically and rows have a total order, whatever the
    insertion order (the Map page's chart is identified by its figure: a reshuffled frame drops a
    selection)."""
    from conftest import ACLED_HEADER

    from components.ingest import importers

    # cell 50:30 holds one protest (inserted first) and one battle; cells 44:20 and 40:20 one event each
    rows = [
        "X1,2022-10-11,2022,1,Protests,Peaceful protest,P,,804,Ukraine,,A,50.1,30.1,1,W,a,0",
        "X2,2022-10-11,2022,1,Battles,Armed clash,R,U,804,Ukraine,,B,50.3,30.3,1,W,b,0",
        "X3,2022-10-12,2022,1,Riots,Mob violence,R,,804,Ukraine,,C,44.5,20.5,1,W,c,0",
        "X4,2022-10-12,2022,1,Riots,Mob violence,R,,804,Ukraine,,D,40.5,20.5,1,W,d,0",
    ]
    con = store.connect(tmp_path / "grid.duckdb")
    store.write_events(con, importers.parse_text("\n".join([ACLED_HEADER, *rows]) + "\n", "acled").events)
    grid = queries.grid_counts(con, EventFilter(), 1.0)
    assert list(grid["cell"]) == ["50:30", "40:20", "44:20"]  # most events first, then by cell
    assert grid.iloc[0]["event_type"] == "Battles" and grid.iloc[0]["place"] == "A"
    assert grid.iloc[0]["latitude"] == pytest.approx(50.2) and grid.iloc[0]["n"] == 2
    assert all(grid.equals(queries.grid_counts(con, EventFilter(), 1.0)) for _ in range(5))
    con.close()


# Filters the sorted page is checked under: none, a country, a text search, a date bound.
FILTERS = [
    EventFilter(),
    EventFilter(countries=("UA",)),
    EventFilter(text="strikes"),
    EventFilter(date_from=dt.date(2022, 10, 5), include_undated=False),
]


@pytest.mark.parametrize("order_by", ["event_date", "event_type", "country", "actor1", "source"])
@pytest.mark.parametrize("flt", FILTERS)
def test_event_pages_cut_from_events_equal_sorting_the_joined_view(mixed_db, flt, order_by) -> None:
    """query_events_page cuts the page from `events` before joining the articles (except when sorting by an
    article column); the result must equal sorting the whole joined view (the old, slow query)."""
    with store.reading(mixed_db) as con:
        where, params = flt.to_sql()
        order = f"{order_by} DESC NULLS LAST, event_id"
        view = con.execute(f"SELECT * FROM ({store.EVENTS_VIEW}) WHERE {where} ORDER BY {order}", params).df()
        assert len(view) > 0
        for offset in (0, 3):
            page, total = queries.query_events_page(con, flt, order_by=order_by, limit=4, offset=offset)
            assert total == len(view)
            pd.testing.assert_frame_equal(
                page, view.iloc[offset : offset + 4].reset_index(drop=True), check_dtype=False
            )


@pytest.mark.parametrize("flt", [EventFilter(), EventFilter(countries=("UA",)), EventFilter(text="strikes")])
def test_extent_counts_located_events_and_all_events_in_one_scan(fixture_db, flt) -> None:
    """The Map page's header count comes from extent's n_all: it must equal store.count_events."""
    from conftest import N_EVENTS, N_LOCATED

    con = store.connect(fixture_db, read_only=True)
    try:
        ext = queries.extent(con, flt)
        assert ext["n_all"] == store.count_events(con, flt)
        located = store.query_events(con, flt)["latitude"].notna().sum()
        assert ext["n"] == located and ext["lat0"] <= ext["lat1"]
        if flt.is_empty:
            assert (ext["n_all"], ext["n"]) == (N_EVENTS, N_LOCATED) and N_LOCATED < N_EVENTS
    finally:
        con.close()
