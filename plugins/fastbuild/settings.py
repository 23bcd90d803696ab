"""Defaults of the fastbuild settings; pelicanconf.py documents each one."""

from __future__ import annotations

from collections.abc import Mapping

#: Processes that read and convert articles, run the per-file checks, enrich articles
#: and write pages at once.
#: 0: one per CPU core. 1: everything in the build process, as stock Pelican does.
BUILD_WORKERS = 0
#: Keep what reading and converting each article produced in CACHE_PATH, keyed by the
#: file's bytes and everything that could change the result (settings, plugin code,
#: library versions), so a rebuild converts only the files that changed; and what each
#: page's templates read (rendering.py), so it renders only pages showing a change.
BUILD_CACHE = False
#: When pages record what their templates read (BUILD_CACHE only), for the next build
#: to keep the pages that show no change. "warm": in builds that found their cache from
#: an earlier build with the same build key; a cold build (a fresh clone, CI, the first
#: after a settings or plugin change) has nothing to compare with and records nothing,
#: which saves it about a tenth of its time, and the build after it records.
#: True: in every build (the live preview, tasks.py). False: never.
BUILD_PAGE_MEMO: bool | str = "warm"
#: Show progress on long builds: "auto" when stderr is a terminal and CI is not set.
BUILD_PROGRESS = "auto"

#: Templates (partials) rendered once per build for each set of values they read, and
#: that output used wherever they are included again with the same values
#: (partials.py). Only for partials that read nothing that changes while pages render.
BUILD_SHARED_PARTIALS: tuple[str, ...] = ()

#: When set, a JSON file the build writes at its end: each plugin's wall and CPU seconds
#: inside its signal receivers (`invoke bench` reads it).
BUILD_TIMINGS_FILE = ""

DEFAULTS = {
    "BUILD_TIMINGS_FILE": BUILD_TIMINGS_FILE,
    "BUILD_WORKERS": BUILD_WORKERS,
    "BUILD_CACHE": BUILD_CACHE,
    "BUILD_PAGE_MEMO": BUILD_PAGE_MEMO,
    "BUILD_PROGRESS": BUILD_PROGRESS,
    "BUILD_SHARED_PARTIALS": BUILD_SHARED_PARTIALS,
}


def get(settings: Mapping, name: str):
    return settings.get(name, DEFAULTS[name])
