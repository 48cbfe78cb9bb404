"""Paths into ../shared (read-only material beside the checkout) and the marker for tests needing it."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_1f1221cdb2d687cf.txt"
EVAL = SHARED / "eval"

needs_shared = pytest.mark.skipif(
    not SEED.exists(), reason=f"{SHARED} is absent: the seed article and eval data live there"
)
