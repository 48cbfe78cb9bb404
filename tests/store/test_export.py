"""Export rows: the column-wise conversion gives exactly what converting every value on its own gives."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd

from components.store import export


def test_column_wise_records_equal_value_by_value_conversion() -> None:
    df = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", None],
            "event_date": pd.to_datetime(
                ["2022-10-10", "2022-10-10 12:30:05", None, "2023-01-01"], format="ISO8601"
            ),
            "time_precision": np.array([1, 2, 3, 1], dtype="int32"),
            "latitude": [47.6, float("nan"), 50.1, 48.0],
            "geonameid": pd.array([703448, None, 1, 2], dtype="Int64"),
            "fatalities": pd.array([None, 3, 0, 1], dtype="Int32"),
            "published": [dt.date(2022, 10, 10), None, dt.date(2022, 10, 11), dt.date(2022, 10, 11)],
            "evidence": ["x", "x", "", None],
        }
    )
    cols = tuple(df.columns)
    expected = [{c: export._plain(v) for c, v in zip(cols, row, strict=True)}
                for row in df.itertuples(index=False, name=None)]  # fmt: skip
    got = export._records(df, cols)
    assert got == expected
    assert json.dumps(got) == json.dumps(expected)  # same types too (int vs float, str vs date)
    assert got[1]["event_date"] == "2022-10-10T12:30:05" and got[0]["event_date"] == "2022-10-10"
    assert got[1]["latitude"] is None and got[0]["fatalities"] is None and got[3]["event_id"] is None
