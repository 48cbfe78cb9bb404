"""Read a Parquet dataset written by `ingest --engine dask` as if it were a database file.

`connect_parquet(folder)` gives a read-only DuckDB connection whose tables are views over the dataset's
files (`<folder>/<table>/**/*.parquet`, events partitioned by `month=YYYY-MM`), with the dedup overlay
(`<folder>/dedup/merges.parquet`, see overlay.py) applied. Importing this module registers it with the
store, so `store.reading(folder)` and `store.connect(folder, read_only=True)` open a dataset folder too
(`CT_DB=DIR` for the dashboard, `export --db DIR`).

A dataset written before a schema change lacks the columns added since (e.g. `language`, schema 4): a
column its files lack is added to the view with its default, so it reads like a current one. A table's
columns are those of its first file (reading every file's schema costs ~0.4 s per 2,000 files on each
connection): in a folder holding chunks from before and after an upgrade the new column reads as its
default when the first file lacks it, and a later file lacking it is a read error. Ingest into a new
folder after an upgrade.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from components import store
from components.errors import StoreError
from components.scaleout import chunks
from components.scaleout import overlay as dedup_overlay
from components.store import schema

# Columns added to a table since schema 1, with their declarations ("VARCHAR DEFAULT ''").
ADDED_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": schema.EVENT_COLUMNS_V2,
    "articles": schema.ARTICLE_COLUMNS_V4,
}


def sql_path_list(files: Sequence[Path]) -> str:
    """A DuckDB list literal of file paths: ['a.parquet', 'b.parquet']."""
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in files) + "]"


def table_select(table: str, files: Sequence[Path]) -> str:
    """SELECT of a table's Parquet files (the events' hive partition column `month` left out)."""
    paths = sql_path_list(files)
    if table == "events":
        return f"SELECT * EXCLUDE (month) FROM read_parquet({paths}, hive_partitioning = true)"
    return f"SELECT * FROM read_parquet({paths})"


def with_added_columns(con: duckdb.DuckDBPyConnection, table: str, select: str) -> str:
    """`select` with the columns added to `table` since its files were written, at their defaults."""
    have = {r[0] for r in con.execute(f"DESCRIBE {select}").fetchall()}
    extra = []
    for name, decl in ADDED_COLUMNS.get(table, ()):
        if name not in have:
            kind, _, default = decl.partition(" DEFAULT ")
            extra.append(f"CAST({default or 'NULL'} AS {kind}) AS {name}")
    return f"SELECT *, {', '.join(extra)} FROM ({select})" if extra else select


def connect_parquet(folder: str | Path) -> duckdb.DuckDBPyConnection:
    """Read a Parquet dataset written by `ingest --engine dask` through DuckDB views with the same tables
    as a database file; the dedup overlay is applied in the views. Only complete chunks are read (listed
    once here, see chunks.py): not those of a worker that died mid-write."""
    folder = Path(folder)
    con = store.open_memory()
    try:
        selects = {
            table: table_select(table, files)
            for table, files in chunks.scan(folder).committed.items()
            if files  # a table without files keeps its empty table
        }
        selects = {table: with_added_columns(con, table, select) for table, select in selects.items()}
        for table, select in dedup_overlay.overlaid(selects, folder).items():  # the Dask engine's merges
            con.execute(f"DROP TABLE {table}")
            con.execute(f"CREATE VIEW {table} AS {select}")
    except duckdb.Error as err:
        con.close()
        raise StoreError(f"cannot read the Parquet dataset {folder}: {err}") from err
    return con


store.register_dataset_reader(connect_parquet)
