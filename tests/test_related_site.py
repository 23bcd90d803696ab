"""Related stories in real builds: the block on the sample site, pins, escaping, drafts,
errors naming the file, the generated archive end to end, and the invoke tasks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import (
    ROOT,
    article_output_path,
    build_site,
    run_invoke,
    sample_articles,
    write_articles,
)

from benchmarks.corpus import generate, write_content

ARTICLES = {meta["slug"]: meta for _, meta in sample_articles()}
WATER = {
    "valley-dam-closure-confirmed",
    "varra-dam-spillway-cracks",
    "varra-reservoir-numbers",
    "one-water-plan-for-the-valley",
    "cracks-are-not-the-crisis",
}


def related_block(build, meta):
    return build.page(article_output_path(meta)).select_one("section.related")


def related_slugs(build, meta) -> list[str]:
    block = related_block(build, meta)
    if block is None:
        return []
    return [a["href"].rstrip("/").split("/")[-1] for a in block.select("li a.related__link")]


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_every_sample_article_ends_with_related_stories(site, slug):
    meta = ARTICLES[slug]
    page = site.output / article_output_path(meta)
    doc = site.page(article_output_path(meta))
    block = doc.select_one("main section.related")
    assert block is not None, "no related stories"
    heading = block.find("h2")
    assert heading.get_text(strip=True) == "Related stories"
    assert block["aria-labelledby"] == heading["id"]
    assert doc.select("main article + section.related"), "after the article"
    items = block.select("li")
    assert 1 <= len(items) <= 3
    for item in items:
        link = item.select_one("a.related__link")
        target = (page.parent / link["href"]).resolve() / "index.html"
        assert target.is_file(), link["href"]
        assert target != page.resolve(), "an article is not its own related story"
        other = ARTICLES[link["href"].rstrip("/").split("/")[-1]]
        assert link.get_text(" ", strip=True).replace("\xa0", " ")
        time = item.find("time")
        assert datetime.fromisoformat(time["datetime"]).strftime("%Y-%m-%d %H:%M") == other["date"]
        assert time.get_text(strip=True)
        assert item.select_one(".related__column").get_text(strip=True) == other["category"]


def test_sample_picks_make_sense(site):
    """Water stories point to water stories; the election pieces to each other."""
    for slug in WATER:
        picks = related_slugs(site, ARTICLES[slug])
        assert set(picks) <= WATER - {slug}, (slug, picks)
        assert len(picks) == 3
    polling = related_slugs(site, ARTICLES["new-polling-stations-approved"])
    assert polling[0] == "vote-in-council-election"
    vote = related_slugs(site, ARTICLES["vote-in-council-election"])
    assert vote[0] == "new-polling-stations-approved"
    housing = related_slugs(site, ARTICLES["temporary-housing-lasts-forever"])
    assert housing[0] == "northgate-housing-pipeline"


def test_pins_in_the_sample_come_first_in_order(site):
    dam = ARTICLES["valley-dam-closure-confirmed"]
    assert dam["related"] == "varra-dam-spillway-cracks, varra-reservoir-numbers"
    picks = related_slugs(site, dam)
    assert picks[:2] == ["varra-dam-spillway-cracks", "varra-reservoir-numbers"]
    assert len(picks) == 3 and picks[2] in WATER
    library = ARTICLES["library-sunday-closures"]
    assert related_slugs(site, library)[0] == "city-budget-2027-explained"


ARTICLE = """Title: {title}
Date: {date}
Category: {category}
Author: Amara Okafor
Slug: {slug}
{extra}
{body}
"""
DAM = "The spillway of the Varra dam is cracked and the reservoir must be lowered. " * 20
LIBRARY = "Branch libraries close on Sundays and readers lose their reading rooms. " * 20


def article(slug, body, *, title=None, date="2026-03-01 10:00", category="News", extra=""):
    return ARTICLE.format(
        title=title or slug.replace("-", " ").capitalize(),
        date=date,
        category=category,
        slug=slug,
        extra=extra + "\n" if extra else "",
        body=body,
    )


def test_titles_are_escaped_and_drafts_and_hidden_never_shown(tmp_path):
    content = write_articles(
        tmp_path,
        dam_one=article("dam-one", DAM),
        dam_two=article("dam-two", DAM, title='Dams & <b>bold</b> "claims" <script>x()</script>'),
        dam_draft=article("dam-draft", DAM, extra="Status: draft"),
        dam_hidden=article("dam-hidden", DAM, extra="Status: hidden"),
        library=article("library", LIBRARY),
        library_two=article("library-two", LIBRARY),
    )
    build = build_site(tmp_path / "output", content)
    assert build.returncode == 0, build.log
    block = related_block(build, {"date": "2026-03-01", "slug": "dam-one"})
    assert [a.get_text(" ", strip=True).replace("\xa0", " ") for a in block.select("a")] == [
        "Dams & <b>bold</b> \u201cclaims\u201d <script>x()</script>"
    ]
    assert not block.select("b, script")
    for slug in ("dam-one", "dam-two", "library", "library-two"):
        picks = related_slugs(build, {"date": "2026-03-01", "slug": slug})
        assert not {"dam-draft", "dam-hidden", slug} & set(picks), slug
    draft = build.page("drafts/dam-draft/")
    assert [a["href"].rstrip("/").split("/")[-1] for a in draft.select("section.related a")] == [
        "dam-one",
        "dam-two",
    ]


def test_a_bad_pin_names_the_file_once_builds_in_development_and_stops_publishing(tmp_path):
    content = write_articles(
        tmp_path,
        dam_one=article("dam-one", DAM, extra="Related: library, no-such-story, dam-draft"),
        dam_two=article("dam-two", DAM),
        dam_draft=article("dam-draft", DAM, extra="Status: draft"),
        library=article("library", LIBRARY),
    )
    dev = build_site(tmp_path / "dev", content)
    assert dev.returncode == 0, dev.log
    log = " ".join(dev.log.split())
    # The editorial checks report an unknown slug (with its line); related does not repeat it.
    assert log.count('"Related: no-such-story"') == 1
    assert "articles/dam_one.md:6: error:" in log and "[related-unknown]" in log
    assert (
        'articles/dam_one.md: error: "Related: dam-draft" names a draft or hidden article'
    ) in log
    assert log.count("[related-unlisted]") == 1
    assert "Traceback" not in dev.log
    picks = related_slugs(dev, {"date": "2026-03-01", "slug": "dam-one"})
    assert picks == ["library", "dam-two"]

    publish = build_site(tmp_path / "publish", content, settings="publishconf.py")
    assert publish.returncode == 1
    assert not (tmp_path / "publish" / "index.html").exists()


def test_without_the_checks_related_reports_unknown_pins_itself(tmp_path):
    content = write_articles(
        tmp_path,
        dam_one=article("dam-one", DAM, extra="Related: no-such-story"),
        dam_two=article("dam-two", DAM),
    )
    build = build_site(
        tmp_path / "dev", content, overrides={"CHECKS_DISABLED": ["related-unknown"]}
    )
    assert build.returncode == 0, build.log
    log = " ".join(build.log.split())
    message = (
        'articles/dam_one.md: error: "Related: no-such-story" names no article: use the '
        "Slug of a published article"
    )
    assert message in log and log.count('"Related: no-such-story"') == 1
    assert "[related-unknown]" in log


def test_related_explain_setting_prints_the_scores(tmp_path):
    content = write_articles(
        tmp_path, dam_one=article("dam-one", DAM), dam_two=article("dam-two", DAM)
    )
    build = build_site(tmp_path / "output", content, overrides={"RELATED_EXPLAIN": ["dam-one"]})
    assert build.returncode == 0, build.log
    assert "Related stories for 'dam-one'" in build.log
    [row] = [line for line in build.log.splitlines() if line.rstrip().endswith(" dam-two")]
    assert row.split()[1] == "*"


def test_generated_archive_end_to_end(tmp_path):
    """The corpus generator's files build with Pelican, and the pages' related stories
    mostly share the article's hidden topic, tagged or not. (In an archive this small,
    untagged articles often find fewer than three stories above RELATED_MIN_SCORE: an
    empty slot beats a wrong story. tests/test_related.py measures 1,000 articles.)"""
    articles = generate(150, seed=5, untagged=0.3, topics=5)
    content = write_content(articles, tmp_path / "content")
    build = build_site(tmp_path / "output", content)
    assert build.returncode == 0, build.log
    assert ": error:" not in build.log, build.log
    topic = {a.slug: a.topic for a in articles}
    hits = {True: [0, 0], False: [0, 0]}
    for a in articles:
        picks = related_slugs(build, {"date": f"{a.date:%Y-%m-%d}", "slug": a.slug})
        hits[bool(a.tags)][0] += sum(topic[p] == a.topic for p in picks)
        hits[bool(a.tags)][1] += len(picks)
    assert hits[True][1] >= 2.5 * sum(bool(a.tags) for a in articles)
    assert hits[False][1] >= 0.5 * sum(not a.tags for a in articles)
    assert hits[True][0] / hits[True][1] >= 0.85
    assert hits[False][0] / hits[False][1] >= 0.75


def test_generated_markdown_files_are_deterministic(tmp_path):
    first = write_content(generate(30, seed=2, untagged=0.5, drafts=0.2), tmp_path / "a")
    second = write_content(generate(30, seed=2, untagged=0.5, drafts=0.2), tmp_path / "b")
    files = sorted((first / "articles").glob("*.md"))
    assert len(files) == 30
    for path in files:
        assert path.read_bytes() == (second / "articles" / path.name).read_bytes()
    texts = [p.read_text() for p in files]
    assert any("Status: draft" in t for t in texts)
    assert any("\nTags: " in t for t in texts) and any("\nTags: " not in t for t in texts)
    assert all(700 <= len(t.split("\n\n", 1)[1].split()) <= 1100 for t in texts)


def invoke(*args, cwd: Path = ROOT):
    return run_invoke(*args, cwd=cwd)


def test_invoke_related_explain():
    out = invoke("related-explain", "valley-dam-closure-confirmed", "--count", "4")
    assert out.returncode == 0, out.stderr
    rows = out.stdout.splitlines()[2:]
    assert [r.split()[1] for r in rows[:3]] == ["pin", "pin", "*"]
    assert rows[0].endswith("varra-dam-spillway-cracks")
    assert len(rows) == 4
    missing = invoke("related-explain", "no-such-story")
    assert missing.returncode == 2
    assert "No article has the slug 'no-such-story'" in missing.stderr


def test_invoke_related_bench_prints_times_memory_and_the_pelican_comparison():
    out = invoke("related-bench", "--sizes", "60,120", "--read", "30")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    rows = {
        line.split()[0]: line.split() for line in lines if line.split()[:1] in (["60"], ["120"])
    }
    assert set(rows) == {"60", "120"}
    for cells in rows.values():
        seconds, peak = float(cells[1]), float(cells[2])
        assert seconds > 0 and peak >= 0
    assert any(
        "Pelican reading 10,000 such articles" in line and "measured for 30" in line
        for line in lines
    )


def all_related(build, articles) -> dict[str, list[str]]:
    return {
        a.slug: related_slugs(build, {"date": f"{a.date:%Y-%m-%d}", "slug": a.slug})
        for a in articles
    }


def test_a_warm_rebuild_after_an_edit_picks_what_a_cold_build_picks(tmp_path):
    """Counted words come from the build cache on a rebuild, except the edited article's:
    the related stories must be those a build without any cache finds."""
    articles = generate(80, seed=9, untagged=0.3, drafts=0.1, topics=6)
    content = write_content(articles, tmp_path / "content")
    cold = build_site(tmp_path / "first", content, args=("-v",))
    assert cold.returncode == 0, cold.log
    assert "counted the words of 80 articles, 0 from the build cache" in cold.log
    assert (tmp_path / "first.cache" / "fastbuild-related.pickle").is_file()
    listed = [a for a in articles if a.status != "draft"]
    before = all_related(cold, listed)

    edited = content / "articles" / f"{articles[3].slug}.md"
    text = edited.read_text(encoding="utf-8")
    # The edited article now shares its words with another topic's article.
    other = next(a for a in articles if a.topic != articles[3].topic and a.status != "draft")
    edited.write_text(text + "\n\n" + other.body + "\n", encoding="utf-8")
    warm = build_site(tmp_path / "first", content, args=("-v",))  # same output and cache
    assert warm.returncode == 0, warm.log
    assert "counted the words of 1 articles, 79 from the build cache" in warm.log

    fresh = build_site(tmp_path / "fresh", content, overrides={"BUILD_CACHE": False})
    assert fresh.returncode == 0, fresh.log
    expected = all_related(fresh, listed)
    assert all_related(warm, listed) == expected
    assert sum(map(len, expected.values())) >= len(listed)  # the comparison compares picks
    assert before != expected  # the edit moved some picks


def test_display_paths_are_byline_display_path(tmp_path, monkeypatch):
    from byline.glue import display_path  # noqa: PLC0415
    from related.glue import DisplayPaths  # noqa: PLC0415

    work = tmp_path / "work"
    (work / "content").mkdir(parents=True)
    inside = work / "content" / "a.md"
    inside.write_text("x")
    outside = tmp_path / "elsewhere.md"
    outside.write_text("x")
    (work / "content" / "link.md").symlink_to(outside)
    (tmp_path / "work-sibling.md").write_text("x")  # a name the cwd is a prefix of
    (tmp_path / "shelf" / "deep").mkdir(parents=True)
    (tmp_path / "shelf" / "deep" / "b.md").write_text("x")
    (tmp_path / "shelf" / "c.md").write_text("x")
    (work / "content" / "shelf").symlink_to(tmp_path / "shelf" / "deep")  # a linked folder
    (work / "content" / "mine").symlink_to(work / "content")  # one that leads back in
    monkeypatch.chdir(work)
    paths = [
        inside,
        str(inside),
        "content/a.md",
        "./content/../content/a.md",
        outside,
        work / "content" / "link.md",
        tmp_path / "work-sibling.md",
        tmp_path / "missing.md",
        work / "content" / "shelf" / "b.md",
        "content/shelf/b.md",
        "content/shelf/../c.md",
        work / "content" / "mine" / "a.md",
        "content/mine/a.md",
    ]
    fast = DisplayPaths()
    assert [fast(p) for p in paths] == [display_path(p) for p in paths]
    assert fast(inside) == "content/a.md" and fast(outside) == outside.as_posix()


def test_related_stories_are_computed_with_small_pages(monkeypatch):
    """NumPy's huge pages cost the index 0.2 s of system time in a build (related/pages.py)."""
    from numpy._core import multiarray  # noqa: PLC0415
    from related import glue  # noqa: PLC0415

    seen = []

    def probe(generator):
        seen.append(multiarray._get_madvise_hugepage())

    monkeypatch.setattr(glue, "_attach_related", probe)
    before = multiarray._set_madvise_hugepage(True)
    try:
        glue.attach_related(object())
    finally:
        multiarray._set_madvise_hugepage(before)
    assert seen == [False]
