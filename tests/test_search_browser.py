"""Reader search in a real browser: Debian's Chromium, JavaScript on, the built site
served on 127.0.0.1. Pagefind's UI runs exactly as a reader's browser runs it.
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import quote, urlsplit

import pytest
from conftest import allowed_hosts, article_output_path, sample_articles
from search_sites import build_regions_site
from servers import serve_folder

expect = pytest.importorskip("playwright.sync_api").expect

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None,
    reason="needs Debian's chromium: apt-get install chromium (.ci/run does it as root)",
)
DESKTOP = {"width": 1280, "height": 900}
ARTICLES = sample_articles()
#: Result URL (as Pagefind lists it) -> the article's metadata.
BY_URL = {"/" + article_output_path(m).removesuffix("index.html"): m for _, m in ARTICLES}
MESSAGE = re.compile(r"^(No|\d+) results? for ")


def authors_of(meta: dict[str, str]) -> list[str]:
    names = meta.get("authors") or meta.get("author", "")
    return [n.strip() for n in names.split(",") if n.strip()]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(site):
    with serve_folder(site.output) as url:
        yield url


@pytest.fixture(scope="module")
def regions_site(tmp_path_factory):
    return build_regions_site(tmp_path_factory.mktemp("regions"))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def settle(page) -> str:
    """Wait for Pagefind's result message ("3 results for x", "No results for x")."""
    message = page.locator(".pagefind-ui__message")
    expect(message).to_have_text(MESSAGE)
    return message.inner_text()


def result_urls(page) -> list[str]:
    """Every result, in order, after loading all of them ("Load more results")."""
    message = settle(page)
    total = 0 if message.startswith("No ") else int(message.split()[0])
    links = page.locator(".pagefind-ui__result-link")
    more = page.locator(".pagefind-ui__button")
    while more.count() and more.is_visible():
        more.click()
    # Results are listed first and filled in as each one's data arrives.
    expect(links).to_have_count(total)
    return [urlsplit(links.nth(i).get_attribute("href")).path for i in range(total)]


def search(page, base_url: str, term: str) -> list[str]:
    page.goto(f"{base_url}/search/?q={quote(term)}")
    settle(page)
    return result_urls(page)


def test_typing_a_distinctive_word_lists_its_article_first(page, base_url):
    [(_, meta)] = [(p, m) for p, m in ARTICLES if p.stem == "varra-dam-spillway-cracks"]
    hosts = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    page.goto(f"{base_url}/search/")
    box = page.locator(".pagefind-ui__search-input")
    box.press_sequentially("corrosion", delay=30)
    settle(page)
    first = page.locator(".pagefind-ui__result-link").first
    assert urlsplit(first.get_attribute("href")).path == "/" + article_output_path(
        meta
    ).removesuffix("index.html")
    assert " ".join(first.inner_text().split()) == " ".join(meta["title"].split())
    # The address keeps the search, so Back from the article returns to it.
    assert "q=corrosion" in page.url
    first.click()
    page.wait_for_url(re.compile(r"/varra-dam-spillway-cracks/"))
    page.go_back()
    expect(page.locator(".pagefind-ui__search-input")).to_have_value("corrosion")
    assert settle(page) == "1 result for corrosion"
    assert hosts <= allowed_hosts(base_url), "no request to another host"


def test_filtering_by_columnist_narrows_to_that_columnist(page, base_url):
    everyone = search(page, base_url, "harbour")
    columnists = {name for url in everyone for name in authors_of(BY_URL[url])}
    assert len(columnists) >= 2, "the test word must be used by several columnists"

    name = "Ingrid Solberg"
    page.locator(".pagefind-ui__filter-name", has_text="Columnist").click()
    before = settle(page)
    page.locator(f".pagefind-ui__filter-checkbox[name=columnist][value='{name}']").check()
    page.wait_for_function(
        "before => document.querySelector('.pagefind-ui__message').innerText !== before",
        arg=before,
    )
    settle(page)
    narrowed = result_urls(page)
    expected = [url for url in everyone if name in authors_of(BY_URL[url])]
    assert narrowed and sorted(narrowed) == sorted(expected)
    assert len(narrowed) < len(everyone)


@pytest.mark.parametrize("word", ["Archives", "Atom", "Skip"])
def test_navigation_and_footer_words_find_nothing(page, base_url, word):
    home = page.goto(f"{base_url}/")
    assert home.ok
    chrome = page.locator(".skip-link, .site-header, .site-footer").all_inner_texts()
    assert word.lower() in " ".join(chrome).lower()
    assert search(page, base_url, word) == []
    assert page.locator(".pagefind-ui__message").inner_text() == f"No results for {word}"


def test_typed_word_in_no_article_finds_nothing_while_prefixes_still_work(page, base_url):
    """Pagefind alone answers "archives" with every page holding "a" (its fallback to
    the longest indexed prefix); search.js turns that into "No results"."""
    page.goto(f"{base_url}/search/")
    box = page.locator(".pagefind-ui__search-input")
    box.press_sequentially("corro", delay=30)
    assert settle(page) == "1 result for corro"
    box.fill("")
    box.press_sequentially("archives", delay=30)
    expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile(r"^No results for"))
    assert result_urls(page) == []
    box.fill("harbour archives")
    expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile(r"^No results for"))


def test_disclaimer_standfirst_and_tag_words_find_nothing(browser, regions_site):
    """tests/search_sites.py places a distinctive word in each region of one page."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    with serve_folder(regions_site.output) as url:
        assert search(page, url, "zephyrine") == ["/2026/02/body/"]
        assert search(page, url, "marmoreal") == ["/2026/02/body/"]
        for word in ("gallimaufry", "flibbertigibbet", "quokkaesque", "marzipan", "kumquats"):
            assert search(page, url, word) == [], word
        page.goto(f"{url}/2026/02/body/")
        assert page.locator("aside.disclaimer", has_text="gallimaufry").is_visible()
    context.close()


def test_header_box_leads_to_results(page, base_url):
    page.goto(f"{base_url}/archives/")
    page.fill("header .site-search input[name=q]", "harbour")
    page.press("header .site-search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=harbour$"))
    assert int(settle(page).split()[0]) >= 2
    expect(page.locator(".pagefind-ui__search-input")).to_have_value("harbour")


def test_newest_first_orders_by_date(page, base_url):
    best = search(page, base_url, "harbour")
    page.select_option("#search-order", "newest")
    page.wait_for_url(re.compile(r"order=newest"))
    settle(page)
    newest = result_urls(page)
    assert sorted(newest) == sorted(best)
    dates = [BY_URL[url]["date"] for url in newest]
    assert dates == sorted(dates, reverse=True)
    assert page.locator("#search-order").input_value() == "newest"


def test_without_javascript_the_box_points_to_the_archives(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.fill("header .site-search input[name=q]", "harbour")
    page.press("header .site-search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=harbour$"))
    fallback = page.locator(".search-fallback", has_text="needs JavaScript")
    assert fallback.is_visible()
    fallback.get_by_role("link", name="archives").click()
    page.wait_for_url(re.compile(r"/archives/$"))
    assert page.locator("h1").inner_text() == "Archives"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_ui_follows_the_theme_colours(browser, base_url, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    search(page, base_url, "harbour")

    def colour(selector, prop):
        return page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{prop}")

    background = colour("body", "backgroundColor")
    text = colour("body", "color")
    assert colour(".pagefind-ui__search-input", "backgroundColor") == background
    assert colour(".pagefind-ui__search-input", "color") == text
    assert colour(".pagefind-ui__result-link", "color") == text
    assert colour(".site-header", "backgroundColor") in {background, "rgba(0, 0, 0, 0)"}
    if scheme == "dark":
        assert background != "rgb(255, 255, 255)"
    context.close()


@pytest.mark.parametrize("word", ["solely", "necessarily"])
def test_words_of_the_sample_disclaimer_find_nothing(page, base_url, word):
    article = page.goto(f"{base_url}/2026/10/valley-dam-closure-confirmed/")
    assert article.ok
    assert word in page.locator("aside.notices").inner_text()
    assert search(page, base_url, word) == []
