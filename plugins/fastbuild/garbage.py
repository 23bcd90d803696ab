"""No full garbage collection while a build runs.

Python sweeps its oldest generation, every object the process holds, whenever the
objects that outlived the young collections have grown by a quarter since the last
sweep. A build only ever adds to what it holds (the articles read, their related
stories, the page memo), so it sweeps its whole site again and again, and the sweeps
free next to nothing: at 10,000 articles, the live preview's rebuild of an edit swept
12 times for 1.3 to 1.4 of its 11 s, and a cold build 20 times for 1.6 s, each sweep
freeing about a thousand objects at most. The young collections are what frees the cycles
rendering leaves behind (140,000 objects in a cold build at 4,000 articles).

So while Pelican's run() runs, the oldest generation's threshold is out of reach:
young collections go on as before, and the few objects that outlive them unused stay
until the run returns (peak memory the same at 4,000 and 10,000 articles, within the
sampling's noise). The thresholds are set back when run() returns or fails, so a
program that runs builds (the tests, `invoke build`) has Python's own afterwards.
Forked workers inherit the setting.
"""

from __future__ import annotations

import gc
from functools import wraps

#: The oldest generation's threshold during a build: a count of young-generation
#: collections no build comes near (a 10,000-article rebuild runs about 300).
NEVER = 2**31 - 1


def hold_full_collections(pelican) -> None:
    """initialized: wrap this Pelican's run() so no full collection happens inside it.

    Connected before fastbuild.exiting.watch, which must be the outermost wrapper it
    sees (it notes whether the very function Pelican's main called returned)."""
    run = pelican.run

    @wraps(run)
    def run_without_full_collections(*args, **kwargs):
        young, middle, oldest = gc.get_threshold()
        gc.set_threshold(young, middle, NEVER)
        try:
            return run(*args, **kwargs)
        finally:
            gc.set_threshold(young, middle, oldest)

    pelican.run = run_without_full_collections
