"""Defaults of the content-type settings; pelicanconf.py may override any of them.

CONTENT_TYPES is the one place a type is described: what readers see, what search
engines are told, how disclaimers treat it and how feeds name it. Keys are matched
ignoring case, spaces, hyphens and underscores ("Guest essay" is "guest-essay").

Why letters are OpinionNewsArticle: schema.org has no type for a letter to the
editor. A letter is a reader's argument, chosen and edited by the opinion desk and
published as a piece of its own, which is what OpinionNewsArticle describes
("primarily expresses opinions rather than journalistic reporting"); `Comment` is
for replies attached to another work, which a published letter is not.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping

from .registry import Registry, build_registry

DEFAULTS: dict[str, object] = {
    "CONTENT_TYPES": {
        "news": {"label": "News", "schema_type": "NewsArticle", "disclaimer": "none"},
        "analysis": {"label": "Analysis", "schema_type": "AnalysisNewsArticle"},
        "opinion": {
            "label": "Opinion",
            "schema_type": "OpinionNewsArticle",
            "disclaimer": "required",
        },
        "guest-essay": {
            "label": "Guest essay",
            "schema_type": "OpinionNewsArticle",
            "disclaimer": "required",
        },
        "letter": {
            "label": "Letter to the editor",
            "schema_type": "OpinionNewsArticle",
            "disclaimer": "required",
            "disclaimer_text": "Letters are the views of their writers, not of {site}.",
        },
        "sponsored": {
            "label": "Sponsored",
            "schema_type": "AdvertiserContentArticle",
            "disclaimer": "none",
            "notice": (
                "This article was paid for by an advertiser. It was not written or "
                "edited by the journalists of {site}."
            ),
        },
    },
    # Type of an article without `Type:`, by column (category name, any case).
    "CONTENT_TYPE_BY_CATEGORY": {"Opinion": "opinion", "Analysis": "analysis", "News": "news"},
    # Type of an article without `Type:` in a column not listed above. Opinion, because
    # presenting opinion as news is the mistake that costs trust; the reverse is not.
    "CONTENT_TYPE_DEFAULT": "opinion",
    # The Atom <category scheme="..."> of the type, so feed readers tell it from tags.
    # An identifier, not a page: the same on staging and production.
    "CONTENT_TYPE_FEED_SCHEME": "urn:column:content-type",
}

NAMES = ("CONTENT_TYPES", "CONTENT_TYPE_BY_CATEGORY", "CONTENT_TYPE_DEFAULT")


def get(settings: Mapping, name: str):
    return settings.get(name, DEFAULTS[name])


@functools.lru_cache(maxsize=8)
def _registry(encoded: str) -> tuple[Registry, tuple[str, ...]]:
    types, by_category, default = json.loads(encoded)
    registry, problems = build_registry(types, by_category, default)
    return registry, tuple(problems)


#: The setting objects last asked about and their registry. Every article asks, so the
#: common case is answered by identity, without serialising the table again; holding
#: the objects keeps their identity from being reused by others.
_last: list = []


def registry_for(settings: Mapping) -> tuple[Registry, tuple[str, ...]]:
    """The registry of a site's settings, built once per distinct settings (each article
    asks for it, and `invoke check` has no Pelican instance to hang it on)."""
    values = [get(settings, name) for name in NAMES]
    if _last and all(a is b for a, b in zip(_last[0], values, strict=True)):
        return _last[1]
    found = _registry(json.dumps(values, sort_keys=True, default=str))
    _last[:] = [values, found]
    return found
