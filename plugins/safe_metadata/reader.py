"""Glue: swap Pelican's Markdown reader for one that escapes plain-text metadata."""

from __future__ import annotations

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .escaping import escape_fields

#: Where markdown.extensions.meta registers its preprocessor.
META_PRIORITY = 27


class SafeMetadataMarkdownReader(MarkdownReader):
    """Markdown reader whose title and summary cannot inject HTML."""

    def read(self, source_path):
        """Pelican's read, with one Markdown converter per reader, reset between files.

        Building a converter (every extension set up again) cost about a tenth of
        reading an article. `Markdown.reset()` clears each extension's state, as
        Pelican already relies on between an article's body and its summary; the
        metadata preprocessor Pelican's `_parse_metadata` removes is put back.
        """
        self._source_path = source_path
        converter = getattr(self, "_converter", None)
        if converter is None:
            converter = self._converter = Markdown(**self.settings["MARKDOWN"])
            self._meta = converter.preprocessors["meta"]
        if "meta" not in converter.preprocessors:
            converter.preprocessors.register(self._meta, "meta", META_PRIORITY)
        converter.reset()
        self._md = converter
        with pelican_open(source_path) as text:
            content = converter.convert(text)
        metadata = self._parse_metadata(converter.Meta) if hasattr(converter, "Meta") else {}
        return content, metadata

    def _parse_metadata(self, meta):
        return super()._parse_metadata(escape_fields(meta))


def use_safe_reader(readers):
    for ext in SafeMetadataMarkdownReader.file_extensions:
        if ext in readers.reader_classes:
            readers.reader_classes[ext] = SafeMetadataMarkdownReader


def register():
    signals.readers_init.connect(use_safe_reader)
