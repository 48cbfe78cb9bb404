"""The Streamlit dashboard (`streamlit run app.py`): `sidebar` (the shared filters, kept in the URL),
`data` (the cached queries), `format` (how values and the events table are shown), `page` (the guard,
header and empty state around every page) and `pages/` (one thin module per page)."""
