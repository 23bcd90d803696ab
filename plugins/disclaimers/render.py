"""Disclaimer text to safe HTML: the body's Markdown and typography, then a sanitiser.

Disclaimers and disclosures are written by editors and authors as Markdown with
links; whatever HTML they contain is not ours to trust, so the rendered result is
cleaned by nh3 (the Rust `ammonia` sanitiser): only inline formatting and
http(s)/mailto links survive; a <script> is removed with its content.
"""

from __future__ import annotations

import functools
import json

import nh3
from markdown import Markdown

ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "br", "abbr", "span", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "span": {"class"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )


@functools.lru_cache(maxsize=8)
def _converter(markdown_json: str) -> Markdown:
    """One converter per Markdown configuration, reset between texts: setting one up
    (its extensions) cost twice the conversion of a disclaimer."""
    return Markdown(**json.loads(markdown_json))


@functools.lru_cache(maxsize=256)
def _render(text: str, markdown_json: str, typogrify_ignore: tuple | None) -> str:
    html = _converter(markdown_json).reset().convert(text)
    if typogrify_ignore is not None:
        from typogrify.filters import typogrify  # noqa: PLC0415 - optional, as in Pelican

        html = typogrify(html, list(typogrify_ignore))
    return sanitise(html)


def render(text: str, settings) -> str:
    """Render like an article body; cached, since thousands of articles share a text."""
    markdown = json.dumps(settings.get("MARKDOWN", {}), sort_keys=True, default=str)
    ignore = tuple(settings.get("TYPOGRIFY_IGNORE_TAGS", [])) if settings.get("TYPOGRIFY") else None
    return _render(text, markdown, ignore)
