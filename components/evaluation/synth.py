"""Synthetic events for scale tests and demos: `python -m components synth --events N`.

Places are drawn from the built gazetteer (towns weighted by the square root of their population, with
Ukraine, Russia, Belarus and their neighbours most likely and eastern/southern Ukraine heaviest), dates
over 2022-2023, ACLED event types, actors, outlets and evidence sentences from templates. Each place
mention stores its candidates as the geocoder would: a place whose name is also carried by another
gazetteer entry lists that homonym second, and about half of those are close calls (a low top score or a
second candidate within a point or so) that the Places review page lists; the rest score 12-16. Every
synthetic article's source starts with "synthetic:" and its ids with "syn-", so they never pass for real
reports.

Speed: numpy draws integer codes, DuckDB joins them to lookup tables and builds the strings, and the
rows go in with one INSERT ... SELECT per table (no row-by-row writes): 1M events in ~15-25 s here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow.feather as feather

from components import __version__, store
from components.errors import GazetteerError, StoreError
from components.evaluation import synth_sql
from components.records import (
    BATTLES,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    VIOLENCE_CIVILIANS,
)

logger = logging.getLogger(__name__)

SOURCE_PREFIX = "synthetic: "
FIRST_DAY, LAST_DAY = dt.date(2022, 2, 24), dt.date(2023, 12, 31)
# Share of events per country (the rest of the weight is spread over nothing: these sum to 1).
COUNTRY_WEIGHTS: dict[str, float] = {
    "UA": 0.72,
    "RU": 0.13,
    "BY": 0.03,
    "PL": 0.025,
    "MD": 0.02,
    "RO": 0.015,
    "GE": 0.015,
    "KZ": 0.012,
    "SK": 0.008,
    "HU": 0.008,
    "LT": 0.008,
    "LV": 0.005,
    "EE": 0.004,
}
OUTLETS = (
    "Kyiv Wire",
    "Eastern Front Monitor",
    "Black Sea Daily",
    "Baltic Observer",
    "Steppe News",
    "Border Report",
    "Danube Dispatch",
)
# Event-type weights for Ukraine, for Russia/Belarus, and for everyone else, in the order of WEIGHED_TYPES.
WEIGHED_TYPES = (EXPLOSIONS, BATTLES, VIOLENCE_CIVILIANS, PROTESTS, RIOTS, STRATEGIC)
TYPE_WEIGHTS: dict[str, dict[str, float]] = {
    group: dict(zip(WEIGHED_TYPES, weights, strict=True))
    for group, weights in (
        ("UA", (0.46, 0.27, 0.08, 0.05, 0.01, 0.13)),
        ("RU", (0.30, 0.06, 0.02, 0.22, 0.05, 0.35)),
        ("*", (0.03, 0.0, 0.0, 0.52, 0.05, 0.40)),
    )
}
# (template, trigger, actor1, actor2); {place} comes before any other varying text (offsets rely on it)
TEMPLATES: dict[str, list[tuple[str, str, str, str]]] = {
    EXPLOSIONS: [
        (
            "Missile strikes hit {place} {when}, damaging homes and a power substation.",
            "strikes",
            "Russia",
            "Ukraine",
        ),
        ("Artillery shelling struck {place} {when}, local officials said.", "shelling", "Russia", "Ukraine"),
        ("Drones attacked an oil depot in {place} {when}, starting a fire.", "attacked", "Ukraine", "Russia"),
        (
            "An explosion was reported in {place} {when} after air defences engaged a drone.",
            "explosion",
            "Russia",
            "Ukraine",
        ),
    ],
    BATTLES: [
        (
            "Fierce clashes continued near {place} {when}, the general staff said.",
            "clashes",
            "Russia",
            "Ukraine",
        ),
        ("Ukrainian forces recaptured positions near {place} {when}.", "recaptured", "Ukraine", "Russia"),
        ("Russian troops assaulted defensive lines around {place} {when}.", "assaulted", "Russia", "Ukraine"),
    ],
    VIOLENCE_CIVILIANS: [
        ("Civilians were killed by shelling of a market in {place} {when}.", "killed", "Russia", "Civilians"),
        (
            "Residents of {place} were detained and abused by soldiers {when}, witnesses said.",
            "detained",
            "Russia",
            "Civilians",
        ),
    ],
    PROTESTS: [
        ("Hundreds protested in {place} {when} against mobilisation.", "protested", "Protesters", ""),
        ("A rally in {place} {when} called for more aid to Ukraine.", "rally", "Protesters", ""),
    ],
    RIOTS: [
        (
            "Police clashed with rioters in {place} {when} after a draft office was set on fire.",
            "rioters",
            "Rioters",
            "Police",
        ),
    ],
    STRATEGIC: [
        ("Troops and armour arrived in {place} {when}, officials said.", "arrived", "Russia", ""),
        ("Authorities in {place} announced new air-raid shelters {when}.", "announced", "Ukraine", ""),
        ("A shipment of air-defence systems reached {place} {when}.", "shipment", "Ukraine", "Poland"),
    ],
}
# The place columns of the drawn events (and of the candidates their mentions store).
PLACE_COLUMNS = (
    "geonameid name latitude longitude country_code admin1_code feature_code geo_precision "
    "alt_geonameid alt_name alt_country_code"
)
WHEN = {1: "on ", 2: "during the week", 3: "earlier this month"}  # precision 1 adds the weekday


@dataclass(frozen=True)
class SynthReport:
    events: int
    articles: int
    seconds: float
    db: str

    def line(self) -> str:
        rate = self.events / self.seconds if self.seconds else 0.0
        return (
            f"synthetic events written: {self.events:,} in {self.articles:,} articles to {self.db} "
            f"in {self.seconds:.1f} s ({rate:,.0f} events/s)"
        )


def place_pool(gazetteer_dir: str | Path) -> pd.DataFrame:
    """Candidate places with a draw weight: towns (geo precision 1) and regions/countries (3)."""
    path = Path(gazetteer_dir) / "places.arrow"
    try:
        table = feather.read_table(path, memory_map=True)
    except (OSError, ValueError) as err:
        raise GazetteerError(f"no gazetteer at {path}: run `python -m components build-gazetteer`") from err
    df = table.to_pandas()
    df = df[df["country_code"].isin(list(COUNTRY_WEIGHTS))]
    towns = df[df["feature_class"] == "P"].copy()
    weight = np.sqrt(towns["population"].clip(lower=500).to_numpy(dtype=float))
    east = (towns["country_code"] == "UA") & ((towns["longitude"] > 33.5) | (towns["latitude"] < 47.2))
    weight = weight * np.where(east, 6.0, 1.0)
    towns["weight"] = weight
    towns["geo_precision"] = 1
    regions = df[df["feature_code"].isin(["ADM1", "PCLI"])].copy()
    regions["weight"] = np.sqrt(regions["population"].clip(lower=10_000).to_numpy(dtype=float))
    regions["geo_precision"] = 3
    pool = pd.concat([towns, regions], ignore_index=True)
    gazetteer = table.select(["geonameid", "name", "country_code", "population"]).to_pandas()
    return pool.join(_homonyms(gazetteer, pool), how="left")


def _homonyms(gazetteer: pd.DataFrame, pool: pd.DataFrame) -> pd.DataFrame:
    """For each pool row, the most populous other gazetteer entry of the same name (alt_geonameid,
    alt_name, alt_country_code; missing when the name is unique), indexed like `pool`."""
    top2 = gazetteer[gazetteer["name"].isin(pool["name"].unique())]
    top2 = (
        top2.sort_values(["population", "geonameid"], ascending=[False, True], kind="stable")
        .groupby("name")
        .head(2)
    )
    pairs = pool[["name", "geonameid"]].reset_index().merge(top2, on="name", suffixes=("", "_alt"))
    pairs = pairs[pairs["geonameid_alt"] != pairs["geonameid"]].drop_duplicates("index")
    renamed = {"geonameid_alt": "alt_geonameid", "country_code": "alt_country_code"}
    alt = pairs.set_index("index").rename(columns=renamed)[["alt_geonameid", "alt_country_code"]]
    return alt.assign(alt_name=lambda d: pool.loc[d.index, "name"])


def _draw_places(
    rng: np.random.Generator, pool: pd.DataFrame, countries: np.ndarray, low_precision: np.ndarray
) -> np.ndarray:
    """Row numbers into `pool` for each event, within its country and precision level."""
    out = np.empty(len(countries), dtype=np.int64)
    for code in np.unique(countries):
        for level, want in ((1, ~low_precision), (3, low_precision)):
            mask = (countries == code) & want
            n = int(mask.sum())
            if not n:
                continue
            rows = np.flatnonzero(
                (pool["country_code"] == code).to_numpy() & (pool["geo_precision"] == level)
            )
            if not len(rows):
                rows = np.flatnonzero((pool["country_code"] == code).to_numpy())
            w = pool["weight"].to_numpy()[rows]
            out[mask] = rng.choice(rows, size=n, p=w / w.sum())
    return out


def generate(
    n_events: int, *, seed: int = 0, gazetteer_dir: str | Path | None = None
) -> dict[str, pd.DataFrame]:
    """Integer-coded draws for `n_events` events (strings are built later, in DuckDB)."""
    if n_events < 1:
        raise ValueError("n_events must be at least 1")
    if gazetteer_dir is None:
        from components.geo.gazetteer.index import default_path

        gazetteer_dir = default_path()
    rng = np.random.default_rng(seed)
    pool = place_pool(gazetteer_dir)
    codes = np.array(list(COUNTRY_WEIGHTS))
    country = rng.choice(codes, size=n_events, p=np.array(list(COUNTRY_WEIGHTS.values())))
    low = rng.random(n_events) < 0.12
    place_row = _draw_places(rng, pool, country, low)

    types = list(TEMPLATES)
    type_idx = np.empty(n_events, dtype=np.int64)
    masks = {
        "UA": country == "UA",
        "RU": np.isin(country, ["RU", "BY"]),
        "*": ~np.isin(country, ["UA", "RU", "BY"]),
    }
    for group, mask in masks.items():
        w = np.array([TYPE_WEIGHTS[group][t] for t in types])
        type_idx[mask] = rng.choice(len(types), size=int(mask.sum()), p=w / w.sum())
    n_templates = np.array([len(TEMPLATES[t]) for t in types])
    tpl_idx = (rng.random(n_events) * n_templates[type_idx]).astype(np.int64)

    # articles: blocks of 1-5 consecutive events; each event happens up to 3 days before publication
    sizes = rng.integers(1, 6, size=n_events)
    article = np.repeat(np.arange(len(sizes)), sizes)[:n_events]
    n_articles = int(article[-1]) + 1
    span = (LAST_DAY - FIRST_DAY).days
    # intensity: high in spring 2022, a second peak in summer 2023
    days = np.arange(span + 1)
    intensity = 1.0 + 2.5 * np.exp(-days / 60.0) + 1.0 * np.exp(-(((days - 480) / 50.0) ** 2))
    published = rng.choice(days, size=n_articles, p=intensity / intensity.sum())
    precision = rng.choice([1, 2, 3], size=n_events, p=[0.82, 0.13, 0.05])
    lag = rng.integers(0, 4, size=n_events)
    events = pd.DataFrame(
        {
            "i": np.arange(n_events, dtype=np.int64),
            "article": article,
            "place_row": place_row,
            "type_idx": type_idx,
            "tpl_idx": tpl_idx,
            "precision": precision,
            "day": np.maximum(published[article] - lag, 0),
        }
    )
    articles = pd.DataFrame(
        {
            "article": np.arange(n_articles),
            "published": published,
            "outlet": rng.integers(len(OUTLETS), size=n_articles),
        }
    )
    templates = pd.DataFrame(
        [
            (ti, k, tpl, trig, a1, a2, t)
            for ti, t in enumerate(types)
            for k, (tpl, trig, a1, a2) in enumerate(TEMPLATES[t])
        ],
        columns=["type_idx", "tpl_idx", "template", "trigger", "actor1", "actor2", "event_type"],
    )
    places = pool[PLACE_COLUMNS.split()]
    places = places.reset_index(drop=True).assign(place_row=np.arange(len(pool)), **_scores(rng, pool))
    outlets = pd.DataFrame(
        {"outlet": np.arange(len(OUTLETS)), "outlet_name": [SOURCE_PREFIX + o for o in OUTLETS]}
    )
    return {"ev": events, "art": articles, "tpl": templates, "pl": places, "outl": outlets}


def _scores(rng: np.random.Generator, pool: pd.DataFrame) -> dict[str, np.ndarray]:
    """Candidate scores per place on the geocoder's scale: half of the places with a homonym are close
    calls (top 8.5-11.5, second within 0.1-1.4); the others score 12-16 (a homonym 3-7 below)."""
    n = len(pool)
    has_alt = pool["alt_geonameid"].notna().to_numpy()
    close = has_alt & (rng.random(n) < 0.5)
    top = np.where(close, rng.uniform(8.5, 11.5, n), rng.uniform(12.0, 16.0, n))
    second = np.where(close, top - rng.uniform(0.1, 1.4, n), top - rng.uniform(3.0, 7.0, n))
    return {"score1": top.round(2), "score2": np.where(has_alt, second.round(2), np.nan)}


def write(
    db: str | Path, n_events: int, *, seed: int = 0, gazetteer_dir: str | Path | None = None
) -> SynthReport:
    """Generate `n_events` events and append them to the database at `db` (created when missing)."""
    started = time.perf_counter()
    frames = generate(n_events, seed=seed, gazetteer_dir=gazetteer_dir)
    logger.info("drew %d synthetic events in %.1f s", n_events, time.perf_counter() - started)
    con = store.connect(db)
    try:
        for name, frame in frames.items():
            con.register(f"syn_{name}", frame)
        names = _country_names(frames["pl"]["country_code"].unique())
        con.register("syn_cn", names)
        prefix = f"syn-{seed}-"
        con.execute("BEGIN TRANSACTION")
        first, *rest = [sql for sql in synth_sql.STAGE_SQL.split(";") if sql.strip()]
        con.execute(first, [prefix, FIRST_DAY, prefix, prefix])
        for sql in rest:
            con.execute(sql)
        con.execute(synth_sql.EVENTS_SQL, [__version__])
        con.execute(synth_sql.ARTICLES_SQL, [FIRST_DAY])
        con.execute(synth_sql.MENTIONS_SQL)
        con.execute("COMMIT")
        counted = con.execute("SELECT count(DISTINCT article_id) FROM syn_stage").fetchone()
        n_articles = int(counted[0])  # type: ignore[index]
    except duckdb.Error as err:
        with contextlib.suppress(duckdb.Error):  # nothing to roll back when BEGIN itself failed
            con.execute("ROLLBACK")
        raise StoreError(f"could not write synthetic events to {db}: {err}") from err
    finally:
        con.close()
    report = SynthReport(n_events, n_articles, time.perf_counter() - started, str(db))
    logger.info(report.line())
    return report


def _country_names(codes: Iterable[str]) -> pd.DataFrame:
    from components.geo.countries import country_name

    return pd.DataFrame({"cc": list(codes), "country": [country_name(c) or c for c in codes]})
