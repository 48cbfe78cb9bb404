"""Ingest in worker processes: the articles of a large ingest are analysed by one process per core.

`pipeline.ingest_items` hands the new articles and its `run` (every stage of one batch) to
`run_parallel` when `workers_for` says more than one process pays (the `ingest_workers` setting, or
`ingest --workers N`). Each worker loads the model, gazetteer and geocoder once and calls `run` on chunks
of `CHUNK` articles; the calling process gets the results in reading order and writes them, so the
database is the same as a one-process run's. A chunk whose worker fails is read again in the calling
process: a crash never loses the other articles.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from components import settings
from components.geo.gazetteer.index import load_gazetteer
from components.geo.geocoders import make_geocoder
from components.geo.theatre import NO_THEATRE, Theatre
from components.nlp.model import load_nlp
from components.records import Article
from components.store import corrections as corrections_mod

logger = logging.getLogger(__name__)

# Fewer new articles than this are read in this process: a worker process costs ~2 s to start (spaCy and
# the gazetteer load in each), which a small ingest (the sample data: 57 articles) does not win back.
PARALLEL_FROM = 256
CHUNK = 32  # articles per task of a worker process


def workers_for(total: int, requested: int | str | None = None) -> int:
    """How many processes analyse `total` new articles: `requested`, else the `ingest_workers` setting;
    "auto" is one per core from `PARALLEL_FROM` articles on, else one. Never more than the chunks."""
    value = requested if requested is not None else settings.get("ingest_workers")
    if str(value).strip().lower() == "auto":
        wanted = (os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
    else:
        try:
            wanted = int(value)
        except ValueError:
            raise ValueError(f"ingest workers must be `auto` or a number, not {value!r}") from None
        if wanted < 1:
            raise ValueError(f"ingest workers must be at least 1, not {wanted}")
    return max(1, min(wanted, -(-total // CHUNK)))


Run = Callable[..., Iterable[object]]  # pipeline.run(articles, gazetteer=, geocoder=, corrections=, theatre=)


def run_parallel(
    articles: Sequence[Article],
    *,
    run: Run,
    workers: int,
    corrections: Sequence[corrections_mod.Correction] = (),
    on_failures: Callable[[int], None] | None = None,
    start: Callable[[], None] | None = None,
    theatre: Theatre = NO_THEATRE,
) -> Iterator[object]:
    """`run` in `workers` processes, `CHUNK` articles a task, results in the order of `articles`. Each
    worker loads the model, gazetteer and geocoder once. At most two tasks per worker wait, so memory stays
    bounded; every chunk ranks same-named villages by the ingest's `theatre`. A chunk whose worker fails (a
    crashed process) is read again in this process, article by article, so a crash never loses the other
    articles. `on_failures` gets each chunk's count of online geocoder failures. `start` runs first in each
    worker (default: `_start_worker`)."""
    start = start or _start_worker
    chunks = (tuple(articles[i : i + CHUNK]) for i in range(0, len(articles), CHUNK))
    context = multiprocessing.get_context("spawn")  # not fork: the caller may hold threads (the dashboard)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=start) as pool:
        pending: deque[tuple[tuple[Article, ...], Future | None]] = deque()

        def submit() -> None:
            if (chunk := next(chunks, None)) is None:
                return
            try:
                future = pool.submit(_run_chunk, run, chunk, tuple(corrections), theatre)
            except Exception:  # a broken pool takes no more tasks: the chunk is read here
                future = None
            pending.append((chunk, future))

        for _ in range(2 * workers):
            submit()
        while pending:
            chunk, future = pending.popleft()
            try:
                if future is None:
                    raise RuntimeError("the worker pool is broken")
                results, failures = future.result()
            except Exception as err:  # BrokenProcessPool and the like: this process reads the chunk
                logger.warning("a worker process failed (%s); reading its %d articles here", err, len(chunk))
                results, failures = list(run(chunk, corrections=corrections, theatre=theatre)), 0
            submit()
            if on_failures and failures:
                on_failures(failures)
            yield from results


_WORKER: dict[str, object] = {}


def watch_parent(interval: float = 1.0, parent: int | None = None) -> None:
    """End this worker process when the process that started it (`parent`, default: the one that spawned
    it) is gone: a killed ingest leaves no orphans holding memory. A daemon thread compares the parent's pid
    every `interval` seconds."""
    if parent is None:
        spawner = multiprocessing.parent_process()
        parent = spawner.pid if spawner is not None and spawner.pid else os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _start_worker() -> None:
    """A worker process loads the gazetteer, geocoder and model once, before its first chunk."""
    watch_parent()
    gazetteer = load_gazetteer()
    _WORKER.update(gazetteer=gazetteer, geocoder=make_geocoder(gazetteer=gazetteer))
    load_nlp()


def _run_chunk(
    run: Run, chunk: Sequence[Article], corrections: Sequence[corrections_mod.Correction], theatre: Theatre
) -> tuple[list[object], int]:
    """One task of a worker process: its articles' results, and the online geocoder's failures meanwhile."""
    geocoder = _WORKER["geocoder"]
    before = int(getattr(geocoder, "failures", 0))
    gazetteer = _WORKER["gazetteer"]
    results = list(
        run(chunk, gazetteer=gazetteer, geocoder=geocoder, corrections=corrections, theatre=theatre)
    )
    return results, int(getattr(geocoder, "failures", 0)) - before
