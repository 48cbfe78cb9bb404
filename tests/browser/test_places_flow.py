"""Places review in Chromium (issue 5): pick a place, use another candidate, the Events page shows the
corrected place, undo restores it. Own server on a copy of the fixture database with review candidates."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

import test_dashboard as base  # noqa: E402
from conftest import NIKOPOL_BG, add_review_candidates  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

CANDIDATES_MAP = ".st-key-pl_map .js-plotly-plot"


@pytest.fixture(scope="module")
def server(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    copy = tmp_path_factory.mktemp("places") / "places.duckdb"
    shutil.copy(fixture_db, copy)
    add_review_candidates(copy)
    yield from base.start_server(copy, tmp_path_factory)


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    yield from base.open_page(browser, server)


def candidate_points(page: Page) -> int:
    return int(page.evaluate(base.MAP_POINTS_JS, CANDIDATES_MAP))


def test_fix_a_place_then_undo(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1700})  # the whole page in the screenshots
    page.goto(f"{server}/places")
    page.get_by_text("Place to review").first.wait_for()
    # pick the row in the table (its selection checkbox)
    grid = page.locator(".st-key-pl_table [data-testid='stDataFrameResizable']")
    gb = grid.bounding_box()
    assert gb is not None
    page.mouse.click(gb["x"] + 18, gb["y"] + 35 + 17)
    page.wait_for_function(f"() => ({base.MAP_POINTS_JS})('{CANDIDATES_MAP}') === 2", timeout=base.TIMEOUT_MS)
    base.wait_idle(page)
    assert (
        page.locator(".st-key-pl_detail").get_by_text("<script>x</script>", exact=False).count() == 1
    )  # as text
    base.shot(page, "flow_places")
    page.locator(f".st-key-pl_use_{NIKOPOL_BG} button").click()
    page.get_by_text("Correction 1:", exact=False).wait_for()
    base.wait_idle(page)
    base.shot(page, "flow_places_fixed")
    page.goto(f"{server}/events?country=BG")
    page.get_by_text("2 events in Bulgaria").wait_for()
    grid = page.locator(".st-key-events_table [data-testid='stDataFrameResizable']")
    grid.wait_for()
    gb = grid.bounding_box()
    assert gb is not None
    page.mouse.click(gb["x"] + 18, gb["y"] + 35 + 17)  # the first event's detail: the corrected place
    detail = page.locator(".st-key-event_detail")
    detail.locator("mark").first.wait_for()
    base.wait_idle(page)
    detail.get_by_text("Bulgaria · precision", exact=False).first.wait_for()
    assert detail.get_by_test_id("stMetricValue").nth(1).inner_text() == "Nikopol"
    base.shot(page, "flow_places_events")
    page.goto(f"{server}/places")
    page.locator(".st-key-pl_undo_1 button").click()
    page.get_by_text("Correction 1 undone").wait_for()
    page.get_by_text("undone by dashboard", exact=False).wait_for()
    base.wait_idle(page)
    page.goto(f"{server}/events?country=UA")
    page.get_by_text("6 events in Ukraine").wait_for()
