"""Search records: what Pagefind indexes of a published article, as a small HTML file.

Pagefind reads these instead of the article pages. A record holds only the indexed
regions (headline and body, `data-pagefind-body`) and the hidden filters, sort key
and result details, so it can be written as soon as the articles are read: the
index is built while Pelican is still rendering pages, instead of after the last
article page is on disk. The article pages themselves carry no Pagefind markup.

Pure functions, tested without Pelican. Everything an author wrote is escaped,
except the headline and body, which are the article's rendered HTML (as on the page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markupsafe import escape


@dataclass(frozen=True)
class SearchRecord:
    """One published article as the search index sees it."""

    #: Where the article page is, relative to the output folder (its save_as): the
    #: record sits at the same path, so Pagefind gives the result the page's URL.
    path: str
    lang: str
    #: Rendered HTML of the headline and the body, as the article page shows them
    #: (the body with its intrasite links as written: see `indexed_body`).
    title_html: str
    body_html: str
    #: Filter name -> values (a reader narrows results by these).
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: Sort name -> value (Pagefind sorts numbers when every value is one).
    sort: Mapping[str, str] = field(default_factory=dict)
    #: Result details shown under each result.
    meta: Mapping[str, str] = field(default_factory=dict)


#: An <img> element in rendered Markdown (attribute values escape any ">").
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def indexed_body(html: str) -> str:
    """The article's body as the index needs it: its text and headings, without images.

    Pagefind indexes neither an image nor a link's address, but it takes the first
    image's address as the result's picture, which the search page does not show
    (search.js, showImages: false). The records are written before Pelican knows the
    static files, so an image's `{static}` address is not resolved yet: that picture
    would be a broken address, and resolving it would make Pelican warn "Unable to
    find" for every image in every build. So the body goes in as read (its `{filename}`
    links unresolved, which changes no indexed word) with its images taken out."""
    return _IMAGE.sub("", html)


def record_html(record: SearchRecord) -> str:
    """The record as a page: the two indexed regions, then the hidden details (which
    Pagefind reads even outside data-pagefind-body)."""
    spans = [
        *(
            f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>'
            for name, values in record.filters.items()
            for value in values
        ),
        *(
            f'<span data-pagefind-sort="{escape(name)}">{escape(value)}</span>'
            for name, value in record.sort.items()
        ),
        *(
            f'<span data-pagefind-meta="{escape(name)}">{escape(value)}</span>'
            for name, value in record.meta.items()
        ),
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(record.lang)}">\n'
        '<head><meta charset="utf-8"><title>search record</title></head>\n<body>\n'
        f"<h1 data-pagefind-body>{record.title_html}</h1>\n"
        f"<div data-pagefind-body>\n{record.body_html}\n</div>\n"
        f"<div hidden>{''.join(spans)}</div>\n</body>\n</html>\n"
    )


def record_path(folder: Path, save_as: str) -> Path:
    """Where `save_as`'s record goes inside `folder`, refusing paths that leave it."""
    relative = PurePosixPath(save_as.lstrip("/"))
    if not relative.parts or ".." in relative.parts:
        raise ValueError(f"an article's save_as must stay inside the output: {save_as!r}")
    return folder.joinpath(*relative.parts)


def write_records(folder: Path, pages: Iterable[tuple[str, str]]) -> None:
    """Write (path, record HTML) pairs in order of path, whatever order they were made
    in: Pagefind numbers pages in the order it lists the folder, and a folder in
    memory (tmpfs) lists files in the order they were created. The index is then the
    same from one build to the next."""
    for path, html in sorted(pages):
        target = record_path(folder, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
