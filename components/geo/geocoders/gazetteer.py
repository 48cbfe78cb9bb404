"""The offline geocoder: geopy's ``Geocoder`` interface over the built gazetteer, ranking in context.

A location it returns carries the place's codes and the top candidates in ``raw``
(``location_to_place``, ``candidates_of``).
"""

from __future__ import annotations

from collections.abc import Iterable

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from components.geo.distance import haversine_km
from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.geo.ranking import DocContext, Scored, rank
from components.geo.theatre import NO_THEATRE, Theatre
from components.records import Candidate, Place


def _address(gaz: Gazetteer, place: Place) -> str:
    """ "Kramatorsk, Donetsk Oblast, Ukraine": the place, its region and its country."""
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if place.feature_code != "PCLI":
        parts.append(gaz.country_name(place.country_code) or place.country_code)
    return ", ".join(p for p in parts if p)


def _location(gaz: Gazetteer, best: Scored, ranked: list[Scored]) -> Location:
    """The geopy location of the best entry; ``raw`` holds its codes and the top five candidates."""
    p = gaz.place(best.row)
    candidates = [
        {
            "geonameid": int(gaz.geonameid[s.row]),
            "name": gaz.name(s.row),
            "country_code": gaz.code("country_code", s.row),
            "score": s.score,
            "reason": s.reason,
        }
        for s in ranked[:5]
    ]
    raw = {
        "geonameid": p.geonameid,
        "name": p.name,
        "country_code": p.country_code,
        "admin1": p.admin1,
        "admin1_code": p.admin1_code,
        "feature_class": p.feature_class,
        "feature_code": p.feature_code,
        "population": p.population,
        "score": best.score,
        "reason": best.reason,
        "candidates": candidates,
    }
    return Location(_address(gaz, p), Point(p.latitude, p.longitude), raw)


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over the built gazetteer. Never sends a request (its adapter is never used)."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        timeout=DEFAULT_SENTINEL,
        adapter_factory=None,
        theatre: Theatre = NO_THEATRE,
    ) -> None:
        super().__init__(timeout=timeout, adapter_factory=adapter_factory, user_agent="conflict-timeline")
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.theatre = theatre  # the corpus's event regions: breaks ties between same-named villages

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout=DEFAULT_SENTINEL,
        context: DocContext | None = None,
        country_codes: str | Iterable[str] | None = None,
        limit: int | None = None,
        within: str = "",
    ) -> Location | list[Location] | None:
        """The best entry for ``query`` in ``context`` (or up to ``limit`` entries), None when unknown;
        ``within`` a region or country code that the text qualifies the name with."""
        ranked = rank(self.gazetteer, str(query).strip(), context, country_codes, within, self.theatre)
        if not ranked:
            return None
        if exactly_one:
            return _location(self.gazetteer, ranked[0], ranked)
        return [_location(self.gazetteer, s, ranked) for s in ranked[: limit or len(ranked)]]

    def reverse(
        self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, max_km: float = 50.0
    ) -> Location | list[Location] | None:
        """The nearest town or landmark within ``max_km`` of a point ("lat, lon", tuple or Point)."""
        point = Point(query)
        row = self.gazetteer.nearest(point.latitude, point.longitude, max_km=max_km)
        if row is None:
            return None
        lat, lon = float(self.gazetteer.latitude[row]), float(self.gazetteer.longitude[row])
        d = haversine_km(point.latitude, point.longitude, lat, lon)
        loc = _location(self.gazetteer, Scored(0.0, row, True, f"nearest place, {d:.1f} km"), [])
        return loc if exactly_one else [loc]


def location_to_place(loc: Location) -> Place:
    """The ``records.Place`` of a location returned by these geocoders."""
    raw = loc.raw or {}
    return Place(
        geonameid=int(raw.get("geonameid") or 0),
        name=raw.get("name") or loc.address.split(",")[0],
        latitude=loc.latitude,
        longitude=loc.longitude,
        country_code=raw.get("country_code", ""),
        admin1=raw.get("admin1", ""),
        admin1_code=raw.get("admin1_code", ""),
        feature_class=raw.get("feature_class", "P"),
        feature_code=raw.get("feature_code", "PPL"),
        population=int(raw.get("population") or 0),
    )


def candidates_of(loc: Location | None) -> tuple[Candidate, ...]:
    """The top candidates considered for a location ("why this place?")."""
    if loc is None:
        return ()
    found = (loc.raw or {}).get("candidates", ())
    return tuple(
        Candidate(int(c["geonameid"]), c["name"], c["country_code"], float(c["score"]), c["reason"])
        for c in found
    )
