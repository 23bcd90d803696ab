"""No page of the built site has an unresolved internal link, fragment or image."""

from pathlib import Path

from linkcheck import broken_links


def test_every_internal_link_resolves_in_development_build(site):
    assert broken_links(site.output) == []


def test_every_internal_link_resolves_in_publish_build(published_site):
    assert broken_links(published_site.output, site_url="https://northgate.example.org") == []


def test_publish_build_uses_absolute_urls(published_site):
    """Production pages link with SITEURL, never relative paths (RELATIVE_URLS off)."""
    doc = published_site.page("index.html")
    hrefs = [a["href"] for a in doc.find_all("a", href=True)]
    assert hrefs
    for href in hrefs:
        assert href.startswith(("https://northgate.example.org", "#", "mailto:")), href


def test_walker_reports_what_is_broken(tmp_path: Path):
    """The checker itself must fail on a missing page, image and fragment."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>')
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">bad</a>'
        '<a href="b/">bad</a><img src="pic.png" alt="x"><a href="https://example.com/">ext</a>'
    )
    problems = broken_links(tmp_path)
    assert len(problems) == 3
    assert any("'gone'" in p for p in problems)
    assert any("missing b/index.html" in p for p in problems)
    assert any("missing pic.png" in p for p in problems)
