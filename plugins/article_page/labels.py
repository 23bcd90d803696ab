"""Which label an article wears and which schema.org type describes it.

The label is editorial ("Opinion", "Analysis") and readers must see it before the
headline; search engines get the same distinction as the JSON-LD type. Both come
from tables in the settings so that a content-type field can later feed the same
functions without changing the templates.
"""

from __future__ import annotations

from collections.abc import Mapping


def _lookup(table: Mapping[str, str], key: str) -> str | None:
    """Look `key` up in `table` ignoring case, so "opinion" and "Opinion" agree."""
    wanted = key.strip().casefold()
    for name, value in table.items():
        if name.strip().casefold() == wanted:
            return value
    return None


def label_for(
    category: str, label: str | None = None, labels: Mapping[str, str] | None = None
) -> str:
    """The article's own `Label:` if given, else the label of its category, else the category."""
    if label and label.strip():
        return label.strip()
    return _lookup(labels or {}, category) or category.strip()


def schema_type_for(label: str, types: Mapping[str, str], default: str = "NewsArticle") -> str:
    """The schema.org type for a label: `types[label]`, else `default`."""
    return _lookup(types, label) or default
