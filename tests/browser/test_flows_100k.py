"""Analyst flows in Chromium on 100,000 synthetic events (issue 5: "works ... on 100k synthetic events").

One database per module, written by `python -m components synth --events 100000` (a few seconds), and
one server on it. Expected numbers come from the store on the same file (read-only connections), never
from constants: the sentence's count, the grid cells the browser selected, the event the detail panel
shows, the rows of the downloaded exports, the events a place fix rewrote. At this size the Map page draws
server-side grid cells (mapcharts.grid_map), so a box selection selects cells. The place fix and the
upload write to the database and run last.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

import test_dashboard as base  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from components import store  # noqa: E402
from components.charts import maps as mapcharts  # noqa: E402
from components.filters import EventFilter  # noqa: E402
from components.geo.gazetteer.index import default_path  # noqa: E402
from components.store import export, queries  # noqa: E402

N = 100_000
if not (default_path() / "places.arrow").exists():
    pytest.skip("the gazetteer is not built (synth draws its places from it)", allow_module_level=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth100k") / "synth100k.duckdb"
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "components", "synth", "--events", str(N), "--db", str(path)]
    subprocess.run(cmd, cwd=base.ROOT, check=True, capture_output=True)
    print(f"synth --events {N}: {time.perf_counter() - started:.1f} s")
    return path


@pytest.fixture(scope="module")
def server(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from base.start_server(db, tmp_path_factory)


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    yield from base.open_page(browser, server)


def read(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection (the server writes only during the place fix and the upload)."""
    return duckdb.connect(str(db), read_only=True)


def count(db: Path, flt: EventFilter) -> int:
    con = read(db)
    try:
        return store.count_events(con, flt)
    finally:
        con.close()


def event_rows(db: Path) -> int:
    """Every stored event row, merged reports included."""
    con = read(db)
    try:
        return store.summary(con)["events"]
    finally:
        con.close()


def url_filter(url: str) -> EventFilter:
    return EventFilter.from_query_params(
        {k: v if len(v) > 1 else v[0] for k, v in parse_qs(urlparse(url).query).items()}
    )


def figure_meta(page: Page) -> dict:
    """The drawn map's meta (mode, n_points, cell_deg) once MapLibre has loaded it."""
    page.wait_for_function(f"() => ({base.MAP_POINTS_JS})('{base.MAP}') >= 0")
    return page.evaluate(f"() => document.querySelector('{base.MAP}').layout.meta")


def wait_sentence(page: Page, n: int) -> str:
    page.get_by_text(f"{n:,} event", exact=False).first.wait_for()
    return base.sentence(page)


def timed(label: str, started: float) -> None:
    print(f"{label}: {time.perf_counter() - started:.1f} s")


# -- flows ------------------------------------------------------------------------------------------
def test_first_map_is_a_grid_of_all_events(page: Page, server: str, db: Path) -> None:
    started = time.perf_counter()
    page.goto(f"{server}/map")
    meta = figure_meta(page)
    timed("first map render at 100k (goto -> grid loaded)", started)
    assert meta["mode"] == "grid" and meta["n_points"] == N
    assert base.sentence(page) == f"{N:,} events in all countries"
    assert page.get_by_text(f"{N:,} events in this view", exact=False).count() == 1
    base.wait_idle(page)
    base.shot(page, "flow100k_map_grid")


def test_url_restores_the_whole_filter(page: Page, server: str, db: Path) -> None:
    query = "country=UA&type=Battles&from=2023-05-01&to=2023-08-31&geoprec=1&q=clashes"
    flt = url_filter(f"{server}/map?{query}")
    n = count(db, flt)
    assert 0 < n < mapcharts.MAX_MAP_POINTS  # narrow enough for single points
    started = time.perf_counter()
    page.goto(f"{server}/map?{query}")
    base.wait_points(page, n)
    timed(f"restored view ({n} points) drawn", started)
    said = wait_sentence(page, n)
    assert said == (
        f"{n:,} events in Ukraine, 1 May 2023 – 31 Aug 2023 (plus undated), battles, "
        'places: exact place, mentioning "clashes"'
    )
    countries = page.get_by_test_id("stMultiSelect").filter(has_text="Countries")
    assert countries.get_by_role("button", name="Remove Ukraine (UA)").count() == 1
    search = page.get_by_label("Search evidence and titles")
    page.wait_for_function("(el) => el.value === 'clashes'", arg=search.element_handle(), timeout=10_000)
    assert url_filter(page.url) == flt
    base.wait_idle(page)
    base.shot(page, "flow100k_url_restore")


def test_timeline_brush_sets_dates_and_the_map_follows(page: Page, server: str, db: Path) -> None:
    page.goto(f"{server}/timeline?undated=0")
    wait_sentence(page, N)
    started = base.brush_timeline(page, 0.55, 0.75)
    page.wait_for_url(lambda url: "from=" in url and "to=" in url)
    flt = url_filter(page.url)
    assert flt.date_from and flt.date_to and flt.date_from < flt.date_to
    n = count(db, flt)
    assert 0 < n < N
    said = wait_sentence(page, n)
    timed(f"brush -> date filter ({n:,} events)", started)
    assert said.startswith(f"{n:,} events in all countries, ") and "–" in said, said
    base.wait_idle(page)
    base.shot(page, "flow100k_timeline_brush")
    started = time.perf_counter()
    page.goto(page.url.replace("/timeline", "/map"))
    meta = figure_meta(page)
    timed("map of the brushed range", started)
    assert meta["n_points"] == n  # every synthetic event has a place: grid total or points = the count
    assert meta["mode"] == ("grid" if n > mapcharts.MAX_MAP_POINTS else "points")
    wait_sentence(page, n)


# the grid cells the browser selected: (cell id, drawn latitude, drawn longitude)
SELECTED_CELLS_JS = """(sel) => { const gd = document.querySelector(sel); const out = [];
  gd._fullData.forEach((t, i) => (gd.data[i].selectedpoints || []).forEach(
      (j) => out.push([t.customdata[j][t.customdata[j].length - 1], t.lat[j], t.lon[j]])));
  return out; }"""
# the page positions (x, y) of (lon, lat) points on the map
SCREEN_POINTS_JS = """([sel, ring]) => { const m = document.querySelector(sel)._fullLayout.map._subplot.map;
  const r = m.getContainer().getBoundingClientRect();
  return ring.map(([lon, lat]) => {
    const p = m.project([lon, lat]); return [r.left + p.x, r.top + p.y]; }); }"""
BOX = ((34.2, 50.3), (39.8, 46.2))  # eastern Ukraine: (lon, lat) of the top-left and bottom-right corners
EDGE = 0.15  # degrees: cells drawn this close to the box's edge may fall either side


# Streamlit re-renders the chart (plotly_react) after the tool changes; a drag begun before that is lost
REACT_WATCH_JS = """(sel) => { const gd = document.querySelector(sel); window.__ctReacted = false;
  gd.on('plotly_react', () => { window.__ctReacted = true; }); }"""


def choose_tool(page: Page, tool: str) -> None:
    """Click a selection tool in the map's toolbar and wait until the re-rendered chart keeps it."""
    mode = "select" if tool == "Box Select" else "lasso"
    for _ in range(3):
        page.evaluate(REACT_WATCH_JS, base.MAP)
        page.locator(f".st-key-event_map .modebar-btn[data-title='{tool}']").click()
        with contextlib.suppress(PlaywrightTimeout):  # no re-render came: the tool is set as it is
            page.wait_for_function("() => window.__ctReacted", timeout=5_000)
        page.wait_for_timeout(300)
        if page.evaluate(f"() => document.querySelector('{base.MAP}')._fullLayout.dragmode") == mode:
            return
    raise AssertionError(f"the map did not keep the {tool} tool")


def select_cells(page: Page, db: Path, flt: EventFilter, tool: str) -> tuple[list[str], int]:
    """Draw a box (tool "Box Select") or a lasso around BOX ("Lasso Select") on the grid map; check that the
    browser selected the cells drawn inside it and that the table counts their events.
    Returns (cells, total)."""
    meta = figure_meta(page)
    assert meta["mode"] == "grid" and meta["n_points"] == count(db, flt)
    base.wait_idle(page)
    choose_tool(page, tool)
    (lon0, lat0), (lon1, lat1) = BOX
    if tool == "Box Select":
        ring = [(lon0, lat0), (lon1, lat1)]
    else:
        ring = [(lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1), (lon0, lat0 - 0.01)]
    screen = page.evaluate(SCREEN_POINTS_JS, [base.MAP, ring])
    page.mouse.move(*screen[0])
    page.mouse.down()
    for x, y in screen[1:]:
        page.mouse.move(x, y, steps=10)
    started = time.perf_counter()
    page.mouse.up()
    caption = page.get_by_text("selected on the map", exact=False).first
    caption.wait_for()
    timed(f"grid selection ({tool}) -> table", started)
    picked = page.evaluate(SELECTED_CELLS_JS, base.MAP)
    cells = sorted({c for c, _, _ in picked})
    assert cells and all(
        lon0 - EDGE < lon < lon1 + EDGE and lat1 - EDGE < lat < lat0 + EDGE for _, lat, lon in picked
    )
    cell = float(meta["cell_deg"])
    con = read(db)
    try:
        grid = queries.grid_counts(con, flt, cell)
        _, total = queries.query_events_page(con, flt, limit=1, cells=cells, cell_deg=cell)
    finally:
        con.close()
    inside = grid[
        grid["longitude"].between(lon0 + EDGE, lon1 - EDGE)
        & grid["latitude"].between(lat1 + EDGE, lat0 - EDGE)
    ]
    assert set(inside["cell"]) <= set(cells)  # every cell well inside the box was selected
    assert total == int(grid[grid["cell"].isin(cells)]["n"].sum()) and 0 < total < int(meta["n_points"])
    assert caption.inner_text().startswith(f"{total:,} events selected on the map"), caption.inner_text()
    return cells, total


def test_grid_selection_restricts_table_and_events_page_then_detail(
    page: Page, server: str, db: Path
) -> None:
    """In Ukraine (72% of the events: still a grid, zoomed to the country) select a box of cells."""
    flt = EventFilter(countries=("UA",))
    n_ua = count(db, flt)
    page.set_viewport_size(
        {"width": 1400, "height": 2000}
    )  # the map, the table and the detail panel in the shots
    page.goto(f"{server}/map?country=UA")
    cells, total = select_cells(page, db, flt, "Box Select")
    con = read(db)
    try:
        first, _ = queries.query_events_page(
            con, flt, limit=1, cells=cells, cell_deg=float(figure_meta(page)["cell_deg"])
        )
        row = first.iloc[0]
        detail_ev = queries.event_detail(con, str(row["event_id"]))
    finally:
        con.close()
    base.shot(page, "flow100k_grid_selection")
    # the newest event of the selection is the first row; its checkbox opens the detail panel
    detail = base.open_first_row_detail(page, "map_table")
    assert detail.locator("h4").inner_text() == row["event_type"]
    values = detail.get_by_test_id("stMetricValue").all_inner_texts()
    actors = f"{row['actor1']} vs {row['actor2']}" if row["actor2"] else row["actor1"]
    assert values == [row["event_date"].strftime("%-d %b %Y"), row["place_name"], actors]
    assert detail.get_by_text(f"{row['country']} · precision:", exact=False).count() == 1
    assert detail.locator("mark").inner_text() == row["evidence"]
    assert detail.get_by_text("Why this place").count() == 1
    assert len(detail_ev["mentions"]) >= 1  # type: ignore[index, arg-type]
    base.wait_idle(page)
    base.shot(page, "flow100k_event_detail")
    # the selection carries over to the Events page (same session: navigate in the app)
    page.get_by_role("link", name="Events").first.click()
    page.get_by_text("Restricted to the events selected on the map").wait_for()
    page.get_by_text(f"Rows 1–50 of {total:,}.", exact=False).wait_for()
    page.get_by_role("button", name="Clear map selection").click()
    page.get_by_text(f"Rows 1–50 of {n_ua:,}.", exact=False).wait_for()


def test_grid_lasso_selection_restricts_the_table(page: Page, server: str, db: Path) -> None:
    flt = EventFilter(countries=("UA",))
    page.goto(f"{server}/map?country=UA")
    select_cells(page, db, flt, "Lasso Select")
    base.wait_idle(page)
    base.shot(page, "flow100k_grid_lasso")
    page.get_by_role("button", name="Clear map selection").click()
    page.get_by_text(f"{count(db, flt):,} events in this view", exact=False).wait_for()


def test_exports_of_a_large_view_download_and_parse(page: Page, server: str, db: Path) -> None:
    query = "country=UA&country=RU"
    flt = url_filter(f"{server}/events?{query}")
    n = count(db, flt)
    assert n > 50_000
    started = time.perf_counter()
    page.goto(f"{server}/events?{query}")
    wait_sentence(page, n)
    button = page.get_by_role("button", name="CSV (ACLED column order)")
    button.wait_for()
    base.wait_idle(page)
    timed(f"Events page with its export buttons ({n:,} events)", started)
    started = time.perf_counter()
    with page.expect_download(timeout=180_000) as info:
        button.click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    timed("CSV download", started)
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert (
        header == [c for c in export.EXPORT_COLUMNS if c in header] and header[0] == export.EXPORT_COLUMNS[0]
    )
    rows = [dict(zip(header, r, strict=True)) for r in reader]
    assert len(rows) == n and {r["country_code"] for r in rows} == {"UA", "RU"}
    started = time.perf_counter()
    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("button", name="GeoJSON").click()
    collection = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    timed("GeoJSON download", started)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == n
    assert {f["properties"]["country_code"] for f in collection["features"]} == {"UA", "RU"}
    base.shot(page, "flow100k_exports")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_chart_png_downloads(page: Page, server: str) -> None:
    page.goto(f"{server}/timeline")
    wait_sentence(page, N)
    chart = page.locator(".st-key-counts .js-plotly-plot")
    chart.hover()
    with page.expect_download() as info:
        chart.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    data = Path(info.value.path()).read_bytes()
    width, height = png_size(data)
    assert width >= 600 and height >= 300
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 5  # bars and labels, not a blank image
    assert info.value.suggested_filename.endswith(".png")
    (base.SHOTS / "flow100k_chart_download.png").write_bytes(data)  # the downloaded file itself
    base.shot(page, "flow100k_chart_png")


def test_place_fix_rewrites_all_its_events(page: Page, server: str, db: Path) -> None:
    con = read(db)
    try:
        review = queries.review_places(con)
        top = review.iloc[0]  # most events first (the page's default sort)
        text = str(top["text"])
        cands, _ = queries.review_candidates(con, text)
        other = cands[cands["geonameid"] != int(top["geonameid"])].iloc[0]  # the homonym
        before = con.execute(
            "SELECT count(*), count(DISTINCT geonameid) FROM events WHERE lower(location) = lower(?)",
            [text],
        ).fetchone()
    finally:
        con.close()
    assert before is not None and before[0] >= int(top["n_events"]) > 50
    page.set_viewport_size({"width": 1400, "height": 1700})
    started = time.perf_counter()
    page.goto(f"{server}/places")
    page.get_by_text(f"{len(review):,} places to review", exact=False).wait_for()
    timed(f"Places page ({len(review):,} places to review)", started)
    grid = page.locator(".st-key-pl_table [data-testid='stDataFrameResizable']")
    gb = grid.bounding_box()
    assert gb is not None
    page.mouse.click(gb["x"] + 18, gb["y"] + 35 + 17)
    page.locator(".st-key-pl_detail").get_by_text(f"Candidates for “{text}”").wait_for()
    page.locator(f".st-key-pl_use_{int(other['geonameid'])} button").wait_for()
    page.wait_for_function(f"() => ({base.MAP_POINTS_JS})('.st-key-pl_map .js-plotly-plot') === {len(cands)}")
    page.get_by_text("No corrections yet", exact=False).wait_for()  # the page has run to its end
    base.shot(page, "flow100k_places")
    started = time.perf_counter()
    page.locator(f".st-key-pl_use_{int(other['geonameid'])} button").click()
    page.get_by_text("Correction 1:", exact=False).wait_for()
    page.locator(".st-key-pl_undo_1").wait_for()  # listed under Corrections, with its undo button
    timed(f"place fix of {before[0]} events", started)
    page.wait_for_function(f"() => ({base.MAP_POINTS_JS})('.st-key-pl_map .js-plotly-plot') >= 1")
    base.wait_idle(page)
    base.shot(page, "flow100k_places_fixed")
    con = read(db)
    try:
        after = con.execute(
            "SELECT count(*), list(DISTINCT geonameid), list(DISTINCT country_code) FROM events "
            "WHERE lower(location) = lower(?)",
            [text],
        ).fetchone()
        mentions = con.execute(
            "SELECT list(DISTINCT geonameid) FROM mentions WHERE lower(text) = lower(?)", [text]
        ).fetchone()
    finally:
        con.close()
    assert after is not None and mentions is not None
    assert (
        after[0] == before[0]
        and after[1] == [int(other["geonameid"])]
        and after[2] == [other["country_code"]]
    )
    assert mentions[0] == [int(other["geonameid"])]
    # the Events page finds them at the new place: search the name within the new country
    flt = EventFilter(countries=(str(other["country_code"]),), text=text)
    page.goto(f"{server}/events?country={other['country_code']}&q={text}")
    wait_sentence(page, count(db, flt))
    assert count(db, flt) >= after[0]


def test_upload_ingests_with_progress_into_the_large_database(
    page: Page, server: str, db: Path, tmp_path: Path
) -> None:
    article = tmp_path / "upload100k.txt"
    article.write_text(
        "Drone strike hits Odesa port\nPublished: 2023-10-17\n\n"
        "Russian drones struck the port of Odesa on Monday, officials said.\n",
        encoding="utf-8",
    )
    n_before, rows_before = count(db, EventFilter()), event_rows(db)
    page.goto(f"{server}/ingest")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([str(article)])
    page.get_by_text("upload100k.txt").first.wait_for()
    started = time.perf_counter()
    page.get_by_role("button", name="Ingest").click()
    page.get_by_test_id("stProgress").first.wait_for()
    done = page.get_by_text("Ingested 1 new article", exact=False)
    done.wait_for(timeout=180_000)
    timed("upload of one article into the 100k database", started)
    page.locator("[data-testid='stDataFrameResizable']").last.wait_for()  # the report table
    base.wait_idle(page)
    base.shot(page, "flow100k_upload")
    # its event is stored; it may be merged into a synthetic report of a strike on Odesa that day
    n_after = count(db, EventFilter())
    assert event_rows(db) == rows_before + 1 and n_after in (n_before, n_before + 1)
    page.goto(f"{server}/overview")
    wait_sentence(page, n_after)
