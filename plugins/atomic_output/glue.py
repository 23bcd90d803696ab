"""Make each run of a Pelican build atomic when ATOMIC_OUTPUT is on.

Pelican sends no signal when a build fails, so the run itself is wrapped: the
wrapper points Pelican at a fresh folder, runs the build, and swaps the folder into
place only if the run returned; on any exception (or SystemExit from
plugins/publish_guard), or SIGTERM, the fresh folder is deleted and the old output is
untouched.
"""

from __future__ import annotations

import logging
from functools import partial, wraps
from pathlib import Path

from fastbuild.exiting import on_terminate
from pelican import signals

from .settings import ATOMIC_OUTPUT
from .swap import discard, fresh_sibling, replace_folder

logger = logging.getLogger(__name__)


def make_runs_atomic(pelican):
    if not pelican.settings.get("ATOMIC_OUTPUT", ATOMIC_OUTPUT):
        return
    run = pelican.run
    if getattr(run, "atomic", False):
        return

    @wraps(run)
    def atomic_run(*args, **kwargs):
        target = Path(pelican.output_path).resolve()
        building = fresh_sibling(target)
        pelican.output_path = str(building)
        pelican.settings["OUTPUT_PATH"] = str(building)
        # Killed by SIGTERM (a timeout, `kill`), the build leaves no half-written site.
        release = on_terminate(partial(discard, building))
        try:
            result = run(*args, **kwargs)
        except BaseException:
            discard(building)
            logger.error(
                "%s: error: the build failed; the previous site was left as it was [build-failed]",
                target,
            )
            raise
        finally:
            release()  # the swap below is a few renames: not to be cut short by a clean-up
            pelican.output_path = str(target)
            pelican.settings["OUTPUT_PATH"] = str(target)
        replace_folder(building, target, keep=pelican.settings.get("OUTPUT_RETENTION", ()))
        return result

    atomic_run.atomic = True
    pelican.run = atomic_run


def register():
    signals.initialized.connect(make_runs_atomic)
