"""Pure plotly figure builders: DataFrame -> go.Figure, no Streamlit calls.

`labels` names events (colours per type, escaped text, date and place labels) and `hover` builds the
hover columns from them; `empty` is the figure shown when there is nothing to draw. The charts:
`timeline` (events and counts over time), `bars` (top places and actors), `maps` (events as points or
grid cells, on the view and basemap of `mapbase`), `playback` (weekly frames) and `candidates` (the
places review map).
"""
