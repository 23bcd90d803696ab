"""The build's page weights are what a browser really fetches: Chromium loads each
sample article and the bytes of its document, stylesheets and scripts from the
site's own host add up to the plugin's number, and it asks no host the plugin did
not list."""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import (
    allowed_hosts,
    article_output_path,
    comment_host,
    needs_chromium,
    sample_articles,
)
from page_budget.measure import Assets, Site, measure_page

pytestmark = needs_chromium
COUNTED = {"document", "stylesheet", "script"}


def test_measured_weights_match_what_chromium_fetches(browser, base_url, site):
    own = urlsplit(base_url).netloc
    # the development SITEURL; the comment host is allowed, as the plugin allows it
    measure = Site.from_urls("http://localhost:8000", [comment_host() or ""])
    assets = Assets(site.output)
    context = browser.new_context()
    for _, meta in sample_articles():
        relpath = article_output_path(meta)
        expected = measure_page(relpath, (site.output / relpath).read_bytes(), measure, assets)
        page = context.new_page()
        sizes: dict[str, int] = {}
        hosts: set[str] = set()
        page.on("request", lambda r, hosts=hosts: hosts.add(urlsplit(r.url).netloc))
        page.on(
            "response",
            lambda r, sizes=sizes: (
                sizes.update({r.url: len(r.body())})
                if r.request.resource_type in COUNTED and urlsplit(r.url).netloc == own
                else None
            ),
        )
        page.goto(f"{base_url}/{relpath.removesuffix('index.html')}")
        page.wait_for_load_state("load")
        page.close()
        assert sum(sizes.values()) == expected.weight.total, (relpath, sizes, expected)
        assert not expected.foreign
        assert hosts <= allowed_hosts(base_url), (relpath, hosts)
    context.close()
