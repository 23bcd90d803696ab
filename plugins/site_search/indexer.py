"""Run Pagefind over a built site through its Python API (`pagefind[bin]` from PyPI).

The API drives the Pagefind binary shipped in the `pagefind_bin` wheel, so no
download happens at build time. It is asynchronous; Pelican is not, and under
`invoke livereload` Pelican itself runs inside tornado's event loop, where
`asyncio.run` is refused. So the index is built on a worker thread with its own loop.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .stable import ENTRY, stabilise

#: A stuck Pagefind process must not hang the build (or livereload) for ever. Pagefind
#: indexes thousands of pages in seconds, so this is far above any real build.
TIMEOUT_SECONDS = 300


async def _index(site: Path, bundle: Path, config: IndexConfig) -> int:
    # Leaving the context writes the files; an exception inside it writes nothing.
    async with PagefindIndex(config={**config, "output_path": str(bundle)}) as index:
        result = await index.add_directory(str(site))
    return result["page_count"]


def build_index(site: Path, bundle: Path, config: IndexConfig) -> int:
    """Index the HTML pages under `site` into `bundle`; return how many pages were read.

    Which parts of which pages count is decided by the pages' `data-pagefind-*`
    attributes and by `config` (Pagefind's IndexConfig).
    """
    site, bundle = Path(site).resolve(), Path(bundle).resolve()

    def run() -> int:
        return asyncio.run(asyncio.wait_for(_index(site, bundle, config), TIMEOUT_SECONDS))

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind") as pool:
        return pool.submit(run).result()


def stabilise_bundle(bundle: Path) -> None:
    """Rewrite the files Pagefind orders at random (see stable.py) in place."""
    paths = [bundle / ENTRY, *bundle.glob("pagefind.*.pf_meta"), *bundle.glob("filter/*.pf_filter")]
    changes = stabilise({p.relative_to(bundle).as_posix(): p.read_bytes() for p in paths})
    for relpath in changes.delete:
        (bundle / relpath).unlink()
    for relpath, data in changes.write.items():
        (bundle / relpath).write_bytes(data)
