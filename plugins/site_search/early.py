"""Search records written by the conversion workers, so that Pagefind can start as soon
as the last article is converted, not once Pelican has read them all one by one and
the records are rendered (at 4,000 articles, Pagefind, which the build waits for at
its end, started about a second earlier).

A worker sees each article as Pelican will build it, but not what the plugins do to
the articles once they are all read (plugins/columnists names the authors, and
articles that cannot be built are dropped). So these records are a forecast: the
build renders the real ones from its articles all the same and keeps the forecast
only if it is the same, file for file and byte for byte (`differences`); otherwise
Pagefind starts again on the real records. Either way the index is the same.

A worker writes each record flat, under its quoted page address, in whatever order
the workers finish; `arrange` then moves them into their folders in order of
address, as write_records does: Pagefind numbers pages in the order it lists a
folder, which in memory (tmpfs) is the order the files arrived in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, unquote

from .records import record_path

#: Left in the flat folder by a worker that could not write a record.
FAILED = ".failed"


def write_flat(folder: Path, path: str, html: str) -> None:
    """Write one record; a page address written twice (two articles saved as one
    page) or any failure marks the whole forecast as failed."""
    try:
        with open(folder / quote(path, safe=""), "x", encoding="utf-8") as out:
            out.write(html)
    except (OSError, ValueError):
        mark_failed(folder)


def mark_failed(folder: Path) -> None:
    try:
        (folder / FAILED).touch()
    except OSError:
        pass  # the folder is gone: the forecast is discarded anyway


def arrange(flat: Path, tree: Path) -> int:
    """Move the records written flat into `tree`, at their page addresses, in order of
    address; how many. ValueError when a worker failed (FAILED) or an address leaves
    the folder (record_path)."""
    names = os.listdir(flat)
    if FAILED in names:
        raise ValueError("a conversion worker could not write its search record")
    for path in sorted(map(unquote, names)):
        target = record_path(tree, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(flat / quote(path, safe=""), target)
    return len(names)


def differences(tree: Path, pages: Iterable[tuple[str, str]]) -> str | None:
    """How the records in `tree` differ from `pages`, the real (path, HTML) pairs;
    None when they are the same."""
    pages = list(pages)
    wanted = dict(pages)
    if len(wanted) != len(pages):
        return "two articles are saved as one page"
    found = {
        Path(root, name).relative_to(tree).as_posix()
        for root, _, names in os.walk(tree)
        for name in names
    }
    extra = found - {p.lstrip("/") for p in wanted}
    if extra:
        return f"{len(extra)} record(s) for no published article, such as {min(extra)}"
    for path, html in wanted.items():
        try:
            written = record_path(tree, path).read_text(encoding="utf-8")
        except (OSError, ValueError):
            return f"no record for {path}"
        if written != html:
            return f"the record of {path} differs"
    return None
