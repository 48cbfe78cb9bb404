"""The shared sidebar filters, kept in the URL so a copied link reopens the same view.

On a session's first run the widgets are seeded from `st.query_params` (via
`EventFilter.from_query_params`); afterwards the widgets drive and every run writes the filter back to
the URL. Invalid URL parameters give a warning and fall back to no filter. The filter in effect is kept
in `st.session_state` for the pages (`current_filter()`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from components.dashboard import data
from components.dashboard.format import language_name
from components.errors import FilterError
from components.filters import GEO_PRECISION_NAMES, MAX_TEXT, TIME_PRECISION_NAMES, EventFilter
from components.geo.countries import country_name
from components.records import DATASETS, EVENT_TYPES

logger = logging.getLogger(__name__)

COUNTRIES_KEY, DATES_KEY, TYPES_KEY, UNDATED_KEY = "flt_countries", "flt_dates", "flt_types", "flt_undated"
ACTORS_KEY, OUTLETS_KEY, GEOPREC_KEY, TIMEPREC_KEY, TEXT_KEY, DATASETS_KEY = (
    "flt_actors",
    "flt_outlets",
    "flt_geoprec",
    "flt_timeprec",
    "flt_text",
    "flt_datasets",
)
LANGUAGES_KEY = "flt_languages"
DATASET_LABELS = {
    "articles": "articles (extracted here)",
    "acled": "ACLED",
    "ucdp": "UCDP GED",
    "gdelt": "GDELT",
}
FILTER_STATE = "ct_filter"  # the EventFilter in effect for this run
SEEDED_STATE = "ct_filter_seeded"  # set once the widgets have been seeded from the URL
URL_WARNING_STATE = "ct_url_warning"
FILTER_PARAMS = (  # the URL keys the filter owns
    "country",
    "type",
    "from",
    "to",
    "undated",
    "dataset",
    "actor",
    "outlet",
    "geoprec",
    "timeprec",
    "q",
    "lang",
)
BOUNDS_STATE = "ct_date_bounds"  # the dated events' first and last day, for set_dates
PRECISION_CHOICES = [1, 2, 3, 0]  # the precision filters' options, most precise first (0: unknown)
LANGUAGES_HELP = (
    "The language of the event's article, detected when it was read. Unknown: imported datasets and "
    "articles stored before languages were recorded (ingest them again into a new database to fill it)."
)
DATASETS_HELP = (
    "Events extracted from articles here, or imported from ACLED, UCDP or GDELT (Ingest page or "
    "`python -m components import`)."
)


def filter_from_url(params: Mapping[str, object]) -> tuple[EventFilter, str | None]:
    """The filter a URL asks for, or (no filter, the reason) when its parameters are invalid."""
    try:
        return EventFilter.from_query_params(params), None
    except FilterError as err:
        logger.warning("invalid filter in the URL: %s", err)
        return EventFilter(), str(err)


def country_label(code: str, names: Mapping[str, str]) -> str:
    """'Ukraine (UA)'; a code the database does not know is shown as 'ZZ (no events)'."""
    name = names.get(code)
    return f"{name} ({code})" if name else f"{code} (no events)"


def render_sidebar(
    countries: pd.DataFrame,
    bounds: tuple[dt.date | None, dt.date | None],
    *,
    actors: Sequence[str] = (),
    outlets: Sequence[str] = (),
    datasets: Sequence[str] = (),
    languages: Sequence[str] | None = None,
) -> EventFilter:
    """Draw the filters in the sidebar and return the EventFilter they describe.

    `countries` has columns country_code, country (from store.countries); `bounds` is the dated
    events' first and last day (store.date_bounds); `datasets` those with events (queries.dataset_options);
    `languages` the events' language codes ('' unknown; queries.language_options), read from the
    database when not given. The language filter is shown only when there is more than one language.
    """
    if languages is None:
        languages = data.language_list(data.db_path())
    names = country_names(countries)
    lo, hi = bounds
    state = st.session_state
    state[BOUNDS_STATE] = (lo, hi)
    if not state.get(SEEDED_STATE):
        wanted, problem = filter_from_url(st.query_params)
        _seed(wanted, lo, hi)
        state[URL_WARNING_STATE] = problem
        state[SEEDED_STATE] = True

    options = list(names) + sorted(set(state.get(COUNTRIES_KEY) or []) - set(names))
    with st.sidebar:
        st.header("Filters")
        chosen = st.multiselect(
            "Countries",
            options,
            key=COUNTRIES_KEY,
            format_func=lambda c: country_label(c, names),
            placeholder="All countries",
        )
        date_from = date_to = None
        if lo is not None and hi is not None:
            picked = st.date_input(
                "Dates",
                min_value=lo,
                max_value=hi,
                key=DATES_KEY,
                format="YYYY-MM-DD",
                help="Leave the full range to also see events whose date is unknown.",
            )
            date_from, date_to = _date_bounds(picked, lo, hi)
        else:
            st.caption("No dated events yet, so there is no date filter.")
        include_undated = st.checkbox(
            "Include undated events",
            key=UNDATED_KEY,
            disabled=date_from is None and date_to is None,
            help="Only matters when the dates are narrowed: undated events cannot be placed in a range.",
        )
        types = st.multiselect("Event types", list(EVENT_TYPES), key=TYPES_KEY, placeholder="All types")
        dataset_options = [d for d in DATASETS if d in set(datasets) | set(state.get(DATASETS_KEY) or [])]
        chosen_datasets = st.multiselect(
            "Datasets",
            dataset_options,
            key=DATASETS_KEY,
            format_func=lambda d: DATASET_LABELS.get(d, d),
            placeholder="All datasets",
            help=DATASETS_HELP,
        )
        chosen_languages = language_filter(languages)
        text = st.text_input(
            "Search evidence and titles", key=TEXT_KEY, placeholder="e.g. drone", max_chars=MAX_TEXT
        )
        with st.expander(
            "More filters",
            expanded=bool(
                state.get(ACTORS_KEY)
                or state.get(OUTLETS_KEY)
                or state.get(GEOPREC_KEY)
                or state.get(TIMEPREC_KEY)
            ),
        ):
            actor_options = list(actors) + sorted(set(state.get(ACTORS_KEY) or []) - set(actors))
            chosen_actors = st.multiselect("Actors", actor_options, key=ACTORS_KEY, placeholder="All actors")
            outlet_options = list(outlets) + sorted(set(state.get(OUTLETS_KEY) or []) - set(outlets))
            chosen_outlets = st.multiselect(
                "Source outlets", outlet_options, key=OUTLETS_KEY, placeholder="All outlets"
            )
            geoprec = st.multiselect(
                "Place precision",
                PRECISION_CHOICES,
                key=GEOPREC_KEY,
                format_func=GEO_PRECISION_NAMES.__getitem__,
                placeholder="Any",
            )
            timeprec = st.multiselect(
                "Date precision",
                PRECISION_CHOICES,
                key=TIMEPREC_KEY,
                format_func=TIME_PRECISION_NAMES.__getitem__,
                placeholder="Any",
            )
        st.button(
            "Reset filters",
            on_click=_reset,
            args=(lo, hi),
            icon=":material/restart_alt:",
            key="flt_reset",
            width="stretch",
        )

    try:
        flt = EventFilter(
            countries=tuple(sorted(chosen)),
            date_from=date_from,
            date_to=date_to,
            event_types=tuple(t for t in EVENT_TYPES if t in types),
            include_undated=bool(include_undated),
            datasets=tuple(d for d in DATASETS if d in chosen_datasets),
            actors=tuple(chosen_actors),
            outlets=tuple(chosen_outlets),
            geo_precisions=tuple(sorted(geoprec)),
            time_precisions=tuple(sorted(timeprec)),
            text=(text or "").strip(),
            languages=tuple(sorted(chosen_languages)),
        )
    except FilterError as err:  # e.g. a start after the end: cannot happen with one range widget
        st.warning(f"Filter ignored: {err}")
        flt = EventFilter()
    if not flt.is_empty:  # the user has chosen a filter since the bad link was opened
        state[URL_WARNING_STATE] = None
    if state.get(URL_WARNING_STATE):
        st.warning(
            f"The link's filter could not be read ({state[URL_WARNING_STATE]}), so no filter is applied. "
            "Choose countries, dates and event types in the sidebar.",
            icon=":material/link_off:",
        )
    _write_url(flt)
    state[FILTER_STATE] = flt
    return flt


def language_filter(languages: Sequence[str]) -> list[str]:
    """The Languages multiselect (inside the sidebar) when the events have more than one known language,
    else a caption naming the one language; returns the chosen codes ('' = unknown)."""
    known = [code for code in languages if code]
    if len(known) <= 1:
        if known:
            st.caption(f"Articles in {language_name(known[0])} only, so there is no language filter.")
        return []
    picked = st.session_state.get(LANGUAGES_KEY) or []
    options = list(languages) + sorted(set(picked) - set(languages))
    return st.multiselect(
        "Languages",
        options,
        key=LANGUAGES_KEY,
        format_func=language_name,
        placeholder="All languages",
        help=LANGUAGES_HELP,
    )


def current_filter() -> EventFilter:
    """The filter the sidebar set on this run (no filter when the sidebar has not run)."""
    flt = st.session_state.get(FILTER_STATE)
    return flt if isinstance(flt, EventFilter) else EventFilter()


def country_names(countries: pd.DataFrame) -> dict[str, str]:
    """{ISO2: name} in the order store.countries returns them (most events first)."""
    if countries.empty:
        return {}
    names: dict[str, str] = {}
    for code, name in zip(countries["country_code"], countries["country"], strict=True):
        code = str(code)
        if not isinstance(name, str) or not name.strip() or name.strip().upper() == code.upper():
            name = country_name(code) or code  # the store had no name, or only the code
        names[code] = name
    return names


# -- internals --------------------------------------------------------------------------------------
def _seed(flt: EventFilter, lo: dt.date | None, hi: dt.date | None) -> None:
    state = st.session_state
    state[COUNTRIES_KEY] = list(flt.countries)
    state[TYPES_KEY] = list(flt.event_types)
    state[DATASETS_KEY] = list(flt.datasets)
    state[LANGUAGES_KEY] = list(flt.languages)
    state[UNDATED_KEY] = flt.include_undated
    state[ACTORS_KEY] = list(flt.actors)
    state[OUTLETS_KEY] = list(flt.outlets)
    state[GEOPREC_KEY] = list(flt.geo_precisions)
    state[TIMEPREC_KEY] = list(flt.time_precisions)
    state[TEXT_KEY] = flt.text
    if lo is not None and hi is not None:
        start = _clamp(flt.date_from or lo, lo, hi)
        end = _clamp(flt.date_to or hi, lo, hi)
        state[DATES_KEY] = (start, end) if start <= end else (lo, hi)


def set_dates(start: dt.date, end: dt.date) -> None:
    """Set the date filter from code (a timeline brush); call from a widget callback only."""
    lo, hi = st.session_state.get(BOUNDS_STATE) or (None, None)
    if lo is None or hi is None:
        return
    start, end = _clamp(min(start, end), lo, hi), _clamp(max(start, end), lo, hi)
    st.session_state[DATES_KEY] = (start, end)


def _reset(lo: dt.date | None, hi: dt.date | None) -> None:
    _seed(EventFilter(), lo, hi)
    st.session_state[URL_WARNING_STATE] = None


def _clamp(day: dt.date, lo: dt.date, hi: dt.date) -> dt.date:
    return min(max(day, lo), hi)


def _date_bounds(picked: object, lo: dt.date, hi: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """Dates from the range widget; a side left at the data's own bound means "no limit"."""
    if isinstance(picked, dt.date):
        picked = (picked,)
    values = [d for d in (picked or ()) if isinstance(d, dt.date)]  # type: ignore[union-attr]
    start = values[0] if values else lo
    end = values[1] if len(values) > 1 else hi  # half-picked range: open-ended until the 2nd click
    return (start if start > lo else None), (end if end < hi else None)


def _write_url(flt: EventFilter) -> None:
    """Make the URL's filter parameters match `flt`, touching nothing else (e.g. ?article=)."""
    wanted = flt.to_query_params()
    for key in FILTER_PARAMS:
        value = wanted.get(key)
        want = [] if value is None else [value] if isinstance(value, str) else list(value)
        if st.query_params.get_all(key) == want:
            continue
        if want:
            st.query_params[key] = want if len(want) > 1 else want[0]
        else:
            del st.query_params[key]
