"""The analyst's flows in Chromium (issue 5): URL restore of the new filters, timeline brush -> date filter
-> map, map box selection -> table, event detail, exports downloaded and parsed, upload with progress.

Runs its own server on a copy of the fixture database (the upload test writes to it, and runs last).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

import test_dashboard as base  # noqa: E402
from conftest import ACLED_CSV, N_ACLED, N_EVENTS, N_LOCATED  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402


@pytest.fixture(scope="module")
def server(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    copy = tmp_path_factory.mktemp("flows") / "flows.duckdb"
    shutil.copy(fixture_db, copy)
    yield from base.start_server(copy, tmp_path_factory)


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    yield from base.open_page(browser, server)


def test_url_restores_search_and_precision_filters(page: Page, server: str) -> None:
    page.goto(f"{server}/events?q=shelling&geoprec=1")
    page.get_by_text('mentioning "shelling"', exact=False).first.wait_for()
    assert base.sentence(page) == '2 events in all countries, places: exact place, mentioning "shelling"'
    base.wait_idle(page)
    search = page.get_by_label("Search evidence and titles")
    page.wait_for_function("(el) => el.value === 'shelling'", arg=search.element_handle(), timeout=10_000)
    base.shot(page, "flow_url_restore")


def test_timeline_brush_sets_the_date_filter_and_the_map_follows(page: Page, server: str) -> None:
    page.goto(f"{server}/timeline?undated=0")
    base.brush_timeline(page, 0.3, 0.7)
    page.wait_for_url("**from=*")
    base.wait_idle(page)
    base.shot(page, "flow_timeline_brush")
    brushed = base.sentence(page)
    assert "–" in brushed and not brushed.startswith(f"{N_EVENTS} ")
    page.goto(page.url.replace("/timeline", "/map"))
    n = int(brushed.split()[0])
    base.wait_points(page, n)


def test_map_box_selection_restricts_the_table_and_opens_detail(page: Page, server: str) -> None:
    page.goto(f"{server}/map")
    base.wait_points(page, N_LOCATED)
    base.wait_idle(page)
    page.locator(".st-key-event_map .modebar-btn[data-title='Box Select']").click()
    # a box over Ukraine and Belgorod (not Minsk, Moscow, Kazakhstan, Washington)
    corners = page.evaluate(
        """(sel) => { const m = document.querySelector(sel)._fullLayout.map._subplot.map;
        const r = m.getContainer().getBoundingClientRect();
        return [[29.5, 51.5], [39.5, 44.8]].map(([lon, lat]) => { const p = m.project([lon, lat]);
            return [r.left + p.x, r.top + p.y]; }); }""",
        base.MAP,
    )
    (x0, y0), (x1, y1) = corners
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=10)
    page.mouse.up()
    page.get_by_text("selected on the map", exact=False).first.wait_for()
    caption = page.get_by_text("selected on the map", exact=False).first.inner_text()
    assert caption.startswith("7 events selected"), caption  # Ukraine 6 + Belgorod
    base.wait_idle(page)
    base.shot(page, "flow_map_selection")
    # the first row's selection checkbox opens the detail panel
    detail = base.open_first_row_detail(page, "map_table")
    assert detail.get_by_text("Why this place").count() == 1
    assert detail.locator("mark").count() == 1
    base.wait_idle(page)
    base.shot(page, "flow_event_detail")
    page.get_by_role("button", name="Clear map selection").click()
    page.get_by_text("in this view", exact=False).first.wait_for()


def test_exports_download_and_parse(page: Page, server: str) -> None:
    page.goto(f"{server}/events?country=UA")
    page.get_by_text("6 events in Ukraine").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV (ACLED column order)").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 6 and {r["country_code"] for r in rows} == {"UA"}
    with page.expect_download() as info:
        page.get_by_role("button", name="GeoJSON").click()
    collection = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 6
    base.shot(page, "flow_exports")


def test_upload_ingests_with_progress_and_report(page: Page, server: str, tmp_path: Path) -> None:
    article = tmp_path / "upload.txt"
    article.write_text(
        "Drone strike hits Odesa port\nPublished: 2022-10-17\n\n"
        "Russian drones struck the port of Odesa on Monday, officials said.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "notes.json"
    bad.write_text("{not json", encoding="utf-8")
    page.goto(f"{server}/ingest")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([str(article), str(bad)])
    page.get_by_text("upload.txt").first.wait_for()
    page.get_by_role("button", name="Ingest").click()
    page.get_by_test_id("stProgress").first.wait_for()
    page.get_by_text("Ingested 1 new article", exact=False).wait_for(timeout=120_000)
    assert "1 skipped" in page.get_by_text("Ingested 1 new article", exact=False).inner_text()
    base.wait_idle(page)
    base.shot(page, "flow_upload")
    page.goto(f"{server}/overview")
    page.get_by_text(f"{N_EVENTS + 1} events in all countries", exact=False).wait_for()


def test_acled_upload_with_progress_and_report(page: Page, server: str, tmp_path: Path) -> None:
    """Runs after the article upload: the database then holds N_EVENTS + 1 events."""
    export = tmp_path / "acled_export.csv"
    export.write_text(ACLED_CSV, encoding="utf-8")
    page.goto(f"{server}/ingest")
    page.get_by_text("ACLED export (CSV)").click()
    page.get_by_text("tagged with its dataset", exact=False).wait_for()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([str(export)])
    page.get_by_text("acled_export.csv").first.wait_for()
    page.get_by_role("button", name="Ingest").click()
    page.get_by_test_id("stProgress").first.wait_for()
    done = page.get_by_text(f"Imported {N_ACLED} new events from ACLED export", exact=False)
    done.wait_for(timeout=60_000)
    assert "(4 rows read); 0 already stored; 1 skipped." in done.inner_text()
    base.wait_idle(page)
    base.shot(page, "flow_acled_upload")
    page.goto(f"{server}/events?dataset=acled")
    page.get_by_text(f"{N_ACLED} events in all countries, from acled").wait_for()
