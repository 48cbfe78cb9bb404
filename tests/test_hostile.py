"""Hostile input: every bad file gets a clear reason, every good article in the same batch is kept,
and the database stays consistent. All files are generated here."""

from __future__ import annotations

import os

import pytest

from components import pipeline, store
from components.ingest import articles
from components.ingest.articles import Skip
from components.records import Article

pytestmark = pytest.mark.slow

GOOD = (
    "Shelling in {town}\nPublished: 2022-08-10\n\n"
    "Russian artillery shelled {town} on Tuesday, damaging homes.\n"
)
TOWNS = ["Nikopol", "Kharkiv", "Mykolaiv", "Kramatorsk"]
RUSSIAN = ("Российские войска обстреляли город ночью, сообщили местные власти. " * 6).encode()
BELARUSIAN = ("Расійскія войскі абстралялі горад уначы, паведамілі мясцовыя ўлады. " * 6).encode()
SCRIPT_HTML = """<html><head><title>Strike on Odesa port</title>
<meta property="article:published_time" content="2022-07-24T08:00:00Z"></head><body>
<script>alert('pwned')</script><article><h1>Strike on Odesa port</h1>
<p>Missiles struck the port of Odesa on Saturday, a day after the grain deal was signed.</p>
<p>Officials said <img src=x onerror="alert(1)"> two missiles were shot down by air defences over the sea.</p>
<p>See <a href="javascript:alert(2)">this link</a> for the statement issued later by the navy.</p>
</article></body></html>"""

# name -> (content, expected): "ok" = ingested; "skip:<text>" = skipped with <text> in the reason.
CASES: dict[str, tuple[bytes | None, str]] = {
    "empty.txt": (b"", "skip:empty file"),
    "whitespace.txt": (b"  \n\t\n   \n", "skip:empty file"),
    "binary.txt": (bytes(range(256)) * 20, "skip:binary"),
    "huge.txt": (None, "skip:file too large"),  # 100 MB, written sparse below
    "invalid-utf8.txt": (b"Title\n\n\x81\x8d\x8f\x90\x9d broken bytes", "skip:not valid UTF-8"),
    "utf16-bom.txt": (GOOD.format(town="Sumy").encode("utf-16"), "ok"),
    "utf16-nobom.txt": (GOOD.format(town="Poltava").encode("utf-16-le"), "ok"),
    "cp1252.txt": (
        GOOD.format(town="Chernihiv").replace("homes", "homes \u2013 caf\xe9s").encode("cp1252"),
        "ok",
    ),
    "malformed.json": (b'{"title": "x", "text": ', "skip:malformed JSON"),
    "json-not-object.json": (b'["just", "strings"]', "skip:expected an object"),
    "jsonl-bad-line.jsonl": (
        b'{"title": "Dnipro strike", "text": "A missile hit Dnipro on Monday.", "published": "2022-10-11"}\n'
        b"{not json\n[1, 2]\n",
        "skip:malformed JSON line",
    ),
    "csv-missing-columns.csv": (
        b"url,author\nhttps://example.org/a,someone\n",
        "skip:neither title nor text",
    ),
    "csv-extra-columns.csv": (
        b"title,text,published,likes,shares\nProtest in Makhachkala,Protesters rallied in Makhachkala on "
        b"Sunday.,2022-09-26,10,3\n",
        "ok",
    ),
    "csv-quoted-newlines.csv": (
        b"title,text,published\n"
        b'"Drones over Kyiv","Drones struck Kyiv on Monday.\n\nFires broke out.",2022-10-18\n',
        "ok",
    ),
    "script.html": (SCRIPT_HTML.encode(), "ok"),
    "no-text.html": (
        b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "skip:no article text",
    ),
    "russian.txt": (  # read since Russian has its own stage
        b"\xd0\x97\xd0\xb0\xd0\xb3\xd0\xbe\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe\xd0\xba\n\n" + RUSSIAN,
        "ok",
    ),
    "belarusian.txt": (
        "Загаловак\n\n".encode() + BELARUSIAN,
        "skip:language be not supported",
    ),
    "no-places.txt": (
        b"Quiet day\nPublished: 2022-08-11\n\nNothing was reported by anyone today at all.\n",
        "ok",
    ),
    "no-dates.txt": (b"Strike on Izium\n\nA missile strike hit Izium, officials said.\n", "ok"),
    "duplicate.txt": (GOOD.format(town=TOWNS[0]).encode(), "duplicate"),
    "many-places.txt": (
        (
            "Ten thousand places\nPublished: 2022-08-12\n\nShelling was reported in "
            + ", ".join(["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro"] * 2000)
            + ".\n"
        ).encode(),
        "ok",
    ),
    "name with spaces.txt": (GOOD.format(town="Zhytomyr").encode(), "ok"),
    "ünïcødé-файл.txt": (GOOD.format(town="Uman").encode(), "ok"),
    "archive.zip": (b"PK\x03\x04" + b"\x00" * 40, "skip:archives are not unpacked"),
    "title-only.txt": (b"Explosions reported in Melitopol\n", "ok"),
    "crlf-bom.csv": (
        b"\xef\xbb\xbftitle,text,published\r\nKherson,Ukrainian troops entered Kherson.,2022-11-11\r\n",
        "ok",
    ),
    "nul-in-json.json": (b'{"title": "t\\u0000", "text": "Shelling hit Kupiansk \\u0000 overnight."}', "ok"),
    "deep.json": (b"[" * 5000 + b"]" * 5000, "skip:malformed JSON"),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for i, town in enumerate(TOWNS):
        (folder / f"good-{i}.txt").write_text(GOOD.format(town=town), encoding="utf-8")
    for name, (content, _) in CASES.items():
        path = folder / name
        if content is None:
            with path.open("wb") as fh:
                fh.truncate(100 * 1024 * 1024)  # 100 MB, sparse: the size check must come before reading
        else:
            path.write_bytes(content)
    db = tmp_path_factory.mktemp("db") / "hostile.duckdb"
    report = pipeline.ingest_paths([folder], db_path=db)
    con = store.connect(db, read_only=True)
    yield folder, report, con
    con.close()


def _skips_for(report, name):
    return [s for s in report.skipped if os.path.basename(s.path).split("#")[0].split(":")[0] == name]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_is_ingested_or_skipped_with_a_reason(batch, name):
    _, report, con = batch
    expected = CASES[name][1]
    skips = _skips_for(report, name)
    paths = set(store.query_articles(con).path)
    stored = {p for p in paths if os.path.basename(p).split("#")[0].split(":")[0] == name}
    if expected.startswith("skip:"):
        assert skips, f"{name}: expected a skip, report: {report.lines()}"
        assert any(expected[5:] in s.reason for s in skips), [s.reason for s in skips]
    elif expected == "duplicate":
        # Same content as good-0.txt: exactly one of the two is stored, the other counted as a duplicate.
        twin = {p for p in paths if os.path.basename(p) == "good-0.txt"}
        assert len(stored | twin) == 1 and not skips
    else:
        assert stored, f"{name} was not stored; skips: {[s.reason for s in skips]}"


def test_good_articles_in_the_same_batch_all_survive(batch):
    _, report, con = batch
    titles = set(store.query_articles(con).title)
    for town in TOWNS:
        assert f"Shelling in {town}" in titles
    assert report.duplicates == 1
    assert "Drones over Kyiv" in titles and "Dnipro strike" in titles


def test_database_is_consistent(batch):
    _, report, con = batch
    rows = con.execute(
        "SELECT a.article_id, a.n_events, count(e.event_id) FROM articles a "
        "LEFT JOIN events e USING (article_id) GROUP BY ALL"
    ).fetchall()
    assert rows and all(n == m for _, n, m in rows)
    orphans = con.execute(
        "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT article_id FROM articles)"
    )
    assert orphans.fetchone()[0] == 0
    assert store.summary(con)["articles"] == report.articles_new


def test_script_and_handlers_are_not_in_stored_text(batch):
    _, _, con = batch
    row = con.execute("SELECT text FROM articles WHERE title LIKE 'Strike on Odesa port%'").fetchone()
    assert row is not None
    assert "alert" not in row[0] and "onerror" not in row[0] and "javascript:" not in row[0]
    assert "Missiles struck the port of Odesa" in row[0]


def test_cp1252_and_utf16_text_is_decoded(batch):
    _, _, con = batch
    texts = {t: x for t, x in con.execute("SELECT title, text FROM articles").fetchall()}
    assert "caf\xe9s" in texts["Shelling in Chernihiv"] and "\u2013" in texts["Shelling in Chernihiv"]
    assert "Shelling in Sumy" in texts and "Shelling in Poltava" in texts


def test_upload_names_are_labels_only(tmp_path):
    # A hostile upload name is never used as a path: nothing is written anywhere.
    before = set(tmp_path.iterdir())
    [art] = list(articles.parse_bytes(GOOD.format(town="Lutsk").encode(), "../../etc/passwd.txt"))
    assert isinstance(art, Article) and art.path == "../../etc/passwd.txt"
    assert set(tmp_path.iterdir()) == before


def test_upload_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(articles, "MAX_BYTES", 1000)
    [skip] = list(articles.parse_bytes(b"x" * 1001, "big.txt"))
    assert isinstance(skip, Skip) and "file too large" in skip.reason


def test_processing_failure_of_one_article_is_a_skip(monkeypatch, tmp_path):
    real = pipeline.process

    def flaky(article, *args, **kwargs):
        if "Kharkiv" in article.title:
            raise RuntimeError("simulated bug")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(pipeline, "process", flaky)
    for i, town in enumerate(TOWNS):
        (tmp_path / f"{i}.txt").write_text(GOOD.format(town=town), encoding="utf-8")
    report = pipeline.ingest_paths([tmp_path], db_path=tmp_path / "x.duckdb")
    assert report.articles_new == len(TOWNS) - 1
    assert [s for s in report.skipped if "simulated bug" in s.reason]
