"""Signal receivers: check the comment settings, decide per article, build the CSP.

Everything the theme needs is decided once, when Pelican starts, and put in the
settings (which become the template context): a wrong setting turns comments off
for the build instead of printing a comment section that can never load. Problems
are logged when the article generator starts, after plugins/publish_guard has begun
counting, so a publish build with a bad ISSO_URL refuses to write.
"""

from __future__ import annotations

import copy
import logging

from byline.glue import display_path
from pelican import signals
from pelican.contents import Article

from .csp import content_security_policy, extra_sources_problems
from .policy import (
    comments_switch,
    normalise_url,
    origin,
    settings_problems,
    switch_problem,
)
from .settings import DEFAULTS

logger = logging.getLogger(__name__)

#: Names the place to fix a settings problem (Pelican does not tell plugins which
#: settings file it read).
SETTINGS_LABEL = "settings (pelicanconf.py, publishconf.py)"

_pending: list[tuple[str, str]] = []  # (message, rule) to log once the build runs


def configure(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    _pending.clear()

    problems = settings_problems(
        settings["COMMENTS_PROVIDER"], settings["ISSO_URL"], settings.get("SITEURL", "")
    )
    _pending.extend((p.message, p.rule) for p in problems)
    if problems:
        settings["COMMENTS_PROVIDER"] = None
    if settings["COMMENTS_PROVIDER"]:
        settings["ISSO_URL"] = normalise_url(settings["ISSO_URL"])
        comment_origin = origin(settings["ISSO_URL"])
    else:
        comment_origin = None

    extra = settings["CSP_EXTRA_SOURCES"]
    csp_problems = extra_sources_problems(extra)
    _pending.extend((message, "csp-extra-sources") for message in csp_problems)
    if csp_problems:
        extra = {}
    settings["CONTENT_SECURITY_POLICY"] = (
        content_security_policy(comment_origin, extra) if settings["CSP_META"] else ""
    )


def report_settings_problems(generator):
    for message, rule in _pending:
        logger.error("%s: error: %s [%s]", SETTINGS_LABEL, message, rule)
    _pending.clear()


def decide_per_article(instance):
    """Set `comments_open` on every article from the site setting and its `Comments:` line."""
    if not isinstance(instance, Article):
        return
    site_on = instance.settings.get("COMMENTS_PROVIDER") is not None
    value = instance.metadata.get("comments")
    wanted = True if value is None else comments_switch(value)
    if wanted is None:
        problem = switch_problem(value)
        logger.error(
            "%s: error: %s [%s]",
            display_path(instance.source_path),
            problem.message,
            problem.rule,
        )
        wanted = True
    instance.comments_open = site_on and wanted


def register():
    signals.initialized.connect(configure)
    signals.article_generator_init.connect(report_settings_problems)
    signals.content_object_init.connect(decide_per_article)
