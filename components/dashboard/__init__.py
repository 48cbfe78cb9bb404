"""The Streamlit dashboard: sidebar filters, cached data access, one thin module per page."""
