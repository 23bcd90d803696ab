"""Headline and summary lengths, measured against what search results show
(limits and their reasons: settings.py)."""

from __future__ import annotations

from collections.abc import Iterator

from .findings import Finding
from .source import Document
from .text import plain


def lengths(doc: Document, title_max: int, summary_max: int) -> Iterator[Finding]:
    for key, limit, rule, what in (
        ("title", title_max, "title-length", "headline"),
        ("summary", summary_max, "summary-length", "summary"),
    ):
        found = doc.meta.get(key)
        if not found or not found.value:
            continue
        text = " ".join(plain(found.value).split())
        if len(text) > limit:
            yield doc.finding(
                rule,
                found.line,
                f"the {what} has {len(text)} characters; search results show about "
                f"{limit}, so it will be cut after "
                f'"...{text[max(0, limit - 30) : limit].lstrip()}": shorten it',
            )
