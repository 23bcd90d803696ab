"""Signal receivers: give every article its resolved type, and keep articles whose
`Type:` names no type out of the build.

The type is resolved when Pelican creates the article (content_object_init), so
plugins that run earlier in PLUGINS already see `article.content_type`. Reporting
and dropping wait for article_generator_pretaxonomy, as plugins/byline does: one
bad article must not stop a development build, and plugins/publish_guard refuses
the publish build on the logged error. When plugins/checks runs, its
`unknown-type` rule has already left such a file out and reported it, with its line.
"""

from __future__ import annotations

import logging
from pathlib import Path

from byline.glue import RENDERED_LISTS, display_path
from columnists.profiles import header_lines
from pelican import signals
from pelican.contents import Article

from .registry import ContentType, Unknown
from .settings import DEFAULTS, registry_for

logger = logging.getLogger(__name__)


#: Settings the type table replaced, and where their job went. Left in a site's
#: settings they would be silently ignored: a column thought to require a disclaimer
#: would no longer get one.
RETIRED = {
    "ARTICLE_LABELS": 'the "label" of each type in CONTENT_TYPES',
    "ARTICLE_SCHEMA_TYPES": 'the "schema_type" of each type in CONTENT_TYPES',
    "ARTICLE_SCHEMA_DEFAULT_TYPE": "CONTENT_TYPE_DEFAULT",
    "DISCLAIMER_BY_CATEGORY": 'the "disclaimer" and "disclaimer_text" of each type',
    "DISCLAIMER_REQUIRED_CATEGORIES": '"disclaimer": "required" on the types concerned',
}


def set_defaults(pelican):
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    _, problems = registry_for(pelican.settings)
    for problem in problems:
        logger.error("settings: %s: error: %s [content-type-setting]", *problem.split(": ", 1))
    for name, successor in RETIRED.items():
        if name in pelican.settings:
            logger.error(
                "settings: %s: error: no longer read; set %s instead, and map columns to "
                "types with CONTENT_TYPE_BY_CATEGORY [content-type-setting]",
                name,
                successor,
            )


def resolve(instance):
    if not isinstance(instance, Article):
        return
    registry, _ = registry_for(instance.settings)
    instance.content_type = registry.resolve(
        instance.metadata.get("type"), getattr(instance, "category", None)
    )


def _line(path: str, key: str) -> int | None:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return header_lines(text).get(key)


def _where(article, key: str) -> str:
    line = _line(article.source_path, key)
    return display_path(article.source_path) + (f":{line}" if line else "")


def drop_unknown_types(generator):
    registry, _ = registry_for(generator.settings)
    for name in RENDERED_LISTS:
        articles = getattr(generator, name, None)
        if articles:
            articles[:] = [a for a in articles if _known(a, registry)]


def _known(article, registry) -> bool:
    if not isinstance(getattr(article, "content_type", None), ContentType | Unknown):
        resolve(article)  # e.g. read from a cache written before this plugin was on
    if "label" in article.metadata:
        logger.warning(
            '%s: warning: "Label:" is no longer read: the label comes from the type '
            '(here "%s", %s); delete the line, or write "Type:" [label-retired]',
            _where(article, "label"),
            getattr(article.content_type, "label", article.content_type),
            getattr(article.content_type, "key", "unknown"),
        )
    found = article.content_type
    if isinstance(found, ContentType):
        return True
    logger.error(
        "%s: error: %s [unknown-type]",
        _where(article, "type"),
        registry.unknown_message(found.value),
    )
    logger.warning("%s: not built until its type is known", display_path(article.source_path))
    return False


def register():
    signals.initialized.connect(set_defaults)
    signals.content_object_init.connect(resolve)
    signals.article_generator_pretaxonomy.connect(drop_unknown_types)
