"""Fixtures of the front-line place tests: the built gazetteer with the Ukrainian village dump (skipped
without it) and the offline geocoder over it. A module that needs another gazetteer check defines its own
`gaz`, which takes precedence."""

from __future__ import annotations

import pytest
from test_geocoders import NoNetworkAdapter

from components.geo.gazetteer.index import Gazetteer, load_gazetteer
from components.geo.geocoders.gazetteer import GazetteerGeocoder


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = load_gazetteer()
    if not g.hits("Kurdyumivka"):
        pytest.skip("gazetteer built without the UA village dump")
    return g


@pytest.fixture(scope="module")
def geocoder(gaz: Gazetteer) -> GazetteerGeocoder:
    return GazetteerGeocoder(gaz, adapter_factory=NoNetworkAdapter)
