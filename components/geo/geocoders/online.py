"""The opt-in online geocoders: a geopy geocoder behind a rate limiter and a persistent cache, coded by
the gazetteer and falling back to it on any failure."""

from __future__ import annotations

import json
import logging
import math
import sqlite3
from collections.abc import Callable
from pathlib import Path

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from components.geo.geocoders.gazetteer import GazetteerGeocoder
from components.geo.ranking import DocContext
from components.settings import ROOT

logger = logging.getLogger(__name__)

DEFAULT_CACHE = ROOT / "data" / "cache" / "geocode.sqlite"


def user_agent() -> str:
    """The User-Agent the online services see (Nominatim's policy asks for one naming the application)."""
    from components import __version__

    return f"conflict-timeline/{__version__} (+https://example.org/conflict-timeline)"


class CachedOnlineGeocoder:
    """An online geopy geocoder behind a rate limiter and a persistent sqlite cache, falling back to the
    offline gazetteer on any geopy error or empty answer. ``failures`` counts the errors."""

    def __init__(
        self,
        online: Geocoder,
        fallback: GazetteerGeocoder,
        *,
        cache_path: Path | str | None = None,
        min_delay_seconds: float = 1.0,
    ) -> None:
        """``cache_path``: the sqlite cache (default ``DEFAULT_CACHE``)."""
        self.online, self.fallback, self.failures = online, fallback, 0
        self._call: Callable = RateLimiter(
            online.geocode, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False
        )
        self.cache_path = Path(cache_path or DEFAULT_CACHE)
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.cache_path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS geocode (query TEXT PRIMARY KEY, result TEXT)")
        self.service = type(online).__name__.lower()

    def geocode(self, query: str, *, context: DocContext | None = None, **kwargs) -> Location | None:
        key = f"{self.service}:{query}"
        row = self._db.execute("SELECT result FROM geocode WHERE query = ?", (key,)).fetchone()
        if row is not None:
            cached = json.loads(row[0])
            if cached is None:
                return None
            return Location(cached["address"], Point(cached["lat"], cached["lon"]), cached["raw"])
        try:
            loc = self._call(query, exactly_one=True)
            if loc is not None:
                loc = self._checked(loc)
        except (GeopyError, ValueError, TypeError, KeyError, AttributeError) as err:
            # timeouts, 429 rate limits, service errors and garbage answers: the gazetteer answers instead
            self.failures += 1
            logger.warning(
                "online geocoder failed (%d failures so far), using the gazetteer: %s: %s",
                self.failures,
                type(err).__name__,
                err,
            )
            return self.fallback.geocode(query, context=context)
        value = None
        if loc is not None:
            value = {"address": loc.address, "lat": loc.latitude, "lon": loc.longitude, "raw": loc.raw}
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO geocode VALUES (?, ?)", (key, json.dumps(value)))
        return loc if loc is not None else self.fallback.geocode(query, context=context)

    def _checked(self, loc: Location) -> Location:
        """Validate an online answer and give it the gazetteer's codes (country, admin1, id) of the
        nearest known place; raises ValueError for an answer that is not a usable point."""
        if not isinstance(loc, Location):
            raise TypeError(f"not a geopy Location: {type(loc).__name__}")
        lat, lon = float(loc.latitude), float(loc.longitude)
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"coordinates out of range: {lat}, {lon}")
        near = self.fallback.reverse((lat, lon), max_km=100)
        raw = dict(near.raw) if near is not None else {"geonameid": 0, "country_code": "", "admin1": ""}
        raw.update(
            {
                "name": str(loc.address).split(",")[0],
                "score": 0.0,
                "candidates": [],
                "reason": f"{self.service} answer; codes of the nearest gazetteer place",
                "online": loc.raw if isinstance(loc.raw, dict) else {},
            }
        )
        return Location(str(loc.address), Point(lat, lon), raw)

    def close(self) -> None:
        self._db.close()
