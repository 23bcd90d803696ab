"""Page budgets on real builds: a page over its weight, or requesting another host,
fails the publish build with the page and the numbers, and output/ is left as it
was; a development build warns and writes the page anyway."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from types import SimpleNamespace

from conftest import build_site, write_articles

GOOD = (
    "Title: Harbour fees agreed\nDate: 2026-02-01 10:00\nCategory: News\n"
    "Author: Amara Okafor\nSlug: good\n\nThe harbour board agreed the new berth fees.\n"
)
FOREIGN = GOOD.replace("Slug: good", "Slug: map").replace(
    "fees.\n", "fees.\n\n![Map of the harbour](https://example.com/map.png)\n"
)
WEIGHT_RE = re.compile(
    r"(?P<path>\S+/index\.html): (?P<severity>error|warning): page weighs (?P<total>[\d,]+) bytes "
    r"\(HTML (?P<html>[\d,]+) \+ CSS (?P<css>[\d,]+) \+ JS (?P<js>[\d,]+)\), over the "
    r"(?P<budget>[\d,]+)-byte budget.*?\[page-budget\]"
)


def flat(log: str) -> str:
    """The log without the logger's line wrapping."""
    return " ".join(log.split())


def number(text: str) -> int:
    return int(text.replace(",", ""))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def long_body(sentences: int) -> str:
    """Different sentences (the checks refuse a repeated one), about 35 bytes each."""
    words = "quay pier berth crane ferry tug dock gate lock wharf mole slip buoy jetty bay".split()
    return " ".join(
        f"The {a} beside the {b} needs a new {c}."
        for a, b, c in list(itertools.product(words, words, words))[:sentences]
    )


def publish(tmp_path: Path, output: Path, overrides: dict | None = None, **articles: str):
    content = write_articles(tmp_path / f"content-{len(list(tmp_path.iterdir()))}", **articles)
    return build_site(output, content=content, settings="publishconf.py", overrides=overrides)


def test_the_sample_site_is_within_budget(published_site, site):
    for build in (published_site, site):
        assert "[page-budget" not in build.log


def test_a_page_over_budget_fails_the_publish_build_and_leaves_output_alone(tmp_path):
    output = tmp_path / "site" / "output"
    first = publish(tmp_path, output, good=GOOD)
    assert first.returncode == 0, first.log
    before = snapshot(output)

    heavy = GOOD.replace("fees.\n", "fees.\n\n" + long_body(2500) + "\n")
    build = publish(tmp_path, output, good=heavy)

    assert build.returncode == 1, build.log
    log = flat(build.log)
    found = WEIGHT_RE.search(log)
    assert found, log
    assert found["path"] == "2026/02/good/index.html" and found["severity"] == "error"
    assert number(found["budget"]) == 40_000
    parts = [number(found[k]) for k in ("html", "css", "js")]
    assert number(found["total"]) == sum(parts) > 40_000
    assert parts[0] > 50_000 and parts[1] > 5_000, "the body, and the theme's stylesheet"
    assert "Refusing to publish: 1 page budget error" in log
    assert "Traceback" not in build.log
    assert snapshot(output) == before, "the failed build swapped nothing in"
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]


def test_the_numbers_are_the_bytes_written(tmp_path):
    """A development build writes the page it warns about: the HTML number is its size."""
    output = tmp_path / "output"
    content = write_articles(tmp_path, good=GOOD)
    build = build_site(output, content=content, overrides={"PAGE_BUDGET_BYTES": 1000})
    assert build.returncode == 0, build.log
    found = WEIGHT_RE.search(flat(build.log))
    assert found and found["severity"] == "warning", build.log
    page = output / found["path"]
    assert number(found["html"]) == page.stat().st_size
    css = [p for p in (output / "theme" / "css").glob("column.*.css")]
    assert number(found["css"]) == css[0].stat().st_size
    assert number(found["js"]) == (output / "theme" / "js" / "share.js").stat().st_size
    assert number(found["budget"]) == 1000


def test_a_page_requesting_another_host_fails_the_publish_build(tmp_path):
    output = tmp_path / "site" / "output"
    assert publish(tmp_path, output, good=GOOD).returncode == 0
    before = snapshot(output)

    build = publish(tmp_path, output, good=GOOD, map=FOREIGN)

    assert build.returncode == 1, build.log
    log = flat(build.log)
    assert (
        "2026/02/map/index.html: error: page requests 1 file from another host, example.com "
        "(img src https://example.com/map.png): serve it from this site, or add the host to "
        "PAGE_BUDGET_ALLOWED_HOSTS [page-budget-host]"
    ) in log
    assert "2026/02/good/index.html" not in log
    assert snapshot(output) == before


def test_allowed_hosts_and_the_switch(tmp_path):
    output = tmp_path / "site" / "output"
    allowed = publish(
        tmp_path, output, {"PAGE_BUDGET_ALLOWED_HOSTS": ["example.com"]}, good=GOOD, map=FOREIGN
    )
    assert allowed.returncode == 0, allowed.log
    assert (output / "2026/02/map/index.html").exists()
    off = publish(
        tmp_path, output, {"PAGE_BUDGET_ENABLED": False, "PAGE_BUDGET_BYTES": 10}, map=FOREIGN
    )
    assert off.returncode == 0, off.log
    assert "[page-budget" not in off.log


def test_the_comment_host_is_allowed_without_being_listed(tmp_path):
    output = tmp_path / "output"
    build = publish(
        tmp_path,
        output,
        {"COMMENTS_PROVIDER": "isso", "ISSO_URL": "https://talk.example.net"},
        good=GOOD,
    )
    assert build.returncode == 0, build.log
    assert "https://talk.example.net/js/embed.min.js" in (
        output / "2026/02/good/index.html"
    ).read_text(encoding="utf-8")


def test_development_builds_warn_and_still_write(tmp_path):
    output = tmp_path / "output"
    content = write_articles(tmp_path, map=FOREIGN)
    build = build_site(output, content=content)
    assert build.returncode == 0, build.log
    assert "2026/02/map/index.html: warning: page requests 1 file" in flat(build.log)
    assert (output / "2026/02/map/index.html").exists()


def test_a_warm_build_reuses_weights_and_still_reports_every_problem(tmp_path):
    """With BUILD_CACHE (development builds), a page whose HTML did not change is not
    weighed again, but its problem is reported again; an edited page is weighed anew."""
    output = tmp_path / "output"
    content = write_articles(tmp_path, map=FOREIGN)
    overrides = {"BUILD_CACHE": True}
    cold = build_site(output, content=content, overrides=overrides)
    memo = output.parent / "output.cache" / "fastbuild-page-budget.pickle"
    assert memo.is_file()
    warm = build_site(output, content=content, overrides=overrides)
    for build in (cold, warm):
        assert "2026/02/map/index.html: warning: page requests 1 file" in flat(build.log)
    page = content / "articles" / "map.md"
    image = "![Map of the harbour](https://example.com/map.png)"
    page.write_text(page.read_text(encoding="utf-8").replace(image, "No map."), "utf-8")
    edited = build_site(output, content=content, overrides=overrides)
    assert edited.returncode == 0, edited.log
    assert "No map." in (output / "2026/02/map/index.html").read_text(encoding="utf-8")
    assert "2026/02/map/index.html: warning" not in flat(edited.log)


def test_pages_are_read_once_written_and_again_only_if_written_again(tmp_path, monkeypatch):
    """What a page asks for is read when the pages are written (page_writer_finalized,
    while Pagefind may still be indexing) and weighed on `finalized` against the
    stylesheets and scripts then in place; a page written again in between is read
    again, one left alone is not."""
    from page_budget import glue  # noqa: PLC0415 - the plugin's glue, on PLUGIN_PATHS in tests

    output = tmp_path / "output"
    page = '<html><head><link rel="stylesheet" href="/style.css"></head><body>{}</body></html>'
    for slug in ("one", "two"):
        (output / slug).mkdir(parents=True)
        (output / slug / "index.html").write_text(page.format(slug), encoding="utf-8")
    settings = {"PAGE_BUDGET_ENABLED": True, "BUILD_WORKERS": 1, "BUILD_CACHE": False}
    read, parse = [], glue.page_requests
    monkeypatch.setattr(glue, "page_requests", lambda html: read.append(html) or parse(html))
    glue.start(None)
    glue._written[:] = ["one/index.html", "two/index.html"]
    glue.read_pages(SimpleNamespace(settings=settings, output_path=str(output)))
    assert len(read) == 2

    (output / "style.css").write_text("body{}", encoding="utf-8")  # copied last
    second = page.format('two, written again <script src="/two.js"></script>')
    (output / "two" / "index.html").write_text(second, encoding="utf-8")
    (output / "two.js").write_text("var x;", encoding="utf-8")
    one, two = glue.weigh_all(settings, output, ["one/index.html", "two/index.html"])
    assert (one.weight.html, one.weight.css, one.weight.js) == (len(page.format("one")), 6, 0)
    assert (two.weight.html, two.weight.css, two.weight.js) == (len(second), 6, 6)
    assert len(read) == 3, "the page left alone was not read again"
