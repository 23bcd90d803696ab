"""Comments end to end: a real Isso server, the sample site built to use it, Chromium.

Each test starts `invoke comments` (Isso on 127.0.0.1, a temporary database) and a
static server for the built site, each on its own port, and stops both even when an
assertion fails. Approval goes through Isso's own admin interface in the browser,
the way an editor approves a comment, rather than by writing to the database.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, article_output_path, build_site, needs_chromium, sample_articles
from outside_tools import AXE_TAGS, need_axe
from servers import fetch, free_port, serve_folder, wait_for

pytestmark = needs_chromium
ADMIN_PASSWORD = "column-test-editor"
HOSTILE = "A fair point. <script>window.commentRan = true</script> Still, who pays?"


@contextlib.contextmanager
def isso_server(data: Path, port: int, site_origin: str, moderation: bool) -> Iterator[str]:
    """Run `invoke comments` on 127.0.0.1:`port`; yield its URL; stop it afterwards."""
    data.mkdir(parents=True, exist_ok=True)
    log = (data / "isso.log").open("w")
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "invoke", "comments"),
            *("--port", str(port), "--origin", site_origin, "--data", str(data)),
            "--moderation" if moderation else "--no-moderation",
        ],
        cwd=ROOT,
        env={**os.environ, "COLUMN_ISSO_ADMIN_PASSWORD": ADMIN_PASSWORD},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        started = wait_for(lambda: proc.poll() is not None or fetch(f"{url}/config"))
        assert started and proc.poll() is None, (data / "isso.log").read_text()
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextlib.contextmanager
def comment_setup(tmp_path: Path, moderation: bool) -> Iterator[tuple[str, str]]:
    """The sample site built for a fresh Isso, both serving; yields (site URL, Isso URL)."""
    port = free_port()
    build = build_site(
        tmp_path / "output",
        overrides={"ISSO_URL": f"http://127.0.0.1:{port}", "COMMENTS_MODERATION": moderation},
    )
    assert build.returncode == 0, build.log
    with (
        serve_folder(build.output) as site_url,
        isso_server(tmp_path / "isso", port, site_url, moderation) as isso_url,
    ):
        yield site_url, isso_url


def _reference_article() -> tuple[str, str]:
    """(path of the CONFIRMED article, path of its column's page)."""
    [meta] = [m for _, m in sample_articles() if m["title"].startswith("CONFIRMED")]
    path = "/" + article_output_path(meta).removesuffix("index.html")
    return path, f"/category/{meta['category'].lower()}/"


def _open_article(context, url: str):
    """Open `url`, recording hosts and CSP complaints; wait for Isso's comment form."""
    page = context.new_page()
    page.hosts = set()
    page.csp_errors = []
    page.on("request", lambda r: page.hosts.add(urlsplit(r.url).netloc))
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text),
    )
    assert page.goto(url).ok
    page.locator("#isso-thread .isso-postbox textarea").first.wait_for()
    return page


def _post(page, text: str, author: str) -> None:
    postbox = page.locator("#isso-thread .isso-postbox").first
    postbox.locator("textarea").fill(text)
    postbox.locator("input[name=author]").fill(author)
    with page.expect_response(lambda r: "/new?" in r.url and r.request.method == "POST") as resp:
        postbox.locator("input[type=submit]").click()
    assert resp.value.status in (201, 202), resp.value.text()


def _shown_comments(page) -> list[str]:
    """Texts of the comments Isso rendered once it has fetched the thread."""
    # Isso writes the heading ("No Comments Yet", "One Comment") when the fetch answers.
    page.wait_for_function(
        "() => document.querySelector('.isso-thread-heading')?.textContent.trim()"
    )
    return page.locator("#isso-root .isso-comment .isso-text").all_inner_texts()


def test_posted_comment_is_shown_after_reload_as_text(browser, tmp_path):
    article, column = _reference_article()
    with comment_setup(tmp_path, moderation=False) as (site, isso):
        context = browser.new_context()
        page = _open_article(context, site + article)
        assert page.locator("#comments-heading").inner_text() == "What do you think?"
        _post(page, HOSTILE, "Reader One")

        page.reload()
        [text] = _shown_comments(page)
        assert "<script>window.commentRan = true</script>" in text  # shown as text
        assert "Still, who pays?" in text
        assert page.evaluate("() => window.commentRan") is None  # ...and never run
        assert page.locator("#isso-root script").count() == 0
        assert page.locator("#isso-root .isso-author").first.inner_text() == "Reader One"

        # The column's listing counts it, through Isso's count script.
        listing = context.new_page()
        listing.goto(site + column)
        count = listing.locator(f'a[data-isso-id="{article}"]')
        count.filter(has_text="One Comment").wait_for()

        assert page.hosts <= {urlsplit(site).netloc, urlsplit(isso).netloc}
        assert urlsplit(isso).netloc in page.hosts
        assert page.csp_errors == []
        context.close()


def test_moderated_comment_waits_for_an_editor(browser, tmp_path):
    article, _ = _reference_article()
    with comment_setup(tmp_path, moderation=True) as (site, isso):
        reader = browser.new_context()
        page = _open_article(reader, site + article)
        assert "approved" in page.locator(".comments__note").first.inner_text()
        _post(page, "Moderate me, please: the dam figures are wrong.", "Reader Two")

        page.reload()
        assert _shown_comments(page) == []
        other = _open_article(browser.new_context(), site + article)
        assert _shown_comments(other) == []

        # The editor approves it in Isso's admin interface.
        editor = browser.new_context().new_page()
        editor.goto(f"{isso}/admin/")
        editor.locator("input[name=password]").fill(ADMIN_PASSWORD)
        editor.locator("input[name=password]").press("Enter")
        pending = editor.locator(".isso-comment", has_text="Moderate me, please")
        pending.wait_for()
        with editor.expect_response(lambda r: "/activate/" in r.url) as resp:
            pending.locator("a.validate").click()
        assert resp.value.ok

        other.reload()
        assert _shown_comments(other) == ["Moderate me, please: the dam figures are wrong."]
        assert other.csp_errors == []
        reader.close()


def test_without_javascript_the_section_says_why_and_loads_nothing(browser, tmp_path):
    article, _ = _reference_article()
    with comment_setup(tmp_path, moderation=True) as (site, _isso):
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        hosts = set()
        page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
        page.goto(site + article)
        note = page.locator(".comments__note--noscript")
        assert note.is_visible()
        assert "JavaScript" in note.inner_text()
        assert hosts == {urlsplit(site).netloc}
        context.close()


def test_rate_limit_refuses_a_third_comment_within_a_minute(tmp_path):
    """[guard] ratelimit = 2 from the configuration template, on a real Isso."""
    port = free_port()
    origin = "http://127.0.0.1:9"  # nothing listens there; Isso only warns
    with isso_server(tmp_path / "isso", port, origin, moderation=False) as isso:
        statuses = []
        for n in range(3):
            request = urllib.request.Request(
                f"{isso}/new?uri=/rate-limit/",
                data=json.dumps({"text": f"Comment number {n}", "title": "Rate"}).encode(),
                headers={"Content-Type": "application/json", "Origin": origin},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
        assert statuses == [201, 201, 403]


def test_no_page_breaks_its_own_content_security_policy(browser, site):
    """Every page of the sample site, JavaScript on: nothing of ours is blocked by the CSP."""
    context = browser.new_context()
    page = context.new_page()
    blocked = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and blocked.append((page.url, m.text)),
    )
    with serve_folder(site.output) as base_url:
        for path in site.html_files():
            page.goto(f"{base_url}/{path.relative_to(site.output).as_posix()}")
            assert page.evaluate("() => getComputedStyle(document.body).margin") == "0px"
        # The detector itself: an inline script on one of our pages is reported.
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.ran = 1'; document.head.append(s); }"
        )
        assert page.evaluate("() => window.ran") is None
    context.close()
    reported = blocked.pop()
    assert "inline" in reported[1]
    assert blocked == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_comment_thread_and_form_pass_axe(browser, tmp_path, scheme):
    """The accessibility gate (tests/test_accessibility.py) runs without a comment
    server; here axe reads the article with Isso's form and a posted comment in it."""
    axe = need_axe()
    article, _ = _reference_article()
    with comment_setup(tmp_path, moderation=False) as (site, _isso):
        # axe is injected as an inline script, which the page's CSP rightly blocks.
        context = browser.new_context(bypass_csp=True, color_scheme=scheme)
        page = _open_article(context, site + article)
        _post(page, "A reply with *emphasis* and a [link](https://example.org/).", "Reader")
        page.reload()
        assert _shown_comments(page)
        page.add_script_tag(path=str(axe))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        context.close()
    assert result["passes"]
    assert result["violations"] == [], [(v["id"], v["help"]) for v in result["violations"]]
