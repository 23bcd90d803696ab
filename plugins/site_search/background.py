"""Build the search index after the build has returned (`invoke livereload`).

Run as `python -m site_search.background <records> <bundle> <config json>` in a
process of its own: it indexes the search records the build wrote (records.py) into
a fresh folder next to the bundle and swaps it in only when it is complete and
stable, so the preview always serves a whole index, the previous one until the new
one is ready. The records folder is this process's to remove.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from .indexer import build_index, stabilise_bundle


def rebuild(site: Path, bundle: Path, config: dict) -> None:
    fresh = bundle.with_name(f".{bundle.name}-{os.getpid()}")
    try:
        build_index(site, fresh, config)
        stabilise_bundle(fresh)
        old = bundle.with_name(f".{bundle.name}-old-{os.getpid()}")
        if bundle.exists():
            bundle.rename(old)
        fresh.rename(bundle)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def building_marker(bundle: Path) -> Path:
    """Present while a background index is being built (its content: the process id)."""
    return bundle.with_name(f".{bundle.name}-building")


def failure_note(bundle: Path) -> Path:
    """Where a failure is written for the next build to report (nobody is watching)."""
    return bundle.with_name(f".{bundle.name}-failed.txt")


def main(argv: list[str]) -> int:
    records, bundle, config = Path(argv[0]), Path(argv[1]), json.loads(argv[2])
    marker = building_marker(bundle)
    marker.write_text(f"{os.getpid()}\n", encoding="utf-8")
    try:
        rebuild(records, bundle, config)
    except Exception as exc:
        failure_note(bundle).write_text(f"{exc}\n", encoding="utf-8")
        return 1
    finally:
        marker.unlink(missing_ok=True)
        shutil.rmtree(records, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
