"""Settings: the table of docs/settings.md matches components/settings.py; environment variables override."""

import re

from components import settings
from components.settings import ROOT, SETTINGS

SETTINGS_PAGE = ROOT / "docs" / "settings.md"


def documented_rows() -> dict[str, tuple[str, str]]:
    """setting -> (variable, default) from the table rows of the settings page."""
    rows = {}
    for line in SETTINGS_PAGE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"[a-z_]+", cells[0]) and cells[0] != "setting":
            rows[cells[0]] = (cells[1].strip("`"), cells[2].strip("`"))
    return rows


def test_settings_page_documents_every_setting_with_its_variable_and_default():
    rows = documented_rows()
    assert set(rows) == set(SETTINGS)
    for name, setting in SETTINGS.items():
        env, default = rows[name]
        assert env == setting.env
        assert setting.default in (default, str(ROOT / default)), name


def test_environment_overrides_default(monkeypatch):
    monkeypatch.delenv("CT_MAP_STYLE", raising=False)
    assert settings.get("map_style") == "offline"
    monkeypatch.setenv("CT_MAP_STYLE", "open-street-map")
    assert settings.get("map_style") == "open-street-map"
