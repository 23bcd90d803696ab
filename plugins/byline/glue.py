"""Signal receivers: drop incomplete articles with an error that names the file.

Dropping (rather than stopping) keeps one bad article from losing the others in a
development build; in the publish build, plugins/publish_guard counts the same
errors and refuses the whole site.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals

from .policy import byline_problems, natural_join

logger = logging.getLogger(__name__)


def display_path(path: str | Path, cwd: Path | None = None) -> str:
    """Relative to the working directory when the file is below it, else absolute:
    `content/articles/x.md` reads better than `../../tmp/...`, and both open in an
    editor. Every plugin names files this way in its messages."""
    cwd = Path(cwd or os.getcwd())
    try:
        return Path(path).resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


#: ArticlesGenerator lists that are rendered to pages of their own.
RENDERED_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)


def drop_incomplete_articles(generator):
    for name in RENDERED_LISTS:
        articles = getattr(generator, name, None)
        if articles:
            articles[:] = _complete(articles)


def _complete(articles):
    kept = []
    for article in articles:
        problems = byline_problems(
            getattr(article, "authors", []),
            getattr(article, "category", None),
            getattr(article, "date", None),
        )
        for problem in problems:
            logger.error(
                "%s: error: %s [%s]",
                display_path(article.source_path),
                problem.message,
                problem.rule,
            )
        if problems:
            logger.warning(
                "%s: not built, so that no page shows an incomplete byline",
                display_path(article.source_path),
            )
        else:
            kept.append(article)
    return kept


def add_jinja_filters(generator):
    generator.env.filters.setdefault("natural_join", natural_join)


def register():
    signals.article_generator_pretaxonomy.connect(drop_incomplete_articles)
    signals.generator_init.connect(add_jinja_filters)
