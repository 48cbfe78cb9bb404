"""What only a browser shows: the map draws its points, a filter change redraws it, a shared URL restores it.

Drives Debian's Chromium (never a downloaded one) through Playwright against `streamlit run app.py` on
127.0.0.1 with the fixture database. Hermetic: DNS resolves nothing but 127.0.0.1 and every other request
is aborted. Screenshots go to tests/browser/screenshots/.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from conftest import BY_COUNTRY, N_LOCATED  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import appserver  # noqa: E402  (scripts/appserver.py: the dashboard started and stopped, shared with the scripts)
from playwright.sync_api import Browser, Locator, Page, Route, sync_playwright  # noqa: E402

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
MAP = ".st-key-event_map .js-plotly-plot"
# points plotted in the map figure, once MapLibre has loaded its style and layers
MAP_POINTS_JS = """(sel) => {
  const gd = document.querySelector(sel);
  if (!gd || !gd._fullLayout || !gd._fullLayout.map) return -1;
  const m = gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
  if (!m || !m.loaded()) return -1;
  return gd._fullData.reduce((n, t) => n + (t.lat ? t.lat.length : 0), 0);
}"""
TIMEOUT_MS = 60_000


@pytest.fixture(scope="session")
def server(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from start_server(fixture_db, tmp_path_factory)


def start_server(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve app.py on a free loopback port with `fixture_db`; yields the URL, stops it after."""
    env = {**os.environ, "CT_DB": str(fixture_db), "CT_MAP_STYLE": "offline"}
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    started = time.perf_counter()
    try:
        with appserver.serving("app.py", env, log=log) as url:
            logger.info("streamlit healthy after %.1f s at %s", time.perf_counter() - started, url)
            yield url
    except appserver.ServerError as err:  # raised only while starting
        pytest.fail(str(err))


def launch_browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright (one per session: see tests/browser/conftest.py)."""
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    yield from open_page(browser, server)


def open_page(browser: Browser, server: str) -> Iterator[Page]:
    """A hermetic page: only loopback requests pass, any dialog (a script ran) fails the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    dialogs: list[str] = []

    def only_loopback(route: Route) -> None:
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()
    assert not dialogs, f"a script ran in the page: {dialogs}"
    if outside:
        logger.info("blocked %d non-loopback requests, e.g. %s", len(outside), outside[:3])


def shot(pg: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def wait_idle(pg: Page) -> None:
    """Wait until the script run has finished (Streamlit's running indicator is gone)."""
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")


def wait_points(pg: Page, n: int, *, timeout: float = TIMEOUT_MS / 1000) -> None:
    """Wait until the map has loaded with `n` points and stays so for 3 polls (Streamlit may redraw)."""
    deadline = time.perf_counter() + timeout
    streak, seen = 0, None
    while time.perf_counter() < deadline:
        seen = map_points(pg)
        streak = streak + 1 if seen == n else 0
        if streak >= 3:
            return
        pg.wait_for_timeout(250)
    raise AssertionError(f"map did not settle on {n} points (last seen: {seen})")


def brush_timeline(pg: Page, start: float, end: float) -> float:
    """Drag across the Timeline page's counts chart from `start` to `end` (shares of its width); returns
    the perf_counter time of the mouse release."""
    plot = pg.locator(".st-key-counts .nsewdrag").first
    plot.wait_for()
    pg.wait_for_timeout(1000)
    box = plot.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    pg.mouse.move(box["x"] + box["width"] * start, y)
    pg.mouse.down()
    pg.mouse.move(box["x"] + box["width"] * end, y, steps=8)
    released = time.perf_counter()
    pg.mouse.up()
    return released


def open_first_row_detail(pg: Page, table_key: str) -> Locator:
    """Tick the first row of the table with key `table_key`; returns the detail panel it opens."""
    grid = pg.locator(f".st-key-{table_key} [data-testid='stDataFrameResizable']")
    gb = grid.bounding_box()
    assert gb is not None
    pg.mouse.click(gb["x"] + 18, gb["y"] + 35 + 17)
    detail = pg.locator(".st-key-event_detail")
    detail.locator("mark").first.wait_for()  # the sources block renders after the header: wait for it
    return detail


def map_points(pg: Page) -> int:
    return int(pg.evaluate(MAP_POINTS_JS, MAP))


def sentence(pg: Page) -> str:
    return pg.locator("[data-testid='stMarkdownContainer'] strong").first.inner_text()


# -- tests ------------------------------------------------------------------------------------------
def test_map_renders_points_and_outlines(page: Page, server: str) -> None:
    started = time.perf_counter()
    page.goto(f"{server}/map")
    wait_points(page, N_LOCATED)
    elapsed = time.perf_counter() - started
    print(f"first render (goto -> map loaded with {N_LOCATED} points): {elapsed:.1f} s")
    assert map_points(page) == N_LOCATED
    # the outlines come from the URL the server serves them at (not inside the figure) and are drawn
    outlines_js = """(sel) => { const gd = document.querySelector(sel);
        const m = gd._fullLayout.map._subplot.map, srcs = m.getStyle().sources;
        if (gd.layout.map.layers[0].source !== 'app/static/basemap.geojson') return 'inline';
        const n = Math.max(...Object.keys(srcs).map(k => m.querySourceFeatures(k).length));
        return n > 100 ? n : false; }"""
    outlines = page.wait_for_function(outlines_js, arg=MAP, timeout=TIMEOUT_MS).json_value()
    assert outlines != "inline" and outlines > 100  # countries (the fixture has 13 points)
    assert sentence(page) == "14 events in all countries"
    wait_idle(page)
    shot(page, "map")


def test_map_hover_shows_article_text_as_text(page: Page, server: str) -> None:
    """The <b> in the evidence is shown literally, not rendered (the map's hover has no title; titles are
    checked on every page in test_security.py)."""
    page.goto(f"{server}/map")
    wait_points(page, N_LOCATED)
    x, y = page.evaluate(
        """(sel) => { const m = document.querySelector(sel)._fullLayout.map._subplot.map;
                     const p = m.project([-77.0364, 38.8951]);
                     const r = m.getContainer().getBoundingClientRect();
                     return [r.left + p.x, r.top + p.y]; }""",
        MAP,
    )  # Washington
    page.mouse.move(x, y)
    page.wait_for_function("() => (document.querySelector('.hoverlayer') || {}).textContent")
    hover = page.evaluate("() => document.querySelector('.hoverlayer').textContent")
    assert "condemned the <b>strikes</b> & pledged aid." in hover and "Washington, United States" in hover
    assert page.locator(".hoverlayer b", has_text="strikes").count() == 0
    clip = {"x": max(x - 100, 0), "y": max(y - 150, 0), "width": 700, "height": 300}
    page.screenshot(path=str(SHOTS / "map_hover.png"), clip=clip)


def test_country_filter_redraws_the_map_and_updates_the_url(page: Page, server: str) -> None:
    page.goto(f"{server}/map")
    wait_points(page, N_LOCATED)
    countries = page.get_by_test_id("stMultiSelect").filter(has_text="Countries")
    countries.click()
    page.get_by_role("option", name="Ukraine (UA)").click()
    page.keyboard.press("Escape")
    started = time.perf_counter()
    wait_points(page, BY_COUNTRY["UA"])
    print(f"rerender after the country filter: {time.perf_counter() - started:.1f} s")
    page.wait_for_url("**country=UA*")
    assert sentence(page) == "6 events in Ukraine"
    wait_idle(page)
    shot(page, "map_ukraine")


def test_shared_url_restores_the_filter(page: Page, server: str) -> None:
    page.goto(f"{server}/map?country=UA")
    wait_points(page, BY_COUNTRY["UA"])
    countries = page.get_by_test_id("stMultiSelect").filter(has_text="Countries")
    assert countries.get_by_role("button", name="Remove Ukraine (UA)").count() == 1
    assert sentence(page) == "6 events in Ukraine"
    assert "country=UA" in page.url


@pytest.mark.parametrize(
    ("path", "check"),
    [
        ("timeline", "Timeline"),
        ("events", "Events"),
        ("articles?article=art-a4", "<script>alert(1)</script> Blinken & allies speak"),
    ],
)
def test_other_pages_render_without_errors(page: Page, server: str, path: str, check: str) -> None:
    page.goto(f"{server}/{path}")
    page.get_by_text(check, exact=True).first.wait_for()
    page.wait_for_timeout(1500)  # let plotly finish drawing
    wait_idle(page)
    assert page.get_by_test_id("stException").count() == 0
    if path.startswith("articles"):
        assert page.locator("mark").count() == 2
        assert page.locator("h3", has_text="<script>").count() == 1
    shot(page, path.split("?")[0])
