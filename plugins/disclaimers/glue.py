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
from pelican import signals

from . import settings as defaults
from .policy import INHERIT, fill, level, resolve, resolve_required, unknown_placeholders
from .render import render

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    kind: str  # disclosure, guest, disclaimer
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
    if origin.startswith(("DISCLAIMER_",)):
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
    for name, text in defaults.get(settings, "DISCLAIMER_BY_CATEGORY").items():
        if isinstance(text, str):
            _check_placeholders(text, f'DISCLAIMER_BY_CATEGORY["{name}"]')
    note = defaults.get(settings, "DISCLAIMER_GUEST_NOTE")
    if isinstance(note, str):
        _check_placeholders(note, "DISCLAIMER_GUEST_NOTE")


def _levels(article, settings) -> list[tuple[str, object]]:
    by_category = defaults.get(settings, "DISCLAIMER_BY_CATEGORY")
    category = str(getattr(article, "category", "") or "")
    levels = [("DISCLAIMER_DEFAULT", level(defaults.get(settings, "DISCLAIMER_DEFAULT")))]
    if category in by_category:
        levels.append((f'DISCLAIMER_BY_CATEGORY["{category}"]', level(by_category[category])))
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
    category = str(getattr(article, "category", "") or "")
    if category not in defaults.get(settings, "DISCLAIMER_REQUIRED_CATEGORIES"):
        return resolve(levels)
    choice, refused = resolve_required(levels)
    if refused is not None:
        logger.error(
            '%s: error: the %s column requires a disclaimer, so "Disclaimer: none" is not '
            "allowed here; remove it or write the article's own disclaimer "
            "[disclaimer-required]",
            _where(refused.origin),
            category,
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
    written = Path(path).read_text(encoding="utf-8")
    for notice in notices:
        if notice.html not in written:
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
