"""The event detail panel: type, date and place with their precision, why this place (candidates),
actors, and every source with its evidence sentence highlighted in context (escaped) and a link."""

from __future__ import annotations

import html
import json

import pandas as pd
import streamlit as st

from components.dashboard import data
from components.dashboard.format import PRECISION_NAMES, article_link, day, iso, language_name, md_escape
from components.filters import GEO_PRECISION_NAMES, EventFilter

CONTEXT_CHARS = 300


def evidence_in_context(text: str, start: int, end: int) -> str:
    """Escaped HTML: up to CONTEXT_CHARS before and after, the evidence sentence in <mark>."""
    if not text or not 0 <= start < end <= len(text):
        return ""
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return (
        ("…" if lo else "")
        + html.escape(text[lo:start])
        + '<mark style="background:#fde68a">'
        + html.escape(text[start:end])
        + "</mark>"
        + html.escape(text[end:hi])
        + ("…" if hi < len(text) else "")
    )


def candidates_table(mentions: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for m in mentions.itertuples():
        try:
            cands = json.loads(m.candidates or "[]")
        except (TypeError, ValueError):
            cands = []
        for rank, c in enumerate(cands, start=1):
            row = {
                "mention": m.text,
                "rank": rank,
                "candidate": c.get("name"),
                "country": c.get("country_code"),
                "score": c.get("score"),
                "why": c.get("reason"),
                "chosen": c.get("geonameid") == m.geonameid,
            }
            rows.append(row)
    return pd.DataFrame(rows)


def whole_number(value: object) -> int | None:
    """A stored count as an int; None when missing (None, NaN) or not a number."""
    try:
        return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def render_detail(path: str, event_id: str, flt: EventFilter) -> None:
    found = data.event_detail(path, event_id)
    if found is None:
        st.warning("This event is no longer in the database.")
        return
    ev, article, mentions = found["event"], found["article"], found["mentions"]  # type: ignore[index]
    with st.container(border=True, key="event_detail"):
        st.markdown(f"#### {md_escape(str(ev['event_type']))}")
        date = day(ev.get("event_date"))
        precision = PRECISION_NAMES.get(int(ev.get("time_precision") or 0), "?")
        place = ev.get("place_name") or ev.get("location") or "no place"
        geo = GEO_PRECISION_NAMES.get(int(ev.get("geo_precision") or 0), "?")
        actors = " vs ".join(a for a in (ev.get("actor1"), ev.get("actor2")) if isinstance(a, str) and a)
        c1, c2, c3 = st.columns(3)
        date_range = f"{iso(ev.get('date_start'))} – {iso(ev.get('date_end'))}"
        c1.metric("Date", date, help=f"known to the {precision}; range {date_range}")
        extra = ev.get("extra") or {}
        approx = " · approximate (as reported)" if extra.get("approximate") else ""
        c1.caption(
            f"precision: {precision}" + (f" · “{ev['date_text']}”" if ev.get("date_text") else "") + approx
        )
        c2.metric("Place", str(place)[:40])
        c2.caption(f"{ev.get('country') or ''} · precision: {geo}")
        c3.metric("Actors", actors or "—")
        counts = [
            f"{label}: {n}"
            for label, value in (("killed", ev.get("fatalities")), ("injured", extra.get("injured")))
            if (n := whole_number(value)) is not None
        ]
        if counts:
            c3.caption(" · ".join(counts))
        st.markdown("**Why this place**")
        cands = candidates_table(mentions)
        if cands.empty:
            st.caption("No place candidates were stored for this sentence.")
        else:
            st.dataframe(cands, hide_index=True, key=f"cands_{event_id}")
        st.markdown("**Sources**")
        title = html.escape(str(article.get("title") or "Untitled"))
        outlet = html.escape(str(ev.get("source") or article.get("source") or ""))
        published = html.escape(day(article.get("published")))
        language = html.escape(language_name(ev.get("language") or article.get("language")))
        start, end = int(ev.get("start_char") or 0), int(ev.get("end_char") or 0)
        context = evidence_in_context(str(article.get("text") or ""), start, end)
        st.html(
            f'<div><b>{title}</b> <span style="color:#6b7280">{outlet} · {published} · {language}</span>'
            f'<p style="line-height:1.6">{context}</p></div>'
        )
        link = article_link(ev["article_id"], flt.to_query_params())
        st.markdown(f"[Open the article view]({link})")
