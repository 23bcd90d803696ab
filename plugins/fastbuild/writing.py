"""Write the articles' pages in worker processes, in Pelican's order.

The articles generator's output (article pages, listings, archives, feeds) is most
of what is left of a build once reading is fast. While the generator runs, each
call to the writer is queued instead of run; then workers forked from the finished
build run the calls, a share each, and their log records come back in call order.
Every page is rendered from the same context as in a serial build, so the files are
the same.
"""

from __future__ import annotations

import logging
from collections import Counter
from functools import partial

from . import timing
from .workers import fork_map

logger = logging.getLogger(__name__)

#: The writer methods that render and write files.
DEFERRED = ("write_file", "write_feed")


def _queue(calls: list, method: str, *args, **kwargs) -> None:
    calls.append((method, args, kwargs))


def _target(method: str, args: tuple, kwargs: dict):
    """The file a call writes (for a paginated listing, its first page)."""
    if method == "write_file":
        return args[0] if args else kwargs.get("name")
    return args[2] if len(args) > 2 else kwargs.get("path")


def clashes(calls: list) -> bool:
    """Two calls writing the same file: Pelican decides that by call order (it refuses
    or overrides), so those builds write serially."""
    names = Counter(_target(m, a, k) for m, a, k in calls)
    names.pop(None, None)
    return any(count > 1 for count in names.values())


def deferring(generate_output, workers: int, progress_bar):
    """Wrap a generator's generate_output(writer) so its writes run in `workers`."""

    def generate_output_in_parallel(writer):
        calls: list = []
        for method in DEFERRED:
            setattr(writer, method, partial(_queue, calls, method))
        try:
            generate_output(writer)
        finally:
            for method in DEFERRED:
                delattr(writer, method)
        run(writer, calls, workers, progress_bar)

    return generate_output_in_parallel


def run(writer, calls: list, workers: int, progress_bar) -> None:
    if clashes(calls):
        workers = 1

    def call(index: int) -> dict[str, float]:
        method, args, kwargs = calls[index]
        getattr(writer, method)(*args, **kwargs)
        return timing.take()

    # Workers start from empty totals and send back only what they add.
    earlier = timing.take()
    with progress_bar("Writing pages", len(calls)) as advance:
        for totals in fork_map(call, range(len(calls)), workers, progress=advance):
            timing.add(totals)
    timing.add(earlier)
