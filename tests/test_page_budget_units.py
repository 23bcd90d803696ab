"""Page budgets without Pelican: what a page requests, where each request goes, and
what a page weighs, on hand-written pages and stylesheets."""

from __future__ import annotations

from page_budget.measure import (
    Assets,
    Site,
    css_requests,
    measure_page,
    page_requests,
    problems,
    srcset_urls,
)

PAGE = b"""<!doctype html><html><head>
<link rel="stylesheet" href="../../../theme/css/column.css">
<link rel="icon" href="/theme/favicon.svg">
<link rel="alternate" href="https://feeds.example.net/all.atom.xml">
<link rel="canonical" href="https://elsewhere.example.net/x/">
<link rel="preconnect" href="https://fonts.example.com">
<link rel="preload" as="script" href="https://northgate.example.org/theme/js/a.js">
<style>.x { background: url("https://img.example.com/bg.png") }</style>
<script type="application/ld+json">{"url": "https://ld.example.com/"}</script>
<script src="../../../theme/js/share.js" defer></script>
</head><body>
<a href="https://links.example.net/">a link is not a request</a>
<img src="data:image/png;base64,AAAA" alt="">
<img src="../../../images/a.png" alt=""
 srcset="../../../images/a2.png 2x, https://cdn.example.com/a3.png 3x">
<picture><source srcset="https://cdn.example.com/b.webp"></picture>
<iframe src="//video.example.com/embed/1"></iframe>
<div style="background-image: url(/images/c.png)"></div>
<script src="http://127.0.0.1:8080/js/embed.min.js" defer></script>
</body></html>"""

SITE = Site.from_urls("https://northgate.example.org", ["127.0.0.1:8080"])
PAGE_PATH = "2026/03/x/index.html"


def test_page_requests_lists_what_a_browser_fetches_and_nothing_else():
    found = {(r.url, r.kind) for r in page_requests(PAGE)}
    assert found == {
        ("../../../theme/css/column.css", "css"),
        ("/theme/favicon.svg", "other"),
        ("https://fonts.example.com", "other"),
        ("https://northgate.example.org/theme/js/a.js", "js"),
        ("https://img.example.com/bg.png", "other"),
        ("../../../theme/js/share.js", "js"),
        ("data:image/png;base64,AAAA", "other"),
        ("../../../images/a.png", "other"),
        ("../../../images/a2.png", "other"),
        ("https://cdn.example.com/a3.png", "other"),
        ("https://cdn.example.com/b.webp", "other"),
        ("//video.example.com/embed/1", "other"),
        ("/images/c.png", "other"),
        ("http://127.0.0.1:8080/js/embed.min.js", "js"),
    }


def test_locate_sorts_requests_into_local_allowed_foreign_and_none():
    assert SITE.locate("../../../theme/css/a.css", PAGE_PATH) == ("local", "theme/css/a.css")
    assert SITE.locate("/theme/a.css?v=1#x", PAGE_PATH) == ("local", "theme/a.css")
    assert SITE.locate("https://northgate.example.org/a.js", PAGE_PATH) == ("local", "a.js")
    assert SITE.locate("//northgate.example.org/a.js", PAGE_PATH) == ("local", "a.js")
    assert SITE.locate("HTTPS://CDN.example.com/x", PAGE_PATH) == ("foreign", "cdn.example.com")
    assert SITE.locate("http://127.0.0.1:8080/js/x.js", PAGE_PATH) == ("allowed", "127.0.0.1:8080")
    assert SITE.locate("http://127.0.0.1:9999/js/x.js", PAGE_PATH)[0] == "foreign"
    assert SITE.locate("data:image/png;base64,AA", PAGE_PATH) == ("none", None)
    assert SITE.locate("#top", PAGE_PATH) == ("none", None)
    in_folder = Site.from_urls("https://example.org/review/")
    assert in_folder.locate("/review/theme/a.css", "x/index.html") == ("local", "theme/a.css")
    anywhere_port = Site.from_urls("", ["cdn.example.com"])
    assert anywhere_port.locate("https://cdn.example.com:8443/a", "i.html")[0] == "allowed"
    assert anywhere_port.locate("https://x.cdn.example.com/a", "i.html")[0] == "foreign"


def test_css_requests_reads_imports_and_urls_but_not_comments():
    css = (
        '@import url("more.css");\n@import "print.css" print;\n'
        "/* url(https://commented.example.com/x.woff2) */\n"
        "@font-face { src: url(https://fonts.example.com/a.woff2) format('woff2') }\n"
        ".a { background: url( 'img/a.png' ) }"
    )
    assert [(r.url, r.kind) for r in css_requests(css)] == [
        ("more.css", "css"),
        ("print.css", "css"),
        ("https://fonts.example.com/a.woff2", "other"),
        ("img/a.png", "other"),
    ]


def test_srcset_urls():
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("a.png,b.png 640w") == ["a.png", "b.png"]
    assert srcset_urls("") == []


def write(root, relpath, data: bytes):
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_measure_page_weighs_html_css_imports_and_js_once_each(tmp_path):
    write(tmp_path, "theme/css/column.css", b'@import "extra.css";' + b"a{}" * 1000)
    write(tmp_path, "theme/css/extra.css", b"b{}" * 100 + b"@font-face{src:url(//f.example/x)}")
    write(tmp_path, "theme/js/share.js", b"x" * 500)
    html = (
        b'<link rel="stylesheet" href="../../../theme/css/column.css">'
        b'<link rel="preload" as="style" href="/theme/css/column.css">'
        b'<script src="../../../theme/js/share.js"></script>'
        b'<script src="/theme/js/gone.js"></script>'
    )
    assets = Assets(tmp_path)
    report = measure_page(PAGE_PATH, html, SITE, assets)
    css = len(b'@import "extra.css";') + 3000 + 300 + len(b"@font-face{src:url(//f.example/x)}")
    assert (report.weight.html, report.weight.css, report.weight.js) == (len(html), css, 500)
    assert report.weight.total == len(html) + css + 500
    assert list(report.files) == [
        "theme/css/column.css",
        "theme/js/share.js",
        "theme/css/extra.css",
    ]
    assert report.foreign == {"f.example": [("//f.example/x", "theme/css/extra.css url()")]}
    assert report.missing == ["theme/js/gone.js"]
    # a second page reads nothing again
    (tmp_path / "theme/js/share.js").unlink()
    assert measure_page(PAGE_PATH, html, SITE, assets).weight == report.weight


def test_problems_name_the_numbers_and_the_fix(tmp_path):
    write(tmp_path, "theme/css/column.css", b"a" * 13_694)
    write(tmp_path, "theme/js/share.js", b"j" * 5_540)
    head = b'<link rel="stylesheet" href="/theme/css/column.css"><script src="/theme/js/share.js">'
    html = head + b"</script>" + b"p" * (22_000 - len(head) - 9)
    report = measure_page("2026/03/x/index.html", html, SITE, Assets(tmp_path))
    [(rule, message)] = list(problems(report, 40_000))
    assert rule == "page-budget"
    assert message.startswith(
        "page weighs 41,234 bytes (HTML 22,000 + CSS 13,694 + JS 5,540), over the "
        "40,000-byte budget; heaviest files: theme/css/column.css 13,694, theme/js/share.js"
    )
    assert "raise PAGE_BUDGET_BYTES" in message
    assert list(problems(report, 41_234)) == []


def test_problems_group_other_hosts_by_host():
    report = measure_page(PAGE_PATH, PAGE, SITE, Assets("/nonexistent"))
    hosts = {
        message.split(", ")[1].split(" ")[0]
        for rule, message in problems(report, 10**9)
        if rule == "page-budget-host"
    }
    assert hosts == {"fonts.example.com", "img.example.com", "cdn.example.com", "video.example.com"}
    cdn = next(m for r, m in problems(report, 10**9) if "cdn.example.com" in m)
    assert cdn.startswith("page requests 2 files from another host, cdn.example.com (img srcset")
    assert "add the host to PAGE_BUDGET_ALLOWED_HOSTS" in cdn
    missing = [m for r, m in problems(report, 10**9) if r == "page-budget-missing"]
    assert "page loads theme/css/column.css, which is not in the output" in missing[0]
