"""The checks' report made in a process of its own while the build goes on.

A development build checks every file before it reads any (glue.report). With the
build cache most findings come from the memo, and what is left is reading and parsing
every file again: 0.44 of the live preview's 4.2 s at 4,000 articles, 1.2 of 11 s at
10,000, on one core while the other waited. Forked when the articles generator is
made, the checks run beside what the build does next (listing the articles, reading
their digests and the conversions' cache, plugins/fastbuild); the build waits for them
where it first needs to know which files to leave out, before any article is
converted or read, and the findings are logged then. Their time counts for the checks
(fastbuild.timing.charged_to), not for the receiver that waited.

If the process ends without a report (it was killed, or the checks failed there), the
checks run again in the build process, which then fails as it always did if they do.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from fastbuild.timing import charged_to
from fastbuild.workers import capture_logs, replay

from .runner import Report

PLUGIN = __name__.split(".")[0]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class PendingReport:
    """The files to leave out of the build, as a read-only set that waits for the report
    the first time it is asked; `deliver` gets the report once, in the build process."""

    def __init__(self, run: Callable[[], Report], deliver: Callable[[Report], None]):
        self._run, self._deliver = run, deliver
        self._unbuilt: frozenset[Path] | None = None
        self._owner = os.getpid()
        context = multiprocessing.get_context("fork")
        self._answer, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_report, args=(run, sending), daemon=False)
        self._process.start()
        sending.close()

    def _wait(self) -> frozenset[Path]:
        if self._unbuilt is None and os.getpid() != self._owner:
            # A process forked before the answer came (none is): the pipe is the build
            # process's to read, so the checks run again here.
            self._unbuilt = self._run().unbuilt
        if self._unbuilt is None:
            with charged_to(PLUGIN):
                try:
                    answer = self._answer.recv()
                except (EOFError, OSError):
                    answer = None
                self._answer.close()
                self._process.join()
            if answer is None:
                report = self._run()
            else:
                report, records = answer
                replay(records)
            self._deliver(report)
            self._unbuilt = report.unbuilt
        return self._unbuilt

    def __contains__(self, path: object) -> bool:
        return path in self._wait()

    def __iter__(self) -> Iterator[Path]:
        return iter(self._wait())

    def __len__(self) -> int:
        return len(self._wait())


def _report(run: Callable[[], Report], sending) -> None:
    """In the forked process: the report and what was logged making it, or None."""
    answer = None
    try:
        with capture_logs() as records:
            report = run()
        answer = (report, records)
    except Exception:  # the build process runs the checks again and reports it
        pass
    sending.send(answer)
    sending.close()
