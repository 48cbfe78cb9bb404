"""The offline GeoNames-derived gazetteer.

- ``names``: name keys and flags (what the build and the lookups share);
- ``files``: where the built gazetteer lives, its files and their format version;
- ``index``: the loaded gazetteer and its lookups (``load_gazetteer``);
- ``build``: the build (``python -m components.geo.gazetteer.build``), with ``entries`` (the table being
  built), ``regions`` (ADM1 and ADM2 regions) and ``tables`` (project-written names and demonyms).
"""
