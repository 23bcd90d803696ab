"""Defaults of the sourcing plugin's settings (README.md, "Quotes and their sources")."""

from __future__ import annotations

#: Turn a block quote followed by its attribution line into
#: <figure class="quote"><blockquote>...</blockquote><figcaption>...</figcaption></figure>.
#: False leaves block quotes and attribution lines as Markdown renders them.
SOURCING_FIGURES = True

#: The name Python-Markdown imports the extension by (a string, not an object, so the
#: MARKDOWN setting stays serialisable: plugins/disclaimers keys its cache on it).
EXTENSION = "sourcing.extension"

DEFAULTS = {"SOURCING_FIGURES": SOURCING_FIGURES}


def get(settings, name: str):
    return settings.get(name, DEFAULTS[name])
