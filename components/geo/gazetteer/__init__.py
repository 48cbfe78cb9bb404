"""The offline GeoNames-derived gazetteer: name keys, build, tables and the loaded index."""
