"""Measure a Pagefind bundle and word the line the build prints about it.

Pure functions: the build prints how long indexing took and how much a reader may
download, so that growth of the archive (and of the index with it) is noticed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

#: Files that hold the index itself (they grow with the archive); everything else in
#: the bundle is Pagefind's runtime (search library, WebAssembly, UI script and CSS).
INDEX_SUFFIXES = frozenset({".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"})
INDEX_NAMES = frozenset({"pagefind-entry.json"})


@dataclass(frozen=True)
class BundleSize:
    index_files: int
    index_bytes: int
    runtime_files: int
    runtime_bytes: int

    @property
    def total_bytes(self) -> int:
        return self.index_bytes + self.runtime_bytes


def is_index_file(relpath: str) -> bool:
    path = PurePosixPath(relpath)
    return path.suffix in INDEX_SUFFIXES or path.name in INDEX_NAMES


def measure(files: Iterable[tuple[str, int]]) -> BundleSize:
    """Split (relative path, size in bytes) pairs into index and runtime totals."""
    counts = {True: [0, 0], False: [0, 0]}
    for relpath, size in files:
        entry = counts[is_index_file(relpath)]
        entry[0] += 1
        entry[1] += size
    return BundleSize(*counts[True], *counts[False])


def indexed_pages(entry: Mapping[str, object]) -> int:
    """Pages in the index, from Pagefind's pagefind-entry.json (all languages).

    Pagefind's API reports how many HTML files it read; only those with a
    data-pagefind-body region are in the index, and the entry file counts those.
    """
    languages = entry.get("languages")
    if not isinstance(languages, Mapping):
        raise ValueError("pagefind-entry.json has no 'languages' table")
    return sum(int(lang.get("page_count", 0)) for lang in languages.values())


def human_size(size: int) -> str:
    """Decimal units, as browsers' network panels show transfer sizes."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def summary(pages: int, read: int, seconds: float, size: BundleSize, where: str) -> str:
    noun = "page" if pages == 1 else "pages"
    return (
        f"Search index: {pages} {noun} indexed (of {read} read) in {seconds:.2f} s; "
        f"index {human_size(size.index_bytes)} in {size.index_files} files "
        f"+ Pagefind runtime and UI {human_size(size.runtime_bytes)} "
        f"({human_size(size.total_bytes)} in {where})"
    )
