"""The article page in Chromium: weight, same-host requests, copy link, colours, print."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from conftest import allowed_hosts, article_output_path, sample_articles
from servers import serve_folder

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None,
    reason="needs Debian's chromium: apt-get install chromium (.ci/run does it as root)",
)
BUDGET = 40 * 1024  # HTML + CSS + JS, uncompressed, images excluded
COUNTED = {"document", "stylesheet", "script"}
ARTICLES = {path.stem: meta for path, meta in sample_articles()}
REFERENCE = article_output_path(ARTICLES["valley-dam-closure-confirmed"]).removesuffix("index.html")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(site):
    with serve_folder(site.output) as url:
        yield url


def test_reference_article_weighs_under_40_kb_from_one_host(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    hosts, sizes = set(), {}
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    page.on(
        "response",
        lambda r: sizes.setdefault(r.request.resource_type, {}).update({r.url: len(r.body())}),
    )
    response = page.goto(f"{base_url}/{REFERENCE}")
    assert response.ok
    page.wait_for_load_state("load")
    context.close()

    assert hosts <= allowed_hosts(base_url), "no request to another host"
    assert set(sizes) >= {"document", "stylesheet", "script"}, sizes
    counted = {url: size for kind in COUNTED for url, size in sizes.get(kind, {}).items()}
    total = sum(counted.values())
    print(f"article page: {total} bytes (HTML+CSS+JS) in {len(counted)} files: {counted}")
    assert total < BUDGET, counted


def test_copy_link_with_javascript_and_plain_link_without(browser, base_url):
    url = f"{base_url}/{REFERENCE}"
    without = browser.new_context(java_script_enabled=False)
    page = without.new_page()
    page.goto(url)
    assert page.locator("a[data-copy-link]").inner_text() == "Link to this article"
    without.close()

    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.goto(url)
    link = page.locator("a[data-copy-link]")
    assert link.inner_text() == "Copy link"
    link.click()
    status = page.locator(".share__status")
    status.filter(has_text="Link copied.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == url
    assert page.url == url, "copying does not navigate"
    context.close()


CONTRAST = """
(selectors) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = {};
  for (const sel of selectors) {
    const el = document.querySelector(sel);
    if (!el) { out[sel] = null; continue; }
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    out[sel] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  return out;
}
"""
CHECKED = [
    ".kicker a",
    ".byline",
    ".byline__reading",
    ".correction-notice p",
    ".correction-notice a",
    "#article-corrections li",
    "#article-corrections a",
    ".support p",
    ".support a",
    ".share__title",
    ".share__link",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_new_parts_meet_aa_contrast_in_both_schemes(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/{REFERENCE}")
    ratios = page.evaluate(CONTRAST, CHECKED)
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    context.close()
    assert all(ratio is not None for ratio in ratios.values()), ratios
    assert {sel: r for sel, r in ratios.items() if r < 4.5} == {}
    assert (background == "rgb(22, 21, 19)") == (scheme == "dark")


def test_share_links_show_keyboard_focus_and_are_left_out_of_print(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/{REFERENCE}")
    page.locator(".share__link").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent, getComputedStyle(document.activeElement)"
        ".outlineStyle, getComputedStyle(document.activeElement).outlineWidth]"
    )
    assert focused == ["Mastodon", "solid", "3px"]

    page.emulate_media(media="print")
    assert not page.locator(".share").is_visible()
    assert not page.locator(".support").is_visible()
    assert page.locator(".correction-notice").is_visible()
    assert page.locator("#article-corrections").is_visible()
    context.close()
