"""Quotes and their sources on real builds: the sample's agency quote is a figure with
its caption, every recognised form gives the same markup through Pelican and
typogrify, hostile attributions are escaped, and the checks report an unattributed
quote with its file and line."""

from __future__ import annotations

import re

import pytest
from conftest import build_site, write_articles

HEAD = "Title: {title}\nDate: 2026-02-0{day} 10:00\nCategory: News\nAuthor: Amara Okafor\n"
QUOTE = '> "We will lower the reservoir gradually," she said.\n'
ARTICLES = {
    "after": f"{QUOTE}\n— Varra Press Agency, 2 October 2026\n",
    "link": f"{QUOTE}\n-- [Reuters](https://reuters.example/a), 3 March 2026\n",
    "inside": f"{QUOTE}>\n> — *Northgate Courier*, editorial\n",
    "hostile": (
        f"{QUOTE}\n— <script>alert(2)</script> & "
        '"Agency" <a href=javascript:alert(1) onclick=alert(3)>x</a>\n'
    ),
    "plain": f"Before.\n\n{QUOTE}\nAfter, a sentence of the article.\n",
    "ignored": f"Check-ignore: quote-unattributed\n\n{QUOTE}",
}


def article(name: str, day: int, body: str) -> str:
    head = HEAD.format(title=name.capitalize(), day=day)
    if body.startswith("Check-ignore"):
        extra, body = body.split("\n\n", 1)
        head += extra + "\n"
    return f"{head}\n{body}"


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    root = tmp_path_factory.mktemp("quotes")
    articles = {name: article(name, i + 1, text) for i, (name, text) in enumerate(ARTICLES.items())}
    content = write_articles(root, **articles)
    build = build_site(root / "output", content=content)
    assert build.returncode == 0, build.log
    return build


def body(build, name: str):
    return build.page(f"2026/02/{name}/").select_one(".article__body")


def test_the_sample_agency_quote_is_a_figure_with_its_source(site):
    doc = site.page("2026/10/valley-dam-closure-confirmed/")
    figure = doc.select_one(".article__body figure.quote")
    assert figure is not None
    assert [c.name for c in figure.find_all(recursive=False)] == ["blockquote", "figcaption"]
    assert len(figure.blockquote.find_all("p")) == 4, "the agency is quoted at length"
    caption = figure.figcaption
    assert caption.get_text() == "— Varra Press Agency, 2 October 2026"
    assert caption.cite.get_text() == "Varra Press Agency"
    assert not caption.cite.get_text().startswith("—"), "the dash stays outside <cite>"
    assert "— Varra Press Agency" not in " ".join(
        p.get_text() for p in doc.select(".article__body > p")
    )


def test_the_sample_statement_cites_the_title_not_the_person(site):
    doc = site.page("2026/08/varra-dam-spillway-cracks/")
    caption = doc.select_one(".article__body figure.quote figcaption")
    assert caption.cite.get_text() == "Statement on the spillway inspection"
    assert caption.get_text().startswith("— Selma Arkwright, in the authority’s ")


def test_every_form_gives_figure_figcaption_cite(forms):
    expected = {
        "after": ("Varra Press Agency", "— Varra Press Agency, 2 October 2026"),
        "link": ("Reuters", "— Reuters, 3 March 2026"),
        "inside": ("Northgate Courier", "— Northgate Courier, editorial"),
    }
    for name, (cite, text) in expected.items():
        figure = body(forms, name).select_one("figure.quote")
        assert figure is not None, name
        assert figure.figcaption.cite.get_text() == cite
        assert " ".join(figure.figcaption.get_text().split()) == text
        # typogrify ran over the figure like the rest of the body: curly quotes
        assert figure.blockquote.get_text().strip().startswith("“We will lower"), name
    link = body(forms, "link").select_one("figure.quote")
    assert link.figcaption.cite.a["href"] == "https://reuters.example/a"
    assert link.blockquote["cite"] == "https://reuters.example/a"


def test_a_plain_block_quote_is_unchanged(forms):
    text = body(forms, "plain")
    assert text.select("figure") == []
    quote = text.find("blockquote")
    assert quote.parent == text and quote.find_next_sibling("p").get_text().startswith("After")


def test_a_hostile_attribution_is_printed_as_text(forms):
    text = body(forms, "hostile")
    caption = text.select_one("figure.quote figcaption")
    assert caption.find("a") is None and caption.find("script") is None
    assert text.find("script") is None and text.find(onclick=True) is None
    shown = caption.get_text()
    assert "<script>alert(2)</script>" in shown
    assert "<a href=javascript:alert(1) onclick=alert(3)>x</a>" in shown
    assert "<script" not in str(caption) and "<a " not in str(caption)


LINE_RE = r"{path}:(\d+): warning: a block quote with no attribution: .*?\[quote-unattributed\]"


def test_the_checks_report_an_unattributed_quote_with_file_and_line(forms):
    log = " ".join(forms.log.split())
    found = re.findall(LINE_RE.format(path=r"articles/plain\.md"), log)
    assert found == ["8"], log
    lines = (forms.output.parent / "content" / "articles" / "plain.md").read_text().splitlines()
    assert lines[7].startswith("> ")
    assert "— Varra Press Agency, 2 October 2026" in log, "the message says how to fix it"
    for name in ("after", "link", "inside", "hostile", "ignored"):
        assert f"articles/{name}.md:" not in log, name


def test_checks_disabled_switches_the_rule_off(tmp_path):
    content = write_articles(tmp_path, plain=article("plain", 1, ARTICLES["plain"]))
    build = build_site(
        tmp_path / "output", content=content, overrides={"CHECKS_DISABLED": ["quote-unattributed"]}
    )
    assert build.returncode == 0, build.log
    assert "quote-unattributed" not in build.log


def test_the_publish_build_only_warns(tmp_path):
    content = write_articles(tmp_path, plain=article("plain", 1, ARTICLES["plain"]))
    build = build_site(tmp_path / "output", content=content, settings="publishconf.py")
    assert build.returncode == 0, build.log
    assert "[quote-unattributed]" in build.log


def test_figures_can_be_switched_off(tmp_path):
    content = write_articles(tmp_path, after=article("after", 1, ARTICLES["after"]))
    build = build_site(tmp_path / "output", content=content, overrides={"SOURCING_FIGURES": False})
    assert build.returncode == 0, build.log
    text = build.page("2026/02/after/").select_one(".article__body")
    assert text.select("figure") == [] and text.blockquote is not None
