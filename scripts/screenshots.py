"""Start the dashboard on a fresh database built from data/articles and screenshot every page.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--port 8599] [--only places]

Uses Debian's Chromium through Playwright; only 127.0.0.1 is contacted. Prints the time from opening
the first page to the rendered map (this includes the first-start build of the database).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from appserver import serving
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
MAP_READY = """() => { const gd = document.querySelector('.js-plotly-plot');
  const m = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;
  return !!(m && m.loaded()); }"""
PLACES_MAP_READY = MAP_READY.replace("'.js-plotly-plot'", "'.st-key-pl_map .js-plotly-plot'")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--port", type=int, default=8599)
    parser.add_argument("--only", choices=["places"], help="only this page (keeps the other screenshots)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = Path(tempfile.mkdtemp()) / "shots.duckdb"
    env = {**os.environ, "CT_DB": str(db)}
    with serving("app.py", env, args.port, wait_s=180) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
        if not args.only:
            started = time.perf_counter()
            page.goto(f"{url}/map")
            page.wait_for_function(MAP_READY, timeout=180_000)
            sys.stdout.write(f"first map rendered {time.perf_counter() - started:.1f} s after opening\n")
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "map.png")
            for name in ("overview", "timeline", "events", "articles", "ingest"):
                page.goto(f"{url}/" if name == "overview" else f"{url}/{name}")
                page.wait_for_selector('[data-testid="stAppViewContainer"]')
                page.wait_for_timeout(5000)
                page.screenshot(path=out / f"{name}.png", full_page=name in ("articles", "overview"))
            page.goto(f"{url}/map?country=UA&from=2022-10-01&to=2022-10-31")
            page.wait_for_function(MAP_READY, timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "map_filtered.png")
            # the front-line sample reports (2023-2024): events at their villages
            page.goto(f"{url}/map?country=UA&from=2023-06-01&to=2024-08-31")
            page.wait_for_function(MAP_READY, timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "map_frontline.png", full_page=True)
            # the Ukrainian and Russian sample summaries: their events on the map, the original text
            page.goto(f"{url}/map?lang=uk&lang=ru")
            page.wait_for_function(MAP_READY, timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "map_languages.png", full_page=True)
            page.goto(f"{url}/articles?lang=uk")
            page.wait_for_selector('[data-testid="stAppViewContainer"]')
            page.wait_for_timeout(5000)
            page.screenshot(path=out / "articles_uk.png", full_page=True)
        page.set_viewport_size({"width": 1400, "height": 1750})
        page.goto(f"{url}/places")
        page.wait_for_function(PLACES_MAP_READY, timeout=180_000)
        grid = page.locator(".st-key-pl_table [data-testid='stDataFrameResizable']").bounding_box()
        if grid:  # the second row (Istanbul on the sample: city and province within 0.3)
            page.mouse.click(grid["x"] + 18, grid["y"] + 35 + 35 + 17)
            page.wait_for_timeout(3000)
            page.wait_for_function(PLACES_MAP_READY, timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=out / "places.png")
        browser.close()
    sys.stdout.write(f"screenshots in {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
