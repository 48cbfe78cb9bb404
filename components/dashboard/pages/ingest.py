"""Ingest page: upload article files or paste a text with its publication date, or upload an ACLED, UCDP GED
or GDELT events export; a progress bar; a report of what was ingested, what was already stored and what was
skipped, with the reasons."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from components import services
from components.dashboard import format, page
from components.dashboard.data import db_path, forget_cached_results
from components.errors import ConflictTimelineError
from components.ingest.articles import Skip, parse_bytes, parse_txt
from components.services import ImportReport

if TYPE_CHECKING:
    from components.pipeline import IngestReport

logger = logging.getLogger(__name__)
UPLOAD_TYPES = ["txt", "html", "htm", "json", "jsonl", "csv"]
DATASET_TYPES = ["csv", "tsv", "txt"]  # GDELT 2.0 files are .export.CSV (tab-separated) or .txt
REPORT_STATE = "ct_ingest_report"
FILE_KINDS = {
    "articles": "Articles (txt, html, json, jsonl, csv)",
    "acled": "ACLED export (CSV)",
    "ucdp": "UCDP GED (CSV)",
    "gdelt": "GDELT 2.0 events (tab-separated)",
}
DATASET_NOTE = (
    "Each row becomes an event tagged with its dataset (filter it with **Datasets** in the sidebar). "
    "Rows already stored are not written again; unreadable rows are listed below."
)


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
        bar.progress(
            min(done / total, 1.0) if total else 1.0, text=f"{done}/{total} · {format.md_escape(label)}"
        )

    try:
        report = pipeline.ingest_items(items, db_path=db_path(), progress=progress)
    finally:
        forget_cached_results()
    bar.progress(1.0, text="Done")
    return report


def run_import(files: list[tuple[str, bytes]], fmt: str) -> ImportReport:
    """Import dataset exports (the import service writes in short batches), moving a progress bar."""
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:  # the first call, before any write
            bar = st.progress(0.0, text=f"Writing {format.plural(total, 'event')}…")
        else:
            bar.progress(done / total, text=f"{done:,}/{total:,} events")

    try:
        report = services.import_uploads(files, fmt, db_path(), progress=progress)
    finally:
        forget_cached_results()
    if bar is not None:
        bar.progress(1.0, text="Done")
    counts = (report.rows, report.written, report.existing, len(report.skipped))
    logger.info("import %s: %d rows, %d written, %d already stored, %d skipped", fmt, *counts)
    return report


@page.guarded
def render_ingest() -> None:
    page.drop_article_param()
    st.subheader("Ingest")
    kind = st.radio(
        "File type", list(FILE_KINDS), key="ing_kind", format_func=FILE_KINDS.__getitem__, horizontal=True
    )
    articles = kind == "articles"
    files = st.file_uploader(
        "Article files (.txt, .html, .json, .jsonl, .csv)" if articles else f"{FILE_KINDS[kind]} files",
        type=UPLOAD_TYPES if articles else DATASET_TYPES,
        accept_multiple_files=True,
        key=f"ing_files_{kind}",
    )
    pasted, published = "", None
    if articles:
        pasted = st.text_area("…or paste an article (first line = title)", key="ing_text", height=160)
        published = st.date_input(
            "Publication date (for articles without one)", value=None, key="ing_date", format="YYYY-MM-DD"
        )
    else:
        st.caption(DATASET_NOTE)
    if st.button("Ingest", key="ing_go", type="primary", icon=":material/upload:"):
        uploads = [(f.name, f.getvalue()) for f in files or []]
        if articles:
            items = parse_inputs(uploads, pasted, published)
            report = run_ingest(items) if items else None
        else:
            report = run_import(uploads, kind) if uploads else None
        if report is None:
            st.warning("Nothing to ingest: upload a file or paste a text first.")
        else:
            st.session_state[REPORT_STATE] = report
            st.session_state.pop("ct_db_ready", None)
    report = st.session_state.get(REPORT_STATE)
    if isinstance(report, ImportReport):
        show_import_report(report)
    elif report is not None:
        show_report(report)


def show_report(report: IngestReport) -> None:
    new = format.plural(report.articles_new, "new article")
    events = format.plural(report.events, "event")
    st.success(
        f"Ingested {new} with {events} in {report.seconds:.1f} s; {report.duplicates:,} already stored; "
        f"{len(report.skipped):,} skipped.",
        icon=":material/check_circle:",
    )
    rows = [
        {"input": "new articles", "count": report.articles_new, "reason": ""},
        {"input": "already stored (duplicates)", "count": report.duplicates, "reason": "same content hash"},
    ]
    rows += [{"input": s.path, "count": 1, "reason": s.reason} for s in report.skipped]
    st.dataframe(pd.DataFrame(rows), key="ing_report", hide_index=True)


def show_import_report(report: ImportReport) -> None:
    name = FILE_KINDS[report.dataset].split(" (")[0]
    new = format.plural(report.written, "new event")
    rows_read = format.plural(report.rows, "row")
    st.success(
        f"Imported {new} from {name} ({rows_read} read); {report.existing:,} already stored; "
        f"{len(report.skipped):,} skipped.",
        icon=":material/check_circle:",
    )
    rows = [
        {"input": "new events", "count": report.written, "reason": ""},
        {"input": "already stored", "count": report.existing, "reason": "same event id"},
    ]
    rows += [{"input": where, "count": 1, "reason": reason} for where, reason in report.skipped[:500]]
    st.dataframe(pd.DataFrame(rows), key="ing_report", hide_index=True)
    if len(report.skipped) > 500:
        st.caption(f"First 500 of {len(report.skipped):,} skipped rows shown.")
