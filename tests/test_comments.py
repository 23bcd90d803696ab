"""Comments (plugins/comments): the pure rules, then real builds read back with an HTML parser,
then the Isso configuration the tasks write, read by Isso's own parser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from comments.csp import content_security_policy, extra_sources_problems
from comments.isso_config import ConfigError, config_value, placeholders, render
from comments.policy import (
    comments_switch,
    normalise_url,
    origin,
    settings_problems,
)
from conftest import (
    ROOT,
    article_output_path,
    build_site,
    run_invoke,
    sample_articles,
    write_articles,
)

DEV_ISSO = "http://127.0.0.1:8080"


#: Search (Pagefind) compiles WebAssembly: CSP_EXTRA_SOURCES in pelicanconf.py.
WASM = "'wasm-unsafe-eval'"


def article(title="A column", slug="a-column", extra=""):
    return (
        f"Title: {title}\nDate: 2026-05-01 09:00\nCategory: Opinion\nAuthor: Amara Okafor\n"
        f"Slug: {slug}\nSummary: Short.\n{extra}\nBody text.\n"
    )


def csp_of(doc) -> dict[str, list[str]]:
    meta = doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    return {
        part.split()[0]: part.split()[1:] for part in meta["content"].split(";") if part.strip()
    }


# --- pure rules ---------------------------------------------------------------


def test_settings_problems_name_the_setting_and_the_fix():
    assert settings_problems(None, "") == []
    assert settings_problems("isso", "https://comments.example.org") == []
    [problem] = settings_problems("disqus", "https://comments.example.org")
    assert problem.rule == "comments-provider"
    assert "COMMENTS_PROVIDER" in problem.message and "None" in problem.message
    for bad in ("", "comments.example.org", "/isso", "ftp://x.org", None):
        [problem] = settings_problems("isso", bad)
        assert problem.rule == "comments-isso-url"
        assert "ISSO_URL" in problem.message
    [problem] = settings_problems("isso", "https://c.example.org/?a=1")
    assert "query" in problem.message
    [problem] = settings_problems("isso", "http://c.example.org", "https://example.org")
    assert "mixed content" in problem.message
    assert settings_problems("isso", "http://127.0.0.1:8080", "http://localhost:8000") == []


def test_comments_line_reads_on_and_off_words():
    for word in ("off", "Off", " no ", "false", "closed"):
        assert comments_switch(word) is False
    for word in ("on", "yes", "True", "open"):
        assert comments_switch(word) is True
    assert comments_switch("maybe") is None


def test_urls_lose_their_trailing_slash_and_reduce_to_an_origin():
    assert normalise_url(" https://c.example.org/isso/ ") == "https://c.example.org/isso"
    assert origin("https://c.example.org:8443/isso") == "https://c.example.org:8443"


def test_csp_allows_only_self_and_the_comment_host():
    without = content_security_policy(None)
    assert "http" not in without
    assert "script-src 'self';" in without and "object-src 'none'" in without
    policy = content_security_policy("https://c.example.org")
    for directive in ("script-src", "style-src", "img-src", "connect-src"):
        assert f"{directive} 'self'" in policy
    assert "script-src 'self' https://c.example.org;" in policy
    assert "connect-src 'self' https://c.example.org;" in policy
    assert "font-src 'self';" in policy and "unsafe-eval" not in policy
    extra = content_security_policy(None, {"script-src": ["'wasm-unsafe-eval'"]})
    assert "script-src 'self' 'wasm-unsafe-eval';" in extra


def test_csp_extra_sources_cannot_smuggle_directives():
    assert extra_sources_problems({"script-src": ["'wasm-unsafe-eval'"]}) == []
    assert extra_sources_problems(["x"])
    assert extra_sources_problems({"script-src": "https://a.org"})
    assert extra_sources_problems({"script-src": ["https://a.org; script-src *"]})
    assert extra_sources_problems({"Script Src": ["https://a.org"]})


def test_config_values_cannot_break_out_of_their_line():
    assert config_value(True) == "true"
    assert config_value(["http://a", "http://b"]) == "\n    http://a\n    http://b"
    with pytest.raises(ConfigError, match="line break"):
        config_value("secret\n[admin]\nenabled = true")
    with pytest.raises(ConfigError, match="environment variable"):
        config_value("pa$$word")
    with pytest.raises(ConfigError, match="no value for listen"):
        render("listen = @listen@\n", {})
    assert render("a = @x@\nb = @y@\n", {"x": 1, "y": False}) == "a = 1\nb = false\n"


# --- the sample site, development settings -------------------------------------


def test_article_has_the_comment_section(site):
    for _, meta in sample_articles():
        doc = site.page(article_output_path(meta))
        section = doc.find("section", class_="comments")
        assert section is not None, meta["slug"]
        assert section.h2.get_text() == "What do you think?"
        thread = section.find(id="isso-thread")
        year, month = meta["date"][:4], meta["date"][5:7]
        assert thread["data-isso-id"] == f"/{year}/{month}/{meta['slug']}/"
        assert thread["data-title"]
        [script] = section.find_all("script")
        assert script["src"] == f"{DEV_ISSO}/js/embed.min.js"
        assert script["data-isso"] == f"{DEV_ISSO}/"
        assert "JavaScript" in section.noscript.get_text()
        assert "approved" in section.find(class_="comments__note").get_text()
        # The section follows the article, outside it.
        assert section.find_parent("article") is None


def test_every_page_has_a_csp_naming_only_the_comment_host(site):
    for path in site.html_files():
        csp = csp_of(site.page(str(path.relative_to(site.output))))
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'", DEV_ISSO, WASM], path
        assert csp["connect-src"] == ["'self'", DEV_ISSO]
        assert csp["object-src"] == ["'none'"]


def test_listings_link_each_card_to_its_comments_and_load_the_counter_once(site):
    doc = site.page("index.html")
    cards = doc.select(".card")
    links = doc.select(".card .card__comments a")
    assert len(links) == len(cards) > 0
    for link in links:
        assert link["href"].endswith("/#isso-thread")
        assert link["data-isso-id"].startswith("/") and link["data-isso-id"].endswith("/")
    counters = [s for s in doc.find_all("script") if "count.min.js" in s.get("src", "")]
    assert [s["src"] for s in counters] == [f"{DEV_ISSO}/js/count.min.js"]
    # Pages are not articles: no comments there.
    about = site.page("about/index.html")
    assert about.find(id="isso-thread") is None
    assert "isso" not in str(about.find("main")).lower()


def test_published_site_uses_the_production_comment_host(published_site):
    doc = published_site.page(article_output_path(sample_articles()[0][1]))
    script = doc.select_one("section.comments script")
    assert script["src"] == "https://comments.northgate.example.org/js/embed.min.js"
    assert csp_of(doc)["script-src"] == ["'self'", "https://comments.northgate.example.org", WASM]
    # README.md documents the same policy for the equivalent HTTP header.
    meta = doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta["content"] in (ROOT / "README.md").read_text(encoding="utf-8")


# --- switched off -------------------------------------------------------------


def _no_isso_anywhere(output: Path) -> None:
    """No page or feed mentions Isso (column.css keeps its unused `#isso-thread` rules)."""
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".js"):
            text = path.read_text(encoding="utf-8").lower()
            assert "isso" not in text, path
            assert "127.0.0.1:8080" not in text, path
            assert "what do you think" not in text, path


def test_provider_none_means_no_page_references_isso(tmp_path):
    build = build_site(tmp_path / "out", overrides={"COMMENTS_PROVIDER": None})
    assert build.returncode == 0, build.log
    _no_isso_anywhere(build.output)
    csp = csp_of(build.page("index.html"))
    assert csp["script-src"] == ["'self'", WASM] and csp["connect-src"] == ["'self'"]


def test_publish_without_comment_server_publishes_without_comments(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMN_ISSO_URL", "")
    build = build_site(tmp_path / "out", settings="publishconf.py")
    assert build.returncode == 0, build.log
    _no_isso_anywhere(build.output)


def test_comments_off_on_one_article(tmp_path):
    content = write_articles(
        tmp_path,
        open=article("Open for comments", "open-one"),
        closed=article("Closed to comments", "closed-one", "Comments: off\n"),
    )
    build = build_site(tmp_path / "out", content=content)
    assert build.returncode == 0, build.log
    assert build.page("2026/05/open-one/").find(id="isso-thread") is not None
    closed = build.page("2026/05/closed-one/")
    assert closed.find(id="isso-thread") is None
    assert "isso" not in str(closed.find("main")).lower()
    index = build.page("index.html")
    assert [a["data-isso-id"] for a in index.select(".card__comments a")] == ["/2026/05/open-one/"]


def test_only_closed_articles_means_no_counter_script(tmp_path):
    content = write_articles(tmp_path, closed=article("Closed", "closed", "Comments: no\n"))
    build = build_site(tmp_path / "out", content=content)
    assert build.returncode == 0, build.log
    assert "count.min.js" not in (build.output / "index.html").read_text(encoding="utf-8")


def test_hostile_title_is_escaped_in_the_thread_title(tmp_path):
    title = 'Quotes "here" & <script>alert(1)</script>'
    content = write_articles(tmp_path, hostile=article(title, "hostile"))
    build = build_site(tmp_path / "out", content=content)
    assert build.returncode == 0, build.log
    html = (build.output / "2026/05/hostile/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    thread = build.page("2026/05/hostile/").find(id="isso-thread")
    assert "<script>alert(1)</script>" in thread["data-title"]  # as text, once parsed


# --- bad input: clear errors, publish refuses ---------------------------------


def test_unreadable_comments_line_is_reported_by_file(tmp_path):
    content = write_articles(tmp_path, odd=article("Odd", "odd", "Comments: maybe\n"))
    dev = build_site(tmp_path / "dev", content=content)
    assert dev.returncode == 0
    assert "odd.md: error:" in dev.log
    assert '"Comments: maybe" is neither on nor off' in dev.log
    assert "[comments-metadata]" in dev.log
    assert "Traceback" not in dev.log
    publish = build_site(tmp_path / "pub", content=content, settings="publishconf.py")
    assert publish.returncode == 1
    assert "Refusing to publish" in publish.log


def test_bad_isso_url_is_reported_and_comments_left_out(tmp_path):
    content = write_articles(tmp_path, one=article())
    dev = build_site(tmp_path / "dev", content=content, overrides={"ISSO_URL": "comments.org"})
    assert dev.returncode == 0
    assert "error: ISSO_URL is 'comments.org'" in dev.log
    assert "[comments-isso-url]" in dev.log and "Traceback" not in dev.log
    assert "isso" not in (dev.output / "2026/05/a-column/index.html").read_text().lower()
    publish = build_site(
        tmp_path / "pub",
        content=content,
        settings="publishconf.py",
        overrides={"COMMENTS_PROVIDER": "disquss"},
    )
    assert publish.returncode == 1
    assert "COMMENTS_PROVIDER is 'disquss'" in publish.log
    assert not (tmp_path / "pub" / "index.html").exists()


# --- the Isso configuration ---------------------------------------------------


def _isso_parse(text: str, tmp_path: Path):
    from isso import config  # noqa: PLC0415

    path = tmp_path / "isso.cfg"
    path.write_text(text, encoding="utf-8")
    return config.load(config.default_file(), str(path))


def test_production_config_is_what_isso_reads(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLUMN_ISSO")}
    out = run_invoke("comments-config", env=env)
    assert out.returncode == 0, out.stderr
    assert placeholders(out.stdout) == set()
    conf = _isso_parse(out.stdout, tmp_path)
    assert list(conf.getiter("general", "host")) == ["https://northgate.example.org"]
    assert conf.get("general", "dbpath") == "/var/lib/isso/column.db"
    assert conf.get("server", "listen") == "http://127.0.0.1:8081"
    assert conf.get("server", "public-endpoint") == "https://comments.northgate.example.org"
    assert conf.getboolean("moderation", "enabled") is True
    assert conf.getboolean("admin", "enabled") is False  # no password given
    assert conf.getboolean("guard", "enabled") is True
    assert conf.getint("guard", "ratelimit") == 2
    assert conf.get("general", "notify") == "stdout"
    assert conf.getboolean("general", "reply-notifications") is False
    assert conf.get("markup", "renderer") == "mistune"
    assert "escape" in conf.getlist("markup.mistune", "parameters")
    assert conf.get("hash", "salt") != "Eech7co8Ohloopo9Ol6baimi"  # not Isso's public salt

    env |= {
        "COLUMN_ISSO_SMTP_HOST": "mail.example.org",
        "COLUMN_ISSO_SMTP_TO": "editors@example.org",
        "COLUMN_ISSO_ADMIN_PASSWORD": "long-editor-password",
        "ISSO_SMTP_PASSWORD": "from-the-environment",
    }
    out = run_invoke("comments-config", "--dbpath", "/srv/isso/c.db", env=env)
    assert out.returncode == 0, out.stderr
    assert "from-the-environment" not in out.stdout  # the file holds no mail secret
    os.environ["ISSO_SMTP_PASSWORD"] = "from-the-environment"
    try:
        conf = _isso_parse(out.stdout, tmp_path)
        assert conf.get("smtp", "password") == "from-the-environment"
    finally:
        del os.environ["ISSO_SMTP_PASSWORD"]
    assert conf.get("general", "notify") == "smtp"
    assert conf.getboolean("general", "reply-notifications") is True
    assert conf.get("smtp", "host") == "mail.example.org"
    assert conf.getboolean("admin", "enabled") is True
    assert conf.get("admin", "password") == "long-editor-password"
    assert conf.get("general", "dbpath") == "/srv/isso/c.db"


def test_config_refuses_a_password_isso_would_misread():
    env = {**os.environ, "COLUMN_ISSO_ADMIN_PASSWORD": "pa$word"}
    out = run_invoke("comments-config", env=env)
    assert out.returncode == 2
    assert "comment-server/isso.cfg.in: error:" in out.stderr
    assert "environment variable" in out.stderr
