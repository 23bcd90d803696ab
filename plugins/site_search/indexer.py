"""Run Pagefind over a built site: its command line, from the `pagefind[bin]` wheel.

The binary ships in the `pagefind_bin` wheel, so no download happens at build time.
Pagefind's Python API was used before; it stops Pagefind's process as soon as the
"files written" answer arrives, and on larger sites that sometimes cut the writing
short (an empty pagefind-entry.json). The command line exits when every file is on
disk. Its settings go in a pagefind.json of its own working folder, Pagefind's
documented configuration file, so lists (exclude_selectors) need no quoting rules.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from .stable import ENTRY, stabilise

#: Pagefind as `python -m pagefind` runs it, first held to one core (given after the code).
ON_ONE_CORE = (
    "import os, runpy, sys; os.sched_setaffinity(0, {int(sys.argv.pop(1))}); "
    "runpy.run_module('pagefind', run_name='__main__')"
)

#: Where Pagefind's Linux binary (built with jemalloc, prefixed) reads jemalloc's options;
#: a binary built otherwise ignores it.
JEMALLOC_CONF_VARIABLE = "_RJEM_MALLOC_CONF"
#: jemalloc's thread cache keeps freed blocks of up to 128 KiB for reuse (32 KiB by
#: default). See pagefind_environment().
JEMALLOC_CONF = "tcache_max:131072"

#: A stuck Pagefind process must not hang the build (or livereload) for ever. Pagefind
#: indexes thousands of pages in seconds, so this is far above any real build.
TIMEOUT_SECONDS = 300


class PagefindError(RuntimeError):
    """Pagefind failed; the message is what it printed."""


class IndexRun:
    """Pagefind started now and waited for later, so it can work while the build
    renders and writes the pages (it reads only the search records, records.py).

    Which parts of which files count is decided by their `data-pagefind-*`
    attributes and by `config` (Pagefind's configuration keys).
    """

    def __init__(
        self,
        site: Path,
        bundle: Path,
        config: dict,
        workdir: Path | None = None,
        one_core: bool = False,
    ):
        """`workdir`: where Pagefind's own working folder goes (the system's temporary
        folder by default); one its caller removes anyway leaves nothing behind, even
        when the build is ended while this starts.

        `one_core`: for Pagefind beside a build that keeps every core busy. Pagefind
        does most of its work on one thread anyway (alone on two cores: 6.4 s wall
        for 8.3 s of CPU at 4,000 records), but spreads its threads and memory over
        every core it may use; held to one, it sizes its pools for one, and the
        build's cores stop trading its pages (4,000 articles: 1.5 s less CPU for the
        build, 150 MiB less memory)."""
        self.site, self.bundle = Path(site).resolve(), Path(bundle).resolve()
        self.started = time.perf_counter()
        self._proc = None
        self._cwd = tempfile.TemporaryDirectory(prefix="pagefind-", dir=workdir)
        _running.add(self)  # from before Pagefind starts, so stop_unfinished finds it
        settings = {**config, "site": str(self.site), "output_path": str(self.bundle)}
        Path(self._cwd.name, "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
        core = _last_core() if one_core else None
        launch = ["-m", "pagefind"] if core is None else ["-c", ON_ONE_CORE, str(core)]
        self._proc = subprocess.Popen(
            [sys.executable, *launch, "--silent"],
            cwd=self._cwd.name,
            env=pagefind_environment(os.environ),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait(self) -> int:
        """How many pages Pagefind read, once it has written every file."""
        try:
            out, err = self._proc.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.stop()
            raise PagefindError(f"Pagefind did not finish in {TIMEOUT_SECONDS} s") from None
        finally:
            _running.discard(self)
            self._cwd.cleanup()
        if self._proc.returncode:
            # Its last line says what went wrong (a missing binary prints a whole traceback).
            lines = (err or out).strip().splitlines()
            raise PagefindError(lines[-1].strip() if lines else f"exit {self._proc.returncode}")
        # os.walk, not Path.rglob: a Path object for each of thousands of records cost
        # a tenth of a second at the end of every build.
        return sum(name.endswith(".html") for _, _, names in os.walk(self.site) for name in names)

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.communicate()
        _running.discard(self)
        self._cwd.cleanup()


def pagefind_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """`environ`, with jemalloc's thread cache keeping freed blocks up to 128 KiB.

    Pagefind frees and allocates again blocks of 44 and 68 KiB thousands of times while
    it indexes. Above jemalloc's default 32 KiB, each went back to the arena, which gave
    its pages back to the kernel (17,500 madvise calls at 4,000 records), so the next
    block was new memory: 474,000 page faults for a peak of 1.1 GB. Kept in the cache,
    the blocks are reused: 291,000 faults, the same peak and user time, and 180,000
    fewer faults for a cold build at 4,000 articles, which was 0.13 to 0.32 s quicker in
    each of four rounds taken in turn (the build machine charges for every new page, see
    benchmarks/build_bench.py). Options set in the environment come after ours, so
    they win."""
    own = environ.get(JEMALLOC_CONF_VARIABLE, "")
    return {**environ, JEMALLOC_CONF_VARIABLE: ",".join(filter(None, [JEMALLOC_CONF, own]))}


def _last_core() -> int | None:
    """The last core this process may run on; None where there is only one, or the
    platform cannot hold a process to a core (not Linux)."""
    try:
        cores = os.sched_getaffinity(0)
    except AttributeError:
        return None
    return max(cores) if len(cores) > 1 else None


#: Runs not waited for: a build that fails after starting one stops it on exit.
_running: set[IndexRun] = set()


@atexit.register
def stop_unfinished() -> None:
    for run in list(_running):
        run.stop()


def build_index(site: Path, bundle: Path, config: dict) -> int:
    """Index the HTML pages under `site` into `bundle`; return how many pages were read."""
    return IndexRun(site, bundle, config).wait()


def stabilise_bundle(bundle: Path) -> None:
    """Rewrite the files Pagefind orders at random (see stable.py) in place."""
    paths = [bundle / ENTRY, *bundle.glob("pagefind.*.pf_meta"), *bundle.glob("filter/*.pf_filter")]
    changes = stabilise({p.relative_to(bundle).as_posix(): p.read_bytes() for p in paths})
    for relpath in changes.delete:
        (bundle / relpath).unlink()
    for relpath, data in changes.write.items():
        (bundle / relpath).write_bytes(data)
