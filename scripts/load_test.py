"""Load test (opt-in, not part of the test suite): N browser sessions change filters for a while
against one dashboard while a command-line ingest writes to the same database.

    .venv/bin/python scripts/load_test.py [--sessions 20] [--seconds 120] [--events 100000]

Only 127.0.0.1 is contacted. Prints p50/p95 latency of a filter change (URL with new filters until the
page has finished running and the chart is drawn) and counts errors (exceptions shown on the page,
tracebacks, failed navigations), and whether the ingest completed. Exit code 1 when any error occurred.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from appserver import serving
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
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
COUNTRIES = ["UA", "RU", "BY", "PL", "MD", "KZ", "UA,RU", "UA,BY"]
PAGES = ["map", "events", "timeline", ""]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def session(browser, url: str, deadline: float, seed: int, latencies: list[float], errors: list[str]):
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1200, "height": 800})
    page = await context.new_page()
    await page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    while time.monotonic() < deadline:
        month = rng.randint(3, 12)
        query = f"country={rng.choice(COUNTRIES)}&from=2022-{month:02d}-01&to=2022-{month:02d}-28"
        target = f"{url}/{rng.choice(PAGES)}?{query}"
        started = time.perf_counter()
        try:
            await page.goto(target, wait_until="domcontentloaded", timeout=60_000)
            await page.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=60_000)
            await page.wait_for_function(
                "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
            )
            latencies.append(time.perf_counter() - started)
            text = await page.inner_text("body")
            if "Traceback" in text or await page.query_selector('[data-testid="stException"]'):
                errors.append(f"exception shown on {target}")
        except Exception as err:
            errors.append(f"{type(err).__name__} on {target}: {str(err)[:120]}")
        await asyncio.sleep(rng.uniform(0.2, 1.0))
    await context.close()


async def run(url: str, sessions: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(session(browser, url, deadline, i, latencies, errors) for i in range(sessions))
        )
        await browser.close()
    return latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events in the database")
    parser.add_argument("--port", type=int, default=8597)
    args = parser.parse_args()
    from components.evaluation import synth
    from components.evaluation.bench import generated_corpus

    tmp = Path(tempfile.mkdtemp(prefix="ct-load-"))
    db = tmp / "load.duckdb"
    synth.write(db, args.events, seed=2)
    docs = tmp / "docs"
    docs.mkdir()
    for i, article in enumerate(generated_corpus(400, words=120, seed=11)):
        text = f"{article.title}\nPublished: {article.published}\n\n{article.text}\n"
        (docs / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "CT_DB": str(db)}
    cmd = [sys.executable, "-m", "components", "ingest", str(docs), "--db", str(db), "--no-progress"]
    with serving("app.py", env, args.port, wait_s=180) as url:
        ingest = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        latencies, errors = asyncio.run(run(url, args.sessions, args.seconds))
        out, err = ingest.communicate(timeout=600)
    sys.stdout.write(
        f"{args.sessions} sessions x {args.seconds:.0f} s on {args.events:,} events, with an ingest running\n"
        f"filter changes: {len(latencies)}; p50 {percentile(latencies, 0.5):.2f} s; "
        f"p95 {percentile(latencies, 0.95):.2f} s; errors: {len(errors)}\n"
        f"ingest: exit {ingest.returncode}; {out.strip().splitlines()[0] if out.strip() else err[-300:]}\n"
    )
    for line in errors[:20]:
        sys.stdout.write(f"  {line}\n")
    return 1 if errors or ingest.returncode else 0


if __name__ == "__main__":
    raise SystemExit(main())
