"""GeoNames country dumps (components/geo/gazetteer/dumps.py): where a dump is found, how it is read, and that
a closed network or a bad file is a clear report, never a crash."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from components.errors import GazetteerError
from components.geo.gazetteer import dumps

# Two populated places, one abandoned place, one stream and a malformed line, in the 19-column format.
ROWS = [
    "693778\tSynkivka\tSynkivka\tSin'kovka,Синьківка\t49.76293\t37.69374\tP\tPPL\tUA\t\t07\t6308\t\t\t392"
    "\t\t98\tEurope/Kyiv\t2025-08-19",
    "1\tOld Place\tOld Place\t\t48.0\t37.0\tP\tPPLQ\tUA\t\t05\t\t\t\t0\t\t\tEurope/Kyiv\t2020-01-01",
    "2\tVovcha\tVovcha\t\t50.29\t36.86\tH\tSTM\tUA\t\t07\t\t\t\t0\t\t\tEurope/Kyiv\t2020-01-01",
    "3\tTabaivka\tTabaivka\tТабаївка\t49.6\t37.9\tP\tPPL\tUA\t\t07\t\t\t\t\t\t\tEurope/Kyiv\t2020-01-01",
    "not a row",
]


def write_zip(folder: Path, code: str = "UA") -> Path:
    path = folder / f"{code}.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{code}.txt", "\n".join(ROWS) + "\n")
        zf.writestr("readme.txt", "GeoNames")
    return path


def test_reads_populated_places_only(tmp_path: Path, caplog) -> None:
    rows = list(dumps.read_dump(write_zip(tmp_path)))
    assert [r.name for r in rows] == ["Synkivka", "Tabaivka"]
    assert rows[0].alternatenames == ("Sin'kovka", "Синьківка")
    assert (rows[0].admin1, rows[0].population, rows[1].population) == ("07", 392, 0)
    assert "1 malformed line" in caplog.text


def test_plain_text_dump(tmp_path: Path) -> None:
    path = tmp_path / "UA.txt"
    path.write_text("\n".join(ROWS), encoding="utf-8")
    assert [r.geonameid for r in dumps.read_dump(path)] == [693778, 3]


def test_a_bad_zip_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "UA.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(GazetteerError, match="not a zip"):
        list(dumps.read_dump(bad))
    with zipfile.ZipFile(tmp_path / "RU.zip", "w") as zf:
        zf.writestr("readme.txt", "x")
    with pytest.raises(GazetteerError, match=r"no RU\.txt"):
        list(dumps.read_dump(tmp_path / "RU.zip"))


def test_locate_order(tmp_path: Path) -> None:
    given, shared, cache = (tmp_path / d for d in ("given", "shared", "cache"))
    for d in (given, shared, cache):
        d.mkdir()
    kw = {"shared_dir": shared, "cache_dir": cache, "download": False}
    assert dumps.locate("UA", **kw).path is None
    write_zip(cache)
    assert dumps.locate("UA", **kw).origin == "cache"
    write_zip(shared)
    found = dumps.locate("ua", **kw)
    assert found.origin == "../shared/geonames" and len(found.sha256) == 64
    write_zip(given)
    assert dumps.locate("UA", [given], **kw).origin == "command line"
    assert dumps.locate("UA", [given / "UA.zip"], **kw).path == given / "UA.zip"


def test_no_network_is_reported_not_raised(tmp_path: Path, monkeypatch) -> None:
    """The download is tried with a short timeout; a refused connection leaves a note for the build report."""

    def refuse(*args, **kwargs):
        raise dumps.urllib.error.URLError("connection refused")

    monkeypatch.setattr(dumps.urllib.request, "urlopen", refuse)
    monkeypatch.delenv("CONFLICT_TIMELINE_OFFLINE", raising=False)
    found = dumps.locate("UA", shared_dir=tmp_path, cache_dir=tmp_path)
    assert found.path is None and "download failed" in found.note
    assert "no GeoNames dump" in found.describe()


@pytest.mark.shared
def test_the_shared_ukraine_dump(tmp_path: Path) -> None:
    shared = dumps.SHARED_DIR / "UA.zip"
    if not shared.exists():
        pytest.skip(f"{shared} is absent")
    found = dumps.locate("UA", download=False)
    assert found.sha256 == "499fe805ff1d09d700d3dc0078d0f468e060cb275bedb134af22ae27aa5d0ee4"
    rows = {r.geonameid: r for r in dumps.read_dump(found.path)}
    assert len(rows) > 30_000
    assert rows[693778].name == "Synkivka" and "Синьківка" in rows[693778].alternatenames
