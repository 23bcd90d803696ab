"""Signal receivers: note every page Pelican writes, then write the sitemaps.

Like pelican-sitemap (which this replaces: it writes one flat file), pages are
collected from content_written, so every page the theme produces is listed, and
written at `finalized`, once the site is complete. Articles go to the sitemap of
their content type (plugins/content_types sets `article.content_type`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals

from .build import Entry, newest, plan, sitemap_index, urlset
from .settings import DEFAULTS

logger = logging.getLogger(__name__)

#: (path written, its article or page or None) of the current build.
_written: list[tuple[str, object]] = []


def start(pelican):
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    _written.clear()


def note(path, context):
    if str(path).endswith(".html"):
        context = context or {}
        _written.append((str(path), context.get("article") or context.get("page")))


def _url(siteurl: str, relpath: str) -> str:
    relpath = relpath.replace(os.sep, "/")
    if relpath == "index.html" or relpath.endswith("/index.html"):
        relpath = relpath[: -len("index.html")]
    return f"{siteurl.rstrip('/')}/{relpath}"


def _lastmod(obj):
    return getattr(obj, "modified", None) or getattr(obj, "date", None)


def groups_of(written, output: Path, siteurl: str) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {"pages": []}
    undated = []
    for path, obj in written:
        if obj is not None and getattr(obj, "status", "published") != "published":
            continue  # hidden pages (404), drafts
        relpath = os.path.relpath(path, output)
        url = _url(siteurl, obj.url if obj is not None else relpath)
        content_type = getattr(obj, "content_type", None)
        group = f"type-{content_type.key}" if hasattr(content_type, "key") else "pages"
        if _lastmod(obj) is None:
            undated.append((group, url))
        else:
            groups.setdefault(group, []).append(Entry(url, _lastmod(obj)))
    # Listings and undated pages change when an article does: they carry the newest
    # date of the content, not the time of the build.
    latest = newest(e for entries in groups.values() for e in entries)
    for group, url in undated:
        groups.setdefault(group, []).append(Entry(url, latest))
    return groups


def write(pelican):
    settings = pelican.settings
    output = Path(pelican.output_path)
    siteurl = settings["SITEURL"]
    groups = groups_of(_written, output, siteurl)
    index = []
    for name, entries in plan(groups).items():
        save_as = settings["SITEMAP_SAVE_AS"].format(group=name)
        target = output / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(urlset(entries))
        index.append(Entry(_url(siteurl, save_as), newest(entries)))
    (output / settings["SITEMAP_INDEX_SAVE_AS"]).write_bytes(sitemap_index(index))
    logger.info("Sitemaps: %d files, %d addresses", len(index), sum(map(len, groups.values())))
    _written.clear()


def register():
    signals.initialized.connect(start)
    signals.content_written.connect(note)
    signals.finalized.connect(write)
