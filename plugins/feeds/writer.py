"""Pelican's feed writer credits only an article's first author, so a co-written
piece showed up in its second author's own feed under someone else's name. This
writer names all of them, joined as in the byline ("A and B"), ends each entry
with the article's notices, and adds the article's content type as a category.

Pelican uses a single writer class (the first one a `get_writer` receiver returns),
so later changes to feed entries belong in this class too.
"""

from __future__ import annotations

from byline.policy import natural_join
from feedgenerator import Atom1Feed, Rss201rev2Feed
from pelican import signals
from pelican.writers import Writer

#: Default scheme of the content-type category (plugins/content_types settings).
TYPE_SCHEME = "urn:column:content-type"


class TypedAtomFeed(Atom1Feed):
    """Atom with the content type as a <category> of its own scheme, so readers and
    aggregators tell "opinion" (the kind of work) from the tags (its topics)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        typed = item.get("content_type")
        if typed:
            term, scheme, label = typed
            handler.addQuickElement(
                "category", "", {"term": term, "scheme": scheme, "label": label}
            )


class TypedRssFeed(Rss201rev2Feed):
    """RSS 2.0's equivalent: <category domain="scheme">term</category>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        typed = item.get("content_type")
        if typed:
            term, scheme, _ = typed
            handler.addQuickElement("category", term, {"domain": scheme})


class ColumnWriter(Writer):
    def _create_new_feed(self, feed_type, feed_title, context):
        # Pelican names the feed class inside this method; our subclasses add no state,
        # so the feed it built (title, links, subtitle as Pelican sets them) is switched
        # to them instead of copying Pelican's constructor call.
        feed = super()._create_new_feed(feed_type, feed_title, context)
        feed.__class__ = TypedRssFeed if isinstance(feed, Rss201rev2Feed) else TypedAtomFeed
        return feed

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        entry = feed.items[-1]
        content_type = getattr(item, "content_type", None)
        if hasattr(content_type, "term"):
            scheme = self.settings.get("CONTENT_TYPE_FEED_SCHEME", TYPE_SCHEME)
            entry["content_type"] = (content_type.term, scheme, content_type.label)
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
