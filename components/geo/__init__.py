"""Places: the offline gazetteer, geocoders, ranking in context, countries and the basemap."""
