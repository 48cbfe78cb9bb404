"""How events are named on every chart: one colour per event type, and the article-derived text of
labels and hovers (escaped, cut and wrapped), with the date, place and country labels built from it.

Every label that comes from an article goes through `esc` before it reaches plotly, which renders a
subset of HTML in text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from components.records import EVENT_TYPES

# One colour per event type, the same on every chart (colour-blind-safe Okabe-Ito palette).
TYPE_PALETTE = ("#D55E00", "#E69F00", "#CC79A7", "#0072B2", "#56B4E9", "#009E73")
EVENT_COLORS: dict[str, str] = dict(zip(EVENT_TYPES, TYPE_PALETTE, strict=True))
OTHER_COLOR = "#7f7f7f"
PRECISION_LABELS = {1: "day", 2: "week", 3: "month", 0: "undated"}
WRAP = 70  # hover lines are wrapped at this width

CYRILLIC = re.compile("[\u0400-\u04ff]")  # a place name as a Ukrainian or Russian report wrote it


def esc(value: object, *, limit: int | None = None) -> str:
    """Article text made safe for plotly labels: cut to `limit`, escaped, wrapped with <br>."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    lines = wrap(text, WRAP)
    # quote=False: plotly decodes &lt; &gt; &amp; but shows &quot; literally; quotes are harmless here.
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap: textwrap.wrap's lines for ordinary text, but a word longer than `width` is
    never split; ~20x faster on thousands of labels."""
    if len(text) <= width:
        return [text]
    pieces = re.findall(rf".{{1,{width}}}(?:\s+|$)|\S+", text)
    return [m.strip() for m in pieces if m.strip()] or [""]


def color_for(event_type: str) -> str:
    """The event type's colour (grey for a type outside records.EVENT_TYPES)."""
    return EVENT_COLORS.get(event_type, OTHER_COLOR)


def type_name(event_type: object) -> str:
    """An event type as a trace name or hover text: escaped."""
    return html.escape(str(event_type), quote=False)


def types_in(df: pd.DataFrame) -> list[str]:
    """The event types present in `df`: the known ones in records.EVENT_TYPES order, then the others."""
    present = set(df["event_type"].dropna())
    return [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))


def date_label(row: Mapping[str, Any]) -> str:
    """'8 Oct 2022', '3 Oct 2022 (within the week)' or 'undated' (from event_date, time_precision)."""
    day = row.get("event_date")
    if day is None or pd.isna(day):
        return "undated"
    text = pd.Timestamp(day).strftime("%-d %b %Y")
    precision = row.get("time_precision")
    if precision in (2, 3):
        text += f" (within the {PRECISION_LABELS[int(precision)]})"
    return text


def country_label(name: object, code: object) -> str:
    """The country's name; looked up from its code when the store kept only the code (or nothing)."""
    name = name if isinstance(name, str) else ""
    code = code if isinstance(code, str) else ""
    if code and (not name.strip() or name.strip().upper() == code.upper()):
        from components.geo.countries import country_name

        return country_name(code) or code
    return name.strip()


def place_label(row: Mapping[str, Any]) -> str:
    """'Kerch, Ukraine'; a country-level place is named once ('Russia', not 'Russia, Russia'); a place a
    Ukrainian or Russian report names in Cyrillic shows the spelling as written: 'Beryslav (Бериславі),
    Ukraine'."""
    place = row.get("place_name") or row.get("location") or ""
    written = row.get("location")
    if place and isinstance(written, str) and written != place and CYRILLIC.search(written):
        place = f"{place} ({written})"
    country = country_label(row.get("country"), row.get("country_code"))
    if isinstance(place, str) and place.strip().casefold() == country.strip().casefold():
        country = ""
    return ", ".join(str(p) for p in (place, country) if p and not pd.isna(p))


def plural(n: int, word: str) -> str:
    """'1 event', '2 events', '1,000 events'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
