"""Reading a Parquet dataset: the workers' files carry the article language, and a dataset written before
the language columns existed reads like a current one (language '' = unknown)."""

from __future__ import annotations

import dataclasses

from store.test_store import make

from components import store
from components.filters import EventFilter
from components.scaleout import distributed, parquet
from components.store import queries


def write_chunk(out, language: str, article_id: str, *, drop_language: bool = False) -> None:
    """One worker chunk of one article (optionally as a release before schema 4 wrote it)."""
    art, mentions, evs = make(article_id)
    mem = store.open_memory()
    try:
        store.write_article(mem, dataclasses.replace(art, language=language), mentions, evs)
        if drop_language:
            mem.execute("ALTER TABLE events DROP COLUMN language")
            mem.execute("ALTER TABLE articles DROP COLUMN language")
        distributed.write_parquet(mem, out, f"r1-{article_id}")
    finally:
        mem.close()


def test_the_language_reaches_the_dataset_and_its_filter(tmp_path) -> None:
    write_chunk(tmp_path, "uk", "a1")
    write_chunk(tmp_path, "en", "a2")
    with store.reading(tmp_path) as con:
        assert sorted(store.query_events(con)["language"]) == ["en", "uk"]
        assert store.count_events(con, EventFilter(languages=("uk",))) == 1
        assert store.get_article(con, "a1")["language"] == "uk"
        assert sorted(queries.language_options(con)) == ["en", "uk"]


def test_a_dataset_without_the_language_columns_reads_as_unknown(tmp_path) -> None:
    write_chunk(tmp_path, "uk", "a1", drop_language=True)
    with store.reading(tmp_path) as con:
        assert store.query_events(con)["language"].tolist() == [""]
        assert store.query_articles(con)["language"].tolist() == [""]
        assert store.count_events(con, EventFilter(languages=("",))) == 1
        assert store.count_events(con, EventFilter(languages=("uk",))) == 0
        assert queries.language_options(con) == [""]


def test_added_columns_are_only_added_when_missing(tmp_path) -> None:
    write_chunk(tmp_path, "ru", "a1")
    con = store.open_memory()
    try:
        select = parquet.table_select("articles", sorted((tmp_path / "articles").glob("*.parquet")))
        assert parquet.with_added_columns(con, "articles", select) == select
        assert parquet.with_added_columns(con, "mentions", "SELECT 1 AS x") == "SELECT 1 AS x"
        old = "SELECT 'a' AS article_id"
        assert "CAST('' AS VARCHAR) AS language" in parquet.with_added_columns(con, "articles", old)
    finally:
        con.close()
