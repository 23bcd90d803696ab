"""End Pelican's command line at once after a build that succeeded.

Freeing a built site's objects one by one (thousands of articles, their HTML, the
page memo's tables) takes Python about 0.9 s at 4,000 articles when the process
ends: a tenth of the live preview's rebuild of an edit, spent on memory the system
takes back anyway. When this process is Pelican's command line (`pelican`,
`python -m pelican`, as `invoke livereload` runs it) and the build it ran returned,
all that is left is to exit with status 0. So, once every other exit handler has
run, the output is flushed and the process ends without that teardown.

A build that failed, a publish build (plugins/atomic_output wraps the run), Pelican
run inside another program (`invoke build`, the tests) or under coverage.py, a
profiler or a debugger exit as usual.

A build ended by SIGTERM (a process manager, a timeout, `kill`) dies of it as before,
but first runs the clean-ups plugins registered with `on_terminate` for what they
hold at that moment: a half-written site beside the output, search records in
memory, a Pagefind process.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from functools import wraps
from types import ModuleType

#: Whether the last build this process ran returned, when Pelican's command line
#: called it directly.
_state = {"succeeded": False}


def is_pelican_cli(main: ModuleType | None) -> bool:
    """The program running is Pelican's own command line."""
    if main is None:
        return False
    spec = getattr(main, "__spec__", None)
    if spec is not None:
        return spec.name == "pelican.__main__"
    return os.path.basename(getattr(main, "__file__", "") or "") == "pelican"


def watch(pelican) -> None:
    """initialized: note whether the run Pelican's main calls returns."""
    run = pelican.run

    @wraps(run)
    def watched_run(*args, **kwargs):
        _state["succeeded"] = False
        result = run(*args, **kwargs)
        # Only when nothing wrapped the run after this (main called this very
        # function): a wrapper around it could still fail.
        _state["succeeded"] = pelican.run is watched_run
        return result

    pelican.run = watched_run


def _measured() -> bool:
    """A tracer, profiler or coverage.py is watching: its own exit handler, registered
    before this one, must still run (coverage.py saves its data there)."""
    return sys.gettrace() is not None or sys.getprofile() is not None or "coverage" in sys.modules


def _exit_now() -> None:
    if not (_state["succeeded"] and is_pelican_cli(sys.modules.get("__main__"))):
        return
    if _measured():
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(0)


# Registered when the plugin is imported, before the other plugins: exit handlers
# run last-registered first, so theirs have all run by the time this one does.
atexit.register(_exit_now)


# --- SIGTERM -----------------------------------------------------------------------

#: Clean-ups to run if SIGTERM ends this process, by id.
_cleanups: dict[int, Callable[[], None]] = {}


def on_terminate(cleanup: Callable[[], None]) -> Callable[[], None]:
    """Run `cleanup` if SIGTERM ends this process before the function returned here is
    called (call it once `cleanup` has nothing left to do).

    Nothing is set up where another SIGTERM handler is already in place (the program's
    own), nor outside the main thread, which alone may set one."""
    key = id(cleanup)
    handler = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread() and handler in (
        signal.SIG_DFL,
        _terminated,
    ):
        signal.signal(signal.SIGTERM, _terminated)
        _cleanups[key] = cleanup
    return lambda: _release(key)


def _release(key: int) -> None:
    if _cleanups.pop(key, None) is None or _cleanups:
        return
    if signal.getsignal(signal.SIGTERM) is _terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _terminated(signum, frame) -> None:
    """Clean up here, then die of the signal. Not by raising SystemExit for exit
    handlers and `finally` blocks: a signal that comes while the build forks a worker is
    handled where exceptions are ignored, and the build would go on. The build's forked
    workers die too (left alone, each would print a BrokenPipeError when it sends its
    results)."""
    for cleanup in reversed(list(_cleanups.values())):
        try:
            cleanup()
        except Exception:  # the others must still run
            logging.getLogger(__name__).exception("clean-up after SIGTERM failed")
    for worker in multiprocessing.active_children():
        worker.kill()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _forked() -> None:
    """A forked worker has none of the clean-ups to run and dies of SIGTERM at once, as
    it always did: multiprocessing ends its pools' workers with SIGTERM, and one that
    ran this handler instead could be left waiting on a lock for ever."""
    _cleanups.clear()
    if signal.getsignal(signal.SIGTERM) is _terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


os.register_at_fork(after_in_child=_forked)
