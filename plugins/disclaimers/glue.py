"""Signal receivers: give every article the notices its policy demands, check
that each written page carries them, and hand them to the feed writer.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path

from byline.glue import RENDERED_LISTS, display_path
from byline.policy import natural_join
from columnists.profiles import header_lines
from content_types.registry import ContentType
from content_types.settings import registry_for
from pelican import signals

from . import settings as defaults
from .policy import INHERIT, fill, level, resolve, resolve_required, unknown_placeholders
from .render import render

logger = logging.getLogger(__name__)

#: Origins of texts that come from the settings rather than from a file.
SETTINGS_ORIGINS = ("DISCLAIMER_", "CONTENT_TYPES[")


@dataclass(frozen=True)
class Notice:
    kind: str  # type (e.g. sponsored), disclosure, guest, disclaimer
    label: str
    html: str


def _line(path: str, key: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    line = header_lines(text).get(key)
    return f":{line}" if line else ""


def _where(origin: str, key: str = "disclaimer") -> str:
    """Settings are named as such; files with the line of their field."""
    if origin.startswith(SETTINGS_ORIGINS):
        return f"settings: {origin}"
    return f"{display_path(origin)}{_line(origin, key)}"


def _check_placeholders(text: str, origin: str, key: str = "disclaimer") -> None:
    for name in unknown_placeholders(text):
        logger.error(
            "%s: error: unknown placeholder {%s} in the disclaimer text; use {site}, "
            "{author} or {category} [disclaimer-placeholder]",
            _where(origin, key),
            name,
        )


def check_settings(generator):
    settings = generator.settings
    default = defaults.get(settings, "DISCLAIMER_DEFAULT")
    if isinstance(default, str):
        _check_placeholders(default, "DISCLAIMER_DEFAULT")
    registry, _ = registry_for(settings)
    for key, ctype in sorted(registry.types.items()):
        for name in ("disclaimer_text", "notice"):
            text = getattr(ctype, name)
            if text:
                _check_placeholders(text, f'CONTENT_TYPES["{key}"]["{name}"]')
        if ctype.disclaimer == "required" and not (ctype.disclaimer_text or default):
            logger.error(
                'settings: CONTENT_TYPES["%s"]: error: "disclaimer" is "required" but there '
                'is no text: set its "disclaimer_text" or DISCLAIMER_DEFAULT [disclaimer-required]',
                key,
            )
    note = defaults.get(settings, "DISCLAIMER_GUEST_NOTE")
    if isinstance(note, str):
        _check_placeholders(note, "DISCLAIMER_GUEST_NOTE")


def _levels(article, settings) -> list[tuple[str, object]]:
    levels = [("DISCLAIMER_DEFAULT", level(defaults.get(settings, "DISCLAIMER_DEFAULT")))]
    ctype = getattr(article, "content_type", None)
    if isinstance(ctype, ContentType):
        origin = f'CONTENT_TYPES["{ctype.key}"]'
        if ctype.disclaimer == "none":
            levels.append((origin, None))
        elif ctype.disclaimer_text:
            levels.append((origin, level(ctype.disclaimer_text)))
    for author in getattr(article, "authors", ()):
        profile = getattr(author, "profile", None)
        if profile is not None and profile.disclaimer is not None:
            levels.append((profile.source_path, level(profile.disclaimer)))
            break
    if "disclaimer" in article.metadata:
        levels.append((article.source_path, level(article.metadata["disclaimer"])))
    else:
        levels.append((article.source_path, INHERIT))
    return levels


def _choose(article, settings):
    levels = _levels(article, settings)
    ctype = getattr(article, "content_type", None)
    if getattr(ctype, "disclaimer", None) != "required":
        return resolve(levels)
    choice, refused = resolve_required(levels)
    if refused is not None:
        logger.error(
            '%s: error: the type "%s" (%s) requires a disclaimer, so "Disclaimer: none" is '
            "not allowed here; remove it or write the article's own disclaimer "
            "[disclaimer-required]",
            _where(refused.origin),
            ctype.key,
            ctype.label,
        )
    return choice


def notices_for(article, settings) -> list[Notice]:
    labels = {**defaults.DEFAULTS["DISCLAIMER_LABELS"], **settings.get("DISCLAIMER_LABELS", {})}
    authors = list(getattr(article, "authors", ()))
    values = {
        "site": html.escape(settings.get("SITENAME", "")),
        "author": html.escape(natural_join(authors)),
        "category": html.escape(str(getattr(article, "category", "") or "")),
    }
    notices = []
    ctype = getattr(article, "content_type", None)
    if isinstance(ctype, ContentType) and ctype.notice:
        # What the piece is (sponsored...) comes before anything about its authors.
        notices.append(Notice("type", ctype.label, render(fill(ctype.notice, values), settings)))
    disclosure = article.metadata.get("disclosure")
    if disclosure and str(disclosure).strip():
        _check_placeholders(str(disclosure), article.source_path, "disclosure")
        text = render(fill(str(disclosure), values), settings)
        notices.append(Notice("disclosure", labels["disclosure"], text))
    guests = [a for a in authors if getattr(getattr(a, "profile", None), "guest", False)]
    note = defaults.get(settings, "DISCLAIMER_GUEST_NOTE")
    if guests and isinstance(note, str) and note.strip():
        guest_values = {**values, "author": html.escape(natural_join(guests))}
        notices.append(Notice("guest", labels["guest"], render(fill(note, guest_values), settings)))
    choice = _choose(article, settings)
    if choice.text is not None:
        if not choice.origin.startswith("DISCLAIMER_"):  # settings were checked once
            _check_placeholders(choice.text, choice.origin)
        text = render(fill(choice.text, values), settings)
        notices.append(Notice("disclaimer", labels["disclaimer"], text))
    return notices


def feed_appendix(notices: list[Notice]) -> str:
    """The notices as the end of a feed entry, so syndicated copies carry them."""
    return "".join(
        f'<div class="notice"><p><strong>{html.escape(n.label)}</strong></p>{n.html}</div>'
        for n in notices
    )


def attach_notices(generator):
    for name in RENDERED_LISTS:
        for article in getattr(generator, name, None) or ():
            notices = notices_for(article, generator.settings)
            article.notices = notices
            article.disclaimer = next((n.html for n in notices if n.kind == "disclaimer"), None)
            article.feed_appendix = feed_appendix(notices)


def verify_written(path, context):
    """No page goes out without its notices, whatever the theme's templates do."""
    article = (context or {}).get("article")
    notices = getattr(article, "notices", None)
    if not notices or not path.endswith(".html"):
        return
    # Compared as UTF-8 bytes, as the page was written: a text is in another exactly when
    # its UTF-8 is in the other's, and the page is not decoded (0.14 -> 0.06 CPU-s for
    # 4,000 pages).
    written = Path(path).read_bytes()
    for notice in notices:
        if notice.html.encode("utf-8") not in written:
            logger.error(
                "%s: error: written without its %s (from %s): the theme's article template "
                'must include "partials/notices.html" [disclaimer-missing]',
                display_path(path),
                notice.kind,
                display_path(article.source_path),
            )


def register():
    signals.article_generator_init.connect(check_settings)
    signals.article_generator_finalized.connect(attach_notices)
    signals.content_written.connect(verify_written)
