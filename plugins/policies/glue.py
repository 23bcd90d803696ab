"""Signal receivers: tie PUBLISHER_POLICIES to the site's pages, give each article
its backstory.

Policies are resolved when the pages generator has read its pages, which is
before any article is enriched (article_page, all_generators_finalized) or
written: the context keys set here are what the article footer and the
publisher's JSON-LD read. A policy whose page is missing is logged as an error,
so plugins/publish_guard refuses the publish build; a development build goes on
without that link.
"""

from __future__ import annotations

import logging
from pathlib import Path

from article_page.glue import absolute
from byline.glue import RENDERED_LISTS, display_path
from disclaimers.render import render
from markupsafe import Markup
from pelican import signals

from . import settings as defaults
from .backstory import backstory
from .policies import PageRef, check_setting, footer_links, jsonld_urls, resolve

logger = logging.getLogger(__name__)

SETTINGS_LABEL = "settings (pelicanconf.py, publishconf.py)"

#: Context keys read by the theme (partials/standards.html) and by article_page's JSON-LD.
LINKS_KEY = "publisher_policies"
URLS_KEY = "publisher_policy_urls"


def set_defaults(pelican):
    for name, value in defaults.DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def _page_ref(page) -> PageRef:
    return PageRef(page.slug, Markup(page.title).striptags(), page.url)


def _pages_folders(settings) -> list[Path]:
    return [Path(settings["PATH"]) / folder for folder in settings.get("PAGE_PATHS", [])]


def resolve_policies(generator):
    settings = generator.settings
    context = generator.context
    context[LINKS_KEY], context[URLS_KEY] = [], {}
    kinds, problems = check_setting(defaults.get(settings, "PUBLISHER_POLICIES"))
    for problem in problems:
        logger.error("%s: error: %s [%s]", SETTINGS_LABEL, problem.message, problem.rule)
    if not kinds:
        return
    folders = _pages_folders(settings)
    if not any(folder.is_dir() for folder in folders):
        # Like a site without author profiles: content with no pages at all (a test
        # site, a fresh clone of the theme) has no policies to link to.
        logger.warning(
            "%s: warning: PUBLISHER_POLICIES names %d policy pages but the content has no "
            "pages folder; articles are built without policy links [policy-no-pages]",
            SETTINGS_LABEL,
            len(kinds),
        )
        return
    written = [*generator.pages, *getattr(generator, "hidden_pages", [])]
    pages = {page.slug: _page_ref(page) for page in written}
    drafts = {page.slug for page in getattr(generator, "draft_pages", [])}
    folder = display_path(folders[0])
    policies, problems = resolve(kinds, pages, drafts, pages_folder=folder)
    for problem in problems:
        logger.error("%s: error: %s [%s]", SETTINGS_LABEL, problem.message, problem.rule)
    siteurl = settings["SITEURL"]
    context[LINKS_KEY] = footer_links(policies)
    context[URLS_KEY] = jsonld_urls(policies, lambda url: absolute(siteurl, url))


def attach_backstories(generator):
    settings = generator.settings

    def to_html(text: str) -> str:
        return render(text, settings)

    for name in RENDERED_LISTS:
        for article in getattr(generator, name, None) or ():
            story = backstory(article.metadata.get("backstory"), to_html)
            # Not `article.backstory`: Pelican already set that to the raw metadata.
            article.backstory_html = story.html if story else None
            article.backstory_text = story.text if story else None


def register():
    signals.initialized.connect(set_defaults)
    signals.article_generator_finalized.connect(attach_backstories)
    signals.page_generator_finalized.connect(resolve_policies)
