"""Measure the Map page in Chromium on synthetic databases, next to a naive baseline.

    .venv/bin/python scripts/browser_timing.py [--sizes 100000,1000000] [--baseline 100000] [--floor]
                                                [--repeat 3] [--workdir DIR]

For each size: `python -m components synth --events N` (reused when the file exists), `streamlit run app.py`
on it, then in Debian's Chromium (headless, software WebGL, only 127.0.0.1 contacted):
- first render: from opening /map to MapLibre having loaded the drawn figure;
- four filter changes in the sidebar's Countries box, each timed from the click to the redrawn map:
  add Russia (13% of the synthetic events), add Ukraine (Russia + Ukraine: 85%), remove Russia (Ukraine:
  72%), remove Ukraine (no country filter: all events).
The baseline is a one-page Streamlit script that sends every located event to plotly as points
(one go.Scattermap trace per event type, no aggregation, no point limit) with the same Countries box.
`--floor` adds the floor of this stack: a one-page script with the same Countries box and a map of one point
(it moves with the selection), no query. No page drawing its map with st.plotly_chart can redraw faster
than that after a sidebar change, so baseline / floor is the largest ratio any such page could reach.
Each measurement is the median of `--repeat` runs, each on a freshly started server (no warm query cache);
readiness is checked on every animation frame. Prints a table with the ratios to the baseline (baseline
time / this app's time, per change). A measurement script, not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from appserver import serving
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
logger = logging.getLogger("browser_timing")
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
STEPS = ("+ Russia", "+ Ukraine", "− Russia", "− Ukraine")  # the filter changes, in this order
APP_MAP = ".st-key-event_map .js-plotly-plot"
BASE_MAP = ".js-plotly-plot"
LABELS = {
    "app": "this app",
    "naive": "naive: every point to plotly",
    "floor": "floor: one point, same Countries box, no query",
}
READY_JS = """([sel, old]) => { const gd = document.querySelector(sel);
  if (!gd || !gd._fullLayout || !gd._fullLayout.map) return false;
  const m = gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
  if (!m || !m.loaded()) return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  return old === null || gd.data !== window.__ctOldData; }"""
# The two comparison pages share their start: the same Countries box as the app's sidebar, then a map.
PAGE_HEAD = """
import plotly.graph_objects as go
import streamlit as st
from components import store
from components.filters import EventFilter

st.set_page_config(layout="wide")
con = store.connect(r"{db}", read_only=True)
codes = store.countries(con)
names = dict(zip(codes["country_code"], codes["country"]))
with st.sidebar:
    chosen = st.multiselect("Countries", list(names), format_func=lambda c: names[c] or c)
MAP_LAYOUT = {{"style": "white-bg", "center": {{"lat": 49, "lon": 32}}, "zoom": 3}}
"""
BASELINE = (
    PAGE_HEAD
    + """
df = store.query_events(con, EventFilter(countries=tuple(sorted(chosen))))
df = df[df["latitude"].notna()]
fig = go.Figure()
for event_type, part in df.groupby("event_type"):
    fig.add_trace(go.Scattermap(lat=part["latitude"], lon=part["longitude"], mode="markers", name=event_type,
                                text=part["location"], marker={{"size": 6}}))
fig.update_layout(map=MAP_LAYOUT, height=650, title=f"{{len(df):,}} events (all points)")
st.plotly_chart(fig, key="base_map")
"""
)
FLOOR = (
    PAGE_HEAD
    + """
fig = go.Figure(
    go.Scattermap(lat=[49 + len(chosen)], lon=[32 + len(chosen)], mode="markers", marker={{"size": 9}})
)
fig.update_layout(map=MAP_LAYOUT, height=650, title=f"{{len(chosen)}} countries chosen (one point)")
st.plotly_chart(fig, key="floor_map")
"""
)


def measure(page: Page, url: str, sel: str) -> list[float]:
    """[first render, then one time per STEPS entry] in seconds."""
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY_JS, arg=[sel, None], timeout=600_000, polling="raf")
    times = [time.perf_counter() - started]
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    for step in STEPS:
        page.wait_for_timeout(1500)
        page.evaluate("(sel) => { window.__ctOldData = document.querySelector(sel).data; }", sel)
        if step.startswith("+ "):
            box.click()
            page.keyboard.type(step[2:])
            target = page.get_by_role("option", name=step[2:], exact=False).first
            target.wait_for()
        else:
            target = box.get_by_label(f"Remove {step[2:]}", exact=False).first
        started = time.perf_counter()
        target.click()
        try:
            page.wait_for_function(READY_JS, arg=[sel, "old"], timeout=300_000, polling="raf")
        except Exception:
            page.screenshot(path=f"/tmp/bt_fail_{len(times)}.png")
            raise
        times.append(time.perf_counter() - started)
        page.keyboard.press("Escape")
    return times


def synth(db: Path, n: int) -> None:
    if not db.exists():
        logger.info("writing %d synthetic events to %s", n, db)
        cmd = [sys.executable, "-m", "components", "synth", "--events", str(n), "--db", str(db)]
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--baseline", type=int, default=100_000)
    parser.add_argument(
        "--floor", action="store_true", help="also time a one-point map page (the stack's floor)"
    )
    parser.add_argument("--workdir", default=None, help="where the synthetic databases are kept")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is reported)")
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    runs = [("app", int(n)) for n in args.sizes.split(",") if n] + (
        [("naive", args.baseline)] if args.baseline else []
    )
    runs += [("floor", args.baseline or 100_000)] if args.floor else []
    results: dict[tuple[str, int], list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for kind, n in runs:
            db = work / f"synth_{n}.duckdb"
            synth(db, n)
            script = ROOT / "app.py"
            if kind != "app":
                script = work / f"{kind}_map.py"
                script.write_text((BASELINE if kind == "naive" else FLOOR).format(db=db), encoding="utf-8")
            runs_of: list[list[float]] = []
            env = {**os.environ, "CT_DB": str(db), "CT_MAP_STYLE": "offline"}
            for _ in range(args.repeat):
                with serving(script, env) as url:
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
                    page_url, map_sel = (f"{url}/map", APP_MAP) if kind == "app" else (url, BASE_MAP)
                    runs_of.append(measure(page, page_url, map_sel))
                    logger.info("%s %d: %s", kind, n, " ".join(f"{t:.1f}s" for t in runs_of[-1]))
                    page.close()
            results[(kind, n)] = [statistics.median(col) for col in zip(*runs_of, strict=True)]
        browser.close()
    base = results.get(("naive", args.baseline))
    head = " | ".join(f"{step} → map" for step in STEPS)
    lines = [
        f"| map page | events | first render | {head} | naive / this app (first; per change) |",
        "|---|---|---|" + "---|" * len(STEPS) + "---|",
    ]
    for (kind, n), times in results.items():
        compared = base and kind != "naive" and n == args.baseline
        ratio = "; ".join(f"{b / t:.1f}×" for b, t in zip(base, times, strict=True)) if compared else "–"
        cells = " | ".join(f"{t:.1f} s" for t in times)
        lines.append(f"| {LABELS[kind]} | {n:,} | {cells} | {ratio} |")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
