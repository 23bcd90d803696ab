"""Glue: swap Pelican's Markdown reader for one that escapes plain-text metadata."""

from __future__ import annotations

from pelican import signals
from pelican.readers import MarkdownReader

from .escaping import escape_fields


class SafeMetadataMarkdownReader(MarkdownReader):
    """Markdown reader whose title and summary cannot inject HTML."""

    def _parse_metadata(self, meta):
        return super()._parse_metadata(escape_fields(meta))


def use_safe_reader(readers):
    for ext in SafeMetadataMarkdownReader.file_extensions:
        if ext in readers.reader_classes:
            readers.reader_classes[ext] = SafeMetadataMarkdownReader


def register():
    signals.readers_init.connect(use_safe_reader)
