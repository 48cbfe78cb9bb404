"""EventFilter: one frozen object <-> SQL where-clause <-> URL query params <-> readable sentence.

Every dashboard page reads the same filter; the URL carries it so a copied link restores the view.
Values never reach SQL as text: `to_sql` returns a clause with `?` placeholders and its parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from components.errors import FilterError
from components.records import DATASETS, EVENT_TYPES

_ISO2 = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")  # ISO 639-1 ("uk"); 639-2 "und" is let through
UNKNOWN_LANGUAGE = "unknown"  # the URL's word for '' (articles stored before schema 4, imported rows)
MAX_VALUES = 50  # more values than this in one URL parameter is refused, not silently cut
MAX_TEXT = 200  # longest actor, outlet or search text accepted
PRECISION_CODES = frozenset({0, 1, 2, 3})
GEO_PRECISION_NAMES = {1: "exact place", 2: "near a place", 3: "region or country", 0: "no place"}
TIME_PRECISION_NAMES = {1: "day", 2: "week", 3: "month", 0: "undated"}


@dataclass(frozen=True)
class EventFilter:
    """What the analyst wants to see. Empty tuples / None mean "no restriction"."""

    countries: tuple[str, ...] = ()  # ISO 3166 alpha-2 codes, upper case
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] = ()
    include_undated: bool = field(default=True)  # only matters when a date bound is set
    datasets: tuple[str, ...] = ()  # records.DATASETS: articles, acled, ucdp, gdelt
    # -- added for the analyst's dashboard (issue 5) --
    actors: tuple[str, ...] = ()  # actor1 or actor2 is one of these
    outlets: tuple[str, ...] = ()  # the article's source (outlet) is one of these
    geo_precisions: tuple[int, ...] = ()  # records.GEO_* codes (1 place, 2 near, 3 region, 0 none)
    time_precisions: tuple[int, ...] = ()  # records.TIME_* codes (1 day, 2 week, 3 month, 0 undated)
    text: str = ""  # case-insensitive substring of the evidence sentence or the article title
    languages: tuple[str, ...] = ()  # the article's ISO 639-1 code ("en", "uk", "ru"); "" = unknown

    def __post_init__(self) -> None:
        for code in self.countries:
            if not _ISO2.match(code):
                raise FilterError(f"country code must be two capital letters, got {code!r}")
        for event_type in self.event_types:
            if event_type not in EVENT_TYPES:
                raise FilterError(f"unknown event type {event_type!r}")
        for dataset in self.datasets:
            if dataset not in DATASETS:
                raise FilterError(f"unknown dataset {dataset!r}; choose from {', '.join(DATASETS)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(f"start date {self.date_from} is after end date {self.date_to}")
        for name, values in (("actor", self.actors), ("outlet", self.outlets)):
            if any(not isinstance(v, str) or not v.strip() or len(v) > MAX_TEXT for v in values):
                raise FilterError(f"each {name} must be non-empty text of at most {MAX_TEXT} characters")
        for name, values in (
            ("geo precision", self.geo_precisions),
            ("time precision", self.time_precisions),
        ):
            if any(v not in PRECISION_CODES for v in values):
                raise FilterError(f"{name} must be one of {sorted(PRECISION_CODES)}, got {list(values)}")
        for code in self.languages:
            if code and not _LANGUAGE.match(code):
                raise FilterError(f"language must be a lower-case ISO 639-1 code like 'uk', got {code!r}")
        if len(self.text) > MAX_TEXT:
            raise FilterError(f"search text longer than {MAX_TEXT} characters")

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()

    # -- SQL ---------------------------------------------------------------------------------
    def to_sql(self, *, alias: str = "") -> tuple[str, list[object]]:
        """A WHERE clause (without the keyword; "TRUE" when empty) and its bound parameters."""
        col = f"{alias}." if alias else ""
        clauses: list[str] = []
        params: list[object] = []
        if self.countries:
            clauses.append(f"{col}country_code IN ({', '.join('?' for _ in self.countries)})")
            params.extend(self.countries)
        if self.event_types:
            clauses.append(f"{col}event_type IN ({', '.join('?' for _ in self.event_types)})")
            params.extend(self.event_types)
        if self.datasets:
            clauses.append(f"{col}dataset IN ({', '.join('?' for _ in self.datasets)})")
            params.extend(self.datasets)
        if self.languages:  # NULL (a Parquet file written before schema 4) counts as unknown ''
            clauses.append(f"coalesce({col}language, '') IN ({', '.join('?' for _ in self.languages)})")
            params.extend(self.languages)
        date_parts: list[str] = []
        if self.date_from:
            date_parts.append(f"{col}event_date >= ?")
            params.append(self.date_from)
        if self.date_to:
            date_parts.append(f"{col}event_date <= ?")
            params.append(self.date_to)
        if date_parts:
            dated = " AND ".join(date_parts)
            if self.include_undated:
                clauses.append(f"(({dated}) OR {col}event_date IS NULL)")
            else:
                clauses.append(dated)
        self._extra_sql(col, clauses, params)
        return (" AND ".join(clauses) or "TRUE"), params

    def _extra_sql(self, col: str, clauses: list[str], params: list[object]) -> None:
        """Actor, outlet, precision and text conditions (outlet and title live in `articles`)."""
        if self.actors:
            marks = ", ".join("?" for _ in self.actors)
            clauses.append(f"({col}actor1 IN ({marks}) OR {col}actor2 IN ({marks}))")
            params.extend([*self.actors, *self.actors])
        if self.outlets:
            marks = ", ".join("?" for _ in self.outlets)
            clauses.append(f"{col}article_id IN (SELECT article_id FROM articles WHERE source IN ({marks}))")
            params.extend(self.outlets)
        for name, values in (
            ("geo_precision", self.geo_precisions),
            ("time_precision", self.time_precisions),
        ):
            if values:
                clauses.append(f"{col}{name} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if self.text.strip():
            pattern = "%" + _like_escape(self.text.strip()) + "%"
            clauses.append(
                f"({col}evidence ILIKE ? ESCAPE '\\' OR {col}article_id IN "
                "(SELECT article_id FROM articles WHERE title ILIKE ? ESCAPE '\\'))"
            )
            params.extend([pattern, pattern])

    # -- URL ---------------------------------------------------------------------------------
    def to_query_params(self) -> dict[str, str | list[str]]:
        """Query parameters for `st.query_params`; defaults are left out to keep links short."""
        params: dict[str, str | list[str]] = {}
        if self.countries:
            params["country"] = list(self.countries)
        if self.event_types:
            params["type"] = list(self.event_types)
        if self.date_from:
            params["from"] = self.date_from.isoformat()
        if self.date_to:
            params["to"] = self.date_to.isoformat()
        if not self.include_undated:
            params["undated"] = "0"
        if self.datasets:
            params["dataset"] = list(self.datasets)
        if self.languages:
            params["lang"] = [code or UNKNOWN_LANGUAGE for code in self.languages]
        if self.actors:
            params["actor"] = list(self.actors)
        if self.outlets:
            params["outlet"] = list(self.outlets)
        if self.geo_precisions:
            params["geoprec"] = [str(v) for v in self.geo_precisions]
        if self.time_precisions:
            params["timeprec"] = [str(v) for v in self.time_precisions]
        if self.text.strip():
            params["q"] = self.text.strip()
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, object]) -> EventFilter:
        """Parse URL query parameters; raises FilterError with a readable reason when invalid."""
        countries = tuple(sorted({c.strip().upper() for c in _values(params, "country") if c.strip()}))
        types = tuple(t for t in _values(params, "type") if t)
        return cls(
            countries=countries,
            event_types=tuple(dict.fromkeys(types)),
            date_from=_date(params, "from"),
            date_to=_date(params, "to"),
            include_undated=_single(params, "undated") != "0",
            datasets=tuple(sorted({d.strip().lower() for d in _values(params, "dataset") if d.strip()})),
            actors=tuple(dict.fromkeys(_values(params, "actor", split=False))),
            outlets=tuple(dict.fromkeys(_values(params, "outlet", split=False))),
            geo_precisions=_codes(params, "geoprec"),
            time_precisions=_codes(params, "timeprec"),
            text=(_single(params, "q", split=False) or "").strip(),
            languages=_languages(params),
        )

    # -- words -------------------------------------------------------------------------------
    def describe(
        self,
        n_events: int,
        country_names: Mapping[str, str] | None = None,
        language_names: Mapping[str, str] | None = None,
    ) -> str:
        """A sentence saying what is shown, e.g. "12 events in Ukraine, 1 Oct 2022 - 15 Oct 2022"
        (`language_names`: {code: name}, "" for the unknown language; codes are shown without it)."""
        names = country_names or {}
        noun = "event" if n_events == 1 else "events"
        parts = [f"{n_events:,} {noun}"]
        if self.countries:
            parts.append("in " + ", ".join(names.get(c, c) for c in self.countries))
        else:
            parts.append("in all countries")
        text = " ".join(parts)
        if self.date_from or self.date_to:
            start = _fmt(self.date_from) if self.date_from else "the start"
            end = _fmt(self.date_to) if self.date_to else "the latest"
            text += f", {start} – {end}"
            if self.include_undated:
                text += " (plus undated)"
        if self.event_types:
            text += ", " + ", ".join(t.lower() for t in self.event_types)
        if self.datasets:
            text += ", from " + ", ".join(self.datasets)
        if self.languages:
            langs = language_names or {}
            shown = [langs.get(c) or c or "unknown language" for c in self.languages]
            text += ", articles in " + " or ".join(shown)
        if self.actors:
            text += ", involving " + " or ".join(self.actors)
        if self.outlets:
            text += ", reported by " + " or ".join(self.outlets)
        if self.geo_precisions:
            text += ", places: " + ", ".join(GEO_PRECISION_NAMES[v] for v in self.geo_precisions)
        if self.time_precisions:
            text += ", dates known to the " + ", ".join(TIME_PRECISION_NAMES[v] for v in self.time_precisions)
        if self.text.strip():
            text += f', mentioning "{self.text.strip()}"'
        return text


def _values(params: Mapping[str, object], key: str, *, split: bool = True) -> list[str]:
    raw = params.get(key)
    getter = getattr(params, "get_all", None)
    if callable(getter):  # st.query_params keeps repeated keys; get_all returns them all
        raw = getter(key)
    if raw is None:
        return []
    values = [raw] if isinstance(raw, str) else list(raw)  # type: ignore[arg-type]
    if len(values) > MAX_VALUES:
        raise FilterError(f"too many values for {key!r} ({len(values)} > {MAX_VALUES})")
    out: list[str] = []
    for value in values:
        if not isinstance(value, str) or len(value) > 200:
            raise FilterError(f"invalid value for {key!r}")
        out.extend(v for v in (value.split(",") if split else [value]) if v)
    return out


def _single(params: Mapping[str, object], key: str, *, split: bool = True) -> str | None:
    values = _values(params, key, split=split)
    if len(values) > 1:
        raise FilterError(f"{key!r} takes one value, got {len(values)}")
    return values[0] if values else None


def _date(params: Mapping[str, object], key: str) -> dt.date | None:
    value = _single(params, key)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise FilterError(f"{key!r} must be a date like 2022-10-15, got {value[:40]!r}") from err


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def _codes(params: Mapping[str, object], key: str) -> tuple[int, ...]:
    values = _values(params, key)
    if any(v not in {"0", "1", "2", "3"} for v in values):
        raise FilterError(f"{key!r} takes precision codes 0-3, got {values[:5]}")
    return tuple(sorted({int(v) for v in values}))


def _languages(params: Mapping[str, object]) -> tuple[str, ...]:
    """The `lang` codes of the URL, lower case, sorted; "unknown" is the empty code."""
    codes = {v.strip().lower() for v in _values(params, "lang") if v.strip()}
    return tuple(sorted("" if c == UNKNOWN_LANGUAGE else c for c in codes))


def _like_escape(text: str) -> str:
    """The text as a literal inside an ILIKE pattern (\\ escapes % and _)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
