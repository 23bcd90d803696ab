"""Columnists on the built sample site: author pages, the index, author boxes,
author feeds; and an unknown author in development and publish builds."""

import extruct
import feedparser
import pytest
from conftest import CONTENT, build_site, read_metadata, sample_articles, write_articles

PROFILES = {p.stem: read_metadata(p) for p in sorted((CONTENT / "authors").glob("*.md"))}


def articles_by(name):
    found = []
    for _, meta in sample_articles():
        names = meta.get("authors") or meta.get("author", "")
        if name in [n.strip() for n in names.split(",")]:
            found.append(meta)
    return found


def test_sample_site_has_columnists_and_a_guest():
    assert len(PROFILES) >= 4
    assert any(m.get("guest") == "yes" for m in PROFILES.values())
    for slug, meta in PROFILES.items():
        assert articles_by(meta["name"]), f"{slug} has no article"


@pytest.mark.parametrize("slug", sorted(PROFILES))
def test_author_page_has_photo_bio_links_articles_and_feed(site, slug):
    meta = PROFILES[slug]
    page = site.page(f"author/{slug}/")
    assert page.h1.get_text(strip=True) == meta["name"]
    role = meta.get("job_title") or meta["role"]  # Role: is Job_title's older name
    assert page.select_one(".listing-header .kicker").get_text(strip=True) == role
    photo = page.select_one(".profile__photo")
    assert photo["alt"] == meta["photo_alt"]
    assert photo["src"].endswith(meta["photo"])
    assert (site.output / meta["photo"]).is_file()
    bio = page.select_one(".profile__bio").get_text(" ", strip=True)
    assert len(bio.split()) > 20
    links = {a.get_text(strip=True): a["href"] for a in page.select(".profile__links a")}
    if "website" in meta:
        assert links["Website"] == meta["website"]
    if "email" in meta:
        assert links["Email"] == f"mailto:{meta['email']}"
    titles = [h.get_text(strip=True) for h in page.select(".card__title")]
    assert len(titles) == len(articles_by(meta["name"]))
    dates = [t["datetime"] for t in page.select(".card__meta time")]
    assert dates == sorted(dates, reverse=True), "newest first"
    feed = page.select_one(".feed-link a")["href"]
    assert feed.endswith(f"feeds/author/{slug}.atom.xml")


def test_every_photo_on_the_site_has_alt_text(site):
    for path in site.html_files():
        page = site.page(str(path.relative_to(site.output)))
        for img in page.find_all("img"):
            assert img.get("alt", "").strip(), f"{path}: {img}"


def test_columnists_index_lists_everyone(site):
    page = site.page("authors/")
    names = [h.get_text(strip=True) for h in page.select(".columnist__name")]
    assert sorted(names) == sorted(m["name"] for m in PROFILES.values())
    sections = {s.h2.get_text(strip=True): s for s in page.select("section.columnists")}
    guests = [h.get_text(strip=True) for h in sections["Guest writers"].select("h3")]
    assert guests == [m["name"] for m in PROFILES.values() if m.get("guest") == "yes"]
    for item in page.select(".columnist"):
        assert item.img["alt"]
        assert item.select_one(".columnist__role").get_text(strip=True)
        assert item.select_one("a")["href"].rstrip("/").split("/")[-1] in PROFILES


def test_co_written_byline_and_author_boxes(site):
    page = site.page("2026/08/one-water-plan-for-the-valley/")
    byline = page.select_one(".byline__by").get_text(" ", strip=True)
    assert byline == "By Tomás Herrera and Amara Okafor"
    boxes = page.select(".author-box__person")
    assert [b.select_one(".author-box__name a").get_text() for b in boxes] == [
        "Tomás Herrera",
        "Amara Okafor",
    ]
    for box in boxes:
        name = box.select_one(".author-box__name a").get_text()
        assert box.img["alt"]
        assert box.select_one(".author-box__bio").get_text(strip=True)
        assert box.select_one(".author-box__more").get_text() == f"More from {name}"
        more = box.select(".author-box__list a")
        assert len(more) == 3
        assert all("one-water-plan" not in a["href"] for a in more)
        dates = [t["datetime"] for t in box.select(".author-box__list time")]
        assert dates == sorted(dates, reverse=True)


def test_author_feeds_validate(site):
    for slug, meta in PROFILES.items():
        path = site.output / "feeds" / "author" / f"{slug}.atom.xml"
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
        assert len(feed.entries) == len(articles_by(meta["name"]))
        for entry in feed.entries:
            assert entry.title and entry.link and entry.published_parsed
            assert meta["name"] in entry.author


PROFILE = "Name: Amara Okafor\nRole: Columnist\n\nA bio.\n"
TYPO = "Title: Typo\nDate: 2026-02-01 10:00\nCategory: Opinion\nAuthor: Amara Okafr\n\nText.\n"
GOOD = "Title: Good\nDate: 2026-02-02 10:00\nCategory: Opinion\nAuthor: amara-okafor\n\nText.\n"


@pytest.fixture
def typo_content(tmp_path):
    content = write_articles(tmp_path, typo=TYPO, good=GOOD)
    (content / "authors").mkdir()
    (content / "authors" / "amara-okafor.md").write_text(PROFILE, encoding="utf-8")
    return content


def test_unknown_author_is_a_warning_in_dev_and_the_article_builds(tmp_path, typo_content):
    build = build_site(tmp_path / "out", content=typo_content)
    assert build.returncode == 0, build.log
    assert 'typo.md:4: warning: no profile for the author "Amara Okafr"' in build.log
    assert 'Did you mean "Amara Okafor"?' in build.log
    assert "[unknown-author]" in build.log
    assert (build.output / "2026/02/typo/index.html").exists()
    # An author written as the profile's slug gets the profile's name and page.
    good = build.page("2026/02/good/")
    assert good.select_one(".byline__author").get_text() == "Amara Okafor"
    assert good.select_one(".byline__author")["href"].endswith("author/amara-okafor/")


def test_unknown_author_fails_the_publish_build(tmp_path, typo_content):
    out = tmp_path / "out"
    build = build_site(out, content=typo_content, settings="publishconf.py")
    assert build.returncode != 0
    assert 'typo.md:4: error: no profile for the author "Amara Okafr"' in build.log
    assert "Traceback" not in build.log
    assert not (out / "2026/02/good/index.html").exists()


def test_bad_profile_names_file_and_line(tmp_path, typo_content):
    (typo_content / "authors" / "ghost.md").write_text(
        "Role: Columnist\nPhoto: images/none.svg\n\nNo name.\n", encoding="utf-8"
    )
    build = build_site(tmp_path / "out", content=typo_content)
    assert build.returncode == 0, build.log
    assert "ghost.md: error: no name" in build.log
    assert "[profile-name]" in build.log


def test_structured_data_author_comes_from_the_profile(published_site):
    path = published_site.output / "2026/08/one-water-plan-for-the-valley/index.html"
    [data] = extruct.extract(path.read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
    siteurl = "https://northgate.example.org"
    people = {p["name"]: p for p in data["author"]}
    assert list(people) == ["Tomás Herrera", "Amara Okafor"]
    amara = people["Amara Okafor"]
    assert amara["url"] == f"{siteurl}/author/amara-okafor/"
    assert amara["jobTitle"] == PROFILES["amara-okafor"]["job_title"]
    assert amara["image"] == f"{siteurl}/{PROFILES['amara-okafor']['photo']}"
    # the profile's web links first, then its `Same_as:` (tests/test_policies_site.py)
    assert amara["sameAs"][:2] == [
        PROFILES["amara-okafor"]["website"],
        PROFILES["amara-okafor"]["mastodon"],
    ]
