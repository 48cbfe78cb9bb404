"""RSS and Atom feeds -> Articles, polled on a schedule: `python -m components watch FEED... --every 15m`.

Each entry becomes an Article: the entry title, its content (or summary) with the HTML stripped, its
publication date, its link, and the feed's title as the source outlet. Feeds are read by feedparser (a URL,
a local file or a string). Only new items are processed: the article id is a hash of the title and text, so
an entry seen before is counted as already stored and costs nothing. A feed that cannot be read is a counted
skip with its reason; the watch loop never stops on one bad feed, and stops cleanly on Ctrl-C.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from components.errors import ArticleError, ConflictTimelineError
from components.ingest.articles import Skip, make_article
from components.records import Article

logger = logging.getLogger(__name__)

BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
              "table", "section", "article", "figure", "pre"}  # fmt: skip
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _n(n: int, one: str, many: str = "") -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def parse_interval(text: str) -> float:
    """'15m' -> 900.0 seconds; accepts s, m, h, d (a bare number is seconds). Raises ValueError."""
    match = _INTERVAL.match(text or "")
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"expected an interval like 30s, 15m or 1h, got {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, block elements become paragraph breaks."""
    if "<" not in markup:
        return markup.strip()
    from lxml import etree, html

    try:
        root = html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError) as err:
        logger.debug("unparseable HTML fragment (%s); using it as text", err)
        return re.sub(r"<[^>]+>", " ", markup).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in BLOCK_TAGS:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag.lower() in BLOCK_TAGS:
            parts.append("\n\n")

    walk(root)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "".join(parts))]
    return "\n\n".join(p for p in paragraphs if p)


def _date(entry: dict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def entry_article(entry: dict, *, feed_title: str, feed: str) -> Article:
    """One feed entry as an Article (raises ArticleError when it has no text)."""
    contents = entry.get("content") or []
    body = next((c.get("value", "") for c in contents if c.get("value")), "") or entry.get("summary", "")
    return make_article(
        title=html_to_text(entry.get("title", "")), text=html_to_text(body), published=_date(entry),
        source=feed_title, url=entry.get("link", ""), path=f"{feed}#{entry.get('id') or entry.get('link', '')}",
        fmt="feed",
    )  # fmt: skip


def read_feed(source: str) -> tuple[str, list[Article | Skip]]:
    """The feed's title and its entries as Articles (or Skips with the reason)."""
    import feedparser

    target = str(Path(source)) if Path(source).is_file() else source
    parsed = feedparser.parse(target)
    title = " ".join(str(parsed.feed.get("title", "")).split()) or source
    if not parsed.entries:
        reason = f"{source}: no entries"
        if parsed.get("bozo"):
            reason += f" (not a readable feed: {str(parsed.get('bozo_exception', ''))[:120]})"
        return title, [Skip(source, reason)]
    items: list[Article | Skip] = []
    for i, entry in enumerate(parsed.entries, start=1):
        try:
            items.append(entry_article(entry, feed_title=title, feed=source))
        except ArticleError as err:
            items.append(Skip(f"{source}#{i}", f"{source} entry {i}: {err}"))
    return title, items


@dataclass
class PollReport:
    """One poll of every feed."""

    entries: int = 0
    new: int = 0
    already: int = 0
    events: int = 0
    skipped: list[Skip] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"feeds polled: {_n(self.entries, 'entry', 'entries')}, {_n(self.new, 'new article')}, "
                f"{self.already} already stored, {_n(self.events, 'event')}, {len(self.skipped)} skipped "
                f"({self.seconds:.1f} s)")  # fmt: skip


def poll(feeds: Sequence[str], db_path: str | Path) -> PollReport:
    """Read every feed once and ingest the new entries into the database at `db_path`."""
    from components import pipeline, store

    started = time.perf_counter()
    items: list[Article | Skip] = []
    for feed in feeds:
        title, found = read_feed(feed)
        logger.debug("%s (%s): %d items", feed, title, len(found))
        items.extend(found)
    report = PollReport(entries=sum(isinstance(i, Article) for i in items))
    con = store.connect(db_path)  # held only during the poll: readers can open the file between polls
    try:
        ingested = pipeline.ingest_items(items, con)
    finally:
        con.close()
    report.new, report.already, report.events = ingested.articles_new, ingested.duplicates, ingested.events
    report.skipped = list(ingested.skipped)
    report.seconds = time.perf_counter() - started
    logger.info(report.line())
    if report.skipped:
        logger.warning("%d feed items skipped: %s", len(report.skipped),
                       "; ".join(s.reason for s in report.skipped[:5]))  # fmt: skip
    return report


def watch(
    feeds: Sequence[str], db_path: str | Path, *, every: float, once: bool = False,
    sleep: Callable[[float], None] = time.sleep, max_polls: int | None = None,
) -> Iterator[PollReport]:  # fmt: skip
    """Poll the feeds now and then every `every` seconds (one poll with `once`); yields each report.

    A poll that fails with a package error is logged and retried at the next interval. Ctrl-C
    (KeyboardInterrupt) ends the loop between or during polls; the database is closed by `poll`.
    """
    polls = 0
    while True:
        try:
            yield poll(feeds, db_path)
        except ConflictTimelineError as err:
            logger.error("poll failed: %s; retrying in %.0f s", err, every)
        polls += 1
        if once or (max_polls is not None and polls >= max_polls):
            return
        logger.info("next poll in %.0f s (Ctrl-C to stop)", every)
        sleep(every)
