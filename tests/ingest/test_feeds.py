"""RSS 2.0 and Atom feeds written by the tests -> Articles; the `watch` command (the poll and watch loop are
tested in tests/test_services.py)."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from components.ingest import feeds

ROOT = Path(__file__).resolve().parents[2]

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Test  Front Line Wire</title><link>https://example.org/</link><description>test</description>
  <item>
    <title>Drone strike hits Odesa port</title>
    <link>https://example.org/odesa</link>
    <guid>odesa-1</guid>
    <pubDate>Mon, 17 Oct 2022 08:00:00 GMT</pubDate>
    <description><![CDATA[<p>Russian drones <b>struck</b> the port of Odesa on Monday, officials said.</p>
      <p>Two people were killed.</p><script>alert(1)</script>]]></description>
  </item>
  <item>
    <title>Shelling in Nikopol</title>
    <link>https://example.org/nikopol</link>
    <pubDate>Tue, 18 Oct 2022 09:30:00 GMT</pubDate>
    <description>Artillery shelled Nikopol overnight.</description>
  </item>
  <item><title></title><description></description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title><id>urn:test:atom</id><updated>2022-10-19T10:00:00Z</updated>
  <entry>
    <title>Missiles strike Kyiv</title>
    <id>urn:test:kyiv</id>
    <link href="https://example.org/kyiv"/>
    <published>2022-10-19T06:00:00Z</published><updated>2022-10-19T07:00:00Z</updated>
    <summary>short summary</summary>
    <content type="html">&lt;p&gt;Missiles struck central Kyiv on Wednesday morning.&lt;/p&gt;</content>
  </entry>
</feed>
"""


@pytest.fixture
def feed_files(tmp_path: Path) -> tuple[Path, Path]:
    rss, atom = tmp_path / "wire.rss", tmp_path / "desk.atom"
    rss.write_text(RSS, encoding="utf-8")
    atom.write_text(ATOM, encoding="utf-8")
    return rss, atom


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("30s", 30), ("1h", 3600), ("90", 90), ("2d", 172800)]
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert feeds.parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "soon", "-5m", "15 minutes"])
def test_parse_interval_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        feeds.parse_interval(text)


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = feeds.html_to_text("<p>One <b>bold</b> line.</p><p>Two</p><script>x()</script>tail<br>end")
    assert text == "One bold line.\n\nTwo\n\ntail\n\nend"
    assert feeds.html_to_text("plain & simple") == "plain & simple"


def test_rss_entries_become_articles(feed_files: tuple[Path, Path]) -> None:
    title, items = feeds.read_feed(str(feed_files[0]))
    assert title == "Test Front Line Wire"
    first, second, empty = items
    assert first.title == "Drone strike hits Odesa port"
    assert (
        first.text
        == "Russian drones struck the port of Odesa on Monday, officials said.\n\nTwo people were killed."
    )
    assert first.published == dt.date(2022, 10, 17) and first.source == "Test Front Line Wire"
    assert first.url == "https://example.org/odesa"
    assert second.published == dt.date(2022, 10, 18)
    assert "no text" in empty.reason  # an empty entry is a counted skip


def test_atom_entry_prefers_content_and_published(feed_files: tuple[Path, Path]) -> None:
    title, (entry,) = feeds.read_feed(str(feed_files[1]))
    assert title == "Atom Desk"
    assert entry.text == "Missiles struck central Kyiv on Wednesday morning."
    assert entry.published == dt.date(2022, 10, 19) and entry.url == "https://example.org/kyiv"


def test_unreadable_feed_is_a_skip(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("this is not a feed", encoding="utf-8")
    _, (skip,) = feeds.read_feed(str(bad))
    assert "no entries" in skip.reason


def test_cli_watch_once(feed_files: tuple[Path, Path], tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    cmd = [sys.executable, "-m", "components", "watch", str(feed_files[0]), "--once", "--db", str(db)]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.startswith("feeds polled: 2 entries, 2 new articles, 0 already stored")
    bad_cmd = [sys.executable, "-m", "components", "watch", "x", "--every", "soon"]
    bad = subprocess.run(bad_cmd, cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "interval" in bad.stderr


def test_cli_watch_stops_cleanly_on_ctrl_c(feed_files: tuple[Path, Path], tmp_path: Path) -> None:
    db = tmp_path / "int.duckdb"
    cmd = [sys.executable, "-m", "components", "watch", str(feed_files[1]), "--every", "1h", "--db", str(db)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()  # type: ignore[union-attr]
        assert first.startswith("feeds polled: 1 entry, 1 new article,")
        proc.send_signal(signal.SIGINT)  # Ctrl-C while waiting for the next poll
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "stopped" in err and "Traceback" not in err
