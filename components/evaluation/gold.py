"""The gold geoparsing corpora in ``../shared/eval`` (GeoWebNews, LGL), read into documents with their
annotated toponyms (`GoldDoc`, `Toponym`); `components.evaluation.geo` scores the pipeline on them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from components.errors import ConflictTimelineError
from components.geo.gazetteer.index import Gazetteer
from components.settings import ROOT

EVAL_DIR = ROOT.parent / "shared" / "eval"


# GeoWebNews annotation types that are not toponyms at all ("citizens", "lot"): matching them is an error.
_GWN_NOT_TOPONYM = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}


class EvaluationError(ConflictTimelineError, FileNotFoundError):
    """A gold corpus is missing or unreadable."""


@dataclass(frozen=True)
class Toponym:
    """One annotated (gold) or predicted toponym."""

    start: int
    end: int
    surface: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country_code: str = ""

    @property
    def centre(self) -> float:
        return (self.start + self.end) / 2

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    text: str
    toponyms: tuple[Toponym, ...]  # gold toponyms with coordinates
    unscored: tuple[Toponym, ...] = ()  # annotated toponyms without gold coordinates


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise EvaluationError(f"cannot read gold corpus {path}: {err}") from err


def read_gwn(
    folder: Path | str = EVAL_DIR / "GeoWebNews", gazetteer: Gazetteer | None = None
) -> list[GoldDoc]:
    """GeoWebNews: texts and annotation types from ``GWN.xml``, gold toponyms from ``gwn_full.txt`` (line i =
    article i). GeoNames ids come from ``GWN.xml``; countries from the gazetteer's record of that id."""
    folder = Path(folder)
    root = _parse(folder / "GWN.xml")
    try:
        lines = (folder / "gwn_full.txt").read_text(encoding="utf-8").split("\n")
    except OSError as err:
        raise EvaluationError(f"cannot read {folder / 'gwn_full.txt'}: {err}") from err
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        ids, unscored = {}, []
        for t in art.iter("toponym"):
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            gid = t.findtext("geonamesID")
            if gid:
                ids[(start, end)] = int(gid)
            elif t.findtext("type") not in _GWN_NOT_TOPONYM:
                unscored.append(Toponym(start, end, text[start:end]))
        gold = []
        for item in filter(None, (lines[i] if i < len(lines) else "").split("||")):
            _name, surface, lat, lon, start, end = item.split(",,")
            gid = ids.get((int(start), int(end)))
            country = _country_of(gazetteer, gid)
            gold.append(Toponym(int(start), int(end), surface, float(lat), float(lon), gid, country))
        docs.append(GoldDoc(art.get("file", str(i)), text, tuple(gold), tuple(unscored)))
    return docs


def read_lgl(
    path: Path | str = EVAL_DIR / "LGL" / "lgl.xml", gazetteer: Gazetteer | None = None
) -> list[GoldDoc]:
    """LGL: toponyms with a ``gaztag`` are gold (id, lat/lon, country via the country's GeoNames id)."""
    docs = []
    for art in _parse(Path(path)).iter("article"):
        text = art.findtext("text") or ""
        gold, unscored = [], []
        for t in art.iter("toponym"):
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            surface = t.findtext("phrase") or text[start:end]
            tag = t.find("gaztag")
            if tag is None or not tag.findtext("lat"):
                unscored.append(Toponym(start, end, surface))
                continue
            country = tag.find("country")
            cgid = country.get("geonameid") if country is not None else None
            cc = _country_of(gazetteer, int(cgid)) if cgid else ""
            lat, lon = float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0)
            gid = int(tag.get("geonameid") or 0) or None
            gold.append(Toponym(start, end, surface, lat, lon, gid, cc))
        docs.append(GoldDoc(art.get("docid", str(len(docs))), text, tuple(gold), tuple(unscored)))
    return docs


def _country_of(gazetteer: Gazetteer | None, geonameid: int | None) -> str:
    if gazetteer is None or not geonameid:
        return ""
    place = gazetteer.get(geonameid)
    return place.country_code if place else ""
