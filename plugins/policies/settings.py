"""Defaults of the settings this plugin reads; pelicanconf.py may override any of them."""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # The publisher's policies, each a page of the site: {kind: page slug}. Kinds:
    # ethics, corrections, diversity, feedback, ownership, masthead, contact and
    # principles (publishingPrinciples; the ethics page when not given). Every article
    # links to them in its footer and names them in its publisher JSON-LD. A slug
    # with no page is an error. {}: no policies.
    "PUBLISHER_POLICIES": {},
    # Heading of the list of policy links at the end of every article.
    "PUBLISHER_POLICIES_TITLE": "Our standards",
    # Heading of the box that an article's `Backstory:` line fills.
    "BACKSTORY_LABEL": "Why we wrote this",
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
