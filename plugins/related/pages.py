"""NumPy's transparent huge pages, switched off while related stories are computed.

NumPy asks the kernel for 2 MiB pages for every array of 4 MiB or more (madvise
MADV_HUGEPAGE). Each first touch of such an array then makes the kernel find, and
zero, 2 MiB of contiguous memory, compacting memory when it has none. Related
stories' arrays live for a few milliseconds each, too short for the fewer TLB misses
huge pages exist for to pay that back, and mid-build, with the written pages and
Pagefind's index filling memory, the faults are dear: on the 2-core machine, building
the index of 4,000 articles took 0.18 to 0.23 s of system time with them and 0.02 to
0.03 s without, for the same user time (cold builds, each way in turn).

NumPy reads its switch (`NUMPY_MADVISE_HUGEPAGE`) once, when it is imported, which a
plugin cannot order; `numpy._core.multiarray._set_madvise_hugepage` changes it
afterwards and returns what it was. Its name starts with an underscore, so it is looked
up: where a NumPy release lacks it, nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from numpy._core import multiarray

_set = getattr(multiarray, "_set_madvise_hugepage", None)


@contextmanager
def small_pages() -> Iterator[None]:
    """The block's arrays in ordinary pages; NumPy's choice is back after it."""
    if _set is None:
        yield
        return
    before = _set(False)
    try:
        yield
    finally:
        _set(before)
