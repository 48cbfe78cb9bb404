"""The gold geoparsing corpora: the readers' offsets and coordinates."""

import pytest
from shared_data import EVAL, needs_shared

from components.evaluation import gold


@needs_shared
@pytest.mark.slow
def test_readers_offsets_point_at_the_surfaces():
    for docs in (gold.read_gwn(EVAL / "GeoWebNews"), gold.read_lgl(EVAL / "LGL" / "lgl.xml")):
        assert docs and sum(len(d.toponyms) for d in docs) > 2000
        off = [t for d in docs for t in d.toponyms if d.text[t.start : t.end].lower() != t.surface.lower()]
        assert len(off) <= 2  # GeoWebNews article 123 has two gold offsets that point elsewhere
        assert all(-90 <= t.lat <= 90 and -180 <= t.lon <= 180 for d in docs for t in d.toponyms)
    assert sum(len(d.toponyms) for d in gold.read_gwn(EVAL / "GeoWebNews")) == 2401
