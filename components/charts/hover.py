"""Hover text for event markers: the customdata columns (date, place, type, evidence, title), escaped
once per distinct value, and the hover template that shows them.

A map or timeline of 10,000 events repeats the same dates, places and types many times, so each
column is escaped once per distinct value (`map_unique`), which builds the hovers in a fraction of a
second.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import pandas as pd

from components.charts.labels import date_label, esc, place_label

EVIDENCE_CHARS = 200  # evidence sentences are cut to this many characters in hovers
TITLE_CHARS = 120  # article titles likewise
PLACE_FIELDS = ("place_name", "location", "country", "country_code")

# customdata: 0 date, 1 place, 2 type, 3 evidence, 4 title (see hover_data)
HOVER = (
    "<b>%{customdata[2]}</b><br>%{customdata[0]} · %{customdata[1]}<br><br>"
    "%{customdata[3]}<br><i>%{customdata[4]}</i><extra></extra>"
)


def hover_data(
    df: pd.DataFrame, *, title: bool = True, evidence_chars: int | None = EVIDENCE_CHARS
) -> np.ndarray:
    """customdata columns: 0 date, 1 place, 2 type[, 3 evidence (unless evidence_chars is None)[, 4 title]],
    all escaped."""
    n = len(df)

    def col(name: str) -> pd.Series:
        if name in df.columns:
            return df[name]
        return pd.Series([None] * n, index=df.index, dtype=object)

    def escaped(values: pd.Series, limit: int | None = None) -> np.ndarray:
        return map_unique(values, lambda v: esc(v, limit=limit))

    def date_text(pair: tuple[Any, Any]) -> str:
        return esc(date_label({"event_date": pair[0], "time_precision": pair[1]}))

    def place_text(fields: tuple[Any, ...]) -> str:
        return esc(place_label(dict(zip(PLACE_FIELDS, fields, strict=True))))

    date_pairs = zip(col("event_date"), col("time_precision"), strict=True)
    place_tuples = zip(*(col(name) for name in PLACE_FIELDS), strict=True)
    dates = map_unique(pd.Series(list(date_pairs), dtype=object), date_text)
    places = map_unique(pd.Series(list(place_tuples), dtype=object), place_text)
    columns = [dates, places, escaped(col("event_type"))]
    if evidence_chars is not None:
        columns.append(escaped(col("evidence"), evidence_chars))
    if title and evidence_chars is not None:
        columns.append(escaped(col("title"), TITLE_CHARS))
    if not n:
        return np.empty((0, len(columns)), dtype=object)
    return np.column_stack(columns).astype(object)


def map_unique(values: pd.Series, fn: Callable[[Any], str]) -> np.ndarray:
    """fn applied once per distinct value (NaN-safe: the key is the value's repr for unhashables)."""
    cache: dict[Hashable, str] = {}
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values.to_numpy(dtype=object)):
        key = v if not isinstance(v, float) or v == v else "nan"
        try:
            hit = cache.get(key)
        except TypeError:  # unhashable: no caching
            out[i] = fn(v)
            continue
        if hit is None:
            hit = cache[key] = fn(v)
        out[i] = hit
    return out
