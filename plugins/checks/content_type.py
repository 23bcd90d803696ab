"""The `unknown-type` rule: a `Type:` that names no type in CONTENT_TYPES.

The wording and the table come from plugins/content_types, so `invoke check` and
the build say the same thing about the same settings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from content_types.registry import Unknown
from content_types.settings import registry_for

from .findings import Finding
from .source import Document


def unknown_type(doc: Document, settings: Mapping) -> Iterator[Finding]:
    value = doc.get("type")
    if doc.kind != "article" or not value:
        return
    registry, _ = registry_for(settings)
    if isinstance(registry.resolve(value, doc.get("category")), Unknown):
        yield doc.finding("unknown-type", doc.line_of("type"), registry.unknown_message(value))
