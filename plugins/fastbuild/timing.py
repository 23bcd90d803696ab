"""Time spent inside each plugin's signal receivers, for `invoke bench`.

Each receiver's wall time and its CPU time: wall time also counts the moments the
receiver waited for a core the search indexer (Pagefind, working alongside) had;
CPU time is the receiver's own work, including that of the worker processes it
forked and waited for. Only the outermost receiver is timed when one sends a signal
another plugin answers, so no second is counted twice. Receivers running in writer
processes (content_written) report their time back with their results. A plugin's work
in a process of its own, waited for inside another plugin's receiver, counts for the
first (charged_to): the checks' report, made beside the build (checks/background.py).
"""

from __future__ import annotations

import atexit
import json
import time
import weakref
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

from pelican import signals

try:
    import resource
except ImportError:  # Windows
    resource = None

#: Plugin -> [wall seconds, CPU seconds].
_totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
_depth = [0]


def cpu_seconds() -> float:
    """User and system time of this process and of the children it has waited for."""
    if resource is None:  # not a Unix: this process only
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


#: Wall and CPU seconds charged_to() a plugin so far: the receiver they ran inside leaves
#: them out of its own.
_charged = [0.0, 0.0]


def _timed(receiver, plugin: str):
    @wraps(receiver)
    def timed(*args, **kwargs):
        _depth[0] += 1
        started, cpu = time.perf_counter(), cpu_seconds()
        charged = list(_charged)
        try:
            return receiver(*args, **kwargs)
        finally:
            _depth[0] -= 1
            if not _depth[0]:
                total = _totals[plugin]
                total[0] += time.perf_counter() - started - (_charged[0] - charged[0])
                total[1] += cpu_seconds() - cpu - (_charged[1] - charged[1])

    return timed


@contextmanager
def charged_to(plugin: str) -> Iterator[None]:
    """Count the block for `plugin`, whichever plugin's receiver runs it: a plugin's work
    done in a process of its own and waited for where another plugin first needs its
    result (the checks' report, in the conversion's receiver). The process's CPU time is
    the block's, as it is counted once the process is waited for."""
    started, cpu = time.perf_counter(), cpu_seconds()
    try:
        yield
    finally:
        wall, used = time.perf_counter() - started, cpu_seconds() - cpu
        total = _totals[plugin]
        total[0] += wall
        total[1] += used
        _charged[0] += wall
        _charged[1] += used


def instrument(plugin_names: set[str], report_to: str) -> None:
    """Wrap every receiver of our plugins in place (the receivers keep their ids, so
    blinker calls them exactly as before) and write the totals when the build ends."""
    for signal in vars(signals).values():
        receivers = getattr(signal, "receivers", None)
        if not isinstance(receivers, dict):
            continue
        for rid, ref in list(receivers.items()):
            receiver = ref() if isinstance(ref, weakref.ref) else ref
            plugin = getattr(receiver, "__module__", "").split(".")[0]
            if plugin in plugin_names and not getattr(receiver, "__wrapped__", None):
                receivers[rid] = _timed(receiver, plugin)
    atexit.register(lambda: _write(Path(report_to)))


def take() -> dict[str, list[float]]:
    """The totals since the last call (a writer process sends them to the parent)."""
    taken = {plugin: list(total) for plugin, total in _totals.items()}
    _totals.clear()
    return taken


def add(totals: dict[str, list[float]]) -> None:
    for plugin, (wall, cpu) in totals.items():
        total = _totals[plugin]
        total[0] += wall
        total[1] += cpu


def _write(path: Path) -> None:
    """plugin -> {"seconds": wall time, "cpu_seconds": CPU time}."""
    report = {
        plugin: {"seconds": wall, "cpu_seconds": cpu}
        for plugin, (wall, cpu) in sorted(_totals.items())
    }
    path.write_text(json.dumps(report, indent=1), encoding="utf-8")
