"""Unit tests of the chart labels (charts.labels): escaping, wrapping, country names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from components import store
from components.charts import maps as mapcharts
from components.charts.labels import esc
from components.charts.timeline import timeline


@pytest.fixture(scope="module")
def frame(fixture_db: Path) -> pd.DataFrame:
    con = store.connect(fixture_db, read_only=True)
    try:
        return store.query_events(con)
    finally:
        con.close()


def test_esc_escapes_wraps_and_truncates() -> None:
    assert esc('<img src=x onerror="alert(1)">') == '&lt;img src=x onerror="alert(1)"&gt;'
    assert esc(None) == "" and esc(float("nan")) == ""
    long = esc("word " * 100, limit=50)
    assert long.endswith("…") and len(long.replace("<br>", " ")) <= 50


def test_charts_name_countries_the_store_kept_only_as_codes(frame: pd.DataFrame) -> None:
    coded = frame.assign(country=frame["country_code"])  # the pipeline may store "UA" as the country
    rows = set(timeline(coded).layout.yaxis.categoryarray)
    assert {"Ukraine", "Belarus", "Russia", "Kazakhstan", "No place"} == rows
    places = {row[1] for t in mapcharts.points_map(coded).data for row in t.customdata}
    assert "Kyiv, Ukraine" in places


def test_fast_wrap_matches_textwrap_on_ordinary_text():
    import random
    import textwrap

    from components.charts.labels import wrap

    rng = random.Random(5)
    words = ["a", "bb", "ccc", "Zaporizhzhia", "said,", "(UA)", "0.5°"]  # (hyphenated words are kept whole)
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 60)))
        assert wrap(text, 70) == (textwrap.wrap(text, 70) or [""])
    assert wrap("x" * 90 + " end", 70) == ["x" * 90, "end"]  # a long word is kept whole
