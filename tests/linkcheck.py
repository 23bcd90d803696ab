"""A parser-based walker: every internal link, fragment and image in a built site must resolve."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

#: Attributes that point at something the browser will fetch or follow.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {el["id"] for el in doc.find_all(id=True)} | {
            el["name"] for el in doc.find_all("a", attrs={"name": True})
        }
    return cache[path]


def _target_file(root: Path, page: Path, url: str, site_url: str) -> Path | None:
    """The file a URL resolves to inside `root`, or None when it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if not site_url or not url.startswith(site_url):
            return None  # external: not ours to check here
        path = unquote(urlsplit(url).path)[len(urlsplit(site_url).path) :]
        target = root / path.lstrip("/")
    else:
        base = "/" + page.relative_to(root).as_posix()
        resolved = urljoin(base, unquote(parts.path)) if parts.path else base
        target = root / resolved.lstrip("/")
    if target.is_dir() or str(target).endswith("/") or url.split("#", maxsplit=1)[0].endswith("/"):
        target = target / "index.html"
    return target


def broken_links(root: Path, site_url: str = "") -> list[str]:
    """Every internal link, fragment or image in `root` that does not resolve."""
    problems = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(root.rglob("*.html")):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in LINK_ATTRIBUTES.items():
            for el in doc.find_all(tag, attrs={attr: True}):
                url = el[attr].strip()
                if not url:
                    problems.append(f"{page.relative_to(root)}: empty {tag} {attr}")
                    continue
                if url.startswith(("mailto:", "tel:", "data:")):
                    continue
                target = _target_file(root, page, url, site_url)
                if target is None:
                    continue
                where = f"{page.relative_to(root)}: {tag} {attr}={url!r}"
                if not target.exists():
                    problems.append(f"{where} -> missing {target.relative_to(root)}")
                    continue
                fragment = urlsplit(url).fragment
                if (
                    fragment
                    and target.suffix == ".html"
                    and unquote(fragment) not in _ids(target, ids)
                ):
                    problems.append(f"{where} -> no element with id {fragment!r}")
    return problems
