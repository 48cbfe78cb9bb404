"""Files, folders and uploads -> Article records.

Formats: .txt (first non-empty line is the title; optional `Published:` / `Source:` / `URL:` header
lines), .html/.htm (trafilatura), .json (an object or a list of objects), .jsonl, .csv (fields title,
text|body|content, published|date, url, source). Site chrome ("Also Read : ...", "Leave a Reply", ...)
is dropped before anything else sees the text. Bad input never stops a batch: it becomes a `Skip` with
its reason.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from components.errors import ArticleError, UnsupportedFormatError
from components.records import Article

logger = logging.getLogger(__name__)

SUPPORTED = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
}
MAX_BYTES = 50 * 1024 * 1024  # larger files are skipped with a reason, not read into memory
MIN_HTML_WORDS = 8  # an HTML page with less main text than this is navigation, not an article
ARCHIVES = (".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar")

TEXT_FIELDS = ("text", "body", "content", "article", "description")
DATE_FIELDS = ("published", "date", "published_at", "pubdate", "publish_date", "source_date")

# Lines of site chrome that are not part of the article (whole-line patterns, case-insensitive).
BOILERPLATE = re.compile(
    r"""^\s*(?:
        also\s+read\s*:.*|read\s+(?:more|also)\s*:.*|related\s*:.*|see\s+also\s*:.*
      | source|sources|advertisement|ad|share|share\s+this(?:\s+article)?|tweet|print|comments?
      | leave\s+a\s+(?:reply|comment)|post\s+navigation|click\s+to\s+share.*
      | your\s+email\s+address\s+will\s+not\s+be\s+published\.?.*
      | required\s+fields\s+are\s+marked.*|subscribe(?:\s+to\s+our\s+newsletter)?.*
      | sign\s+up\s+for\s+.*newsletter.*|follow\s+us\s+on\s+.*|copyright\s+.*|©.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
HEADER = re.compile(r"^\s*(published|date|source|url|updated)\s*:\s*(\S.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Skip:
    """An input that was not ingested, and why."""

    path: str
    reason: str


def article_id(title: str, text: str) -> str:
    """Stable id: a hash of the normalised title and text (same content -> same id)."""
    norm = " ".join(unicodedata.normalize("NFC", f"{title}\n{text}").split()).casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def clean_lines(lines: Iterable[str]) -> list[str]:
    """Drop site-chrome lines; keep paragraph breaks (as empty strings)."""
    return [line.rstrip() for line in lines if not BOILERPLATE.match(line.replace("\xa0", " "))]


def _paragraphs(text: str) -> str:
    """Clean text and join its paragraphs with blank lines (single newlines inside are kept)."""
    lines = clean_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    out, para = [], []
    for line in lines:
        if line.strip():
            para.append(line.strip())
        elif para:
            out.append(" ".join(para))
            para = []
    if para:
        out.append(" ".join(para))
    return "\n\n".join(out)


def parse_date(value: object) -> dt.date | None:
    """A publication date from metadata: ISO dates/datetimes first, then dateparser (English)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # imported lazily: it is slow to import and rarely needed

    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def make_article(
    *,
    title: str,
    text: str,
    published: dt.date | None,
    source: str = "",
    url: str = "",
    path: str = "",
    fmt: str = "",
) -> Article:
    """Build an Article from raw fields: cleans the text, derives the id. Raises ArticleError if empty."""
    title = " ".join((title or "").split())
    body = _paragraphs(text or "")
    if not body and title:
        body = title  # a headline-only record is still an article
    if not body:
        raise ArticleError("no text")
    if not title:
        title = body.split("\n", 1)[0][:120]
    return Article(
        article_id=article_id(title, body),
        title=title,
        text=body,
        published=published,
        source=source.strip(),
        url=url.strip(),
        path=path,
        fmt=fmt,
    )


# -- per-format readers ---------------------------------------------------------------------------
def _decode(data: bytes, path: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 (BOM or the NUL pattern of ASCII text),
    then Windows-1252 (common in exports such as UCDP's). Binary data and undecodable bytes raise."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    head = data[:4096]
    if len(head) >= 4 and head.count(0) > len(head) // 4:
        odd_nuls, even_nuls = head[1::2].count(0), head[0::2].count(0)
        if odd_nuls > len(head) // 3 and even_nuls == 0:
            return _strict(data, "utf-16-le", path)
        if even_nuls > len(head) // 3 and odd_nuls == 0:
            return _strict(data, "utf-16-be", path)
    if b"\x00" in head:
        raise ArticleError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        utf8_error = f"{err.reason} at byte {err.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise ArticleError(f"{path}: not valid UTF-8 ({utf8_error}) nor Windows-1252 text") from err
    if _looks_binary(text):
        raise ArticleError(f"{path}: binary file, not text")
    logger.warning("%s: not UTF-8 (%s); read as Windows-1252", path, utf8_error)
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as err:
        raise ArticleError(f"{path}: invalid {encoding.upper()} text ({err.reason})") from err


def _looks_binary(text: str) -> bool:
    """Control characters other than whitespace in more than 1% of the first 4,000 characters."""
    sample = text[:4000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > len(sample) / 100


def parse_txt(text: str, *, path: str = "", published: dt.date | None = None) -> Article:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    idx = next((i for i, line in enumerate(lines) if line.strip()), None)
    if idx is None:
        raise ArticleError(f"{path}: empty file")
    title = lines[idx].strip()
    meta: dict[str, str] = {}
    rest = lines[idx + 1 :]
    # Header lines ("Published: 2022-10-15", "Source: ...") directly under the title are metadata.
    while rest and (not rest[0].strip() or HEADER.match(rest[0])):
        match = HEADER.match(rest[0])
        if match:
            meta.setdefault(match.group(1).lower(), match.group(2))
        rest = rest[1:]
    date = parse_date(meta.get("published") or meta.get("date")) or published
    return make_article(
        title=title,
        text="\n".join(rest),
        published=date,
        source=meta.get("source", ""),
        url=meta.get("url", ""),
        path=path,
        fmt="txt",
    )


def parse_html(html: str, *, path: str = "", published: dt.date | None = None) -> Article:
    import trafilatura

    extracted = trafilatura.extract(html, output_format="json", with_metadata=True)
    if not extracted:
        raise ArticleError(f"{path}: no article text found in the HTML")
    data = json.loads(extracted)
    title = data.get("title") or ""
    # trafilatura puts one paragraph per line and repeats the headline as the first line.
    paragraphs = [line for line in (data.get("text") or "").split("\n") if line.strip()]
    if paragraphs and title and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs = paragraphs[1:]
    if sum(len(p.split()) for p in paragraphs) < MIN_HTML_WORDS:
        raise ArticleError(f"{path}: no article text found in the HTML (menus or an empty page)")
    return make_article(
        title=title,
        text="\n\n".join(paragraphs),
        published=parse_date(data.get("date")) or published,
        source=data.get("sitename") or "",
        url=data.get("source") or data.get("url") or "",
        path=path,
        fmt="html",
    )


def from_record(record: object, *, path: str, fmt: str, published: dt.date | None = None) -> Article:
    """A JSON object or CSV row -> Article."""
    if not isinstance(record, dict):
        raise ArticleError(f"{path}: expected an object with title/text fields")
    fields = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    text = next((str(fields[k]) for k in TEXT_FIELDS if fields.get(k)), "")
    raw_date = next((fields[k] for k in DATE_FIELDS if fields.get(k)), None)
    title = fields.get("title") or fields.get("headline") or ""
    if not text and not title:
        raise ArticleError(f"{path}: record has neither title nor text")
    return make_article(
        title=str(title),
        text=text,
        published=parse_date(raw_date) or published,
        source=str(fields.get("source") or ""),
        url=str(fields.get("url") or ""),
        path=path,
        fmt=fmt,
    )


def parse_bytes(data: bytes, name: str, *, published: dt.date | None = None) -> Iterator[Article | Skip]:
    """Parse one file's content (from disk or an upload). Yields Articles and Skips, never raises
    for bad content: a bad record is skipped and the rest of the file is still read."""
    suffix = Path(name).suffix.lower()
    fmt = SUPPORTED.get(suffix)
    try:
        if len(data) > MAX_BYTES:
            raise ArticleError(f"{name}: file too large ({len(data):,} bytes > {MAX_BYTES:,})")
        if suffix in ARCHIVES:
            raise UnsupportedFormatError(f"{name}: archives are not unpacked; extract the files first")
        if fmt is None:
            raise UnsupportedFormatError(f"{name}: unsupported file type {suffix or '(none)'}")
        text = _decode(data, name)
        if fmt == "txt":
            yield parse_txt(text, path=name, published=published)
        elif fmt == "html":
            yield parse_html(text, path=name, published=published)
        elif fmt == "json":
            try:
                payload = json.loads(text)
            except json.JSONDecodeError as err:
                raise ArticleError(f"{name}: malformed JSON ({err.msg}, line {err.lineno})") from err
            except RecursionError as err:
                raise ArticleError(f"{name}: malformed JSON (nested too deeply)") from err
            records = payload if isinstance(payload, list) else [payload]
            yield from _records(records, name, fmt, published)
        elif fmt == "jsonl":
            yield from _jsonl(text, name, published)
        else:
            rows = csv.DictReader(io.StringIO(text, newline=""))
            yield from _records(rows, name, fmt, published)
    except ArticleError as err:
        yield Skip(name, str(err))
    except csv.Error as err:
        yield Skip(name, f"{name}: malformed CSV ({err})")


def _records(records: Iterable[object], name: str, fmt: str, published: dt.date | None):
    for i, record in enumerate(records, start=1):
        try:
            yield from_record(record, path=f"{name}#{i}", fmt=fmt, published=published)
        except ArticleError as err:
            yield Skip(f"{name}#{i}", str(err))


def _jsonl(text: str, name: str, published: dt.date | None) -> Iterator[Article | Skip]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            why = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
            yield Skip(f"{name}:{lineno}", f"{name}:{lineno}: malformed JSON line ({why})")
            continue
        try:
            yield from_record(record, path=f"{name}:{lineno}", fmt="jsonl", published=published)
        except ArticleError as err:
            yield Skip(f"{name}:{lineno}", str(err))


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skip]:
    """Expand folders (recursively, sorted). Inside folders, archives become Skips and files of other
    types (notes, images) are ignored and counted in the log; a named file of an unsupported type or a
    missing path becomes a Skip."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            ignored = 0
            for child in sorted(path.rglob("*")):
                if not child.is_file():
                    continue
                suffix = child.suffix.lower()
                if suffix in SUPPORTED:
                    yield child
                elif suffix in ARCHIVES:
                    yield Skip(str(child), f"{child}: archives are not unpacked; extract the files first")
                else:
                    ignored += 1
            if ignored:
                logger.info("%s: ignored %d files that are not article files", path, ignored)
        elif path.is_file():
            yield path
        else:
            yield Skip(str(path), f"{path}: no such file or folder")


def read_paths(paths: Iterable[str | Path], *, published: dt.date | None = None) -> Iterator[Article | Skip]:
    """Every article in the given files and folders, in a stable order, with Skips for bad input."""
    for item in iter_files(paths):
        if isinstance(item, Skip):
            yield item
            continue
        try:
            size = item.stat().st_size
            if size > MAX_BYTES:
                yield Skip(str(item), f"{item}: file too large ({size:,} bytes > {MAX_BYTES:,})")
                continue
            data = item.read_bytes()
        except OSError as err:
            yield Skip(str(item), f"{item}: cannot read ({err.strerror})")
            continue
        yield from parse_bytes(data, str(item), published=published)
