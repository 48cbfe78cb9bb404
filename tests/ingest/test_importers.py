"""ACLED, UCDP GED and GDELT 2.0 files -> Event records; bad rows are counted skips, never a crash."""

import datetime as dt

import pytest

from components import store
from components.errors import UnsupportedFormatError
from components.filters import EventFilter
from components.ingest import importers
from components.records import BATTLES, EXPLOSIONS, TIME_DAY, TIME_WEEK
from components.store import export
from tests.shared_data import EVAL, needs_shared

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
)
ACLED_ROWS = [
    "UKR1001,2022-10-08,2022,1,Political violence,Explosions/Remote violence,"
    "Remote explosive/landmine/IED,Unidentified Armed Group (Ukraine),,3,,,0,30,,804,Europe,Ukraine,"
    "Crimea,Kerchenska,,Kerch,45.3607,36.4706,1,Project Notes,National,"
    "A truck exploded on the Kerch bridge.,3,,1666000000",
    "UKR1002,10 October 2022,2022,1,Political violence,Explosions/Remote violence,"
    "Shelling/artillery/missile attack,Military Forces of Russia (2000-),,8,Civilians (Ukraine),,7,78,"
    "Civilian targeting,804,Europe,Ukraine,Kyiv City,Kyiv,,Kyiv,50.45,30.52,1,Project Notes,National,"
    "Missiles hit central Kyiv.,14,,1666000000",
    "UKR1003,yesterday,2022,1,Political violence,Battles,Armed clash,A,,1,B,,1,11,,804,Europe,Ukraine,,,,"
    "X,48.0,37.0,1,,,bad date,0,,",
    "UKR1004,2022-10-09,2022,1,Political violence,Weather,Rain,A,,1,B,,1,11,,804,Europe,Ukraine,,,,X,"
    "48.0,37.0,1,,,bad type,0,,",
    "UKR1005,2022-10-09,2022,1,Political violence,Battles,Armed clash,A,,1,B,,1,11,,804,Europe,Ukraine,,,"
    ",X,north,37.0,1,,,bad latitude,0,,",
]
ACLED = "\n".join([ACLED_HEADER, *ACLED_ROWS]) + "\n"

UCDP_HEADER = (
    "id,relid,year,type_of_violence,side_a,side_b,source_office,source_date,source_headline,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,country,date_prec,date_start,"
    "date_end,best"
)
UCDP_ROWS = [
    "1,R1,2014,1,Government of Ukraine,DPR,AFP;Reuters,2014-05-02;2014-05-03,Clashes in Sloviansk;Fighting "
    "near Sloviansk,1,Sloviansk town,Sloviansk,Donetsk oblast,Sloviansk raion,48.85,37.6,Ukraine,1,"
    "05/02/2014 00:00,05/02/2014 00:00,4",
    "2,R2,2014,1,Government of Russia (Soviet Union),Government of Ukraine,Ukrinform,2014-07-15,Shelling,2,"
    "Zelenopillya village,Zelenopillya,Luhans’ka oblast,,47.9,39.7,Ukraine,3,7/11/2014 12:00:00 AM,"
    "7/15/2014 12:00:00 AM,30",
    "3,R3,2014,1,A,B,X,2014-07-15,H,1,P,P,,,47.9,39.7,Ukraine,1,"
    "7/15/2014 12:00:00 AM,7/11/2014 12:00:00 AM,1",
    "4,R4,2014,9,A,B,X,2014-07-15,H,1,P,P,,,47.9,39.7,Ukraine,1,"
    "7/15/2014 12:00:00 AM,7/15/2014 12:00:00 AM,1",
]


def gdelt_line(event_id: str, code: str, root: str, lat: str = "50.45", lon: str = "30.52") -> str:
    cols = [""] * 61
    cols[0], cols[1], cols[6], cols[7], cols[16], cols[17] = (
        event_id,
        "20221010",
        "RUSSIA",
        "RUS",
        "KYIV",
        "UKR",
    )
    cols[26], cols[28], cols[32] = code, root, "3"
    cols[51], cols[52], cols[53], cols[56], cols[57] = "4", "Kyiv, Kyyiv, Misto, Ukraine", "UP", lat, lon
    cols[59], cols[60] = "20221010120000", "https://www.example.org/news/1"
    return "\t".join(cols)


@pytest.fixture
def files(tmp_path):
    acled = tmp_path / "acled.csv"
    acled.write_text(ACLED, encoding="utf-8")
    ucdp = tmp_path / "ucdp.csv"
    ucdp.write_bytes(("\n".join([UCDP_HEADER, *UCDP_ROWS]) + "\n").encode("cp1252"))
    gdelt = tmp_path / "gdelt.export.CSV"
    gdelt.write_text(
        "\n".join(
            [
                gdelt_line("1", "195", "19"),
                gdelt_line("2", "042", "04"),
                gdelt_line("3", "190", "19", lat=""),
                "short\trow",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return {"acled": acled, "ucdp": ucdp, "gdelt": gdelt}


def test_acled(files):
    result = importers.read(files["acled"], "acled")
    assert [e.event_id for e in result.events] == ["acled:UKR1001", "acled:UKR1002"]
    kerch, kyiv = result.events
    assert (kerch.event_date, kerch.place.country_code, kerch.fatalities, kerch.dataset) == (
        dt.date(2022, 10, 8),
        "UA",
        3,
        "acled",
    )
    assert kyiv.event_date == dt.date(2022, 10, 10)  # "10 October 2022"
    assert (kyiv.actor2, kyiv.admin2, kyiv.sub_event_type) == (
        "Civilians (Ukraine)",
        "Kyiv",
        "Shelling/artillery/missile attack",
    )
    reasons = [s.reason for s in result.skipped]
    assert len(reasons) == 3 and any("date" in r for r in reasons) and any("event type" in r for r in reasons)


def test_ucdp_cp1252_and_month_first_dates(files):
    result = importers.read(files["ucdp"], "ucdp")
    first, second = result.events
    assert (first.event_date, first.date_end, first.time_precision) == (
        dt.date(2014, 5, 2),
        dt.date(2014, 5, 2),
        TIME_DAY,
    )
    assert (first.actor1, first.actor2, first.event_type, first.fatalities) == ("Ukraine", "DPR", BATTLES, 4)
    assert [s.outlet for s in first.sources] == ["AFP", "Reuters"]
    assert (second.date_start, second.date_end, second.time_precision) == (
        dt.date(2014, 7, 11),
        dt.date(2014, 7, 15),
        TIME_WEEK,
    )
    assert second.actor1 == "Russia" and second.place.admin1 == "Luhans’ka oblast"  # cp1252 0x92
    assert {s.line for s in result.skipped} == {4, 5} and len(result.skipped) == 2


def test_gdelt(files):
    result = importers.read(files["gdelt"], "gdelt")
    [ev] = result.events
    assert (ev.event_type, ev.sub_event_type, ev.actor1, ev.actor2) == (
        EXPLOSIONS,
        "Air/drone strike",
        "Russia",
        "Ukraine",
    )
    assert (ev.place.country_code, ev.event_date, ev.sources[0].outlet) == (
        "UA",
        dt.date(2022, 10, 10),
        "example.org",
    )
    assert sorted(s.reason.split(" (")[0] for s in result.skipped) == [
        "expected 61 tab-separated columns, got 2",
        "no action location",
        "not a conflict event",
    ]


def test_unknown_format_is_an_error(files):
    with pytest.raises(UnsupportedFormatError):
        importers.read(files["acled"], "wikipedia")


def test_imports_store_overlay_and_export_in_acled_order(files, tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    for fmt, path in files.items():
        assert store.write_events(con, importers.read(path, fmt).events)[0] >= 1
    assert store.write_events(con, importers.read(files["acled"], "acled").events) == (0, 2)  # idempotent
    df = store.query_events(con, EventFilter(datasets=("acled", "ucdp")))
    assert set(df.dataset) == {"acled", "ucdp"} and len(df) == 4
    assert store.count_events(con, EventFilter(datasets=("gdelt",))) == 1
    assert len(store.event_sources(con, "ucdp:1")) == 2
    text = export.to_acled(store.query_events(con, EventFilter(datasets=("acled",))))
    lines = text.splitlines()
    assert lines[0].split(",") == list(export.ACLED_COLUMNS)
    assert lines[1].startswith(
        "acled:UKR1002,2022-10-10,2022,1,Political violence,Explosions/Remote violence"
    )
    assert ",804," in lines[1]


@needs_shared
def test_real_ucdp_csv_reads_every_row_with_its_iso_dates():
    import json

    path = EVAL / "UCDP-GED-Ukraine" / "UCDP-Ukraine.csv"
    result = importers.read(path, "ucdp")
    assert len(result.events) == 3883 and not result.skipped
    gold = {}
    with open(EVAL / "UCDP-GED-Ukraine" / "UCDP-Ukraine.derived.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            gold[f"ucdp:{rec['id']}"] = (rec["date_start_iso"], rec["date_end_iso"])
    assert all(gold[e.event_id] == (str(e.date_start), str(e.date_end)) for e in result.events)
