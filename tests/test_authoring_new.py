"""`invoke new`: the file it writes, the errors it gives, and that the file builds."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, build_site, copy_project, run_invoke
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

from authoring.new import (
    KnownAuthor,
    NewArticleError,
    create_article,
    find_author,
    find_category,
    known_authors,
    known_categories,
    make_slug,
    normalise_tags,
    read_header,
    render_article,
    usual_category,
)

SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(str(ROOT / "pelicanconf.py"))}
NOW = datetime(2026, 9, 1, 7, 45, tzinfo=ZoneInfo("Europe/Oslo"))
AUTHORS = [
    KnownAuthor("amara-okafor", "Amara Okafor"),
    KnownAuthor("tomas-herrera", "Tomás Herrera"),
]


def test_slug_is_the_one_pelican_derives_from_the_title():
    assert make_slug("Why Northgate’s “harbour” tunnel: café & more!", SETTINGS) == (
        "why-northgates-harbour-tunnel-cafe-more"
    )


def test_header_parsing_stops_at_the_blank_line():
    text = "Title: A: b\nAuthor: X\n\nBody: not metadata\n"
    assert read_header(text) == {"title": "A: b", "author": "X"}


def test_authors_are_found_by_slug_or_name_in_any_case():
    assert find_author(AUTHORS, "tomas-herrera").name == "Tomás Herrera"
    assert find_author(AUTHORS, "  amara   OKAFOR ").slug == "amara-okafor"


def test_unknown_author_lists_the_known_ones_and_suggests():
    with pytest.raises(NewArticleError) as err:
        find_author(AUTHORS, "amara")
    message = str(err.value)
    assert 'unknown author "amara"' in message
    assert 'Did you mean "amara-okafor"' in message
    assert "tomas-herrera" in message and "Tomás Herrera" in message
    with pytest.raises(NewArticleError, match="no author"):
        find_author(AUTHORS, "")


def test_without_profiles_any_author_is_accepted():
    assert find_author([], "Guest Writer") is None


def test_known_authors_come_from_profile_names():
    profiles = {"b-one": "Name: Bee One\nRole: x\n\nBio", "a-two": "Role: no name\n"}
    assert known_authors(profiles) == [
        KnownAuthor("a-two", "a-two"),
        KnownAuthor("b-one", "Bee One"),
    ]


def test_categories_menu_order_first_then_used_ones():
    assert known_categories(["Opinion", "News"], {"Sport", "news", "Arts"}) == [
        "Opinion",
        "News",
        "Arts",
        "Sport",
    ]
    assert find_category(["Opinion", "News"], "opinion") == "Opinion"
    with pytest.raises(NewArticleError) as err:
        find_category(["Opinion", "Analysis", "News"], "Opnion")
    assert 'unknown category "Opnion". Did you mean "Opinion"?' in str(err.value)
    assert "Known categories: Opinion, Analysis, News." in str(err.value)


def test_default_category_is_the_one_the_author_writes_in_most():
    articles = [
        {"author": "Amara Okafor", "category": "News", "date": "2026-01-01"},
        {"authors": "Ingrid Solberg, Amara Okafor", "category": "Analysis", "date": "2026-02-01"},
        {"author": "Amara Okafor", "category": "Analysis", "date": "2026-03-01"},
        {"author": "Someone Else", "category": "News", "date": "2026-04-01"},
    ]
    assert usual_category("Amara Okafor", articles, "Opinion") == "Analysis"
    assert usual_category("New Person", articles, "Opinion") == "Opinion"


def test_tags_are_trimmed_and_deduplicated():
    assert normalise_tags(" harbour ,transport,, Harbour, city  budget ") == (
        "harbour, transport, city budget"
    )


def test_rendered_file_fills_the_header_and_explains_the_rest():
    text = render_article(
        title="A headline",
        date=NOW,
        category="Opinion",
        tags="harbour",
        author="Amara Okafor",
        slug="a-headline",
    )
    assert read_header(text) == {
        "title": "A headline",
        "date": "2026-09-01 07:45",
        "category": "Opinion",
        "tags": "harbour",
        "author": "Amara Okafor",
        "slug": "a-headline",
        "status": "draft",
    }
    body = text.split("\n\n", 1)[1]
    for field in ("Summary:", "Modified:", "Disclosure:", "Disclaimer:"):
        assert f"[//]: # ({field}" in body


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_invoke(*args, cwd=project)


def test_invoke_new_writes_a_draft_that_builds_cleanly(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    run = invoke(project, "new", "The ferry needs a night service", "--author", "ingrid-solberg",
                 "--category", "analysis", "--tags", "ferry, transport")  # fmt: skip
    assert run.returncode == 0, run.stderr
    path = project / "content/articles/the-ferry-needs-a-night-service.md"
    assert "Created content/articles/the-ferry-needs-a-night-service.md" in run.stdout
    assert "/drafts/the-ferry-needs-a-night-service/" in run.stdout
    meta = read_header(path.read_text(encoding="utf-8"))
    assert meta["author"] == "Ingrid Solberg"
    assert meta["category"] == "Analysis"
    assert meta["tags"] == "ferry, transport"
    assert meta["date"][:10] == datetime.now(ZoneInfo("Europe/Oslo")).strftime("%Y-%m-%d")

    dev = build_site(tmp_path / "dev", content=project / "content")
    assert dev.returncode == 0, dev.log
    assert "error" not in dev.log.lower() and "warning" not in dev.log.lower(), dev.log
    page = dev.page("drafts/the-ferry-needs-a-night-service/")
    assert page.h1.get_text(" ", strip=True).replace("\xa0", " ") == (
        "The ferry needs a night service"
    )
    assert "[//]" not in page.get_text() and "notes for you" not in str(page)
    published = build_site(tmp_path / "pub", content=project / "content", settings="publishconf.py")
    assert published.returncode == 0, published.log
    assert not list(published.output.rglob("*night-service*"))

    # Ready: the author deletes the Status line and the article is published.
    path.write_text(path.read_text(encoding="utf-8").replace("Status: draft\n", ""), "utf-8")
    published = build_site(
        tmp_path / "pub2", content=project / "content", settings="publishconf.py"
    )
    assert published.returncode == 0, published.log
    assert "The ferry needs a night" in published.page("index.html").get_text()


def test_invoke_new_refuses_to_overwrite_and_names_unknown_authors(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    existing = project / "content/articles/harbour-tunnel-bet.md"
    before = existing.read_text(encoding="utf-8")
    run = invoke(project, "new", "Harbour tunnel bet", "--author", "amara-okafor")
    assert run.returncode == 2
    assert "content/articles/harbour-tunnel-bet.md already exists; not overwriting it" in (
        run.stderr
    )
    assert existing.read_text(encoding="utf-8") == before

    run = invoke(project, "new", "Another piece", "--author", "nobody")
    assert run.returncode == 2
    assert 'unknown author "nobody"' in run.stderr and "amara-okafor" in run.stderr
    assert "Traceback" not in run.stderr
    run = invoke(project, "new", "Another piece", "--author", "amara-okafor", "--category", "Sprot")
    assert run.returncode == 2
    assert 'unknown category "Sprot"' in run.stderr
    assert "Opinion, Analysis, News" in run.stderr
    assert not (project / "content/articles/another-piece.md").exists()


def test_same_slug_in_another_file_is_refused(tmp_path: Path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "old-name.md").write_text("Title: X\nSlug: fresh-take\n\nBody\n")
    with pytest.raises(NewArticleError, match='already uses the slug "fresh-take"'):
        create_article(content, SETTINGS, "Fresh take", "Anyone", category="Opinion", now=NOW)
    created = create_article(content, SETTINGS, "Fresher take", "Anyone", now=NOW)
    assert created.path == content / "articles" / "fresher-take.md"
    assert created.category == "Opinion"  # no articles by this author: first column
