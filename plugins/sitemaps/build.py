"""Sitemaps and the sitemap index as XML, built with xml.etree.

Grouping articles by content type lets a publisher submit, and a search console
report on, news apart from opinion or sponsored pieces; the index ties the groups
together under the one address robots.txt announces. Entries are sorted and dates
come from the content, never the clock, so the same site gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: The protocol's limit of addresses per sitemap file.
MAX_URLS = 50_000


@dataclass(frozen=True, order=True)
class Entry:
    loc: str
    lastmod: dt.datetime | None = None


def w3c(moment: dt.datetime) -> str:
    """W3C datetime with the offset, as the protocol asks ("2026-10-09T09:00:00+02:00")."""
    return moment.isoformat(timespec="seconds")


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _node(parent: ET.Element, tag: str, entry: Entry) -> None:
    node = ET.SubElement(parent, tag)
    ET.SubElement(node, "loc").text = entry.loc
    if entry.lastmod is not None:
        ET.SubElement(node, "lastmod").text = w3c(entry.lastmod)


def urlset(entries: Iterable[Entry]) -> bytes:
    root = ET.Element("urlset", xmlns=NS)
    for entry in sorted(set(entries)):
        _node(root, "url", entry)
    return _xml(root)


def sitemap_index(sitemaps: Iterable[Entry]) -> bytes:
    root = ET.Element("sitemapindex", xmlns=NS)
    for entry in sorted(set(sitemaps)):
        _node(root, "sitemap", entry)
    return _xml(root)


def chunks(group: str, entries: Sequence[Entry], size: int = MAX_URLS) -> dict[str, list[Entry]]:
    """`group`, then `group-2`, `group-3`... of at most `size` sorted entries each."""
    ordered = sorted(set(entries))
    parts = [ordered[i : i + size] for i in range(0, len(ordered), size)] or [[]]
    return {(group if n == 0 else f"{group}-{n + 1}"): part for n, part in enumerate(parts)}


def newest(entries: Iterable[Entry]) -> dt.datetime | None:
    dates = [e.lastmod for e in entries if e.lastmod is not None]
    return max(dates) if dates else None


def plan(groups: Mapping[str, Sequence[Entry]], size: int = MAX_URLS) -> dict[str, list[Entry]]:
    """Every sitemap file to write, by name: the non-empty groups, split at `size`."""
    files: dict[str, list[Entry]] = {}
    for group in sorted(groups):
        if groups[group]:
            files.update(chunks(group, groups[group], size))
    return files
