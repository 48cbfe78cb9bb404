"""The Dask engine: workers write Parquet chunks, the client dedups them through an overlay."""
