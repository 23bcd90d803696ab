"""Run a function over many items in forked worker processes, results in order.

Forking (not spawning) lets workers use the build's settings, readers and plugins as
they are, without pickling them; only each item's result travels back. Log records
emitted in a worker are shipped back and handled by the parent's loggers, so they are
printed once, in the parent's format, and counted by plugins/publish_guard.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pelican.log import FilteredMessage


class _Job:
    """The function being mapped; set before the pool forks, so workers inherit it."""

    function: Callable[[Any], Any] | None = None
    forward_logs = True


_job = _Job()


class _Capture(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]):
        super().__init__(level=logging.NOTSET)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(portable(record))


def portable(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message formatted, so it pickles whatever its arguments were."""
    record.msg = record.getMessage()
    record.args = None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    return record


@contextmanager
def capture_logs() -> Iterator[list[logging.LogRecord]]:
    """Collect the records logged inside the block instead of printing them."""
    records: list[logging.LogRecord] = []
    handler = _Capture(records)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield records
    finally:
        root.removeHandler(handler)


def replay(records: Sequence[logging.LogRecord]) -> None:
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            try:
                logger.handle(record)
            except FilteredMessage:  # Pelican's limit on repeated messages said no
                pass


def _silence_worker() -> None:
    """Workers print nothing themselves: their records reach the parent (or are dropped
    when the parent redoes that part of the work, which logs it there)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    # Without any handler, logging would fall back to printing on stderr.
    root.addHandler(logging.NullHandler())


def _start_worker(setup: Callable[[], None] | None) -> None:
    _silence_worker()
    if setup is not None:
        setup()


def _run(item):
    if not _job.forward_logs:
        return _job.function(item), ()
    with capture_logs() as records:
        result = _job.function(item)
    return result, records


def worker_count(requested: int) -> int:
    if requested and requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fork_map(
    job: Callable[[Any], Any],
    items: Sequence[Any],
    workers: int,
    *,
    forward_logs: bool = True,
    progress: Callable[[int], None] | None = None,
    setup: Callable[[], None] | None = None,
) -> list[Any]:
    """[job(item) for item in items], computed by `workers` forked processes.

    With one worker, few items, or no fork on this platform, it runs here: same
    results, same order, same log records. `setup` runs once in each worker
    process (not when the job runs here).
    """
    items = list(items)
    if (
        workers <= 1
        or len(items) < 2 * workers
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        results = []
        for item in items:
            with capture_logs() as records:
                results.append(job(item))
            if forward_logs:
                replay(records)
            if progress:
                progress(1)
        return results
    _job.function, _job.forward_logs = job, forward_logs
    chunk = max(1, min(32, len(items) // (workers * 8)))
    results = []
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_start_worker, initargs=(setup,)) as pool:
            for result, records in pool.imap(_run, items, chunksize=chunk):
                replay(records)
                results.append(result)
                if progress:
                    progress(1)
    finally:
        _job.function, _job.forward_logs = None, True
    return results
