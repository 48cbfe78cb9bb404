"""Connections to the database file: open (creating or upgrading it), wait for another process's lock,
and the short-lived `reading()` / `writing()` connections every caller uses.

DuckDB lets one process write or many processes read a file at a time. A folder is not a database file
but a Parquet dataset written by the scale-out engine: it is opened read-only by the reader that engine
registers here (`register_dataset_reader`; the store does not import the layers above it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from components.errors import StoreError
from components.store import schema

LOCK_TIMEOUT = 30.0  # seconds a reader or writer waits for the other process's lock

DatasetReader = Callable[[Path], duckdb.DuckDBPyConnection]
# Opens a Parquet dataset folder read-only; set by components.scaleout.parquet when it is imported.
_dataset_reader: list[DatasetReader] = []


def register_dataset_reader(reader: DatasetReader) -> None:
    """Let `connect` open a Parquet dataset folder with `reader` (the scale-out engine's)."""
    _dataset_reader[:] = [reader]


class LockedError(StoreError):
    """Another process holds the database file (a writer while we read, or any user while we write)."""


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, when writable, create) the database at `path`."""
    path = Path(path)
    if path.is_dir():
        return _connect_dataset(path, read_only=read_only)
    try:
        if read_only:
            return _connect_read_only(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        schema.create(con)
        return con
    except duckdb.Error as err:
        raise StoreError(f"cannot open database {path}: {err}") from err


def _connect_dataset(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    if not read_only:
        raise StoreError(
            f"{path} is a Parquet dataset: it is written by `ingest --engine dask` and read here"
        )
    if not _dataset_reader:
        raise StoreError(
            f"{path} is a Parquet dataset: reading it needs components.scaleout.parquet (not imported)"
        )
    return _dataset_reader[0](path)


def _connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.exists():
        raise StoreError(f"no database at {path}: ingest some articles first")
    con = duckdb.connect(str(path), read_only=True)
    key = _file_key(path)
    if key not in _CURRENT_SCHEMA:
        if schema.missing_columns(con):
            con.close()
            raise StoreError(
                f"database {path} has an older schema (before version {schema.SCHEMA_VERSION}); open it "
                f"once for writing to upgrade it in place, e.g. `python -m components migrate --db {path}`"
            )
        _CURRENT_SCHEMA.add(key)
    return con


def open_memory() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the current schema (workers build Parquet files from it)."""
    con = duckdb.connect()
    schema.create(con)
    return con


def connect_waiting(
    path: str | Path, *, read_only: bool = False, timeout: float = LOCK_TIMEOUT
) -> duckdb.DuckDBPyConnection:
    """`connect`, retrying with back-off while another process holds the file lock.

    DuckDB lets one process write or many processes read a file at a time. The dashboard reads with
    short-lived connections and the ingest writes in short batches, so each waits for the other for at
    most a few hundred milliseconds; `timeout` bounds the wait (LockedError after it).
    """
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            return connect(path, read_only=read_only)
        except StoreError as err:
            if "lock" not in str(err).lower():
                raise
            if time.monotonic() >= deadline:
                raise LockedError(
                    f"database {path} is busy (locked by another process for {timeout:.0f} s)"
                ) from err
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


@contextmanager
def reading(path: str | Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection (waits for a writer to finish its batch)."""
    con = connect_waiting(path, read_only=True, timeout=timeout)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def writing(path: str | Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived writable connection (waits for readers' queries to finish)."""
    con = connect_waiting(path, timeout=timeout)
    try:
        yield con
    finally:
        con.close()


# Files whose schema was checked as current, by (path, inode, size, mtime): the dashboard opens a short
# read-only connection per query and the check costs ~30 ms each time. A current schema never goes back;
# a changed or different file at the same path is checked again.
_CURRENT_SCHEMA: set[tuple[str, int, int, int]] = set()


def _file_key(path: Path) -> tuple[str, int, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_ino, stat.st_size, stat.st_mtime_ns
