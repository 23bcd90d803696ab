"""A file of conversions from earlier builds, trusted only when nothing that could
change them has changed.

Pelican's own content cache recognises a file by its modification time and knows
nothing of settings or plugin code, so an edited plugin or setting can leave stale
pages behind. Here an entry is found by the file's bytes, and the whole file is
ignored when the *build key* differs: the settings, the source of every plugin, and
the versions of the libraries that convert text.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import zlib
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)

#: Libraries whose version changes what reading produces.
LIBRARIES = ("pelican", "markdown", "typogrify", "smartypants", "pygments", "nh3")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
#: Settings that say where things go or how the build runs, never how an article reads
#: (the live preview changes the last two, and must still find the cache).
NOT_IN_KEY = frozenset(
    {
        "OUTPUT_PATH",
        "CACHE_PATH",
        "BUILD_WORKERS",
        "BUILD_CACHE",
        "BUILD_PAGE_MEMO",
        "BUILD_PROGRESS",
        "BUILD_TIMINGS_FILE",
        "SEARCH_INDEX_IN_BACKGROUND",
        "CSP_META",
        "CONTENT_SECURITY_POLICY",  # derived from CSP_META by plugins/comments
    }
)
FORMAT = 1


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def build_key(settings: Mapping, code_roots: Iterable[Path]) -> str:
    """Changes whenever a setting, a plugin's source or a converting library changes.

    Settings are hashed through repr() with memory addresses removed, so a function
    in the settings counts by name, not by where it was loaded this time.
    """
    h = hashlib.blake2b(digest_size=20)
    h.update(f"format {FORMAT}\n".encode())
    for name in sorted(set(settings) - NOT_IN_KEY):
        h.update(_ADDRESS.sub("", f"{name}={settings[name]!r}\n").encode("utf-8", "replace"))
    for lib in LIBRARIES:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{lib}=={version}\n".encode())
    for root in code_roots:
        for path in sorted(Path(root).rglob("*.py")):
            h.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def load(path: Path, key: str) -> dict:
    """digest -> entry from an earlier build with the same key; {} otherwise."""
    try:
        with open(path, "rb") as fh:
            stored_key = pickle.load(fh)
            if stored_key != key:
                return {}
            return pickle.load(fh)
    except FileNotFoundError:
        return {}
    except Exception as exc:  # a truncated or foreign file: start over, say so
        logger.warning("%s: ignoring the build cache (%s); it will be rewritten", path, exc)
        return {}


def save(path: Path, key: str, entries: dict, dispatch_table: dict) -> None:
    """Write atomically (a file of its own, renamed over the old one), so an interrupted
    build never leaves half a cache.

    Pickled straight into that file: a copy of the whole cache in memory first (18 MB
    of related stories' counts at 4,000 articles) took 0.1 s of system time in a cold
    build, the kernel handing out fresh pages for it, for nothing the file needs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(key, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = dispatch_table
            pickler.dump(entries)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class Memo:
    """Results per (file, its digest, ...) from the last build, and this build's.

    Only entries used or made in this build are saved, so the file never grows with
    deleted or edited articles. With `shards` > 1 the entries are spread over that many
    files by their parts, and only the files whose entries changed are written again:
    the articles' conversions take 65 MB at 4,000 articles, and an edit to one of them
    wrote them all again (0.2 s of every live preview build)."""

    def __init__(self, path: Path, key: str, dispatch_table: dict | None = None, shards: int = 1):
        self.path, self.key, self.shards = Path(path), key, shards
        self.dispatch_table = dispatch_table or {}
        self.stored = {}
        for shard in range(shards):
            self.stored.update(load(self._file(shard), key))
        self.used: dict = {}

    def _file(self, shard: int) -> Path:
        if self.shards == 1:
            return self.path
        return self.path.with_name(f"{self.path.stem}-{shard:02d}{self.path.suffix}")

    def _shard(self, parts: tuple) -> int:
        if self.shards == 1:
            return 0
        return zlib.crc32(repr(parts).encode("utf-8", "surrogatepass")) % self.shards

    def get(self, *parts):
        value = self.stored.get(parts)
        if value is not None:
            self.used[parts] = value
        return value

    def put(self, value, *parts) -> None:
        self.used[parts] = value

    def save(self) -> None:
        if self.used.keys() == self.stored.keys():
            return
        used: list[dict] = [{} for _ in range(self.shards)]
        stored: list[set] = [set() for _ in range(self.shards)]
        for parts, value in self.used.items():
            used[self._shard(parts)][parts] = value
        for parts in self.stored:
            stored[self._shard(parts)].add(parts)
        for shard, entries in enumerate(used):
            if entries.keys() != stored[shard]:
                save(self._file(shard), self.key, entries, self.dispatch_table)
