"""Structured event datasets -> Event records tagged with their dataset (acled, ucdp, gdelt).

- ACLED export CSV (header row; `event_date` as ISO or "08 October 2022"; numeric `iso`).
- UCDP GED CSV (header row; cp1252 or UTF-8; dates as ISO, "1/22/2014 12:00:00 AM" or
  "22/01/2014 00:00"; `where_prec` 1-7 and `date_prec` 1-5 mapped to ACLED's precisions).
- GDELT 2.0 event files (tab-separated, no header, 61 columns; FIPS country codes; only the CAMEO
  root codes of material conflict 14 and 17-20 become events, mapped to ACLED types).

A row that cannot be read becomes a counted `Skip` with its reason; an import never stops on one bad row.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from components.errors import ArticleError, UnsupportedFormatError
from components.geo.countries import country, iso2_of
from components.nlp import taxonomy
from components.records import (
    BATTLES,
    EXPLOSIONS,
    GEO_NEAR,
    GEO_PLACE,
    GEO_REGION,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    TIME_DAY,
    TIME_MONTH,
    TIME_WEEK,
    VIOLENCE_CIVILIANS,
    Event,
    Place,
    Source,
)

logger = logging.getLogger(__name__)

FORMATS = ("acled", "ucdp", "gdelt")
GDELT_COLUMNS = 61


@dataclass(frozen=True)
class RowSkip:
    line: int
    reason: str


@dataclass
class ImportResult:
    dataset: str
    events: list[Event] = field(default_factory=list)
    skipped: list[RowSkip] = field(default_factory=list)

    def reasons(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.skipped:
            key = re.sub(r"\d+", "N", s.reason)[:80]
            out[key] = out.get(key, 0) + 1
        return out


def _country_name(code: str) -> str:
    """GeoNames' name of an ISO2 code, as events carry it ("" when unknown)."""
    found = country(code) if code else None
    return found.name if found else ""


def decode(raw: bytes) -> str:
    """Dataset bytes as text: UTF-8 (with or without BOM), else cp1252 as UCDP writes, else latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # never fails: every byte is a character


def _read_text(path: Path) -> str:
    return decode(path.read_bytes())


# Slashed dates are month first, as UCDP's exports write them ("05/02/2014 00:00" is 2 May 2014, checked
# against UCDP's ISO dates); day first is only tried when the first number cannot be a month.
_DATE_FORMATS = (
    *("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%B %d, %Y"),
    *("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y"),
    *("%Y%m%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%d %b %Y"),
)


def parse_date(value: str) -> dt.date:
    """A date in any of the datasets' formats; raises ValueError with the value when none fits."""
    text = " ".join(str(value).split())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable date {text[:40]!r}")


def _float(value: str, name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} is not a number: {str(value)[:20]!r}") from err
    return number


def _point(lat: str, lon: str) -> tuple[float, float]:
    la, lo = _float(lat, "latitude"), _float(lon, "longitude")
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise ValueError(f"coordinates out of range: {la}, {lo}")
    return la, lo


def _place(name: str, lat: float, lon: float, code: str, admin1: str, geo_precision: int) -> Place:
    fcode = "ADM1" if geo_precision == GEO_REGION else "PPL"
    return Place(0, name, lat, lon, code, admin1, "", "A" if fcode == "ADM1" else "P", fcode)


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


# -- ACLED ----------------------------------------------------------------------------------------
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude")


def _acled_row(row: dict[str, str]) -> Event:
    missing = [c for c in ACLED_REQUIRED if not row.get(c)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    etype = row["event_type"].strip()
    if etype not in taxonomy.SUB_EVENT_TYPES:
        raise ValueError(f"unknown event type {etype[:40]!r}")
    day = parse_date(row["event_date"])
    lat, lon = _point(row["latitude"], row["longitude"])
    code = iso2_of(numeric=row.get("iso", "")) or iso2_of(name=row.get("country", ""))
    prec = _int(row.get("geo_precision", "")) or GEO_PLACE
    t_prec = _int(row.get("time_precision", "")) or TIME_DAY
    place = _place(row.get("location", ""), lat, lon, code, row.get("admin1", ""), prec)
    notes = row.get("notes", "")
    return Event(
        event_id=f"acled:{row['event_id_cnty']}",
        article_id="",
        event_type=etype,
        event_date=day,
        time_precision=t_prec,
        date_start=day,
        date_end=day,
        date_text="",
        actor1=row.get("actor1", ""),
        actor2=row.get("actor2", ""),
        place=place,
        geo_precision=prec,
        location=row.get("location", ""),
        trigger="",
        evidence=notes,
        start_char=0,
        end_char=0,
        country=row.get("country", ""),
        sub_event_type=row.get("sub_event_type", ""),
        assoc_actor_1=row.get("assoc_actor_1", ""),
        assoc_actor_2=row.get("assoc_actor_2", ""),
        admin2=row.get("admin2", ""),
        fatalities=_int(row.get("fatalities", "")),
        dataset="acled",
        sources=(
            Source(f"acled:{row['event_id_cnty']}", notes[:120], row.get("source", ""), "", day, notes),
        ),
    )


# -- UCDP -----------------------------------------------------------------------------------------
UCDP_REQUIRED = ("id", "date_start", "latitude", "longitude", "type_of_violence")
UCDP_TYPES = {"1": BATTLES, "2": BATTLES, "3": VIOLENCE_CIVILIANS}  # state-based, non-state, one-sided
UCDP_TIME = {"1": TIME_DAY, "2": TIME_WEEK, "3": TIME_WEEK, "4": TIME_MONTH, "5": TIME_MONTH}
UCDP_GEO = {  # where_prec -> ours
    "1": GEO_PLACE,  # the exact location
    "2": GEO_NEAR,  # within about 25 km of it
    "3": GEO_NEAR,  # its second-order administrative division
    "4": GEO_REGION,  # its first-order administrative division
    "5": GEO_REGION,  # a linear feature or a wider area
    "6": GEO_REGION,  # the country
    "7": GEO_REGION,  # international waters or airspace
}


def actor_name(ucdp_side: str) -> str:
    """UCDP side -> our normalised actor ("Government of Russia (Soviet Union)" -> "Russia")."""
    match = re.match(r"Government of (.+?)(?: \(.*\))?$", ucdp_side.strip())
    return match.group(1) if match else ucdp_side.strip()


def _ucdp_row(row: dict[str, str]) -> Event:
    missing = [c for c in UCDP_REQUIRED if not row.get(c)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    start = parse_date(row["date_start"])
    end = parse_date(row.get("date_end") or row["date_start"])
    if end < start:
        raise ValueError(f"date_end {end} before date_start {start}")
    lat, lon = _point(row["latitude"], row["longitude"])
    etype = UCDP_TYPES.get(row["type_of_violence"].strip())
    if etype is None:
        raise ValueError(f"unknown type_of_violence {row['type_of_violence'][:10]!r}")
    prec = UCDP_GEO.get(row.get("where_prec", "").strip(), GEO_REGION)
    name = row.get("where_coordinates", "") or row.get("adm_1", "")
    code = iso2_of(name=row.get("country", ""))
    headlines = [h for h in row.get("source_headline", "").split(";") if h.strip()]
    offices = row.get("source_office", "").split(";")
    dates = row.get("source_date", "").split(";")
    sources = []
    for i, headline in enumerate(headlines):
        try:
            published = parse_date(dates[i]) if i < len(dates) and dates[i].strip() else None
        except ValueError:
            published = None
        outlet = offices[i].strip() if i < len(offices) else ""
        sources.append(Source(f"ucdp:{row['id']}", headline.strip(), outlet, "", published, headline.strip()))
    return Event(
        event_id=f"ucdp:{row['id']}",
        article_id="",
        event_type=etype,
        event_date=start,
        time_precision=UCDP_TIME.get(row.get("date_prec", "").strip(), TIME_MONTH),
        date_start=start,
        date_end=end,
        date_text="",
        actor1=actor_name(row.get("side_a", "")),
        actor2=actor_name(row.get("side_b", "")),
        place=_place(name, lat, lon, code, row.get("adm_1", ""), prec),
        geo_precision=prec,
        location=name,
        trigger="",
        evidence=row.get("where_description", ""),
        start_char=0,
        end_char=0,
        country=row.get("country", ""),
        sub_event_type=taxonomy.SUB_EVENT_TYPES[etype][0],
        admin2=row.get("adm_2", ""),
        fatalities=_int(row.get("best", "")),
        dataset="ucdp",
        sources=tuple(sources),
    )


# -- GDELT ----------------------------------------------------------------------------------------
# CAMEO root code (or more specific code) -> (ACLED type, sub-type). Other roots are not conflict events.
CAMEO = {
    "14": (PROTESTS, "Peaceful protest"),
    "145": (RIOTS, "Violent demonstration"),
    "17": (STRATEGIC, "Other"),
    "173": (STRATEGIC, "Arrests"),
    "175": (VIOLENCE_CIVILIANS, "Attack"),
    "18": (VIOLENCE_CIVILIANS, "Attack"),
    "181": (VIOLENCE_CIVILIANS, "Abduction/forced disappearance"),
    "183": (EXPLOSIONS, "Suicide bomb"),
    "1831": (EXPLOSIONS, "Suicide bomb"),
    "1832": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "1833": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "19": (BATTLES, "Armed clash"),
    "194": (EXPLOSIONS, "Shelling/artillery/missile attack"),
    "195": (EXPLOSIONS, "Air/drone strike"),
    "20": (VIOLENCE_CIVILIANS, "Attack"),
    "204": (EXPLOSIONS, "Chemical weapon"),
}
# Column positions in a GDELT 2.0 event record (0-based).
G_ID, G_DAY, G_A1NAME, G_A1CC, G_A2NAME, G_A2CC = 0, 1, 6, 7, 16, 17
G_CODE, G_ROOT, G_NSOURCES = 26, 28, 32
G_GEO_TYPE, G_GEO_NAME, G_GEO_CC, G_GEO_ADM1, G_GEO_LAT, G_GEO_LON, G_GEO_FID = 51, 52, 53, 54, 56, 57, 58
G_ADDED, G_URL = 59, 60


def _gdelt_row(cols: list[str]) -> Event:
    if len(cols) != GDELT_COLUMNS:
        raise ValueError(f"expected {GDELT_COLUMNS} tab-separated columns, got {len(cols)}")
    code = cols[G_CODE].strip()
    mapped = CAMEO.get(code) or CAMEO.get(code[:3]) or CAMEO.get(cols[G_ROOT].strip())
    if mapped is None:
        raise ValueError(f"not a conflict event (CAMEO {code or '?'})")
    etype, sub = mapped
    day = parse_date(cols[G_DAY])
    if not cols[G_GEO_LAT] or not cols[G_GEO_LON]:
        raise ValueError("no action location")
    lat, lon = _point(cols[G_GEO_LAT], cols[G_GEO_LON])
    cc = iso2_of(fips=cols[G_GEO_CC].strip())
    geo_type = cols[G_GEO_TYPE].strip()  # 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    prec = GEO_PLACE if geo_type in {"3", "4"} else GEO_REGION
    name = cols[G_GEO_NAME].split(",")[0].strip()
    url = cols[G_URL].strip()
    outlet = re.sub(r"^https?://(?:www\.)?([^/]+).*", r"\1", url)  # the site's host name
    published = None
    with contextlib.suppress(ValueError):
        published = parse_date(cols[G_ADDED][:8])

    def actor(name_col: int, cc_col: int) -> str:
        """A state actor by its country (CAMEO country codes are ISO3), else GDELT's actor name."""
        named = _country_name(iso2_of(iso3=cols[cc_col].strip())) if cols[cc_col].strip() else ""
        return named or cols[name_col].strip().title()

    n_sources = _int(cols[G_NSOURCES]) or 1
    return Event(
        event_id=f"gdelt:{cols[G_ID].strip()}",
        article_id="",
        event_type=etype,
        event_date=day,
        time_precision=TIME_DAY,
        date_start=day,
        date_end=day,
        date_text="",
        actor1=actor(G_A1NAME, G_A1CC),
        actor2=actor(G_A2NAME, G_A2CC),
        place=_place(name, lat, lon, cc, "", prec),
        geo_precision=prec,
        location=cols[G_GEO_NAME].strip(),
        trigger=f"CAMEO {code}",
        evidence="",
        start_char=0,
        end_char=0,
        country=_country_name(cc),
        sub_event_type=sub,
        dataset="gdelt",
        sources=(Source(f"gdelt:{cols[G_ID].strip()}", "", outlet, url, published, ""),),
        extra={"n_sources": n_sources},
    )


# -- reading --------------------------------------------------------------------------------------
def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        yield reader.line_num, {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}


def read(path: str | Path, fmt: str) -> ImportResult:
    """Every event of a dataset file, with the rows that could not be read as counted skips."""
    path = Path(path)
    if fmt not in FORMATS:
        raise UnsupportedFormatError(f"unknown import format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not path.is_file():
        raise ArticleError(f"no file at {path}")
    return parse_text(_read_text(path), fmt, name=path.name)


def parse_text(text: str, fmt: str, *, name: str = "") -> ImportResult:
    """Every event of a dataset file's text (an upload, or a file read by `read`); bad rows are skips."""
    if fmt not in FORMATS:
        raise UnsupportedFormatError(f"unknown import format {fmt!r}; choose one of {', '.join(FORMATS)}")
    result = ImportResult(fmt)
    if fmt == "gdelt":
        rows: Iterator[tuple[int, object]] = (
            (i, line.rstrip("\r\n").split("\t"))
            for i, line in enumerate(text.splitlines(), 1)
            if line.strip()
        )
        convert = _gdelt_row
    else:
        rows = _csv_rows(text)
        convert = _acled_row if fmt == "acled" else _ucdp_row
    try:
        for line, row in rows:
            try:
                result.events.append(convert(row))  # type: ignore[arg-type]
            except (ValueError, KeyError, IndexError) as err:
                result.skipped.append(RowSkip(line, str(err)))
    except csv.Error as err:  # a broken CSV stops where it breaks; what was read is kept
        result.skipped.append(RowSkip(0, f"malformed CSV: {err}"))
    logger.info("%s: read %d events, skipped %d rows", name or fmt, len(result.events), len(result.skipped))
    if result.skipped:
        logger.warning("%s: %d rows skipped: %s", name or fmt, len(result.skipped), result.reasons())
    return result
