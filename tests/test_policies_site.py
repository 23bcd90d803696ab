"""Trust indicators on real builds: policy pages linked from every article and named by
the publisher's JSON-LD (read with extruct), author expertise in the author box and
on each Person, the backstory box, hostile text escaped, and a missing policy page
refusing the publish build."""

from __future__ import annotations

import json

import extruct
import pytest
from conftest import (
    CONTENT,
    ROOT,
    article_output_path,
    build_site,
    read_metadata,
    sample_articles,
    write_articles,
)
from pelican.settings import get_settings_from_file

SITEURL = "https://northgate.example.org"
ARTICLES = {path.stem: meta for path, meta in sample_articles()}
POLICIES = get_settings_from_file(str(ROOT / "pelicanconf.py"))["PUBLISHER_POLICIES"]
PROPERTIES = {
    "ethics": "ethicsPolicy",
    "corrections": "correctionsPolicy",
    "diversity": "diversityPolicy",
    "feedback": "actionableFeedbackPolicy",
    "ownership": "ownershipFundingInfo",
    "masthead": "masthead",
}
BACKSTORY = "varra-dam-spillway-cracks"
TWO_AUTHORS = "one-water-plan-for-the-valley"


def jsonld(build, relpath):
    html = (build.output / relpath).read_text(encoding="utf-8")
    [data] = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    return data


# --- publisher policies -----------------------------------------------------------------


def test_sample_site_configures_every_policy_and_each_is_a_page(published_site):
    assert set(POLICIES) >= {*PROPERTIES, "contact"}
    for slug in POLICIES.values():
        assert (CONTENT / "pages" / f"{slug}.md").is_file(), slug
        page = published_site.page(f"{slug}/")
        assert len(page.select_one("main").get_text(" ").split()) > 60, f"{slug} has real text"


@pytest.mark.parametrize("stem", sorted(ARTICLES))
def test_every_article_links_to_every_policy(published_site, stem):
    doc = published_site.page(article_output_path(ARTICLES[stem]))
    nav = doc.select_one("article footer.standards nav")
    assert nav["aria-labelledby"] == "standards-label"
    assert nav.select_one("#standards-label").get_text(strip=True) == "Our standards"
    hrefs = [a["href"] for a in nav.select("a")]
    assert hrefs == list(dict.fromkeys(f"{SITEURL}/{slug}/" for slug in POLICIES.values()))
    for href in hrefs:
        assert (published_site.output / href.removeprefix(SITEURL + "/") / "index.html").is_file()


@pytest.mark.parametrize("stem", sorted(ARTICLES))
def test_publisher_node_carries_the_policy_urls(published_site, stem):
    publisher = jsonld(published_site, article_output_path(ARTICLES[stem]))["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    for kind, prop in PROPERTIES.items():
        assert publisher[prop] == f"{SITEURL}/{POLICIES[kind]}/", prop
    assert publisher["publishingPrinciples"] == publisher["ethicsPolicy"]
    assert publisher["contactPoint"]["url"] == f"{SITEURL}/{POLICIES['contact']}/"
    assert publisher["url"] == f"{SITEURL}/"


# --- author expertise -------------------------------------------------------------------


def test_two_authors_are_an_array_of_people_with_expertise(published_site):
    meta = ARTICLES[TWO_AUTHORS]
    data = jsonld(published_site, article_output_path(meta))
    names = [n.strip() for n in meta["authors"].split(",")]
    assert [p["name"] for p in data["author"]] == names
    for person in data["author"]:
        slug = person["url"].removeprefix(f"{SITEURL}/author/").strip("/")
        profile = read_metadata(CONTENT / "authors" / f"{slug}.md")
        assert person["@type"] == "Person"
        assert person["jobTitle"] == profile["job_title"]
        assert person["knowsAbout"] == [t.strip() for t in profile["knows_about"].split(",")]
    amara = data["author"][1]
    assert amara["sameAs"] == [
        "https://amara-okafor.example.org",
        "https://social.example.org/@amara",
        "https://www.northgate-press-club.example.org/members/amara-okafor",
        "https://northgate-courier.example.org/staff/amara-okafor",
    ], "profile links first, then Same_as (also its indented second line), each once"

    box = published_site.page(article_output_path(meta)).select(".author-box__person")
    assert len(box) == 2
    expertise = box[1].select_one(".author-box__expertise").get_text(" ", strip=True)
    assert expertise == "Expertise: " + ", ".join(amara["knowsAbout"])
    assert box[1].select_one(".p-job-title").get_text(strip=True) == amara["jobTitle"]


def test_author_page_shows_expertise_and_same_as_links(published_site):
    page = published_site.page("author/amara-okafor/")
    assert (
        page.select_one(".profile__expertise")
        .get_text(" ", strip=True)
        .startswith("Expertise: Northgate city council, the city budget")
    )
    links = {a["href"]: a for a in page.select(".profile__links a")}
    courier = links["https://northgate-courier.example.org/staff/amara-okafor"]
    assert courier.get_text(strip=True) == "northgate-courier.example.org"
    assert courier["rel"] == ["me"]


# --- backstory --------------------------------------------------------------------------


def test_backstory_renders_after_the_body_and_is_emitted(published_site):
    meta = ARTICLES[BACKSTORY]
    doc = published_site.page(article_output_path(meta))
    box = doc.select_one("article section.backstory")
    assert box["aria-labelledby"] == "backstory-label"
    assert box.select_one("#backstory-label").get_text(strip=True) == "Why we wrote this"
    text = box.select_one(".backstory__text").get_text(" ", strip=True)
    assert text.startswith("The water authority announced the findings")
    assert box.find_previous_sibling("div", class_="article__body"), "after the body"
    assert box.find_next("aside", class_="support"), "before the support call and notices"
    data = jsonld(published_site, article_output_path(meta))
    assert data["backstory"] == " ".join(text.split())
    assert "’" in data["backstory"], "typeset like the body"

    other = article_output_path(ARTICLES["harbour-tunnel-bet"])
    assert published_site.page(other).select_one(".backstory") is None
    assert "backstory" not in jsonld(published_site, other)


# --- hostile text, bad profile ------------------------------------------------------------

HOSTILE = "</script><script>alert(1)</script>"

ARTICLE = """Title: Harbour fees agreed
Date: 2026-02-10 09:00
Category: News
Author: Amara Okafor
Slug: good
Summary: The council agreed the new harbour fees.
Backstory: We were at the meeting. <script>alert(2)</script><img src=x onerror=alert(3)>
    [x](javascript:alert(4)) Quoted: &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;

The council agreed the new harbour fees on Tuesday evening after a long debate.
"""

PROFILE = f"""Name: Amara Okafor
Job_title: Columnist <em>city hall</em>
Knows_about: {HOSTILE}, <img src=x onerror=alert(5)>
Same_as: https://ok.example.org
    ftp://bad.example.org

A bio.
"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = write_articles(root, good=ARTICLE)
    (content / "authors").mkdir()
    (content / "authors" / "amara-okafor.md").write_text(PROFILE, encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "ethics.md").write_text(
        "Title: Our <ethics>\nSlug: ethics\n\nHow we work.\n", encoding="utf-8"
    )
    build = build_site(
        root / "out", content=content, overrides={"PUBLISHER_POLICIES": {"ethics": "ethics"}}
    )
    assert build.returncode == 0, build.log
    return build


def test_hostile_backstory_and_expertise_are_escaped(hostile_build):
    html = (hostile_build.output / "2026/02/good/index.html").read_text(encoding="utf-8")
    doc = hostile_build.page("2026/02/good/")
    for script in doc.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # the authors' text stayed inside its strings
        else:
            assert script.get("src") and not script.string, script
    assert len(doc.find_all("script", type="application/ld+json")) == 1
    assert doc.select("[onerror]") == []
    assert "javascript:" not in html
    story = doc.select_one(".backstory__text")
    assert story.find("img") is None and story.find("script") is None
    text = story.get_text(" ", strip=True).replace("\xa0", " ")  # typogrify's widont
    assert text.endswith("Quoted: </script><b>bold</b>"), "shown as text, not markup"
    box = doc.select_one(".author-box__person")
    assert box.select_one(".author-box__expertise").get_text(strip=True) == (
        f"Expertise: {HOSTILE}, <img src=x onerror=alert(5)>"
    )
    assert box.select_one(".p-job-title").get_text() == "Columnist <em>city hall</em>"
    assert box.find("em") is None and box.find("img", src="x") is None

    data = jsonld(hostile_build, "2026/02/good/index.html")
    assert data["backstory"].endswith("Quoted: </script><b>bold</b>")
    [person] = data["author"]
    assert person["knowsAbout"] == [HOSTILE, "<img src=x onerror=alert(5)>"]
    assert person["jobTitle"] == "Columnist <em>city hall</em>"
    assert person["sameAs"] == ["https://ok.example.org"]
    assert data["publisher"]["ethicsPolicy"] == "http://localhost:8000/ethics/"
    footer = doc.select_one("footer.standards a")
    assert footer.get_text().replace("\xa0", " ") == "Our <ethics>" and not footer.find("ethics")


def test_bad_same_as_names_the_file_and_its_line(hostile_build):
    assert (
        'authors/amara-okafor.md:5: error: "Same_as: ftp://bad.example.org" is not a web '
        "address" in " ".join(hostile_build.log.split())
    )
    assert "[profile-same-as]" in hostile_build.log
    assert "Traceback" not in hostile_build.log


# --- a policy without its page ------------------------------------------------------------

MISSING = ["PUBLISHER_POLICIES", '["masthead"]', '"masthead"', "pages/masthead.md"]


@pytest.fixture
def no_masthead(tmp_path):
    content = write_articles(tmp_path, good=ARTICLE.replace("Author: Amara Okafor", "Author: A B"))
    (content / "pages").mkdir()
    for kind, slug in POLICIES.items():
        if kind != "masthead":
            (content / "pages" / f"{slug}.md").write_text(
                f"Title: {slug}\nSlug: {slug}\n\nText.\n", encoding="utf-8"
            )
    return content


def test_missing_policy_page_fails_the_publish_build(tmp_path, no_masthead):
    build = build_site(tmp_path / "pub", content=no_masthead, settings="publishconf.py")
    assert build.returncode == 1, build.log
    log = " ".join(build.log.split())
    assert (
        'settings (pelicanconf.py, publishconf.py): error: PUBLISHER_POLICIES["masthead"] '
        'names a page the site does not have; no page has the slug "masthead": write '
    ) in log
    assert 'pages/masthead.md (with "Title:" and "Slug: masthead")' in log
    assert "[policy-page-missing]" in log and "Refusing to publish: 1 error" in log
    assert "Traceback" not in build.log
    assert not (tmp_path / "pub" / "2026/02/good/index.html").exists()


def test_missing_policy_page_is_reported_by_a_development_build(tmp_path, no_masthead):
    build = build_site(tmp_path / "dev", content=no_masthead)
    assert build.returncode == 0, build.log
    assert "[policy-page-missing]" in build.log
    doc = build.page("2026/02/good/")
    hrefs = [a["href"] for a in doc.select("footer.standards a")]
    assert len(hrefs) == len(set(POLICIES.values())) - 1
    assert not any("masthead" in href for href in hrefs)
    assert "masthead" not in jsonld(build, "2026/02/good/index.html")["publisher"]
