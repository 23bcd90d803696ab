"""Disclaimers on the built site: the policy from pelicanconf.py on every surface
(article page, feed), overrides, hostile text, and no page without its notice."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, write_articles
from content_types.settings import DEFAULTS as TYPE_DEFAULTS

TYPES = TYPE_DEFAULTS["CONTENT_TYPES"]

DEFAULT = (
    "The views expressed in this column are solely those of Tomás Herrera and do not "
    "necessarily reflect the views of The Northgate Review."
)


def notices(page):
    return {
        n.select_one(".notice__label").get_text(strip=True): n.select_one(".notice__text")
        for n in page.select("aside.notices .notice")
    }


def text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def test_opinion_article_shows_default_with_publication_name(site):
    page = site.page("2026/10/valley-dam-closure-confirmed/")
    aside = page.select_one("aside.notices")
    assert aside["aria-label"] == "About this article"
    assert text(notices(page)["Disclaimer"]) == DEFAULT
    # After the body, not inside it.
    assert aside.find_parent(class_="article__body") is None
    assert aside in page.select_one(".article__body").find_all_next("aside")


def test_news_article_shows_none(site):
    page = site.page("2026/08/varra-dam-spillway-cracks/")
    assert page.select_one("aside.notices") is None
    assert "solely those of" not in page.get_text()


def test_analysis_column_has_its_own_text(site):
    page = site.page("2026/11/city-budget-2027-explained/")
    assert text(notices(page)["Disclaimer"]).startswith("Analysis interprets the news.")


def test_overridden_article_shows_its_own(site):
    page = site.page("2026/01/library-sunday-closures/")
    disclaimer = text(notices(page)["Disclaimer"])
    assert disclaimer.startswith("The views in this column are those of Ingrid Solberg.")
    assert "The Northgate Review has no connection" in disclaimer
    assert "solely those of" not in disclaimer


def test_guest_article_has_disclosure_guest_note_and_disclaimer_in_that_order(site):
    page = site.page("2026/10/cracks-are-not-the-crisis/")
    found = notices(page)
    assert list(found) == ["Disclosure", "Guest writer", "Disclaimer"]
    assert "member of the panel" in text(found["Disclosure"])
    assert text(found["Guest writer"]) == (
        "Henrik Dahl is a guest writer and not a member of staff at The Northgate Review."
    )


def test_feed_entry_ends_with_the_same_text(site):
    feed = feedparser.parse((site.output / "feeds" / "all.atom.xml").read_bytes())
    entries = {e.link.rstrip("/").rsplit("/", 1)[-1]: e for e in feed.entries}
    entry = BeautifulSoup(entries["valley-dam-closure-confirmed"].content[0].value, "html.parser")
    last = entry.contents[-1]
    assert last.name == "div" and "notice" in last["class"]
    assert last.strong.get_text() == "Disclaimer"
    assert text(last.select("p")[-1]) == DEFAULT
    news = entries["varra-dam-spillway-cracks"].content[0].value
    assert "solely those of" not in news and 'class="notice"' not in news


HOSTILE = """Title: Hostile
Date: 2026-02-01 10:00
Category: Opinion
Author: Amara Okafor
Disclaimer: Views of {author}. <script>alert('disclaimer')</script> [x](javascript:alert(1))
Disclosure: <img src=x onerror="alert('disclosure')"> The author advises <b>X</b>.

Body.
"""

OPT_OUT = """Title: No disclaimer please
Date: 2026-02-02 10:00
Category: Opinion
Author: Amara Okafor
Disclaimer: none

Body.
"""

NEWS_OPT_OUT = """Title: News opt out
Date: 2026-02-03 10:00
Category: News
Author: Amara Okafor
Disclaimer: none

Body.
"""

TYPO = """Title: Typo
Date: 2026-02-04 10:00
Category: Analysis
Author: Amara Okafor
Disclaimer: Views of {autor}.

Body.
"""


@pytest.fixture
def content(tmp_path):
    return write_articles(
        tmp_path, hostile=HOSTILE, opt_out=OPT_OUT, news_opt_out=NEWS_OPT_OUT, typo=TYPO
    )


@pytest.fixture
def dev(tmp_path, content):
    build = build_site(tmp_path / "dev", content=content)
    assert build.returncode == 0, build.log
    return build


def test_script_in_disclaimer_or_disclosure_is_never_executable(dev):
    page = dev.page("2026/02/hostile/")
    aside = page.select_one("aside.notices")
    assert aside.find("script") is None and aside.find("img") is None
    assert "javascript:" not in str(aside) and "onerror" not in str(aside)
    assert text(notices(page)["Disclaimer"]).startswith("Views of Amara Okafor.")
    assert "The author advises X." in text(notices(page)["Disclosure"])
    feed = (dev.output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    entry = feedparser.parse(feed).entries
    hostile = next(e for e in entry if "hostile" in e.link).content[0].value
    assert "<script" not in hostile and "onerror" not in hostile


def test_opt_out_in_a_required_column_is_an_error_and_the_disclaimer_stays(dev):
    log = " ".join(dev.log.split())
    assert 'opt_out.md:5: error: the type "opinion" (Opinion) requires a disclaimer' in log
    assert "[disclaimer-required]" in dev.log
    page = dev.page("2026/02/no-disclaimer-please/")
    assert "solely those of Amara Okafor" in text(notices(page)["Disclaimer"])


def test_opt_out_elsewhere_is_allowed(dev):
    assert "news_opt_out.md" not in dev.log
    assert dev.page("2026/02/news-opt-out/").select_one("aside.notices") is None


def test_unknown_placeholder_names_the_file_and_line(dev):
    assert "typo.md:5: error: unknown placeholder {autor}" in dev.log
    assert "[disclaimer-placeholder]" in dev.log


def test_unknown_placeholder_in_a_setting_names_the_setting(tmp_path, content):
    analysis = {"label": "Analysis", "schema_type": "AnalysisNewsArticle"}
    types = {**TYPES, "analysis": {**analysis, "disclaimer_text": "By {writer}."}}
    build = build_site(tmp_path / "out", content=content, overrides={"CONTENT_TYPES": types})
    assert (
        'settings: CONTENT_TYPES["analysis"]["disclaimer_text"]: error: unknown placeholder '
        "{writer}" in " ".join(build.log.split())
    )


def test_publish_build_refuses_an_opt_out_in_a_required_column(tmp_path, content):
    build = build_site(tmp_path / "out", content=content, settings="publishconf.py")
    assert build.returncode == 1
    assert "Refusing to publish" in build.log and "Traceback" not in build.log


@pytest.fixture
def theme_without_notices(tmp_path):
    """A theme customisation that forgot the notices partial."""
    folder = tmp_path / "overrides"
    folder.mkdir()
    article = (ROOT / "theme" / "templates" / "article.html").read_text(encoding="utf-8")
    assert '{% include "partials/notices.html" %}' in article
    (folder / "article.html").write_text(
        article.replace('{% include "partials/notices.html" %}', ""), encoding="utf-8"
    )
    return folder


def test_required_disclaimer_can_never_be_rendered_without_one(tmp_path, theme_without_notices):
    content = write_articles(tmp_path, good=OPT_OUT.replace("Disclaimer: none\n", ""))
    overrides = {"THEME_TEMPLATES_OVERRIDES": [str(theme_without_notices)]}
    dev = build_site(tmp_path / "dev", content=content, overrides=overrides)
    assert "error: written without its disclaimer" in dev.log
    assert "[disclaimer-missing]" in dev.log
    published = build_site(
        tmp_path / "pub", content=content, settings="publishconf.py", overrides=overrides
    )
    assert published.returncode == 1
    assert "Refusing to publish: 1 error" in published.log


def test_settings_are_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in [
        "DISCLAIMER_DEFAULT",
        "DISCLAIMER_GUEST_NOTE",
        "DISCLAIMER_LABELS",
    ]:
        assert f"`{name}`" in readme
