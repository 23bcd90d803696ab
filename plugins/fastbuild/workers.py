"""Run a function over many items in forked worker processes, results in order.

Forking (not spawning) lets workers use the build's settings, readers and plugins as
they are, without pickling them; only each item's result travels back. Log records
emitted in a worker are shipped back and handled by the parent's loggers, so they are
printed once, in the parent's format, and counted by plugins/publish_guard.
"""

from __future__ import annotations

import gc
import inspect
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from pelican.log import FilteredMessage

from .settings import get as get_setting


class _Job:
    """The function being mapped, its items, the order to take them in and the shared
    count of those taken; set before the pool forks, so workers inherit them and only
    indices and results cross between processes."""

    function: Callable[[Any], Any] | None = None
    items: Sequence[Any] = ()
    order: Sequence[int] = ()
    taken: Any = None
    forward_logs = True


_job = _Job()

#: The niceness (os.nice) of forked workers while the build yields to a process beside
#: it: the lowest priority, so they run only on what the others leave of the cores.
YIELDING_NICENESS = 19


class _Yield:
    on = False


_yield = _Yield()


def yield_to_sidecar(on: bool) -> None:
    """From now on (until called with False), the workers fork_map starts run at the
    lowest priority. For a process the build waits for at its end and whose work cannot
    be split, started beside the build and held to one core (Pagefind,
    plugins/site_search): it then keeps its core while the build process works on the
    other, and the workers take what the two leave. Sharing two cores evenly between
    the three, Pagefind had two thirds of its core while the pages were written and
    went on alone after them (4,000 articles: the build 0.5 to 0.8 s longer, and 1 to 2
    CPU-s more for all the switching between them)."""
    _yield.on = on


def yielding() -> bool:
    return _yield.on


class _Capture(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]):
        super().__init__(level=logging.NOTSET)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        record.fastbuild_pid = os.getpid()
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
    """Collect the records logged inside the block instead of handling them: they are
    printed (and counted) when replayed, once, in order."""
    records: list[logging.LogRecord] = []
    root = logging.getLogger()
    handlers = root.handlers[:]
    root.handlers[:] = [_Capture(records)]
    try:
        yield records
    finally:
        root.handlers[:] = handlers


def replay(records: Sequence[logging.LogRecord]) -> None:
    for record in records:
        logger = logging.getLogger(record.name)
        if getattr(record, "fastbuild_pid", None) == os.getpid():
            logger.callHandlers(record)  # this process's loggers have filtered it already
        elif logger.isEnabledFor(record.levelno):
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
    if _yield.on:
        try:
            os.nice(YIELDING_NICENESS)
        except OSError:  # not allowed here: the worker runs as it is
            pass
    if setup is not None:
        setup()


def _next() -> int | None:
    """The next item nobody has taken yet (its index), or None when all are taken."""
    taken = _job.taken
    with taken.get_lock():
        position = taken.value
        if position >= len(_job.order):
            return None
        taken.value = position + 1
    return _job.order[position]


def _take_until_done(_=None) -> list[tuple[int, tuple[Any, Sequence[logging.LogRecord]]]]:
    """Items one at a time until none is left: a process that drew quick items takes
    more, so one long item (a 400-page listing) does not leave the other cores idle."""
    done = []
    while (index := _next()) is not None:
        done.append((index, _one(_job.items[index])))
    return done


def _one(item) -> tuple[Any, Sequence[logging.LogRecord]]:
    with capture_logs() as records:
        result = _job.function(item)
    return result, records if _job.forward_logs else ()


def worker_count(settings: Mapping) -> int:
    """BUILD_WORKERS, with 0 (the default) meaning one per core available to us."""
    requested = get_setting(settings, "BUILD_WORKERS")
    if requested and requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def spare_workers(settings: Mapping) -> int:
    """worker_count(), less the core a sidecar holds while the workers yield to it.

    For jobs of a second or less run beside Pagefind (related stories' word counts and
    ranking): a worker forked for them waits at the lowest priority for a core Pagefind
    keeps busy, so the build process does the work anyway, and the fork and the pages it
    copies are all the worker adds (about 0.1 CPU-s of related stories' 0.6 at 4,000
    articles). Without Pagefind beside it (the live preview), the other core is free.
    Longer jobs (writing the pages) keep every worker: the core is theirs once Pagefind
    is done."""
    return max(1, worker_count(settings) - (1 if _yield.on else 0))


def _here_only(job, items: list, forward_logs: bool, progress) -> list[Any]:
    results = []
    for item in items:
        with capture_logs() as records:
            results.append(job(item))
        if forward_logs:
            replay(records)
        if progress:
            progress(1)
    return results


def fork_map(
    job: Callable[[Any], Any],
    items: Sequence[Any],
    workers: int,
    *,
    forward_logs: bool = True,
    progress: Callable[[int], None] | None = None,
    setup: Callable[[], None] | None = None,
    here: bool = True,
    first: Callable[[Any], float] | None = None,
) -> list[Any]:
    """[job(item) for item in items], computed by this process and `workers` - 1
    forked ones, each taking the next item not yet taken until none is left.

    The build process works too instead of waiting, so two cores need one fork,
    not two: a forked process soon holds its own copy of every page of the parent's
    memory that it touches. Log records are printed in item order once all is done.
    With one worker, few items, or no fork on this platform, it runs here: same
    results, same order, same log records. `setup` runs once in each forked process.
    `here=False` keeps this process out of the work (every item done in a forked
    process, even with one worker): for jobs whose log records are dropped, since
    this process's loggers would remember the messages and refuse them when they are
    logged again for real.
    `first(item)`: items with a higher value are taken earlier (the longest ones,
    so that none is left running alone at the end); results keep the items' order.
    """
    items = list(items)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if not items or not forkable or (here and (workers <= 1 or len(items) < 2 * workers)):
        return _here_only(job, items, forward_logs, progress)
    order = list(range(len(items)))
    if first is not None:
        order.sort(key=lambda i: -first(items[i]))
    context = multiprocessing.get_context("fork")
    _job.function, _job.items, _job.forward_logs = job, items, forward_logs
    _job.order, _job.taken = order, context.Value("q", 0)
    forks = max(1, min(workers - 1 if here else workers, len(items)))
    done: list[tuple[Any, Sequence[logging.LogRecord]]] = [(None, ())] * len(items)
    # Objects that exist before the fork are left out of the workers' garbage collection,
    # which would otherwise write to every one of them and so copy every page of memory.
    gc.freeze()
    try:
        with context.Pool(forks, initializer=_start_worker, initargs=(setup,)) as pool:
            forked = pool.map_async(_take_until_done, range(forks), chunksize=1)
            while here and (index := _next()) is not None:
                done[index] = _one(items[index])
                if progress:
                    progress(1)
            for answers in forked.get():
                for index, answer in answers:
                    done[index] = answer
                if progress:
                    progress(len(answers))
    finally:
        gc.unfreeze()
        _job.function, _job.items, _job.forward_logs = None, (), True
        _job.order, _job.taken = (), None
    for _, records in done:
        replay(records)
    return [result for result, _ in done]


def forget_memoized(contents: Iterable) -> None:
    """Drop what Pelican memoised of `contents` while fork_map jobs ran in this process.

    Pelican memoises an article's content and summary per site URL, and resolves the
    {filename} links of summaries only after all_generators_finalized. A job that read
    them earlier here (every job with BUILD_WORKERS = 1, this process's share
    otherwise) would leave the unresolved text for the feeds and listings, while the
    articles a worker read are untouched: afterwards, every article is alike again."""
    contents = list(contents)
    wanted = {id(c) for c in contents}
    for cls in {type(c) for c in contents}:
        for name in ("get_content", "get_summary"):
            cache = getattr(inspect.getattr_static(cls, name, None), "cache", None)
            if isinstance(cache, dict):
                for key in [k for k in cache if k and id(k[0]) in wanted]:
                    del cache[key]
