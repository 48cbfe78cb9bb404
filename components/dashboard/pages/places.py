"""Places review page: resolutions worth a second look (low score or a close second candidate), their
candidates on a small map, one click to fix a place for all its events (a stored, undoable correction).

Thresholds: `queries.REVIEW_LOW_SCORE` and `queries.REVIEW_MARGIN`. A fix goes through
`corrections.add_correction` (in `data.fix_place`), which rewrites every stored mention and event of
that name (or only those of one article) and is applied to later ingests too.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from components import settings
from components.charts.candidates import candidates_map
from components.dashboard import data, page, sidebar
from components.dashboard.format import md_escape, plural
from components.errors import ConflictTimelineError
from components.store import queries

logger = logging.getLogger(__name__)

PICK = "pl_pick"  # the reviewed row: "<geonameid>|<mention text>"
MESSAGE = "pl_message"  # (kind, text) of the last write, shown once
EVERYWHERE = ""
SORT_LABELS = {
    "events": "most events",
    "mentions": "most mentions",
    "score": "lowest score",
    "margin": "closest alternative",
    "name": "name",
}
MAX_CORRECTIONS = 50
SCORE_HELP = (
    f"Score of the best candidate: below {queries.REVIEW_LOW_SCORE:g} is low (lowest over the mentions)"
)
MARGIN_HELP = (
    f"Best minus second candidate's score: below {queries.REVIEW_MARGIN:g} is a close call; "
    "empty with one candidate"
)
TABLE_CONFIG = {
    "best score": st.column_config.NumberColumn(help=SCORE_HELP),
    "margin to 2nd": st.column_config.NumberColumn(help=MARGIN_HELP),
    "status": st.column_config.TextColumn(help="corrected: an active correction names this place"),
}
INTRO = (
    f"Resolved place names whose best candidate scores below {queries.REVIEW_LOW_SCORE:g}, or whose "
    f"second candidate is within {queries.REVIEW_MARGIN:g} of the first. A confident town with its "
    "country named in the article scores 12–16. Countries and dates filter through the events "
    "of each mention."
)
NOTHING_TO_REVIEW = (
    "No place to review: every resolved place in this view has a clear best candidate. Widen the "
    "filter to see more."
)
CANDIDATE_WIDTHS = [3, 1, 1, 6, 2]
CANDIDATE_HEADINGS = ("place", "country", "best score", "why (of the best-scoring mention)", "")


def row_key(text: str, geonameid: int) -> str:
    return f"{int(geonameid)}|{text}"


def _who() -> str:
    return (st.session_state.get("pl_by") or "").strip() or "dashboard"


def _use(path: str, text: str, geonameid: int, new_key: str | None = None) -> None:
    """Button callback: store the correction, then review the same name at its new place."""
    scope = st.session_state.get("pl_scope") or EVERYWHERE
    try:
        cid = data.fix_place(path, text, geonameid, article_id=scope or None, by=_who())
    except ConflictTimelineError as err:
        st.session_state[MESSAGE] = ("error", f"Could not fix {text!r}: {err}")
        return
    where = "in one article" if scope else "everywhere"
    st.session_state[MESSAGE] = (
        "success",
        f"Correction {cid}: {text!r} is now GeoNames {geonameid} ({where}).",
    )
    if not scope:
        st.session_state[PICK] = new_key or row_key(text, geonameid)


def _use_typed(path: str, text: str) -> None:
    raw = str(st.session_state.get("pl_typed") or "").strip()
    if not raw.isdigit():
        st.session_state[MESSAGE] = ("error", "Type a GeoNames id: digits only, e.g. 709717.")
        return
    _use(path, text, int(raw))


def _undo(path: str, correction_id: int) -> None:
    try:
        data.undo_fix(path, correction_id, by=_who())
    except ConflictTimelineError as err:
        st.session_state[MESSAGE] = ("error", f"Could not undo correction {correction_id}: {err}")
        return
    st.session_state[MESSAGE] = ("success", f"Correction {correction_id} undone.")


def _picked_from_table(keys: list[str]) -> None:
    rows = st.session_state["pl_table"].selection.rows
    if rows and rows[0] < len(keys):
        st.session_state[PICK] = keys[rows[0]]


@page.guarded
def render_places() -> None:
    flt = sidebar.current_filter()
    page.drop_article_param()
    path, _ = page.header("Places", flt)
    st.caption(INTRO)
    message = st.session_state.pop(MESSAGE, None)
    if message:
        (st.error if message[0] == "error" else st.success)(message[1])
    sort = st.selectbox(
        "Sort by", list(queries.REVIEW_SORTS), key="pl_sort", format_func=SORT_LABELS.__getitem__
    )
    df = data.review_places(path, flt, sort)
    if df.empty:
        st.info(NOTHING_TO_REVIEW, icon=":material/task_alt:")
    else:
        _review(path, df)
    _corrections(path)


def _review(path: str, df: pd.DataFrame) -> None:
    keys = [row_key(t, g) for t, g in zip(df["text"], df["geonameid"], strict=True)]
    table = pd.DataFrame(
        {
            "name in text": df["text"],
            "chosen place": df["place_name"],
            "country": df["country_code"],
            "mentions": df["n_mentions"],
            "events": df["n_events"],
            "articles": df["n_articles"],
            "best score": df["top_score"],
            "margin to 2nd": df["margin"],
            "status": ["corrected" if c else "" for c in df["corrected"]],
        }
    )
    st.dataframe(
        table,
        key="pl_table",
        hide_index=True,
        on_select=lambda: _picked_from_table(keys),
        column_config=TABLE_CONFIG,
        selection_mode="single-row",
        height=min(38 + 35 * len(table), 400),
    )
    st.caption(f"{plural(len(df), 'place')} to review. Click a row (or choose below) to see its candidates.")
    if st.session_state.get(PICK) not in keys:
        st.session_state.pop(PICK, None)
    rows = zip(df["text"], df["place_name"], df["country_code"], df["n_events"], strict=True)
    labels = {
        key: f"{text} → {place} ({country}) · {plural(int(n), 'event')}"
        for key, (text, place, country, n) in zip(keys, rows, strict=True)
    }
    key = st.selectbox("Place to review", keys, key=PICK, format_func=labels.__getitem__)
    gid, text = int(key.split("|", 1)[0]), key.split("|", 1)[1]
    cands, arts = data.review_candidates(path, text)
    with st.container(border=True, key="pl_detail"):
        st.markdown(f"**Candidates for “{md_escape(text)}”**")
        st.caption(
            f"{plural(len(arts), 'article')} mention it. A fix applies to every mention of this "
            "name (case and accents do not matter) and to articles ingested later."
        )
        _candidate_rows(path, text, gid, cands)
        left, right = st.columns([3, 2])
        with left:
            fig = candidates_map(cands, style=settings.get("map_style"), basemap=data.basemap_source())
            st.plotly_chart(fig, key="pl_map")
        with right:
            st.text_input("Your name (saved with the correction)", value="dashboard", key="pl_by")
            titles = dict(zip(arts["article_id"], arts["title"].fillna("Untitled"), strict=True))
            st.selectbox(
                "Apply to",
                [EVERYWHERE, *titles],
                key="pl_scope",
                format_func=lambda a: "every article" if a == EVERYWHERE else f"only: {titles[a][:70]}",
            )
            st.text_input(
                "Or a GeoNames id not among the candidates", key="pl_typed", placeholder="e.g. 709717"
            )
            st.button("Use this id", key="pl_use_typed", on_click=_use_typed, args=(path, text))


def _candidate_rows(path: str, text: str, gid: int, cands: pd.DataFrame) -> None:
    head = st.columns(CANDIDATE_WIDTHS)
    for col, label in zip(head, CANDIDATE_HEADINGS, strict=True):
        col.caption(label)
    for c in cands.itertuples():
        cols = st.columns(CANDIDATE_WIDTHS, vertical_alignment="center")
        chosen = int(c.geonameid) == gid
        cols[0].text(f"{c.name} · {int(c.geonameid)}")
        cols[1].text(str(c.country_code or ""))
        cols[2].text("—" if pd.isna(c.score) else f"{float(c.score):.2f}")
        cols[3].text(str(c.reason or ""))
        with cols[4].container(key=f"pl_use_{int(c.geonameid)}"):
            st.button(
                "Chosen" if chosen else "Use this place",
                key=f"pl_use_btn_{int(c.geonameid)}",
                disabled=chosen,
                type="secondary" if chosen else "primary",
                on_click=_use,
                args=(path, text, int(c.geonameid)),
            )


def _corrections(path: str) -> None:
    st.markdown("**Corrections**")
    df = data.correction_list(path)
    if df.empty:
        st.caption("No corrections yet. They are also listed by `python -m components places list`.")
        return
    for r in df.head(MAX_CORRECTIONS).itertuples():
        cols = st.columns([8, 1], vertical_alignment="center")
        scope = (
            f"only in article {r.article_id}"
            if isinstance(r.article_id, str) and r.article_id
            else "everywhere"
        )
        when = pd.Timestamp(r.created_at).strftime("%-d %b %Y %H:%M") if pd.notna(r.created_at) else ""
        place = f"{r.place_name} ({r.country_code}, GeoNames {r.geonameid})"
        line = f"#{r.correction_id} · “{r.name}” → {place} · {scope} · by {r.created_by or 'unknown'} {when}"
        undone = pd.notna(r.undone_at)
        cols[0].text(line + (f" · undone by {r.undone_by or 'unknown'}" if undone else ""))
        if not undone:
            cols[1].button(
                "Undo", key=f"pl_undo_{r.correction_id}", on_click=_undo, args=(path, int(r.correction_id))
            )
    if len(df) > MAX_CORRECTIONS:
        st.caption(
            f"The {MAX_CORRECTIONS} newest of {len(df):,}; `python -m components places list` shows all."
        )
