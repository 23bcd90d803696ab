"""An article's `Backstory:` line: why the piece was written and how it was reported.

Authors write it as Markdown in the metadata, like a disclosure, so it is rendered
the same way and then sanitised (plugins/disclaimers/render.py): only emphasis,
code and http(s)/mailto links survive. Search engines get the plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Backstory:
    html: str  # sanitised HTML for the page
    text: str  # plain text for the JSON-LD `backstory`


def source_text(value: str | Iterable[str] | None) -> str:
    """One Markdown text from the metadata value. An indented continuation line (or a
    repeated `Backstory:` line) reaches us as a list: its lines form one paragraph."""
    if value is None:
        return ""
    lines = [value] if isinstance(value, str) else [str(v) for v in value]
    return "\n".join(line.strip() for line in lines if line.strip())


def plain_text(html: str) -> str:
    """Text of sanitised HTML: tags dropped, entities decoded, spaces normalised."""
    return " ".join(Markup(html).striptags().replace("\xa0", " ").split())


def backstory(value: str | Iterable[str] | None, render: Callable[[str], str]) -> Backstory | None:
    """The backstory to show, or None when the article has none (or only blanks).

    `render` turns Markdown into sanitised HTML; the disclaimers' renderer in a build.
    """
    text = source_text(value)
    if not text:
        return None
    html = render(text)
    plain = plain_text(html)
    if not plain:
        return None
    return Backstory(html, plain)
