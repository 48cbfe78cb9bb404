"""The benchmark command's building blocks (numbers are printed by `bench`, never asserted as times)."""

import pytest

from components.evaluation import bench


def test_generated_corpus_is_deterministic_and_sized():
    a, b = bench.generated_corpus(5), bench.generated_corpus(5)
    assert [x.article_id for x in a] == [x.article_id for x in b]
    assert len({x.article_id for x in a}) == 5
    for art in a:
        assert 400 <= len(art.text.split()) < 460 and art.published is not None


@pytest.mark.slow
def test_measure_reports_all_rates():
    row = bench.measure("tiny", bench.generated_corpus(3, words=60))
    assert row.articles == 3 and row.words > 150
    for rate in (row.tokenizer_wps, row.ner_wps, row.pipeline_wps, row.ingest_wps):
        assert rate > 0
    table = bench.format_rows([row])
    assert "tiny" in table and "ingest/NER" in table
