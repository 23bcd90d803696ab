"""Signal receivers: read the profiles, tie each article author to one, and give
templates what author pages, the columnists index and author boxes show.

Profiles live outside ARTICLE_PATHS and PAGE_PATHS, so Pelican never publishes
them as articles; this plugin reads them with Pelican's own readers, so a bio
gets the same Markdown and typography as an article body.
"""

from __future__ import annotations

import logging
from pathlib import Path

from byline.glue import RENDERED_LISTS, display_path
from pelican import signals
from pelican.contents import Page
from pelican.urlwrappers import Author

from . import settings as defaults
from .profiles import Directory, header_lines, more_from, parse_profile, value_line

logger = logging.getLogger(__name__)


def _report(path, line, severity, message, rule):
    log = logger.error if severity == "error" else logger.warning
    log("%s%s: %s: %s [%s]", display_path(path), line, severity, message, rule)


def load_profiles(generator) -> Directory:
    """Read every `<slug>.md` in AUTHOR_PROFILES_PATH, reporting what to fix."""
    settings = generator.settings
    folder = Path(generator.path) / defaults.get(settings, "AUTHOR_PROFILES_PATH")
    profiles = []
    if not folder.is_dir():
        return Directory(profiles)
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
            page = generator.readers.read_file(
                base_path=generator.path,
                path=str(path.relative_to(generator.path)),
                content_class=Page,
                context=generator.context,
            )
        except Exception as exc:  # a profile must never stop the build with a traceback
            _report(path, "", "error", f"could not read this profile: {exc}", "profile-read")
            continue
        lines = header_lines(text)
        raw = {key: value for key, value in page.metadata.items() if key in lines}
        profile, problems = parse_profile(
            path.stem,
            raw,
            photo_exists=lambda rel: (Path(generator.path) / rel).is_file(),
            default_role=defaults.get(settings, "AUTHOR_DEFAULT_ROLE"),
            guest_role=defaults.get(settings, "AUTHOR_GUEST_ROLE"),
        )
        for problem in problems:
            line = lines.get(problem.field)
            if problem.value is not None:
                line = value_line(text, problem.field, problem.value) or line
            _report(
                path, f":{line}" if line else "", problem.severity, problem.message, problem.rule
            )
        if profile is None:
            continue
        profile.bio = page.content
        profile.summary = page.summary
        profile.source_path = str(path)
        profiles.append(profile)
    return Directory(profiles)


def _canonical_author(profile, settings) -> Author:
    author = Author(profile.name, settings)
    author.slug = profile.slug
    author.profile = profile
    return author


def attach_profiles(generator):
    """Swap each article author for the profile's canonical name and slug."""
    directory = load_profiles(generator)
    generator.columnists = directory
    if not directory:
        return
    settings = generator.settings
    canonical = {p.slug: _canonical_author(p, settings) for p in directory.profiles}
    for name in RENDERED_LISTS:
        for article in getattr(generator, name, None) or ():
            authors = []
            for author in getattr(article, "authors", None) or ():
                profile = directory.find(author.name)
                if profile is None:  # reported by plugins/checks as [unknown-author]
                    author.profile = None
                    authors.append(author)
                else:
                    authors.append(canonical[profile.slug])
            if authors:
                article.authors = authors
                article.author = authors[0]


def add_author_context(generator):
    """Columnists index, author boxes: computed once per build, not per page."""
    directory = getattr(generator, "columnists", None) or Directory([])
    by_slug = {author.slug: articles for author, articles in generator.authors}
    authors_by_slug = {author.slug: author for author, _ in generator.authors}
    generator.context["columnists"] = [
        (profile, authors_by_slug.get(profile.slug), by_slug.get(profile.slug, []))
        for profile in directory.profiles
    ]
    limit = defaults.get(generator.settings, "AUTHOR_BOX_MORE")
    for name in RENDERED_LISTS:
        for article in getattr(generator, name, None) or ():
            slugs = [a.slug for a in getattr(article, "authors", ())]
            article.more_from = more_from(by_slug, article, slugs, limit)


def register():
    signals.article_generator_pretaxonomy.connect(attach_profiles)
    signals.article_generator_finalized.connect(add_author_context)
