"""Pure plotly figure builders: DataFrame -> go.Figure, no Streamlit calls."""
