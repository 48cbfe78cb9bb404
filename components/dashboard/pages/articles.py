"""Articles page: list with search (titles and texts), article view with its language and with places,
dates and actors highlighted in the original text (everything escaped) and the events the article
produced.

Highlights are character offsets into the stored text (Python string indices, so Cyrillic and any other
script are cut exactly where the pipeline found them): the stored mentions (places; dates and actors too
when the pipeline stores them, told apart by their `kind`) and, inside each event's sentence, the date
expression and actor names as the event records them (found as whole words)."""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd
import streamlit as st

from components.dashboard import data, sidebar
from components.dashboard.format import (
    ARTICLE_PARAM,
    TABLE_CONFIG,
    UNKNOWN_LANGUAGE,
    day,
    display_table,
    language_name,
    plural,
)
from components.dashboard.page import guarded, header

MAX_LISTED = 500
HL_STYLES = {"date": "background:#bfdbfe", "actor": "background:#bbf7d0"}
MARK_SHAPE = ";padding:0 2px;border-radius:3px"
ARTICLE_EVENT_COLUMNS = ["date", "precision", "type", "place", "country", "evidence"]
LEGEND = (
    '<p style="color:#6b7280;font-size:0.85rem">Highlighted: place mentions in yellow (hover for the place '
    "chosen and its score; grey = not resolved), event dates in blue, actors in green.</p>"
)


def _listing_label(row: Any) -> str:
    """'Title  ·  8 Oct 2022  ·  3 events' in the article picker ('  ·  Ukrainian' when the language is
    known)."""
    n_events = plural(int(row.n_events or 0), "event")
    language = language_name(getattr(row, "language", ""))
    known = f"  ·  {language}" if language != UNKNOWN_LANGUAGE else ""
    return f"{row.title}  ·  {day(row.published)}  ·  {n_events}{known}"


@guarded
def render_articles() -> None:
    flt = sidebar.current_filter()
    path, _ = header("Articles", flt)
    search = st.text_input("Search titles and texts", key="art_search", placeholder="e.g. Kerch")
    listing = data.search_articles(path, flt, search.strip())
    if listing.empty:
        hint = "Try another word." if search.strip() else "Widen the filter in the sidebar."
        st.info(f"No article matches. {hint}", icon=":material/search_off:")
        return
    if len(listing) > MAX_LISTED:
        st.caption(
            f"{len(listing):,} articles match; the newest {MAX_LISTED:,} are listed. Search to narrow."
        )
        listing = listing.head(MAX_LISTED)
    ids = listing["article_id"].tolist()
    labels = {row.article_id: _listing_label(row) for row in listing.itertuples()}
    wanted = st.query_params.get(ARTICLE_PARAM)
    if wanted in ids and wanted != st.session_state.get("art_url"):  # a link or "Open article" asked
        st.session_state["art_pick"] = wanted
    if st.session_state.get("art_pick") not in ids:
        st.session_state["art_pick"] = ids[0]
    picked = st.selectbox(f"Article ({len(ids)})", ids, key="art_pick", format_func=labels.__getitem__)
    st.query_params[ARTICLE_PARAM] = picked
    st.session_state["art_url"] = picked
    found, mentions, evs = data.article_detail(path, picked)
    if found is None:
        st.warning("This article is no longer in the database.")
        return
    spans = mentions
    if not (mentions.empty and evs.empty):
        highlights = (mentions, event_spans(str(found.get("text") or ""), evs))
        spans = pd.concat([m for m in highlights if not m.empty])
    st.html(article_html(found, spans))
    st.markdown("**Events from this article**")
    if evs.empty:
        st.caption("No events were extracted from this article.")
    else:
        table = display_table(evs, flt)[ARTICLE_EVENT_COLUMNS]
        st.dataframe(table, key="article_events", hide_index=True, column_config=TABLE_CONFIG)


def event_spans(text: str, evs: pd.DataFrame) -> pd.DataFrame:
    """Date expressions and actor names found inside each event's sentence, as highlight spans."""
    rows = []
    for ev in evs.itertuples():
        lo, hi = int(ev.start_char or 0), int(ev.end_char or 0)
        for kind, value in (("date", ev.date_text), ("actor", ev.actor1), ("actor", ev.actor2)):
            if isinstance(value, str) and value.strip():
                # whole words only: the actor "Russia" is not marked inside "Russian"
                found = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)").search(text, lo, hi)
                if found:
                    rows.append(
                        {"start_char": found.start(), "end_char": found.end(), "hl": kind, "text": value}
                    )
    return pd.DataFrame(rows).drop_duplicates() if rows else pd.DataFrame()


# -- article HTML (every article-derived string goes through html.escape) ---------------------------
def highlight_mentions(text: str, mentions: pd.DataFrame) -> str:
    """The article text, escaped, with each place mention wrapped in <mark title="place, country (score)">."""
    out: list[str] = []
    pos = 0
    if not mentions.empty:
        for m in mentions.sort_values("start_char").itertuples():
            start, end = int(m.start_char), int(m.end_char)
            if start < pos or end <= start or end > len(text):
                continue  # overlapping or out-of-range span: leave that text unmarked
            out.append(html.escape(text[pos:start]))
            title = html.escape(_mention_title(m), quote=True)
            marked = html.escape(text[start:end])
            out.append(f'<mark title="{title}" style="{_mark_style(m)}">{marked}</mark>')
            pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _highlight_kind(m: Any) -> str | None:
    """'date' or 'actor' for a date or actor span (an event's, or a stored mention of that kind that is
    not resolved to a place); None for a place mention."""
    kind = getattr(m, "hl", None)
    if isinstance(kind, str):
        return kind
    stored = getattr(m, "kind", None)
    if stored in ("date", "actor") and not isinstance(getattr(m, "place_name", None), str):
        return str(stored)
    return None


def _mention_title(m: Any) -> str:
    kind = _highlight_kind(m)
    if kind is not None:
        return "date of an event" if kind == "date" else "actor of an event"
    place = getattr(m, "place_name", None)
    if not isinstance(place, str) or not place:
        return "not resolved to a place"
    country = getattr(m, "country_code", None)
    score = getattr(m, "score", None)
    label = f"{place}, {country}" if isinstance(country, str) and country else place
    return f"{label} ({float(score):.2f})" if score is not None and not pd.isna(score) else label


def _mark_style(m: Any) -> str:
    kind = _highlight_kind(m)
    if kind is not None:
        return HL_STYLES.get(kind, "") + MARK_SHAPE
    resolved = isinstance(getattr(m, "place_name", None), str)
    background = "#fde68a" if resolved else "#e5e7eb"
    return f"background:{background}{MARK_SHAPE}"


def article_html(article: dict[str, object], mentions: pd.DataFrame) -> str:
    """Title, metadata line and highlighted text of one article as one escaped HTML fragment."""
    title = html.escape(str(article.get("title") or "Untitled"))
    meta = [html.escape(day(article.get("published")))]
    if article.get("source"):
        meta.append(html.escape(str(article["source"])))
    language = language_name(article.get("language"))
    meta.append(html.escape(language if language != UNKNOWN_LANGUAGE else "language unknown"))
    url = str(article.get("url") or "")
    if url.startswith(("https://", "http://")):
        href = html.escape(url, quote=True)
        meta.append(f'<a href="{href}" target="_blank" rel="noopener noreferrer">{html.escape(url)}</a>')
    body = highlight_mentions(str(article.get("text") or ""), mentions)
    return (
        f'<div class="ct-article"><h3 style="margin-bottom:0.2rem">{title}</h3>'
        f'<p style="color:#6b7280;margin-top:0">{" · ".join(meta)}</p>'
        f'<div style="white-space:pre-wrap;line-height:1.65;max-width:60rem">{body}</div>'
        f"{LEGEND}</div>"
    )
