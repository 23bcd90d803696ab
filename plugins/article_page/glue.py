"""Signal receivers: check and enrich articles, write the corrections page.

Order matters because Pelican renders an article's body (and memoises it) the
first time anything reads it: metadata is checked before the taxonomies are
built (a bad article is dropped, as the byline plugin does), while everything
that reads the body or summary waits until every generator has read its content,
so that links to other articles and pages are already resolvable.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from pathlib import Path

from byline.glue import RENDERED_LISTS, display_path
from fastbuild import settings as fastbuild_settings
from fastbuild.cache import Memo, file_digest
from fastbuild.glue import build_key, cache_file
from fastbuild.workers import forget_memoized, fork_map, worker_count
from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator

from .corrections import corrections_index, parse_corrections
from .images import Problem as ImageProblem
from .images import featured_image
from .reading import reading_minutes, word_count
from .settings import DEFAULTS
from .share import share_links
from .structured_data import Person, article_jsonld

logger = logging.getLogger(__name__)


def plain_text(html: str) -> str:
    """Text of typeset HTML: tags dropped, entities decoded, no-break spaces made plain."""
    return Markup(html).striptags().replace("\xa0", " ")


def absolute(siteurl: str, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{siteurl.rstrip('/')}/{path.lstrip('/')}"


def set_defaults(pelican):
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


# --- before the taxonomies: read and check metadata ----------------------------------


def check_articles(generator):
    for name in RENDERED_LISTS:
        articles = getattr(generator, name, None)
        if articles:
            articles[:] = [a for a in articles if _read_metadata(a, generator.settings)]


def _read_metadata(article, settings) -> bool:
    """Set label, corrections and featured image on `article`; False when it must not be built."""
    meta = article.metadata
    published = article.date.date() if getattr(article, "date", None) else None
    corrections, problems = parse_corrections(meta.get("correction"), published)
    image = featured_image(meta.get("image"), meta.get("image_alt"), Path(settings["PATH"]))
    unsound_image = isinstance(image, ImageProblem)
    if unsound_image:  # reported by plugins/checks ([image-missing], [image-alt]), with its line
        image = None
    for problem in problems:
        logger.error(
            "%s: error: %s [%s]", display_path(article.source_path), problem.message, problem.rule
        )
    if problems or unsound_image:
        logger.warning(
            "%s: not built until its metadata can be read", display_path(article.source_path)
        )
        return False

    # The label and the JSON-LD type are the content type's (plugins/content_types);
    # without that plugin, the column and a plain NewsArticle.
    content_type = getattr(article, "content_type", None)
    article.label = getattr(content_type, "label", None) or str(article.category)
    article.schema_type = getattr(content_type, "schema_type", None) or "NewsArticle"
    article.corrections = corrections
    article.featured_image = image
    article.featured_image_url = (
        settings.get("STATIC_URL", "{path}").format(path=image.path) if image else None
    )
    return True


# --- after every generator has read its content: what needs the rendered body --------


def enrich_articles(generators):
    """Computed in the build's worker processes (0.4 ms an article, all of it on
    one core otherwise), and set on the articles here."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            settings, context = generator.settings, generator.context
            articles = [a for name in RENDERED_LISTS for a in getattr(generator, name, None) or []]
            memo = None
            if fastbuild_settings.get(settings, "BUILD_CACHE"):
                memo = Memo(cache_file(settings, "word-counts"), build_key(settings))
            values = fork_map(
                partial(
                    _enriched,
                    settings=settings,
                    context=context,
                    counted=memo.stored if memo else None,
                ),
                articles,
                worker_count(settings),
            )
            for article, (fields, body) in zip(articles, values, strict=True):
                for name, value in fields.items():
                    setattr(article, name, value)
                if memo:
                    memo.put(fields["word_count"], body)
            if memo:
                memo.save()
            forget_memoized(articles)


def _enriched(article, settings, context=None, counted=None) -> tuple[dict, str | None]:
    """What the article page shows of `article` beyond its metadata, and, given
    `counted` (word counts by body digest, BUILD_CACHE), the digest of its body.
    Counting is half of this (0.18 ms an article, most of it markupsafe's striptags),
    and a live preview build did it again for all 4,000 articles after each edit."""
    siteurl = settings["SITEURL"]
    canonical_url = absolute(siteurl, article.url)
    plain_title = plain_text(article.title)
    description = plain_text(article.summary)
    content, body, words = article.content, None, None
    if counted is not None:
        body = file_digest(content.encode("utf-8", "surrogatepass"))
        words = counted.get((body,))
    if words is None:
        words = word_count(content)
    image_url = absolute(siteurl, article.featured_image_url) if article.featured_image else None
    logo = settings["PUBLISHER_LOGO"]
    fields = {
        "canonical_url": canonical_url,
        "plain_title": plain_title,
        "description": description,
        "word_count": words,
        "reading_minutes": reading_minutes(words, settings["READING_WORDS_PER_MINUTE"]),
        "share_links": share_links(
            plain_title,
            canonical_url,
            settings["SHARE_SERVICES"],
            settings["MASTODON_SHARE_INSTANCE"],
        ),
        "featured_image_absolute_url": image_url,
        "jsonld": article_jsonld(
            schema_type=article.schema_type,
            headline=plain_title,
            url=canonical_url,
            published=article.date,
            modified=getattr(article, "modified", None),
            authors=[_person(a, siteurl) for a in article.authors],
            publisher_name=settings["SITENAME"],
            publisher_url=absolute(siteurl, ""),
            publisher_logo_url=absolute(siteurl, logo) if logo else None,
            description=description,
            image_url=image_url,
            section=str(article.category),
            keywords=[str(t) for t in getattr(article, "tags", None) or []],
            corrections=article.corrections,
            language=getattr(article, "lang", None) or settings.get("DEFAULT_LANG"),
            # plugins/policies: the publisher's policy pages and the article's backstory
            publisher_policies=(context or {}).get("publisher_policy_urls"),
            backstory=getattr(article, "backstory_text", None),
        ),
    }
    return fields, body


def _person(author, siteurl: str) -> Person:
    profile = getattr(author, "profile", None)
    if profile is None:
        return Person(str(author), absolute(siteurl, author.url))
    return Person(
        str(author),
        absolute(siteurl, author.url),
        job_title=profile.role,
        image=absolute(siteurl, profile.photo) if profile.photo else None,
        same_as=tuple(link.url for link in profile.links if link.rel_me),
        knows_about=tuple(profile.knows_about),
    )


# --- writing: the site-wide corrections page ------------------------------------------


def write_corrections_page(generator, writer):
    settings = generator.settings
    save_as = settings["CORRECTIONS_SAVE_AS"]
    if not save_as:
        return
    writer.write_file(
        save_as,
        generator.get_template("corrections"),
        generator.context,
        relative_urls=settings["RELATIVE_URLS"],
        url=settings["CORRECTIONS_URL"],
        corrections=corrections_index(generator.articles),
        page_name=os.path.splitext(save_as)[0],
        template_name="corrections",
    )


def register():
    signals.initialized.connect(set_defaults)
    signals.article_generator_pretaxonomy.connect(check_articles)
    signals.all_generators_finalized.connect(enrich_articles)
    signals.article_writer_finalized.connect(write_corrections_page)
