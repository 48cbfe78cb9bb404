"""The theatre: where a corpus's events are, as a prior for bare names that several villages share.

A front-line report often names a village and nothing else ("Novokaterynivka", "Pisky"): a dozen villages
in as many regions carry the name and the text cannot tell them apart. An analyst reading a stream of such
reports knows where the fighting is, and so does the corpus: the regions its confidently placed events fall
in. ``Theatre`` holds each region's share of those events; ranking (``geo.ranking.rank``) adds up to
``W_THEATRE`` x share to a populated place in that region. It is a tie-breaker by design: a region named in
the text (+6), the article's own places (+1.5 region, up to +2 nearby) and a real population gap outweigh
it; two villages of similar size in different regions do not.

A theatre is built from events (``theatre_of``): from the store before an ingest, or from a first pass
over a corpus being evaluated. Fewer than ``MIN_EVENTS`` placed events give no theatre (no prior from a
handful of reports), and a region under ``MIN_SHARE`` is left out.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

W_THEATRE = 2.0
MIN_EVENTS, MIN_SHARE = 20, 0.02


@dataclass(frozen=True)
class Theatre:
    """Region ("UA.05") -> share of the corpus's placed events. Hashable, picklable (sent to workers)."""

    shares: tuple[tuple[str, float], ...] = ()
    events: int = 0  # how many events it was built from

    @functools.cached_property
    def _by_code(self) -> dict[str, float]:
        return dict(self.shares)

    def share(self, admin1_code: str) -> float:
        """The region's share (0.0 outside the theatre); asked for every candidate `rank` scores."""
        return self._by_code.get(admin1_code, 0.0)

    def __bool__(self) -> bool:
        return bool(self.shares)

    def describe(self, admin1_name=lambda code: code, top: int = 3) -> str:
        """ "Donetsk Oblast 48%, Luhansk Oblast 21%, Kharkiv Oblast 9% of 1,204 events"."""
        if not self.shares:
            return "no theatre (too few placed events)"
        parts = [f"{admin1_name(code) or code} {share:.0%}" for code, share in self.shares[:top]]
        return f"{', '.join(parts)} of {self.events:,} events"


NO_THEATRE = Theatre()


def theatre_of(admin1_codes: Iterable[str] | Mapping[str, int]) -> Theatre:
    """The theatre of events given by their places' region codes, or by region code -> events (empty codes
    are not counted)."""
    counts = Counter(admin1_codes if isinstance(admin1_codes, Mapping) else list(admin1_codes))
    counts.pop("", None)
    total = sum(counts.values())
    if total < MIN_EVENTS:
        return NO_THEATRE
    shares = tuple((code, round(n / total, 4)) for code, n in counts.most_common() if n / total >= MIN_SHARE)
    return Theatre(shares, total)


def theatre_of_places(events_at: Mapping[int, int], gazetteer) -> Theatre:
    """The theatre of stored events given as GeoNames id -> events there (``store.read.event_places``);
    ids the gazetteer no longer holds are left out."""
    counts: Counter[str] = Counter()
    for geonameid, n in events_at.items():
        place = gazetteer.get(int(geonameid))
        if place is not None and place.admin1_code:
            counts[place.admin1_code] += int(n)
    return theatre_of(counts)
