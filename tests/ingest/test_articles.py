"""Reading articles from every supported format, with boilerplate dropped and bad input skipped."""

import datetime as dt
import json

import pytest
from shared_data import SEED, needs_shared

from components.errors import ArticleError
from components.ingest import articles
from components.ingest.articles import Skip
from components.records import Article

TXT = """Strike hits a power station near Kharkiv
Published: 2022-10-11
Source: Test desk

A missile strike hit a power station near Kharkiv on Monday.

Also Read :  Unrelated headline about stocks in Asia

Repair crews arrived on Tuesday.

Source

Leave a Reply

Your email address will not be published.
"""


def parse(data: bytes | str, name: str, **kw) -> list:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(articles.parse_bytes(raw, name, **kw))


def test_txt_title_header_and_boilerplate():
    [art] = parse(TXT, "a.txt")
    assert art.title == "Strike hits a power station near Kharkiv"
    assert art.published == dt.date(2022, 10, 11)
    assert art.source == "Test desk"
    assert art.fmt == "txt"
    assert "Also Read" not in art.text and "Asia" not in art.text
    assert "Leave a Reply" not in art.text and "email address" not in art.text
    assert not any(line.strip() == "Source" for line in art.text.splitlines())
    assert art.text.startswith("A missile strike") and art.text.endswith("on Tuesday.")


def test_published_option_used_only_when_metadata_has_none():
    [art] = parse("Title\n\nBody text here.", "b.txt", published=dt.date(2022, 1, 2))
    assert art.published == dt.date(2022, 1, 2)
    [art] = parse(TXT, "a.txt", published=dt.date(2000, 1, 1))
    assert art.published == dt.date(2022, 10, 11)


def test_undated_article_is_kept():
    [art] = parse("Title\n\nBody text here.", "b.txt")
    assert isinstance(art, Article) and art.published is None


def test_same_content_same_id_whitespace_insensitive():
    [a] = parse("Title\n\nSome  body\ntext.", "x.txt")
    [b] = parse("Title\n\n\nSome body text.\n", "y.txt")
    assert a.article_id == b.article_id
    [c] = parse("Title\n\nOther body text.", "z.txt")
    assert c.article_id != a.article_id


def test_json_object_list_and_field_aliases():
    one = {"title": "T1", "body": "Body one.", "date": "2022-10-08T06:00:00Z", "url": "https://example.org/1"}
    two = {"headline": "T2", "content": "Body two.", "published": "8 October 2022"}
    [a] = parse(json.dumps(one), "one.json")
    assert (a.title, a.text, a.published, a.url) == ("T1", "Body one.", dt.date(2022, 10, 8), one["url"])
    got = parse(json.dumps([one, two, "not an object"]), "list.json")
    assert [type(g).__name__ for g in got] == ["Article", "Article", "Skip"]
    assert got[1].published == dt.date(2022, 10, 8)


def test_jsonl_bad_line_is_skipped_others_kept():
    lines = [
        json.dumps({"title": "A", "text": "Alpha."}),
        "{broken",
        json.dumps({"title": "B", "text": "Beta."}),
    ]
    got = parse("\n".join(lines), "feed.jsonl")
    assert [g.title for g in got if isinstance(g, Article)] == ["A", "B"]
    [skip] = [g for g in got if isinstance(g, Skip)]
    assert skip.path == "feed.jsonl:2" and "malformed JSON" in skip.reason


def test_csv_with_quoted_newlines_and_missing_text():
    data = 'title,text,published\n"T1","Line one.\n\nLine two.",2022-10-10\n"",,2022-10-10\n'
    got = parse(data, "rows.csv")
    assert isinstance(got[0], Article) and got[0].text == "Line one.\n\nLine two."
    assert isinstance(got[1], Skip) and "neither title nor text" in got[1].reason


def test_html_via_trafilatura():
    html = """<html><head><title>Drones hit Kyiv - Example News</title>
    <meta property="article:published_time" content="2022-10-17T08:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Drones hit Kyiv</h1>
    <p>Explosive-laden drones struck central Kyiv on Monday morning, damaging a residential building.</p>
    <p>Emergency services worked through the day to clear the debris from the street below.</p>
    </article><footer>Copyright 2022 Example News</footer></body></html>"""
    [art] = parse(html, "page.html")
    assert isinstance(art, Article), art
    assert "Drones hit Kyiv" in art.title
    assert art.published == dt.date(2022, 10, 17)
    assert "struck central Kyiv" in art.text and "Copyright" not in art.text


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n  ", "blank.txt", "empty"),
        (b"\x00\x01\x02binary", "bin.txt", "binary"),
        (b"\x81\x8d\x8f\x90\x9d\xff\xfe\xfa", "garbage.txt", "not valid UTF-8"),
        (b"{not json", "bad.json", "malformed JSON"),
        (b"whatever", "notes.docx", "unsupported"),
    ],
)
def test_bad_input_becomes_a_skip_with_reason(data, name, reason):
    [skip] = parse(data, name)
    assert isinstance(skip, Skip) and reason in skip.reason


def test_read_paths_folder_and_missing(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("A\n\nAlpha text.", encoding="utf-8")
    (tmp_path / "sub" / "b.json").write_text(json.dumps({"title": "B", "text": "Beta."}), encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    got = list(articles.read_paths([tmp_path, tmp_path / "missing.txt"]))
    assert [g.title for g in got if isinstance(g, Article)] == ["A", "B"]
    assert [g.reason for g in got if isinstance(g, Skip)] == [
        f"{tmp_path / 'missing.txt'}: no such file or folder"
    ]


def test_make_article_rejects_empty():
    with pytest.raises(ArticleError):
        articles.make_article(title="", text="  ", published=None)


@needs_shared
def test_seed_article_drops_site_chrome():
    [art] = list(articles.read_paths([SEED]))
    assert art.title.startswith("First Russian soldiers arrive in Belarus")
    for chrome in ("Also Read", "Leave a Reply", "Your email address", "Hong Kong stocks", "Musk suggests"):
        assert chrome not in art.text
    assert art.text.rstrip().endswith("the Defense Department said in a separate statement.")


def test_html_paragraphs_stay_separate_and_headline_is_not_repeated():
    html = """<html><head><title>Patriot battery for Ukraine</title>
    <meta property="article:published_time" content="2022-12-22T09:00:00Z"></head><body><article>
    <h1>Patriot battery for Ukraine</h1>
    <p>The United States announced a new package of military assistance on Wednesday for Ukraine.</p>
    <p>It includes a Patriot air defence battery, the first such system to be sent to the country.</p>
    </article></body></html>"""
    [art] = parse(html, "p.html")
    assert art.text.split("\n\n")[0].startswith("The United States announced")
    assert len(art.text.split("\n\n")) == 2
