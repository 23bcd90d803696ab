"""Progress on long builds: a bar on a terminal, nothing in CI or in a log file."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

#: Fewer items than this finish too fast for a bar to help.
MIN_ITEMS = 200


def wanted(setting) -> bool:
    if setting == "auto":
        return sys.stderr.isatty() and not os.environ.get("CI")
    return bool(setting)


@contextmanager
def bar(label: str, total: int, enabled: bool):
    """Yield a callback advancing the bar by n items (a no-op when disabled)."""
    if not enabled or total < MIN_ITEMS:
        yield lambda n=1: None
        return
    from rich.console import Console  # noqa: PLC0415 - only for terminals
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TimeElapsedColumn,
    )

    columns = (label, BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n=1: progress.advance(task, n)
