"""The Map page's region/country-level events in Chromium: one faint circle per country point whose hover
counts its events, and clicking it restricts the table below the map to all of them."""

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
from components.records import EXPLOSIONS, GEO_PLACE, GEO_REGION, Article, Event, Place  # noqa: E402

N_RUSSIA = 5  # events placed only to Russia (its country point)
RUSSIA = Place(2017370, "Russia", 61.5240, 105.3188, "RU", "", "")
KHARKIV = Place(706483, "Kharkiv", 49.9808, 36.2527, "UA", "Kharkiv Oblast", "UA.07")
# the circle's screen position and its hover data, once MapLibre has drawn it
CIRCLE_JS = """(sel) => { const gd = document.querySelector(sel);
  const m = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;
  if (!m || !m.loaded()) return null;
  const t = gd._fullData.find((d) => d.name.startsWith('Region/country'));
  if (!t) return null;
  const p = m.project([t.lon[0], t.lat[0]]), r = m.getCanvas().getBoundingClientRect();
  return {x: r.left + p.x, y: r.top + p.y, n: t.lat.length, label: t.customdata[0][0]}; }"""


def build(path: Path) -> Path:
    """Five articles, each with one event placed only to Russia and one in Kharkiv."""
    con = store.connect(path)
    try:
        for i in range(N_RUSSIA):
            day = dt.date(2022, 10, 10 + i)
            text = (
                f"Russia said on day {i} that drills went on. "
                f"A strike hit Kharkiv that night, report {i} said."
            )
            art = Article(
                article_id=f"regional-art-{i}",
                title=f"Report {i}",
                text=text,
                published=day,
                source="Wire",
                url=f"https://example.org/{i}",
                path=f"{i}.txt",
                fmt="txt",
            )
            cut = text.index(" A strike")
            events = [
                Event(
                    event_id=f"ru-{i}",
                    article_id=art.article_id,
                    event_type=EXPLOSIONS,
                    event_date=day,
                    time_precision=1,
                    date_start=day,
                    date_end=day,
                    date_text="",
                    actor1="Russia",
                    actor2="",
                    place=RUSSIA,
                    geo_precision=GEO_REGION,
                    location="Russia",
                    trigger="drills",
                    evidence=text[:cut],
                    start_char=0,
                    end_char=cut,
                    country="Russia",
                ),
                Event(
                    event_id=f"kh-{i}",
                    article_id=art.article_id,
                    event_type=EXPLOSIONS,
                    event_date=day,
                    time_precision=1,
                    date_start=day,
                    date_end=day,
                    date_text="",
                    actor1="Russia",
                    actor2="",
                    place=KHARKIV,
                    geo_precision=GEO_PLACE,
                    location="Kharkiv",
                    trigger="strike",
                    evidence=text[cut + 1 :],
                    start_char=cut + 1,
                    end_char=len(text),
                    country="Ukraine",
                ),
            ]
            store.write_article(con, art, [], events)
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def regional_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build(tmp_path_factory.mktemp("regional") / "regional.duckdb")
    yield from test_dashboard.start_server(db, tmp_path_factory)


@pytest.fixture
def rpage(browser: Browser, regional_server: str) -> Iterator[Page]:
    yield from test_dashboard.open_page(browser, regional_server)


def test_region_level_events_are_one_circle_and_clicking_it_selects_them_all(
    rpage: Page, regional_server: str
) -> None:
    rpage.goto(f"{regional_server}/map")
    rpage.get_by_text(f"{2 * N_RUSSIA} events in this view").wait_for()
    handle = rpage.wait_for_function(CIRCLE_JS, arg=test_dashboard.MAP, timeout=test_dashboard.TIMEOUT_MS)
    circle = handle.json_value()
    assert circle["n"] == 1 and circle["label"] == f"{N_RUSSIA} events"  # one circle, not five stacked
    test_dashboard.wait_idle(rpage)
    rpage.mouse.move(circle["x"], circle["y"])
    hover = rpage.locator(".hoverlayer .hovertext").first
    hover.wait_for()
    assert f"{N_RUSSIA} events placed only to this region or country" in (hover.text_content() or "")
    rpage.mouse.click(circle["x"], circle["y"])
    rpage.get_by_text(f"{N_RUSSIA} events selected on the map").wait_for(timeout=test_dashboard.TIMEOUT_MS)
    test_dashboard.wait_idle(rpage)
    table = rpage.locator(".st-key-map_table")
    assert table.count() == 1
    test_dashboard.shot(rpage, "map_regional_selected")
