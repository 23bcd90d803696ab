"""Filesystem steps of an atomic build, without Pelican.

A publish build that dies halfway (a template error, a full disk, Ctrl-C) must not
leave half a site where the old one was: the web server, or the rsync of
`invoke publish`, would ship it. So the build writes into a new folder next to the
output folder (same filesystem, so moving it is a rename) and only a finished build
takes the output folder's place.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path


def fresh_sibling(target: Path, tag: str = "tmp") -> Path:
    """A new, empty folder next to `target`, named `<target>.<tag>-XXXXXXXX`.

    Created with mkdir, not tempfile.mkdtemp, so it gets the usual permissions
    (mkdtemp's 0700 would hide the published site from the web server).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        candidate = target.with_name(f"{target.name}.{tag}-{secrets.token_hex(4)}")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate


def replace_folder(new: Path, target: Path, keep: Iterable[str] = ()) -> None:
    """Put the finished build `new` where `target` is; the old one is removed after.

    `keep`: names in the old folder to carry over (Pelican's OUTPUT_RETENTION, e.g. a
    `.git` folder the site is deployed from), unless the new build wrote them itself.
    """
    old = None
    if target.exists():
        for name in keep:
            if (target / name).exists() and not (new / name).exists():
                os.rename(target / name, new / name)
        old = fresh_sibling(target, "old")
        os.rename(target, old / target.name)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old)


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
