"""Links and images: every `{filename}`/`{static}` target, image and `Related:`
pin must point at something that exists, and every image needs alt text.

Pelican only warns ("Unable to find 'x.md', skipping url replacement") and
publishes the page with a dead link; we report the line and make it an error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .findings import Finding
from .metadata import suggest
from .source import Document
from .text import prose

INLINE_RE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]"
    r"\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)"
)
REFERENCE_USE_RE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\[(?P<id>[^\]]*)\]")
REFERENCE_DEF_RE = re.compile(r"^\s{0,3}\[(?P<id>[^\]^][^\]]*)\]:\s*<?(?P<target>[^\s>]+)>?")
HTML_TAG_RE = re.compile(r"<(?:img|a)\b[^>]*>", re.IGNORECASE)
PELICAN_LINK_RE = re.compile(r"^(?:\{(?P<curly>\w+)\}|\|(?P<bar>\w+)\|)(?P<path>.*)$")
SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    line: int
    target: str
    image: bool
    alt: str | None = None  # images only


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def references(doc: Document) -> list[Reference]:
    """Every link and image in the body, with its line."""
    if "references" not in doc.derived:
        doc.derived["references"] = list(_references(doc))
    return doc.derived["references"]


def _references(doc: Document) -> Iterator[Reference]:
    lines = prose(doc)
    definitions = {}
    for _, line in lines:
        match = REFERENCE_DEF_RE.match(line)
        if match:
            definitions[match["id"].casefold()] = match["target"]
    for number, line in lines:
        # Both Markdown forms need a "[", both tags a "<": most lines have neither, and
        # these patterns, starting with an optional "!", are tried at every character.
        if "[" in line:
            for match in INLINE_RE.finditer(line):
                image = bool(match["bang"])
                yield Reference(number, match["target"], image, match["text"] if image else None)
            for match in REFERENCE_USE_RE.finditer(line):
                target = definitions.get((match["id"] or match["text"]).casefold())
                if target is not None:
                    image = bool(match["bang"])
                    yield Reference(number, target, image, match["text"] if image else None)
        if "<" not in line:
            continue
        for raw in HTML_TAG_RE.findall(line):
            parser = _Tags()
            parser.feed(raw)
            for tag, attrs in parser.tags:
                if tag == "img":
                    yield Reference(number, attrs.get("src") or "", True, attrs.get("alt") or "")
                elif attrs.get("href"):
                    yield Reference(number, attrs["href"], False)


def resolve(target: str, doc: Document, content: Path) -> tuple[str | None, Path | None]:
    """(kind, file) a target names: kind is Pelican's ("filename", "static", "attach"),
    "site" for a path from the site root, None for what we cannot check (URLs, anchors)."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    match = PELICAN_LINK_RE.match(target)
    if match:
        kind = match["curly"] or match["bar"]
        path = match["path"]
        if kind not in ("filename", "static", "attach") or not path:
            return None, None
        base = content if path.startswith("/") else doc.path.parent
        return kind, _normal(base / path.lstrip("/"))
    if not target or SCHEME_RE.match(target) or not target.startswith("/"):
        return None, None
    return "site", _normal(content / target.lstrip("/"))


def _normal(path: Path) -> Path:
    """Without "..": like resolve(), but with no system calls (content paths are resolved)."""
    return Path(os.path.normpath(path))


def links(doc: Document, content: Path, unbuilt: Collection[Path] = ()) -> Iterator[Finding]:
    for ref in references(doc):
        if ref.image:
            continue
        kind, path = resolve(ref.target, doc, content)
        if kind in (None, "site"):
            continue  # site-root links may point at generated pages: tests/linkcheck.py
        if not path.is_file():
            yield doc.finding(
                "link-unresolved",
                ref.line,
                f'the link "{ref.target}" points to {_shown(path, content)}, which does not '
                "exist: check the file name (paths are relative to this file, or to "
                'the content folder when they start with "/")',
            )
        elif path in unbuilt:
            yield doc.finding(
                "link-unresolved",
                ref.line,
                f'the link "{ref.target}" points to {_shown(path, content)}, which is not '
                "built because of the errors reported for it",
            )


def images(doc: Document, content: Path) -> Iterator[Finding]:
    for ref in references(doc):
        if not ref.image:
            continue
        if not (ref.alt or "").strip():
            yield doc.finding(
                "image-alt",
                ref.line,
                f'the image "{ref.target}" has no alt text: describe what it shows, '
                "![A crowded quay at dawn](...)",
            )
        yield from _exists(doc, ref.line, ref.target, content)
    image = doc.meta.get("image")
    if image and image.value:
        yield from _exists(doc, image.line, image.value, content, bare_is_content=True)
        if not (doc.get("image_alt") or "").strip():
            yield doc.finding(
                "image-alt",
                image.line,
                '"Image:" has no alt text: add a line "Image_alt: What the picture shows"',
            )


def _exists(doc, line, target, content, bare_is_content=False) -> Iterator[Finding]:
    kind, path = resolve(target, doc, content)
    if kind is None and bare_is_content and not SCHEME_RE.match(target):
        kind, path = "site", _normal(content / target)
    if kind is not None and not path.is_file():
        yield doc.finding(
            "image-missing",
            line,
            f'the image "{target}" is not there ({_shown(path, content)} does not exist): '
            "put the file in content/images/ or fix the name",
        )


def related(doc: Document, slugs: Collection[str]) -> Iterator[Finding]:
    pins = doc.meta.get("related")
    if doc.kind != "article" or pins is None:
        return
    for pin in (p.strip() for p in pins.value.split(",")):
        if pin and pin not in slugs:
            yield doc.finding(
                "related-unknown",
                pins.line,
                f'"Related: {pin}" is not the slug of any article.'
                f"{suggest(pin, sorted(slugs))} Pins are article slugs, separated by commas",
            )


def _shown(path: Path, content: Path) -> str:
    try:
        return str(path.relative_to(content.parent))
    except ValueError:
        return str(path)
