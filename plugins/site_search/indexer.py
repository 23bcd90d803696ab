"""Run Pagefind over a built site: its command line, from the `pagefind[bin]` wheel.

The binary ships in the `pagefind_bin` wheel, so no download happens at build time.
Pagefind's Python API was used before; it stops Pagefind's process as soon as the
"files written" answer arrives, and on larger sites that sometimes cut the writing
short (an empty pagefind-entry.json). The command line exits when every file is on
disk. Its settings go in a pagefind.json of its own working folder, Pagefind's
documented configuration file, so lists (exclude_selectors) need no quoting rules.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .stable import ENTRY, stabilise

#: A stuck Pagefind process must not hang the build (or livereload) for ever. Pagefind
#: indexes thousands of pages in seconds, so this is far above any real build.
TIMEOUT_SECONDS = 300


class PagefindError(RuntimeError):
    """Pagefind failed; the message is what it printed."""


def build_index(site: Path, bundle: Path, config: dict) -> int:
    """Index the HTML pages under `site` into `bundle`; return how many pages were read.

    Which parts of which pages count is decided by the pages' `data-pagefind-*`
    attributes and by `config` (Pagefind's configuration keys).
    """
    site, bundle = Path(site).resolve(), Path(bundle).resolve()
    with tempfile.TemporaryDirectory(prefix="pagefind-") as cwd:
        settings = {**config, "site": str(site), "output_path": str(bundle)}
        Path(cwd, "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "pagefind", "--silent"],
                cwd=cwd,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PagefindError(f"Pagefind did not finish in {TIMEOUT_SECONDS} s") from None
    if proc.returncode:
        # Its last line says what went wrong (a missing binary prints a whole traceback).
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        raise PagefindError(lines[-1].strip() if lines else f"exit {proc.returncode}")
    return sum(1 for _ in site.rglob("*.html"))


def stabilise_bundle(bundle: Path) -> None:
    """Rewrite the files Pagefind orders at random (see stable.py) in place."""
    paths = [bundle / ENTRY, *bundle.glob("pagefind.*.pf_meta"), *bundle.glob("filter/*.pf_filter")]
    changes = stabilise({p.relative_to(bundle).as_posix(): p.read_bytes() for p in paths})
    for relpath in changes.delete:
        (bundle / relpath).unlink()
    for relpath, data in changes.write.items():
        (bundle / relpath).write_bytes(data)
