"""Turning what Pelican read into what scoring needs: plain text and pin lists."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """Text of rendered HTML: tags become spaces (so words in adjacent cells stay apart),
    entities such as typogrify's &#8220; become characters."""
    return html.unescape(_TAG.sub(" ", markup or ""))


def parse_pins(value: object) -> tuple[str, ...]:
    """Slugs of a `Related: slug-a, slug-b` line, in order, without blanks or repeats."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return tuple(dict.fromkeys(s for s in (str(i).strip() for i in items) if s))
