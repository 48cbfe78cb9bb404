"""Geocoders that speak geopy: the offline ``GazetteerGeocoder`` (default) and an opt-in online one.

``SERVICE_TO_GEOCODER`` names them (the ``geocoder`` setting, as geopy's own ``SERVICE_TO_GEOCODER``
does); ``make_geocoder`` builds the chosen one. Each distinct name is geocoded once per document
(``resolve_names``).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from components.geo.gazetteer.index import Gazetteer
from components.geo.gazetteer.names import normalize_name
from components.geo.geocoders.gazetteer import GazetteerGeocoder
from components.geo.geocoders.online import CachedOnlineGeocoder, user_agent
from components.geo.ranking import DocContext
from components.geo.theatre import NO_THEATRE, Theatre

logger = logging.getLogger(__name__)

SERVICE_TO_GEOCODER: dict[str, type[Geocoder]] = {"gazetteer": GazetteerGeocoder, "nominatim": Nominatim}


def make_geocoder(
    settings=None,
    *,
    gazetteer: Gazetteer | None = None,
    cache_path: Path | str | None = None,
    online_factory: Callable[..., Geocoder] | None = None,
    theatre: Theatre = NO_THEATRE,
) -> GazetteerGeocoder | CachedOnlineGeocoder:
    """The geocoder chosen by the ``geocoder`` setting (anything with ``.get(name)``: a dict or
    ``components.settings``). ``gazetteer`` (default) is offline; ``nominatim`` is opt-in. ``theatre``: the
    corpus's event regions, the offline gazetteer's tie-breaker between same-named villages."""
    if settings is None:
        from components import settings
    service = (settings.get("geocoder") or "gazetteer").lower()
    if service not in SERVICE_TO_GEOCODER:
        from components.errors import GeocodingError

        raise GeocodingError(f"unknown geocoder {service!r}; choose one of {sorted(SERVICE_TO_GEOCODER)}")
    offline = GazetteerGeocoder(gazetteer, theatre=theatre)
    if service == "gazetteer":
        return offline
    factory = online_factory or SERVICE_TO_GEOCODER[service]
    geocoder = CachedOnlineGeocoder(factory(user_agent=user_agent()), offline, cache_path=cache_path)
    logger.info("using the online geocoder %s (rate-limited, cached in %s)", service, geocoder.cache_path)
    return geocoder


def with_theatre(geocoder, theatre: Theatre):
    """The geocoder ranking with ``theatre``: a copy of the offline one (the given one is left as it was);
    an online geocoder ranks by its own service, its offline fallback keeps its theatre."""
    if isinstance(geocoder, GazetteerGeocoder) and geocoder.theatre != theatre:
        geocoder = copy.copy(geocoder)
        geocoder.theatre = theatre
    return geocoder


def resolve_names(
    names: Iterable[str], context: DocContext | None, geocoder: GazetteerGeocoder | CachedOnlineGeocoder
) -> dict[str, Location | None]:
    """Geocode each distinct name once (per document context); map every given spelling to its result."""
    done: dict[tuple[str, bool], Location | None] = {}
    out: dict[str, Location | None] = {}
    for name in names:
        if name in out:
            continue
        key = (normalize_name(name), not any(ch.islower() for ch in name))
        if key not in done:
            done[key] = geocoder.geocode(name, context=context)
        out[name] = done[key]
    found = sum(v is not None for v in out.values())
    logger.debug("resolved %d/%d distinct names (%d geocoder calls)", found, len(out), len(done))
    return out
