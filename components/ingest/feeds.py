"""RSS and Atom feeds -> Articles; polling them on a schedule and ingesting the new items is the watch
service (services.watch_feeds, `python -m components watch FEED... --every 15m`).

Each entry becomes an Article: the entry title, its content (or summary) with the HTML stripped, its
publication date, its link, and the feed's title as the source outlet. Feeds are read by feedparser (a URL,
a local file or a string). The article id is a hash of the title and text, so an entry seen before is
counted as already stored by the ingest. A feed that cannot be read is a Skip with its reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from components.errors import ArticleError
from components.ingest.articles import Skip, make_article
from components.records import Article

logger = logging.getLogger(__name__)

# Elements that start a new paragraph of the text.
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "figure",
    "pre",
}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


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
    link = entry.get("link", "")
    return make_article(
        title=html_to_text(entry.get("title", "")),
        text=html_to_text(body),
        published=_date(entry),
        source=feed_title,
        url=link,
        path=f"{feed}#{entry.get('id') or link}",
        fmt="feed",
    )


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
