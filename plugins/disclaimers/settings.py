"""Defaults for the disclaimers plugin; override any of them in pelicanconf.py.

Texts are Markdown (links allowed) with the placeholders {site}, {author} (every
author, joined as in the byline) and {category}.
"""

from __future__ import annotations

DEFAULTS = {
    # The disclaimer every article carries unless something more specific says
    # otherwise. None: no site-wide disclaimer.
    "DISCLAIMER_DEFAULT": (
        "The views expressed in this column are solely those of {author} and do not "
        "necessarily reflect the views of {site}."
    ),
    # Per content type (plugins/content_types, CONTENT_TYPES): "disclaimer_text"
    # replaces this default, "disclaimer": "none" switches it off and "required"
    # refuses an article's `Disclaimer: none`; an author's profile `Disclaimer:` and
    # the article's own override the type.
    # Note shown when an author's profile says `Guest: yes`; {author} is the guest
    # authors only. None: no note.
    "DISCLAIMER_GUEST_NOTE": "{author} is a guest writer and not a member of staff at {site}.",
    # Labels of the notices, as the reader sees them.
    "DISCLAIMER_LABELS": {
        "disclosure": "Disclosure",
        "guest": "Guest writer",
        "disclaimer": "Disclaimer",
    },
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
