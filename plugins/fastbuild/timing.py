"""Time spent inside each plugin's signal receivers, for `invoke bench`.

Only the outermost receiver is timed when one sends a signal another plugin
answers, so no second is counted twice. Receivers running in writer processes
(content_written) report their time back with their results.
"""

from __future__ import annotations

import atexit
import json
import time
import weakref
from collections import defaultdict
from functools import wraps
from pathlib import Path

from pelican import signals

_totals: dict[str, float] = defaultdict(float)
_depth = [0]


def _timed(receiver, plugin: str):
    @wraps(receiver)
    def timed(*args, **kwargs):
        _depth[0] += 1
        started = time.perf_counter()
        try:
            return receiver(*args, **kwargs)
        finally:
            _depth[0] -= 1
            if not _depth[0]:
                _totals[plugin] += time.perf_counter() - started

    return timed


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


def take() -> dict[str, float]:
    """The totals since the last call (a writer process sends them to the parent)."""
    taken = dict(_totals)
    _totals.clear()
    return taken


def add(totals: dict[str, float]) -> None:
    for plugin, seconds in totals.items():
        _totals[plugin] += seconds


def _write(path: Path) -> None:
    path.write_text(json.dumps(dict(sorted(_totals.items())), indent=1), encoding="utf-8")
