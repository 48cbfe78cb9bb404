"""How the dashboard shows values: days and ISO dates, plurals, markdown-safe text, language names, the
events table (plain-text cells, an article link) with its column config, and the CSV of a download.

Article text never reaches st.markdown unescaped (`md_escape`); the table's cells are plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components.filters import EventFilter
from components.records import TIME_UNDATED

PRECISION_NAMES = {1: "day", 2: "week", 3: "month", TIME_UNDATED: "undated"}
# Readable names of the articles' languages (ISO 639-1, as nlp/language.py detects them).
LANGUAGE_NAMES = {
    "en": "English",
    "uk": "Ukrainian",
    "ru": "Russian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
}
UNKNOWN_LANGUAGE = "unknown"  # shown for '' (imported rows, articles stored before languages were)
ARTICLE_PARAM = "article"  # the URL parameter naming the article the Articles page opens
MD_SPECIAL = "\\`*_{}[]()<>#+-.!|~$"
TABLE_CONFIG = {
    "date": st.column_config.TextColumn("date", help="Day of the event (see precision)"),
    "evidence": st.column_config.TextColumn("evidence", width="large"),
    "title": st.column_config.TextColumn("title", width="medium"),
    "article": st.column_config.LinkColumn("article", display_text="open", help="Open the article"),
}


def plural(n: int, word: str) -> str:
    """'1 event', '2 events', '1,000 events'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def md_escape(text: str) -> str:
    """Text safe to place inside st.markdown: markdown and HTML characters are backslash-escaped."""
    return "".join("\\" + ch if ch in MD_SPECIAL else ch for ch in text)


def language_name(code: object) -> str:
    """'Ukrainian' for 'uk'; a code without a name as itself ('ka'); 'unknown' for '', None or NaN."""
    if not isinstance(code, str) or not code.strip():
        return UNKNOWN_LANGUAGE
    return LANGUAGE_NAMES.get(code.strip().lower(), code.strip())


def iso(value: object) -> str:
    """'2022-10-08', or 'undated'."""
    return "undated" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def day(value: object) -> str:
    """'8 Oct 2022', or 'undated'."""
    return "undated" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%-d %b %Y")


def article_link(article_id: object, filter_params: Mapping[str, object]) -> str:
    """The Articles page's URL (relative) opening one article, keeping the filter's URL parameters
    (`EventFilter.to_query_params()`)."""
    return "articles?" + urlencode({**filter_params, ARTICLE_PARAM: article_id}, doseq=True)


def display_table(df: pd.DataFrame, flt: EventFilter) -> pd.DataFrame:
    """The events as people read them: one row per event, plain-text cells and an article link."""
    params = flt.to_query_params()
    pairs = zip(df["actor1"], df["actor2"], strict=True)
    actors = [" vs ".join(a for a in pair if isinstance(a, str) and a) for pair in pairs]
    languages = df["language"] if "language" in df.columns else [""] * len(df)
    return pd.DataFrame(
        {
            "date": [iso(d) for d in df["event_date"]],  # ISO text sorts by date; "undated" last
            "precision": df["time_precision"].map(lambda p: PRECISION_NAMES.get(int(p), "?")),
            "type": df["event_type"],
            "place": df["place_name"].where(df["place_name"].notna(), df["location"]),
            "country": df["country"],
            "actors": actors,
            "language": [language_name(c) for c in languages],
            "evidence": df["evidence"],
            "title": df["title"],
            "article": [article_link(a, params) for a in df["article_id"]],
        }
    )
