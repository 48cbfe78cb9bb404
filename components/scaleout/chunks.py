"""The chunk files of a Parquet dataset written by the Dask engine, and which of them count.

Each worker task writes one chunk of articles as `DIR/{mentions,event_sources}/part-{chunk}.parquet`,
`DIR/events/month=*/part-{chunk}-{i}.parquet` (DuckDB's partitioned COPY, FILENAME_PATTERN
`part-{chunk}-{i}`) and, last, `DIR/articles/part-{chunk}.parquet` (written to a hidden temporary name and
renamed): the articles file is the chunk's commit marker. A chunk without it was cut short (a worker died
mid-write); its files are orphans: `scan` leaves them out of what is read (parquet.connect_parquet) and
`remove_orphans` deletes them (the next ingest, before it decides which articles are already stored, so
those articles are processed again). Chunk ids (`{run}-{n:05d}`) may contain `-`: the chunk of an events
file is its name without `part-` and without the last `-{i}`.

One run writes a dataset at a time (`run_lock`): a second run would take the first one's chunks in
progress for orphans and delete them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import socket
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from components.errors import StoreError

logger = logging.getLogger(__name__)

MARKER = "articles"  # written last: a chunk with this file is complete
TABLES = ("articles", "mentions", "event_sources", "events")  # the marker first (see scan)
TMP_GLOB = ".part-*.parquet.tmp"  # the marker while it is written (no reader opens it)
PATTERN = "part-*.parquet"  # the workers' files; anything else in the folders is neither read nor deleted


def chunk_id(table: str, name: str) -> str:
    """The chunk a file of `table` belongs to, from its name (`part-{chunk}.parquet`, events
    `part-{chunk}-{i}.parquet`)."""
    stem = name.removeprefix("part-").removesuffix(".parquet")
    return stem.rsplit("-", 1)[0] if table == "events" else stem


def marker_tmp(out: Path, chunk: str) -> Path:
    """Where the commit marker of `chunk` is written before it is renamed into place."""
    return out / MARKER / f".part-{chunk}.parquet.tmp"


@dataclass(frozen=True)
class Listing:
    """The Parquet files of a dataset: those of complete chunks by table, and the orphans."""

    committed: dict[str, tuple[Path, ...]]
    orphans: tuple[Path, ...]


def scan(folder: str | Path) -> Listing:
    """List the dataset's files. The markers are listed first: a chunk committed while the other tables
    are listed has all its files in place already, so a reader never gets half a chunk."""
    folder = Path(folder)
    done: set[str] = set()
    committed: dict[str, tuple[Path, ...]] = {}
    orphans: list[Path] = []
    for table in TABLES:
        files = sorted((folder / table).rglob(PATTERN))
        if table == MARKER:
            done = {chunk_id(table, p.name) for p in files}
        keep = [p for p in files if chunk_id(table, p.name) in done]
        committed[table] = tuple(keep)
        orphans.extend(p for p in files if chunk_id(table, p.name) not in done)
    return Listing(committed, tuple(orphans))


def remove_chunk(out: str | Path, chunk: str) -> None:
    """Delete the files of `chunk` (its marker first), e.g. left by an earlier attempt of the same task
    (Dask runs a dead worker's task again): the new attempt's files may not replace them all."""
    out = Path(out)
    for table in TABLES:
        for path in sorted((out / table).rglob(PATTERN)):
            if chunk_id(table, path.name) == chunk:
                path.unlink(missing_ok=True)
    marker_tmp(out, chunk).unlink(missing_ok=True)


def remove_orphans(folder: str | Path) -> int:
    """Delete the files of chunks cut short (no articles file) and unfinished markers; returns how many.
    Only while no ingest writes into `folder` (its chunks in progress look the same)."""
    folder = Path(folder)
    stale = scan(folder).orphans + tuple(sorted((folder / MARKER).glob(TMP_GLOB)))
    for path in stale:
        path.unlink(missing_ok=True)
    if stale:
        counts = Counter(p.relative_to(folder).parts[0] for p in stale)
        chunks = {
            chunk_id(p.relative_to(folder).parts[0], p.name.lstrip(".").removesuffix(".tmp")) for p in stale
        }
        per_table = ", ".join(f"{t}: {n}" for t, n in sorted(counts.items()))
        message = "removed %d files of %d chunks cut short before their articles file was written (%s)"
        logger.warning(message, len(stale), len(chunks), per_table)
    return len(stale)


LOCK_NAME = ".ingest.lock"  # in the dataset folder while a run (ingest or dedup) writes it
LOCK_GRACE_S = 60  # an unreadable lock file younger than this is a run still writing it, not a stale one


@contextlib.contextmanager
def run_lock(folder: str | Path) -> Iterator[Path]:
    """Hold `folder`/.ingest.lock (pid, host, start time) while the block runs. StoreError when another
    live run holds it; a lock whose process is gone (same host) is taken over with a warning."""
    path = Path(folder) / LOCK_NAME
    mine = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
    }
    for _ in range(3):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _lock_holder(path)
            if holder is not None:
                who = f"pid {holder.get('pid')} on {holder.get('host')}, since {holder.get('started')}"
                raise StoreError(
                    f"{folder} is being written by another run ({who}); wait for it to finish, "
                    f"or delete {path} if that run is gone"
                ) from None
            logger.warning("removing the stale lock %s (its run is gone)", path)
            path.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(mine, fh)
        break
    else:
        raise StoreError(f"could not lock {folder}: {path} keeps coming back")
    try:
        yield path
    finally:
        with contextlib.suppress(OSError, ValueError):
            if json.loads(path.read_text(encoding="utf-8")) == mine:  # never remove a lock we do not hold
                path.unlink()


def _lock_holder(path: Path) -> dict | None:
    """Who holds the lock, or None when it is stale: its process is gone (same host), or the file is
    unreadable and older than LOCK_GRACE_S. A lock from another host is always taken as held."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        pid, host = int(holder["pid"]), str(holder["host"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime < LOCK_GRACE_S:
                return {"pid": "?", "host": "?", "started": "just now"}
        return None
    if host != socket.gethostname():
        return holder
    try:
        os.kill(pid, 0)  # PermissionError: alive, another user's
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return holder
