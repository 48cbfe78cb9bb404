"""Browser security: article titles, text, place names, outlets, actors, URLs and file names carrying
HTML or script are shown as text on every page; no script runs and no element is injected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian chromium is not installed at /usr/bin/chromium", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

import test_dashboard  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

from components import store  # noqa: E402
from components.records import EXPLOSIONS, Article, Event, Mention, Place, ResolvedMention  # noqa: E402

HOSTILE_TITLE = '<img src=x id=ct-injected onerror="window.__pwned=1">Kherson update'
HOSTILE_TEXT = (
    "Shelling hit Kherson on Monday, officials said. <script>window.__pwned=2</script> "
    '<svg id=ct-injected onload="window.__pwned=3"></svg> More shelling followed.'
)
HOSTILE_PLACE = '<i id=ct-injected onmouseover="window.__pwned=4">Kherson</i>'
HOSTILE_ACTOR = '<img id=ct-injected src=x onerror="window.__pwned=5">'
HOSTILE_OUTLET = "<b id=ct-injected>Outlet</b>"
HOSTILE_URL = "javascript:window.__pwned=6"
HOSTILE_PATH = "<img id=ct-injected src=x onerror=window.__pwned=7>.txt"
ARTICLE_ID = "hostile0000000001"

CHECK_JS = """() => ({
  pwned: typeof window.__pwned !== 'undefined',
  injected: document.querySelectorAll('#ct-injected').length,
  jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
})"""


def build(path: Path) -> Path:
    kherson = Place(706448, HOSTILE_PLACE, 46.6354, 32.6169, "UA", "Kherson Oblast", "UA.08")
    art = Article(
        article_id=ARTICLE_ID,
        title=HOSTILE_TITLE,
        text=HOSTILE_TEXT,
        published=dt.date(2022, 11, 15),
        source=HOSTILE_OUTLET,
        url=HOSTILE_URL,
        path=HOSTILE_PATH,
        fmt="txt",
    )
    start = HOSTILE_TEXT.index("Kherson")
    mention = Mention(ARTICLE_ID, start, start + 7, "Kherson", "GPE", "place", 0)
    evidence = HOSTILE_TEXT[: HOSTILE_TEXT.index("said.") + 5]
    monday = dt.date(2022, 11, 14)
    event = Event(
        event_id="hostile-event-1",
        article_id=ARTICLE_ID,
        event_type=EXPLOSIONS,
        event_date=monday,
        time_precision=1,
        date_start=monday,
        date_end=monday,
        date_text="on Monday",
        actor1=HOSTILE_ACTOR,
        actor2="Ukraine",
        place=kherson,
        geo_precision=1,
        location="Kherson",
        trigger="Shelling",
        evidence=HOSTILE_TEXT,
        start_char=0,
        end_char=len(HOSTILE_TEXT),
        country="Ukraine",
    )
    con = store.connect(path)
    try:
        store.write_article(con, art, [ResolvedMention(mention, kherson, 9.0)], [event])
    finally:
        con.close()
    assert evidence
    return path


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build(tmp_path_factory.mktemp("hostile") / "hostile.duckdb")
    yield from test_dashboard.start_server(db, tmp_path_factory)


@pytest.fixture
def hpage(browser: Browser, hostile_server: str) -> Iterator[Page]:
    yield from test_dashboard.open_page(browser, hostile_server)  # fails on any dialog


# page -> what shows that it has rendered its content (so the checks below are not vacuous)
READY = {
    "": "text=Events per week",
    "map": ".js-plotly-plot",
    "timeline": ".js-plotly-plot",
    "events": '[data-testid="stDataFrame"]',
    f"articles?article={ARTICLE_ID}": "text=More shelling followed",
    "ingest": "text=File type",
}


@pytest.mark.parametrize("path", list(READY))
def test_hostile_content_is_text_on_every_page(hpage: Page, hostile_server: str, path: str) -> None:
    hpage.goto(f"{hostile_server}/{path}")
    hpage.wait_for_selector(READY[path])
    test_dashboard.wait_idle(hpage)
    hpage.wait_for_timeout(1000)
    if path.startswith("map"):
        hpage.mouse.move(700, 500)  # hover over the map area
    found = hpage.evaluate(CHECK_JS)
    assert found == {"pwned": False, "injected": 0, "jsLinks": 0}, found
    if path.startswith("articles"):
        body = hpage.inner_text("body")
        assert "<img src=x id=ct-injected" in body  # the title is shown, as text
        assert "<script>window.__pwned=2</script>" in body
    test_dashboard.shot(hpage, f"security_{path.split('?')[0] or 'overview'}")
