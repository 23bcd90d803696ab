"""The sample site in a real browser (Debian's Chromium driven by Playwright), JavaScript off."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import article_output_path, needs_chromium, sample_articles

pytestmark = needs_chromium
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _reference_article() -> str:
    [(_, meta)] = [(p, m) for p, m in sample_articles() if m["title"].startswith("CONFIRMED")]
    return article_output_path(meta).removesuffix("index.html")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_reads_well_without_javascript(browser, base_url, viewport):
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    page = context.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    response = page.goto(f"{base_url}/{_reference_article()}")
    assert response.ok

    headline = page.locator("h1")
    assert headline.is_visible()
    assert headline.inner_text().startswith("CONFIRMED:")
    assert page.locator(".byline a[rel=author]").first.is_visible()

    # Styled, readable text: a serif body face, a real size, lines not too long.
    body = page.locator(".article__body p").first
    assert "serif" in body.evaluate("e => getComputedStyle(e).fontFamily")
    assert float(body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 17
    assert body.bounding_box()["width"] <= 760

    quote = page.locator(".article__body blockquote").first
    assert quote.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"

    # Nothing wider than the screen: no sideways scrolling on a phone.
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert hosts == {urlsplit(base_url).netloc}, "no request to another host"
    context.close()


def test_skip_link_is_first_and_visible_on_focus(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0
    context.close()


def test_navigation_by_link_only(browser, base_url):
    """Front page -> a column -> an article -> its author, following real links."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.locator(".site-nav a", has_text="Opinion").click()
    assert page.locator("h1").inner_text() == "Opinion"
    page.locator(".card__title a").first.click()
    author = page.locator(".byline a[rel=author]").first
    name = author.inner_text()
    author.click()
    assert page.locator("h1").inner_text() == name
    assert page.locator(".card").count() >= 1
    context.close()


def test_no_page_scrolls_sideways_on_a_small_phone(browser, base_url, site):
    """Every built page fits a 320-pixel screen: tables, headlines and images included."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = {}
    for path in site.html_files():
        page.goto(f"{base_url}/{path.relative_to(site.output).as_posix()}")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            too_wide[str(path.relative_to(site.output))] = overflow
    context.close()
    assert too_wide == {}
