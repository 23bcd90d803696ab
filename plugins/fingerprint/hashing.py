"""Naming fingerprinted files: pure functions, tested without Pelican.

The hash is of the file's bytes only, so the same theme gives the same names on
every machine (byte-identical builds) and any edit gives a new name (no stale
copy survives in a browser or CDN cache).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable

import rcssmin


def served_bytes(relpath: str, data: bytes, minify_css: bool = True) -> bytes:
    """What the fingerprinted copy holds: stylesheets without comments and spaces
    (rcssmin), other files as they are. The name is the hash of these bytes, so it
    follows what readers download."""
    if minify_css and relpath.endswith(".css"):
        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8")
    return data


def content_hash(data: bytes, length: int = 8) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def fingerprinted_name(relpath: str, data: bytes, length: int = 8) -> str:
    """`css/column.css` -> `css/column.<hash>.css` (the hash before the last suffix)."""
    folder, name = posixpath.split(relpath)
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:  # no suffix ("LICENSE") or a dotfile: append the hash
        stem, ext = name, ""
    digest = content_hash(data, length)
    new = f"{stem}.{digest}.{ext}" if ext else f"{stem}.{digest}"
    return posixpath.join(folder, new) if folder else new


def is_fingerprinted(relpath: str, length: int = 8) -> bool:
    """True for names `fingerprinted_name` makes: `length` hex digits before the suffix.

    Deploy targets use this to give such files a year-long cache lifetime.
    """
    name = posixpath.basename(relpath)
    return bool(re.search(rf"[^.]\.[0-9a-f]{{{length}}}(\.[^./]+)?$", name))


def stale_copies(existing: Iterable[str], original: str, current: str) -> list[str]:
    """Earlier fingerprinted copies of `original` among `existing` names (not `current`).

    A development build keeps its output folder between runs; without this every
    CSS edit would leave one more copy behind.
    """
    stem, dot, ext = original.rpartition(".")
    if not dot or not stem:
        stem, ext = original, ""
    suffix = rf"\.{re.escape(ext)}" if ext else ""
    pattern = re.compile(rf"^{re.escape(stem)}\.[0-9a-f]{{6,64}}{suffix}$")
    return sorted(name for name in existing if name != current and pattern.match(name))
