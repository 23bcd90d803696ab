"""Count the errors logged while Pelican reads the content; in a publish build, stop
before anything is written if there were any.

Pelican's own `--fatal errors` stops at the first error and prints a traceback; an
editor needs every problem at once, each naming its file, and no traceback. Plugins
and Pelican report problems through `logging`, so counting ERROR records catches
them all (a missing date, a bad byline, an unreadable file) whatever their source.
"""

from __future__ import annotations

import logging

from pelican import signals

#: Setting: stop the build before writing when errors were logged. Off for
#: development builds (one bad article must not lose the others), on in publishconf.py.
DEFAULT_FAIL_ON_ERRORS = False


class ErrorCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


_counter = ErrorCounter()


def refusal(count: int) -> str:
    noun = "error" if count == 1 else "errors"
    return (
        f"Refusing to publish: {count} {noun} above. Fix them and run the publish build "
        "again (`invoke build` previews everything that can be built)."
    )


def start_counting(pelican):
    _counter.count = 0
    root = logging.getLogger()
    if _counter not in root.handlers:
        root.addHandler(_counter)


def stop_if_errors(generators):
    settings = generators[0].settings if generators else {}
    if settings.get("FAIL_ON_ERRORS", DEFAULT_FAIL_ON_ERRORS) and _counter.count:
        logging.getLogger(__name__).critical(refusal(_counter.count))
        # SystemExit passes through Pelican's catch-all, so no traceback is printed.
        raise SystemExit(1)


def stop_if_errors_while_writing(pelican):
    """Checks of the written pages (e.g. a page without its disclaimer) run after
    the first gate; the publish build must still fail on them."""
    stop_if_errors([pelican])


def register():
    signals.initialized.connect(start_counting)
    signals.all_generators_finalized.connect(stop_if_errors)
    signals.finalized.connect(stop_if_errors_while_writing)
