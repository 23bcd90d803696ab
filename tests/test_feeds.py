"""Every Atom feed the site publishes parses cleanly, and every entry can be shown by
a feed reader: title, link, author, dates."""

from __future__ import annotations

import feedparser


def test_every_feed_parses_and_every_entry_is_complete(site):
    feeds = sorted((site.output / "feeds").rglob("*.xml"))
    assert len(feeds) >= 1 + 3 + 4, "site, column and author feeds"
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        name = path.relative_to(site.output)
        assert not feed.bozo, f"{name}: {feed.get('bozo_exception')}"
        assert feed.version == "atom10", name
        assert feed.feed.title and feed.feed.link, name
        assert feed.entries, f"{name} is empty"
        for entry in feed.entries:
            assert entry.title and entry.link and entry.author, f"{name}: {entry.get('id')}"
            assert entry.published_parsed and entry.updated_parsed, f"{name}: {entry.title}"
            assert entry.content[0].value.strip(), f"{name}: {entry.title} has no content"
