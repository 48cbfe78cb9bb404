"""Ingest page: upload article files or paste a text with its publication date, or upload an ACLED, UCDP GED
or GDELT events export; a progress bar; a report of what was ingested, what was already stored and what was
skipped, with the reasons."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from components import store
from components.dashboard import common
from components.errors import ConflictTimelineError
from components.ingest import importers
from components.ingest.articles import Skip, parse_bytes, parse_txt

if TYPE_CHECKING:
    from components.pipeline import IngestReport

logger = logging.getLogger(__name__)
UPLOAD_TYPES = ["txt", "html", "htm", "json", "jsonl", "csv"]
DATASET_TYPES = ["csv", "tsv", "txt"]  # GDELT 2.0 files are .export.CSV (tab-separated) or .txt
REPORT_STATE = "ct_ingest_report"
FILE_KINDS = {"articles": "Articles (txt, html, json, jsonl, csv)", "acled": "ACLED export (CSV)",
              "ucdp": "UCDP GED (CSV)", "gdelt": "GDELT 2.0 events (tab-separated)"}  # fmt: skip
WRITE_CHUNK = 2_000  # imported events written per transaction (the progress bar moves per chunk)


@dataclass
class ImportReport:
    """What a dataset upload did: rows read, events written, already stored, skipped rows and why."""

    dataset: str
    rows: int = 0
    written: int = 0
    existing: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file:line, reason)


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
            min(done / total, 1.0) if total else 1.0, text=f"{done}/{total} · {common.md_escape(label)}"
        )

    try:
        report = pipeline.ingest_items(items, db_path=common.db_path(), progress=progress)
    finally:
        common.forget_cached_results()
    bar.progress(1.0, text="Done")
    return report


def run_import(files: list[tuple[str, bytes]], fmt: str) -> ImportReport:
    """Read dataset exports and write their events in chunks, moving a progress bar."""
    report = ImportReport(fmt)
    events = []
    for name, data in files:
        result = importers.parse_text(importers.decode(data), fmt, name=name)
        report.rows += len(result.events) + len(result.skipped)
        report.skipped += [(f"{name}:{s.line}", s.reason) for s in result.skipped]
        events += result.events
    bar = st.progress(0.0, text=f"Writing {common.plural(len(events), 'event')}…")
    try:
        for start in range(0, len(events), WRITE_CHUNK):
            with store.writing(common.db_path()) as con:  # short write batches: other sessions keep reading
                written, existing = store.write_events(con, events[start : start + WRITE_CHUNK])
            report.written += written
            report.existing += existing
            done = min(start + WRITE_CHUNK, len(events))
            bar.progress(done / len(events), text=f"{done:,}/{len(events):,} events")
    finally:
        common.forget_cached_results()
    bar.progress(1.0, text="Done")
    logger.info("import %s: %d rows, %d written, %d already stored, %d skipped", fmt, report.rows,
                report.written, report.existing, len(report.skipped))  # fmt: skip
    return report


@common.guarded
def render_ingest() -> None:
    common.drop_article_param()
    st.subheader("Ingest")
    kind = st.radio("File type", list(FILE_KINDS), key="ing_kind", format_func=FILE_KINDS.__getitem__,
                    horizontal=True)  # fmt: skip
    articles = kind == "articles"
    files = st.file_uploader(
        "Article files (.txt, .html, .json, .jsonl, .csv)" if articles else f"{FILE_KINDS[kind]} files",
        type=UPLOAD_TYPES if articles else DATASET_TYPES, accept_multiple_files=True, key=f"ing_files_{kind}",
    )  # fmt: skip
    pasted, published = "", None
    if articles:
        pasted = st.text_area("…or paste an article (first line = title)", key="ing_text", height=160)
        published = st.date_input("Publication date (for articles without one)", value=None, key="ing_date",
                                  format="YYYY-MM-DD")  # fmt: skip
    else:
        st.caption("Each row becomes an event tagged with its dataset (filter it with **Datasets** in the "
                   "sidebar). Rows already stored are not written again; unreadable rows are listed below.")  # fmt: skip
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
    st.success(f"Ingested {common.plural(report.articles_new, 'new article')} with {common.plural(report.events, 'event')} "
               f"in {report.seconds:.1f} s; {report.duplicates:,} already stored; {len(report.skipped):,} skipped.",
               icon=":material/check_circle:")  # fmt: skip
    rows = [
        {"input": "new articles", "count": report.articles_new, "reason": ""},
        {"input": "already stored (duplicates)", "count": report.duplicates, "reason": "same content hash"},
    ]
    rows += [{"input": s.path, "count": 1, "reason": s.reason} for s in report.skipped]
    st.dataframe(pd.DataFrame(rows), key="ing_report", hide_index=True)


def show_import_report(report: ImportReport) -> None:
    name = FILE_KINDS[report.dataset].split(" (")[0]
    st.success(f"Imported {common.plural(report.written, 'new event')} from {name} ({common.plural(report.rows, 'row')} "
               f"read); {report.existing:,} already stored; {len(report.skipped):,} skipped.",
               icon=":material/check_circle:")  # fmt: skip
    rows = [
        {"input": "new events", "count": report.written, "reason": ""},
        {"input": "already stored", "count": report.existing, "reason": "same event id"},
    ]
    rows += [{"input": where, "count": 1, "reason": reason} for where, reason in report.skipped[:500]]
    st.dataframe(pd.DataFrame(rows), key="ing_report", hide_index=True)
    if len(report.skipped) > 500:
        st.caption(f"First 500 of {len(report.skipped):,} skipped rows shown.")
