"""End to end: the seed article and the bundled sample articles through every stage into DuckDB.

Loads the spaCy model and the gazetteer (built by the set-up script), so these are the slow tests.
"""

import datetime as dt
import math

import pytest
from shared_data import SEED, needs_shared

from components import pipeline, store
from components.ingest.articles import read_paths
from components.records import EXPLOSIONS, STRATEGIC, TIME_DAY, TIME_WEEK, Article
from components.settings import ROOT

PUBLISHED = dt.date(2022, 10, 15)
SAMPLE = ROOT / "data" / "articles"


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def seed():
    [article] = list(read_paths([SEED], published=PUBLISHED))
    [result] = list(pipeline.run([article]))
    return result


# name in the seed -> (ISO2, lat, lon) of the right place (GeoNames coordinates)
SEED_PLACES = {
    "Minsk": ("BY", 53.90, 27.567),
    "Kerch Bridge": ("UA", 45.30, 36.51),  # Crimean Bridge, Kerch Strait; Crimea is coded UA
    "Nikopol": ("UA", 47.568, 34.391),  # not Nikopol, Bulgaria
    "Zaporizhia nuclear power plant": ("UA", 47.51, 34.59),
    "Astana": ("KZ", 51.18, 71.446),
    "Moscow": ("RU", 55.752, 37.616),
    "Kyiv": ("UA", 50.454, 30.524),  # labelled PERSON by the small model
    "Washington": ("US", 38.895, -77.036),  # the government: Washington, D.C.
    "Crimea": ("UA", 45.2, 34.2),  # labelled ORG by the small model; region centroid
    "Belarus": ("BY", 53.0, 28.0),  # GeoNames' conventional country point
}


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SEED_PLACES))
def test_seed_places_in_the_right_country_and_spot(seed, name):
    cc, lat, lon = SEED_PLACES[name]
    found = [rm for rm in seed.places if rm.mention.text == name]
    assert found, f"{name} not found among {[rm.mention.text for rm in seed.places]}"
    for rm in found:
        assert rm.place is not None, f"{name} unresolved"
        assert rm.place.country_code == cc
        assert km(rm.place.latitude, rm.place.longitude, lat, lon) < 60, rm.place


@needs_shared
@pytest.mark.slow
def test_seed_offsets_point_at_the_text(seed):
    text = seed.article.text
    for m in seed.mentions:
        assert text[m.start_char : m.end_char] == m.text
    for e in seed.events:
        assert " ".join(text[e.start_char : e.end_char].split()) == e.evidence


@needs_shared
@pytest.mark.slow
def test_seed_boilerplate_yields_nothing(seed):
    for bad in ("Hong Kong", "Asia", "China", "Starlink", "Musk"):
        assert not [m for m in seed.mentions if bad in m.text]
    assert not [e for e in seed.events if "Also Read" in e.evidence]


@needs_shared
@pytest.mark.slow
def test_seed_key_events(seed):
    kerch = [e for e in seed.events if e.place and e.place.name.lower().startswith(("kerch", "crimean"))]
    assert kerch, [(e.trigger, e.location) for e in seed.events]
    blast = kerch[0]
    # "last week" against 15 Oct 2022: the week of 3-9 Oct (the bridge was hit on 8 Oct).
    assert blast.event_type == EXPLOSIONS and blast.time_precision == TIME_WEEK
    assert blast.date_start <= dt.date(2022, 10, 8) <= blast.date_end and blast.date_text == "last week"
    arrival = [
        e for e in seed.events if e.event_type == STRATEGIC and e.place and e.place.country_code == "BY"
    ]
    assert arrival, [(e.trigger, e.location) for e in seed.events]
    assert arrival[0].event_date == dt.date(2022, 10, 15) and arrival[0].time_precision == TIME_DAY
    assert arrival[0].actor1 == "Russia"
    nikopol = [e for e in seed.events if e.location == "Nikopol"]
    assert nikopol and nikopol[0].event_type == EXPLOSIONS
    # No event from hypothetical or planned sentences.
    assert not [e for e in seed.events if "no plans" in e.evidence or "will deploy" in e.evidence]


@needs_shared
@pytest.mark.slow
def test_seed_ingest_is_idempotent(tmp_path):
    db = tmp_path / "seed.duckdb"
    first = pipeline.ingest_paths([SEED], db_path=db, published=PUBLISHED)
    second = pipeline.ingest_paths([SEED], db_path=db, published=PUBLISHED)
    assert first.articles_new == 1 and first.events > 3
    assert second.articles_new == 0 and second.duplicates == 1 and second.events == 0
    con = store.connect(db, read_only=True)
    assert store.summary(con)["events"] == first.events


@pytest.mark.slow
def test_sample_data_ingests_completely(tmp_path):
    items = list(read_paths([SAMPLE]))
    n_articles = sum(not hasattr(i, "reason") for i in items)
    assert n_articles >= 40
    assert not [i for i in items if hasattr(i, "reason")], "sample files must all parse"
    calls = []
    report = pipeline.ingest_paths(
        [SAMPLE], db_path=tmp_path / "s.duckdb", progress=lambda d, t, label: calls.append((d, t))
    )
    assert report.articles_new == n_articles and not report.skipped
    assert calls[-1] == (n_articles, n_articles)
    con = store.connect(tmp_path / "s.duckdb", read_only=True)
    df = store.query_events(con)
    assert len(df) >= n_articles  # most reports carry more than one event
    located = df[df.latitude.notna()]
    assert len(located) / len(df) > 0.8
    assert {"UA", "RU"} <= set(located.country_code)
    # Belarus is named (Minsk talks, troops moving south from it) but no event happens there: talks and
    # visits are no developments on the ground
    named = {r[0] for r in con.execute("SELECT DISTINCT country_code FROM mentions").fetchall()}
    assert "BY" in named
    assert df.event_date.notna().mean() > 0.95  # every sample article has a publication date


def test_continents_are_toponyms_but_never_event_places():
    from components.records import Article

    text = "Shelling in Europe killed two people, officials said. European leaders met in Africa on Monday."
    [result] = list(pipeline.run([Article("c", "t", text, PUBLISHED)]))
    assert all(rm.place is None or rm.place.feature_code != "CONT" for rm in result.places)
    assert all(ev.place is None or ev.place.feature_code != "CONT" for ev in result.events)
    toponyms = {rm.mention.text: rm.place for rm in result.toponyms}
    assert toponyms["Europe"].geonameid == 6255148 and toponyms["Africa"].geonameid == 6255146
    assert toponyms["European"].geonameid == 6255148  # the adjective names its continent


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "The Armed Forces of Ukraine lost 40 soldiers in battles with DPR units near the river.",
            {"Ukraine", "DPR"},
        ),
        ("A shell fired by the Russian Defence Ministry's artillery hit Kherson.", {"Russia"}),
        ("Kharkiv", set()),  # a bare place name: a place, no event
    ],
)
def test_state_bodies_named_as_organisations_are_their_country(text, sides):
    from components.records import Article

    [res] = pipeline.run([Article("t", "", text, dt.date(2023, 1, 10))])
    assert {a for e in res.events for a in (e.actor1, e.actor2) if a} == sides
    if not sides:
        assert [p.place.name for p in res.places if p.place] == ["Kharkiv"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "regions"),
    [
        (
            "A woman was killed in the Donetsk region.",
            {"Donetsk": "Donetsk Oblast"},
        ),  # not the city, nor Russia's
        ("Donetsk region", {"Donetsk": "Donetsk Oblast"}),  # a bare headline
        (
            "Shelling hit Donetsk and Luhansk regions on Monday.",
            {"Donetsk": "Donetsk Oblast", "Luhansk": "Luhansk Oblast"},
        ),  # a list, plural
        (
            "Shells hit Donetsk; the Kharkiv region was calm.",
            {"Donetsk": "Donetsk", "Kharkiv": "Kharkiv Oblast"},
        ),
    ],
)
def test_a_name_followed_by_a_region_word_is_the_region(text, regions):
    from components.records import Article

    [res] = pipeline.run([Article("r", "", text, PUBLISHED)])
    found = {rm.mention.text: rm.place.name for rm in res.places if rm.place}
    assert found == regions
    assert all(rm.place.country_code == "UA" for rm in res.places)


# The bundled front-line reports (data/articles/046-048) and the village each event happened in.
FRONTLINE_SAMPLES = (
    "046_frontline-daily-summary.txt",
    "047_monitoring-notes.jsonl",
    "048_osint-captions.csv",
)
SAMPLE_VILLAGES = {
    698759: "Ocheretyne",
    689302: "Vovchanski Khutori",
    699637: "Novodarivka",
    706566: "Kozatske",
    9112918: "Netailove",
    697421: "Petropavlivka",
    700051: "Nikopol",
}


@pytest.mark.slow
def test_frontline_samples_are_placed_at_their_villages(tmp_path):
    """Every event of the front-line sample reports is at its village, none at an oblast's point, and the
    summary's forecast and "Casualties unknown." make no event."""
    from components.geo.gazetteer.index import load_gazetteer

    if not any(v.get("path") for v in load_gazetteer().meta.get("villages", [])):
        pytest.xfail("the gazetteer was built without the GeoNames UA village dump")
    db = tmp_path / "fl.duckdb"
    pipeline.ingest_paths([SAMPLE / name for name in FRONTLINE_SAMPLES], db_path=db)
    df = store.query_events(store.connect(db, read_only=True))
    assert set(df.geonameid) == set(SAMPLE_VILLAGES)
    assert len(df) == 9 and not df.evidence.str.contains("expect|Casualties unknown").any()


# The bundled Ukrainian and Russian summaries (data/articles/049-050): (geonameid, day) of every event.
SLAVIC_SAMPLES = {
    "049_uk-regional-summary.txt": {
        (689304, dt.date(2024, 6, 12)),  # Вовчанськ, overnight
        (712260, dt.date(2024, 6, 11)),  # у Бериславі, on Tuesday
        (702989, dt.date(2024, 6, 12)),  # поблизу Липців (not "Сил оборони": the Defence Forces)
    },
    "050_ru-daily-summary.txt": {
        (698428, dt.date(2024, 2, 15)),  # по Орехову, on Thursday
        (700051, dt.date(2024, 2, 16)),  # Никополь, overnight
        (695586, dt.date(2024, 2, 16)),  # у Работино: GeoNames has it only as "Rabotino"
    },
}


@pytest.mark.slow
def test_ukrainian_and_russian_samples_are_placed_and_dated(tmp_path):
    db = tmp_path / "slavic-samples.duckdb"
    report = pipeline.ingest_paths([SAMPLE / name for name in SLAVIC_SAMPLES], db_path=db)
    assert report.articles_new == 2 and not report.skipped
    con = store.connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT a.path, a.language, e.geonameid, e.event_date "
            "FROM events e JOIN articles a USING (article_id)"
        ).fetchall()
    finally:
        con.close()
    for name, expected in SLAVIC_SAMPLES.items():
        got = {(gid, day) for path, _, gid, day in rows if path.endswith(name)}
        assert got == expected, name
    assert {lang for path, lang, _, _ in rows} == {"uk", "ru"}


@pytest.mark.slow
def test_a_region_setting_the_scene_contains_the_event():
    from components.records import Article

    text = "In Zaporizhzhia region, Ukrainian defenders repelled an assault near Novodarivka on Friday."
    [result] = list(pipeline.run([Article("z", "t", text, dt.date(2024, 4, 21))]))
    [event] = result.events
    assert event.place is not None and event.place.admin1_code == "UA.26"
    assert event.place.feature_class == "P" and event.location == "Novodarivka"


FOREIGN = {
    "de.txt": (
        "Angriff auf Charkiw\nPublished: 2023-05-02\n\nRussische Truppen haben die Stadt in der Nacht "
        "beschossen, wie die Behörden mitteilten. Die Lage ist weiter angespannt.\n",
        "language de not supported",
    ),
    "be.txt": (
        "Абстрэл Харкава\nPublished: 2023-05-02\n\nУначы расійскія войскі абстралялі Харкаў, паведаміў "
        "губернатар. Пацярпелі тры чалавекі.\n",
        "language be not supported",
    ),
}
# Read since Ukrainian and Russian have their own stage (components/nlp/slavic_analysis.py).
SLAVIC = {
    "uk.txt": "Обстріл Нікополя\nPublished: 2023-05-02\n\nУ ніч на вівторок російські війська обстріляли "
    "Нікополь з артилерії. Пошкоджено будинки та лінію електропередачі, повідомив голова громади.\n",
    "ru.txt": "Обстрел Никополя\nPublished: 2023-05-02\n\nВ ночь на вторник российские войска обстреляли "
    "Никополь из артиллерии. Повреждены дома и линия электропередачи, сообщил глава общины.\n",
}


def test_unprocessable_names_the_language():
    def article(text):
        return Article("a1", "t", text, None)

    for content, reason in FOREIGN.values():
        assert pipeline.unprocessable(article(content)) == reason
    for content in SLAVIC.values():
        assert pipeline.unprocessable(article(content)) is None
    assert pipeline.unprocessable(article("Russian artillery shelled Nikopol on Tuesday.")) is None
    assert pipeline.unprocessable(article("Kherson")) is None  # nothing decides: the English model tries
    assert "too long" in pipeline.unprocessable(article("a" * (pipeline.MAX_TEXT_CHARS + 1)))


@pytest.mark.slow
def test_german_and_belarusian_articles_are_skipped_with_their_language(tmp_path):
    for name, (content, _) in FOREIGN.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "Shelling in Nikopol\nPublished: 2023-05-02\n\nRussian artillery shelled Nikopol on Tuesday.\n",
        encoding="utf-8",
    )
    report = pipeline.ingest_paths([tmp_path], db_path=tmp_path / "lang.duckdb")
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert set(reasons) == set(FOREIGN)
    for name, (_, reason) in FOREIGN.items():
        assert reasons[name].endswith(reason)
    assert report.articles_new == 1


@pytest.mark.slow
def test_ukrainian_and_russian_articles_are_read_into_events_with_their_language(tmp_path):
    for name, content in SLAVIC.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    db = tmp_path / "slavic.duckdb"
    report = pipeline.ingest_paths([tmp_path], db_path=db)
    assert report.articles_new == 2 and not report.skipped
    con = store.connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT a.language, e.place_name, e.event_date, e.evidence FROM events e JOIN articles a USING "
            "(article_id) ORDER BY a.language"
        ).fetchall()
        marks = con.execute("SELECT DISTINCT kind FROM mentions WHERE geonameid IS NULL").fetchall()
    finally:
        con.close()
    assert [(lang, place) for lang, place, _, _ in rows] == [("ru", "Nikopol"), ("uk", "Nikopol")]
    # "у ніч на вівторок" in a report of Tuesday 2 May 2023: the night that ended on Tuesday
    assert {day for _, _, day, _ in rows} == {dt.date(2023, 5, 2)}
    assert rows[1][3].startswith("У ніч на вівторок")  # the evidence in its own language
    assert {"date", "actor"} <= {k for (k,) in marks}  # highlighted on the Articles page
