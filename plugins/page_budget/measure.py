"""Weigh a written page and list what it requests, without Pelican.

A page's weight is what a browser must fetch before it can lay the page out: the
HTML, every stylesheet from this site it links (and what those @import), and every
script from this site it loads. Anything the page makes the browser request from
another host (a stylesheet, script, image, frame, font, preconnect) is listed by
host: it costs the reader a connection and tells that host who reads what.

Pages are parsed once each with lxml (already pinned for the tests' extruct, and
the fastest HTML parser we have); each stylesheet and script is read once per build
(`Assets` caches its size and what it requests), so a 4,000-article build reads the
theme's files once, not 4,000 times.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

#: Schemes that fetch nothing from a host.
NO_REQUEST_SCHEMES = frozenset({"data", "blob", "about", "javascript", "mailto", "tel"})
#: `<link rel>` values that make the browser fetch (or connect to) the target.
FETCHING_RELS = frozenset(
    {
        "stylesheet",
        "icon",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "mask-icon",
        "manifest",
        "preload",
        "modulepreload",
        "prefetch",
        "prerender",
        "preconnect",
        "dns-prefetch",
    }
)
#: element -> attributes holding one URL the browser loads with the page.
URL_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "{http://www.w3.org/1999/xlink}href", "xlink:href"),
}
SRCSET_TAGS = ("img", "source")
TAGS = ("link", "style", *URL_ATTRIBUTES, *(t for t in SRCSET_TAGS if t not in URL_ATTRIBUTES))
CSS_URL_RE = re.compile(
    r"""@import\s+(?:url\(\s*)?["']?(?P<import>[^"')\s;]+)|url\(\s*["']?(?P<url>[^"')]+?)["']?\s*\)""",
    re.IGNORECASE,
)
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
SRCSET_RE = re.compile(r"\s*(\S+?)(?:\s+[^,]*)?(?:,|$)")


@dataclass(frozen=True)
class Request:
    url: str
    kind: str  # "css" and "js" are weighed; "other" (images, fonts, frames) is not
    where: str  # what asks for it, for the message: "img src", "link rel=stylesheet"


def _rels(element) -> set[str]:
    return set((element.get("rel") or "").lower().split())


def _link_request(element) -> Request | None:
    href = (element.get("href") or "").strip()
    rels = _rels(element) & FETCHING_RELS
    if not href or not rels:
        return None
    as_ = (element.get("as") or "").lower()
    if "stylesheet" in rels or ("preload" in rels and as_ == "style"):
        kind = "css"
    elif "modulepreload" in rels or ("preload" in rels and as_ == "script"):
        kind = "js"
    else:
        kind = "other"
    return Request(href, kind, f"link rel={' '.join(sorted(rels))}")


def srcset_urls(value: str) -> list[str]:
    return [m.group(1) for m in SRCSET_RE.finditer(value or "") if m.group(1)]


def css_requests(css: str, where: str = "style") -> list[Request]:
    """@import (weighed as CSS) and url() (fonts, images) in a stylesheet or style attribute."""
    found = []
    for match in CSS_URL_RE.finditer(CSS_COMMENT_RE.sub("", css)):
        if match["import"]:
            found.append(Request(match["import"], "css", f"{where} @import"))
        elif match["url"]:
            found.append(Request(match["url"].strip(), "other", f"{where} url()"))
    return found


def page_requests(html: bytes | str) -> list[Request]:
    """Everything the page makes a browser fetch as it loads, in document order."""
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[Request] = []
    for element in root.iter(*TAGS):
        tag = element.tag
        if tag == "link":
            request = _link_request(element)
            if request:
                found.append(request)
            continue
        if tag == "style":
            found += css_requests(element.text or "", "style")
            continue
        for attr in URL_ATTRIBUTES.get(tag, ()):
            url = (element.get(attr) or "").strip()
            if url and not (tag == "input" and (element.get("type") or "").lower() != "image"):
                found.append(Request(url, "js" if tag == "script" else "other", f"{tag} {attr}"))
        if tag in SRCSET_TAGS and element.get("srcset"):
            found += [
                Request(u, "other", f"{tag} srcset") for u in srcset_urls(element.get("srcset"))
            ]
    for element in root.xpath("//*[@style]"):
        found += css_requests(element.get("style"), f"{element.tag} style")
    return found


def _host_matches(host: str, allowed: str) -> bool:
    allowed = allowed.lower().strip().rstrip("/")
    if "//" in allowed:  # a whole address was given: keep its host
        allowed = urlsplit(allowed).netloc
    if ":" in allowed:
        return host == allowed
    return host.rsplit(":", 1)[0] == allowed if host else False


@dataclass(frozen=True)
class Site:
    """Where the site lives: its host (SITEURL's) and the hosts it may also use."""

    host: str = ""
    path: str = "/"  # SITEURL's path: the output folder's root as URLs see it
    allowed: tuple[str, ...] = ()

    @classmethod
    def from_urls(cls, siteurl: str, allowed: Iterable[str] = ()) -> Site:
        parts = urlsplit(siteurl or "")
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        hosts = tuple(h for h in allowed if h)
        return cls(parts.netloc.lower(), path, hosts)

    def locate(self, url: str, base: str) -> tuple[str, str | None]:
        """("local", output path) for this site's files, ("allowed", host),
        ("foreign", host) for another host, or ("none", None) when nothing is fetched.
        `base`: output path (posix) of the file that holds the URL."""
        url = url.strip()
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if not url or url.startswith("#") or scheme in NO_REQUEST_SCHEMES:
            return "none", None
        if scheme or url.startswith("//"):
            host = parts.netloc.lower() or scheme
            if not (self.host and host == self.host and scheme in ("http", "https", "")):
                if any(_host_matches(host, a) for a in self.allowed):
                    return "allowed", host
                return "foreign", host
        path = unquote(parts.path)
        if not path:
            return "none", None
        if path.startswith("/"):
            relative = path[len(self.path) :] if path.startswith(self.path) else path.lstrip("/")
        else:
            relative = posixpath.join(posixpath.dirname(base), path)
        return "local", posixpath.normpath(relative)


@dataclass(frozen=True)
class Asset:
    size: int | None  # None: not in the output
    requests: tuple[Request, ...] = ()


class Assets:
    """Sizes of the site's stylesheets and scripts, each read once per build."""

    def __init__(self, output: Path):
        self.output = Path(output)
        self._cache: dict[str, Asset] = {}

    def get(self, relpath: str, kind: str) -> Asset:
        if relpath not in self._cache:
            self._cache[relpath] = self._read(relpath, kind)
        return self._cache[relpath]

    def _read(self, relpath: str, kind: str) -> Asset:
        if relpath.startswith("../") or relpath == "..":
            return Asset(None)
        path = self.output / relpath
        try:
            data = path.read_bytes()
        except OSError:
            return Asset(None)
        if kind != "css":
            return Asset(len(data))
        text = data.decode("utf-8", errors="replace")
        return Asset(len(data), tuple(css_requests(text, relpath)))


@dataclass(frozen=True)
class Weight:
    html: int
    css: int
    js: int

    @property
    def total(self) -> int:
        return self.html + self.css + self.js


@dataclass
class PageReport:
    path: str
    weight: Weight
    #: Weighed files, output path -> bytes, heaviest first.
    files: dict[str, int] = field(default_factory=dict)
    #: host -> [(url, where)] of requests to hosts that are not allowed.
    foreign: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: Stylesheets and scripts of this site that are not in the output.
    missing: list[str] = field(default_factory=list)


def measure_page(path: str, html: bytes, site: Site, assets: Assets) -> PageReport:
    """Weigh the page at output path `path` whose bytes are `html`."""
    return weigh(path, len(html), page_requests(html), site, assets)


def weigh(
    path: str, size: int, requests: Iterable[Request], site: Site, assets: Assets
) -> PageReport:
    """Weigh the page at output path `path` of `size` bytes that makes `requests`
    (page_requests of its HTML, which can be read before the site's stylesheets and
    scripts are all in place)."""
    sizes = {"css": 0, "js": 0}
    files: dict[str, int] = {}
    foreign: dict[str, list[tuple[str, str]]] = {}
    missing: list[str] = []
    pending: list[tuple[Request, str]] = [(r, path) for r in requests]
    seen: set[str] = set()
    while pending:
        request, base = pending.pop(0)
        place, target = site.locate(request.url, base)
        if place == "foreign":
            foreign.setdefault(target, []).append((request.url, request.where))
        if place != "local" or request.kind == "other" or target in seen:
            continue
        seen.add(target)
        asset = assets.get(target, request.kind)
        if asset.size is None:
            missing.append(target)
            continue
        sizes[request.kind] += asset.size
        files[target] = asset.size
        pending += [(r, target) for r in asset.requests]
    files = dict(sorted(files.items(), key=lambda item: (-item[1], item[0])))
    return PageReport(path, Weight(size, sizes["css"], sizes["js"]), files, foreign, missing)


def problems(report: PageReport, budget: int) -> Iterator[tuple[str, str]]:
    """(rule, message) for each way the page breaks its budget, with how to fix it."""
    weight = report.weight
    if weight.total > budget:
        heaviest = ", ".join(f"{name} {size:,}" for name, size in list(report.files.items())[:2])
        hint = f"; heaviest files: {heaviest}" if heaviest else ""
        yield (
            "page-budget",
            f"page weighs {weight.total:,} bytes (HTML {weight.html:,} + CSS {weight.css:,} "
            f"+ JS {weight.js:,}), over the {budget:,}-byte budget{hint}: make the page or "
            "its theme files lighter, or raise PAGE_BUDGET_BYTES",
        )
    for host, requests in sorted(report.foreign.items()):
        shown = "; ".join(f"{where} {url}" for url, where in requests[:3])
        more = f" and {len(requests) - 3} more" if len(requests) > 3 else ""
        yield (
            "page-budget-host",
            f"page requests {len(requests)} file{'s' if len(requests) != 1 else ''} from "
            f"another host, {host} ({shown}{more}): serve {'them' if len(requests) != 1 else 'it'}"
            " from this site, or add the host to PAGE_BUDGET_ALLOWED_HOSTS",
        )
    for target in report.missing:
        yield (
            "page-budget-missing",
            f"page loads {target}, which is not in the output: fix the link in the template",
        )
