"""Which disclaimer an article carries, and how its text is filled in.

Pure functions, tested without Pelican. Editors set the policy once (site,
column, author); authors never paste boilerplate, and only an explicit
`Disclaimer: none` switches it off for one article.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PLACEHOLDERS = ("site", "author", "category")

#: A level of the cascade said nothing: the less specific one applies.
INHERIT = object()


@dataclass(frozen=True)
class Choice:
    """The disclaimer text an article gets (None: none) and where it was set."""

    text: str | None
    origin: str


def is_none(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in {"none", ""})


def level(value: object):
    """A cascade level from a setting or metadata value: INHERIT, None (off) or text."""
    if value is INHERIT:
        return INHERIT
    return None if is_none(value) else str(value).strip()


def resolve(levels: Sequence[tuple[str, object]]) -> Choice:
    """Most specific wins: `levels` go from least specific (site) to most (article).

    Each is (origin, INHERIT | None | text).
    """
    choice = Choice(None, "nowhere")
    for origin, value in levels:
        if value is not INHERIT:
            choice = Choice(value, origin)
    return choice


def resolve_required(levels: Sequence[tuple[str, object]]) -> tuple[Choice, Choice | None]:
    """Like `resolve`, but an opt-out is overruled by the nearest text before it.

    Returns the choice to use, and the refused opt-out (or None when there was none).
    """
    choice = resolve(levels)
    if choice.text is not None:
        return choice, None
    fallback = resolve([(o, v) for o, v in levels if v is not None])
    return fallback, choice


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` we cannot fill; a typo must not reach readers as "{autor}"."""
    unknown = []
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:  # a lone "{" or "}"
        return [f"(malformed: {exc}; write {{{{ and }}}} for literal braces)"]
    for name in fields:
        if name not in PLACEHOLDERS and name not in unknown:
            unknown.append(name or "{}")
    return unknown


class _KeepUnknown(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill(text: str, values: Mapping[str, str]) -> str:
    """Fill the known placeholders; an unknown one (already reported) stays visible
    as written, and malformed braces leave the text as it is."""
    try:
        return text.format_map(_KeepUnknown({key: values.get(key, "") for key in PLACEHOLDERS}))
    except (ValueError, IndexError, AttributeError):
        return text
