"""Content-Type and Cache-Control for each published file: pure functions.

Object stores serve whatever headers the upload set, so the deploy must choose
them. An explicit table keeps them the same on every machine (Python's
`mimetypes` reads the host's /etc/mime.types). Fingerprinted assets never change
under their name and are cached for a year; HTML and feeds carry corrections and
new articles, so browsers and CDNs must check them again within minutes.
"""

from __future__ import annotations

import mimetypes
import posixpath
import re
from collections.abc import Mapping

UTF8 = "; charset=utf-8"

#: Longest suffix first: `.atom.xml` before `.xml`.
CONTENT_TYPES = {
    ".atom.xml": "application/atom+xml" + UTF8,
    ".rss.xml": "application/rss+xml" + UTF8,
    ".html": "text/html" + UTF8,
    ".htm": "text/html" + UTF8,
    ".css": "text/css" + UTF8,
    ".js": "text/javascript" + UTF8,
    ".mjs": "text/javascript" + UTF8,
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml" + UTF8,
    ".txt": "text/plain" + UTF8,
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
}

#: Kinds of file that must be revalidated soon: pages, feeds, sitemaps, robots.txt.
SHORT_CACHE_SUFFIXES = (".html", ".htm", ".xml", ".json", ".txt", ".webmanifest")

DEFAULT_CACHE_CONTROL = {
    "fingerprinted": "public, max-age=31536000, immutable",
    "html": "public, max-age=300, must-revalidate",
    "other": "public, max-age=86400",
}


def content_type(path: str) -> str:
    name = posixpath.basename(path).lower()
    for suffix in sorted(CONTENT_TYPES, key=len, reverse=True):
        if name.endswith(suffix):
            return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


def is_fingerprinted(path: str, length: int = 8) -> bool:
    """Named by plugins/fingerprint: `name.<length hex digits>.ext`.

    Must agree with fingerprint.hashing.fingerprinted_name (a test checks it);
    deploy does not import the plugin so it runs without Pelican's plugin path.
    """
    name = posixpath.basename(path)
    return bool(re.search(rf"[^.]\.[0-9a-f]{{{length}}}(\.[^./]+)?$", name))


def cache_kind(path: str) -> str:
    if is_fingerprinted(path):
        return "fingerprinted"
    name = posixpath.basename(path).lower()
    if name.endswith(SHORT_CACHE_SUFFIXES) or "." not in name:
        return "html"
    return "other"


def cache_control(path: str, policy: Mapping[str, str] | None = None) -> str:
    policy = {**DEFAULT_CACHE_CONTROL, **(policy or {})}
    return policy[cache_kind(path)]


def object_headers(path: str, policy: Mapping[str, str] | None = None) -> dict[str, str]:
    """The upload arguments (boto3 names) for one file."""
    return {"ContentType": content_type(path), "CacheControl": cache_control(path, policy)}
