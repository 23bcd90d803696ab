"""Pure escaping rules, kept apart from Pelican so they can be tested alone.

Pelican passes titles to typogrify and summaries to Markdown as raw text, so an
author's `<script>` or a stray `&` in a headline would reach the page as live
markup. We escape those fields first; the HTML typogrify and Markdown then add is
ours, so templates can print the result as-is.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

#: Metadata written as text (not HTML) that Pelican later renders into HTML.
PLAIN_TEXT_FIELDS = frozenset({"title", "summary"})


def escape_text(value: str) -> str:
    """Escape &, < and > but keep quotes, which smartypants must still see to curl them."""
    return html.escape(value, quote=False)


def escape_fields(
    meta: Mapping[str, Iterable[str]], fields: Iterable[str] = PLAIN_TEXT_FIELDS
) -> dict[str, list[str]]:
    """Return a copy of Markdown's raw metadata with the given fields escaped."""
    wanted = {name.lower() for name in fields}
    return {
        name: [escape_text(v) for v in values] if name.lower() in wanted else list(values)
        for name, values in meta.items()
    }
