"""Pelican's feed writer credits only an article's first author, so a co-written
piece showed up in its second author's own feed under someone else's name. This
writer names all of them, joined as in the byline ("A and B"), and ends each
entry with the article's notices.

Pelican uses a single writer class (the first one a `get_writer` receiver returns),
so later changes to feed entries belong in this class too.
"""

from __future__ import annotations

from byline.policy import natural_join
from pelican import signals
from pelican.writers import Writer


class ColumnWriter(Writer):
    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        entry = feed.items[-1]
        authors = getattr(item, "authors", None)
        if authors:
            entry["author_name"] = natural_join(authors)
        # Disclaimers and disclosures (plugins/disclaimers) end the entry, so that
        # syndicated copies carry them too.
        appendix = getattr(item, "feed_appendix", "")
        if appendix:
            key = "content" if entry.get("content") is not None else "description"
            entry[key] = (entry[key] or "") + appendix


def column_writer(pelican):
    return ColumnWriter


def register():
    signals.get_writer.connect(column_writer)
