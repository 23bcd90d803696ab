"""Defaults of the sitemap settings; publishconf.py may override any of them."""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # The sitemap index, where robots.txt points crawlers (theme/templates/robots.html).
    "SITEMAP_INDEX_SAVE_AS": "sitemap.xml",
    # One sitemap per group: "type-<key>" for the articles of each content type
    # (plugins/content_types), "pages" for everything else (front page, columns, pages).
    # A group over 50,000 addresses (the protocol's limit) continues in "<group>-2".
    "SITEMAP_SAVE_AS": "sitemaps/{group}.xml",
}
