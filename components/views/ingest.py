"""Ingest page: upload article files or paste a text with its publication date; a progress bar; a report
of what was ingested, what was already stored and what was skipped, with the reasons."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from components.articles import Skip, parse_bytes, parse_txt
from components.errors import ConflictTimelineError
from components.views import common

if TYPE_CHECKING:
    from components.pipeline import IngestReport

logger = logging.getLogger(__name__)
UPLOAD_TYPES = ["txt", "html", "htm", "json", "jsonl", "csv"]
REPORT_STATE = "ct_ingest_report"


def parse_inputs(files: list[tuple[str, bytes]], pasted: str, published: dt.date | None) -> list:
    """Articles and Skips from uploaded files and pasted text (first line = title)."""
    items: list = []
    for name, data in files:
        items.extend(parse_bytes(data, name, published=published))
    if pasted.strip():
        try:
            items.append(parse_txt(pasted, path="pasted text", published=published))
        except ConflictTimelineError as err:
            items.append(Skip("pasted text", str(err)))
    return items


def run_ingest(items: list) -> object:
    """Write to the database (in short write batches, so other sessions keep reading)."""
    from components import pipeline  # loads spaCy and the gazetteer only when needed

    bar = st.progress(0.0, text="Loading the language model and gazetteer…")

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0, text=f"{done}/{total} · {common.md_escape(label)}")

    try:
        report = pipeline.ingest_items(items, db_path=common.db_path(), progress=progress)
    finally:
        common.forget_cached_results()
    bar.progress(1.0, text="Done")
    return report


@common.guarded
def render_ingest() -> None:
    common.drop_article_param()
    st.subheader("Ingest articles")
    files = st.file_uploader("Article files (.txt, .html, .json, .jsonl, .csv)", type=UPLOAD_TYPES,
                             accept_multiple_files=True, key="ing_files")  # fmt: skip
    pasted = st.text_area("…or paste an article (first line = title)", key="ing_text", height=160)
    published = st.date_input("Publication date (for articles without one)", value=None, key="ing_date",
                              format="YYYY-MM-DD")  # fmt: skip
    if st.button("Ingest", key="ing_go", type="primary", icon=":material/upload:"):
        items = parse_inputs([(f.name, f.getvalue()) for f in files or []], pasted, published)
        if not items:
            st.warning("Nothing to ingest: upload a file or paste a text first.")
        else:
            report = run_ingest(items)
            st.session_state[REPORT_STATE] = report
            st.session_state.pop("ct_db_ready", None)
    report = st.session_state.get(REPORT_STATE)
    if report is not None:
        show_report(report)


def show_report(report: IngestReport) -> None:
    ok = report.articles_new
    st.success(f"Ingested {ok} new {'article' if ok == 1 else 'articles'} with {report.events} events in "
               f"{report.seconds:.1f} s; {report.duplicates} already stored; {len(report.skipped)} skipped.",
               icon=":material/check_circle:")  # fmt: skip
    rows = [{"input": "new articles", "count": report.articles_new, "reason": ""},
            {"input": "already stored (duplicates)", "count": report.duplicates, "reason": "same content hash"}]
    rows += [{"input": s.path, "count": 1, "reason": s.reason} for s in report.skipped]
    st.dataframe(pd.DataFrame(rows), key="ing_report", hide_index=True)
