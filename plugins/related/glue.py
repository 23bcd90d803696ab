"""Signal glue: once every article is read, attach `article.related_stories`, a list of
articles (not `article.related`: Pelican already puts the `Related:` line's text there).

Runs on `article_generator_finalized`, after the byline plugin has dropped incomplete
articles and before publish_guard checks for errors, so a bad pin stops a publish build.
"""

from __future__ import annotations

import logging
import os
import sys

from pelican import signals

from .extract import parse_pins, plain_text
from .scoring import Doc, RelatedIndex, Weights, format_explanation
from .settings import DEFAULTS

logger = logging.getLogger(__name__)


def _display_path(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path


def setting(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def weights_from(settings: dict) -> Weights:
    """The configured weights; bad values are reported and the defaults used instead."""
    try:
        return Weights.from_mapping(
            dict(setting(settings, "RELATED_WEIGHTS")),
            float(setting(settings, "RELATED_TIME_HALF_LIFE")),
        )
    except (TypeError, ValueError) as exc:
        logger.error(
            "%s: error: RELATED_WEIGHTS / RELATED_TIME_HALF_LIFE: %s; using the defaults "
            "[related-settings]",
            "pelicanconf.py",
            exc,
        )
        return Weights()


def to_doc(article, candidate: bool) -> Doc:
    return Doc(
        slug=article.slug,
        path=_display_path(article.source_path),
        title=plain_text(getattr(article, "title", "")),
        text=plain_text(getattr(article, "_content", "")),
        date=article.date,
        category=str(getattr(article, "category", "") or ""),
        tags=tuple(str(t) for t in getattr(article, "tags", None) or ()),
        pins=parse_pins(article.metadata.get("related")),
        candidate=candidate,
    )


def index_for(generator) -> tuple[RelatedIndex, dict]:
    """The index of the generator's articles, and each path's article."""
    listed = list(generator.articles)
    unlisted = list(generator.hidden_articles) + list(generator.drafts)
    docs, by_path = [], {}
    for article, candidate in [(a, True) for a in listed] + [(a, False) for a in unlisted]:
        doc = to_doc(article, candidate)
        docs.append(doc)
        by_path[doc.path] = article
    return RelatedIndex(docs, weights_from(generator.settings)), by_path


def attach_related(generator):
    settings = generator.settings
    index, by_path = index_for(generator)
    result = index.related(
        int(setting(settings, "RELATED_COUNT")), float(setting(settings, "RELATED_MIN_SCORE"))
    )
    for problem in result.problems:
        logger.error("%s: error: %s [%s]", problem.path, problem.message, problem.rule)
    by_slug = {doc.slug: by_path[doc.path] for doc in reversed(index.docs) if doc.candidate}
    for path, article in by_path.items():
        article.related_stories = [by_slug[p.slug] for p in result.picks.get(path, [])]
    explain = setting(settings, "RELATED_EXPLAIN")
    for slug in [explain] if isinstance(explain, str) else explain:
        try:
            picks = index.explain(slug, 10)
        except KeyError:
            logger.warning("RELATED_EXPLAIN: no article with the slug %r", slug)
            continue
        print(format_explanation(slug, picks, index.weights), file=sys.stderr)


def register():
    signals.article_generator_finalized.connect(attach_related)
