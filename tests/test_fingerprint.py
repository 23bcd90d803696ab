"""Fingerprinted theme assets: the name follows the content, pages point at it, and the
file is there."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, build_site
from fingerprint.hashing import fingerprinted_name, is_fingerprinted, served_bytes, stale_copies

from deploy.headers import is_fingerprinted as deploy_sees_fingerprint


def test_name_carries_the_hash_before_the_suffix():
    name = fingerprinted_name("css/column.css", b"body{}")
    assert name.startswith("css/column.") and name.endswith(".css")
    assert len(name) == len("css/column..css") + 8
    assert fingerprinted_name("css/column.css", b"body{}") == name
    assert fingerprinted_name("css/column.css", b"body{ }") != name
    assert fingerprinted_name("LICENSE", b"x").startswith("LICENSE.")


def test_fingerprinted_names_are_recognised_here_and_by_deploy():
    for original in ("css/column.css", "js/app.min.js", "fonts/x.woff2", "LICENSE"):
        name = fingerprinted_name(original, b"data")
        assert is_fingerprinted(name) and deploy_sees_fingerprint(name)
        assert not is_fingerprinted(original) and not deploy_sees_fingerprint(original)
    assert not deploy_sees_fingerprint("2026/03/harbour-tunnel-bet/index.html")
    assert not deploy_sees_fingerprint("feeds/all.atom.xml")


def test_stale_copies_are_earlier_fingerprints_of_the_same_file():
    existing = ["column.css", "column.0123abcd.css", "column.89abcdef.css", "other.0123abcd.css"]
    assert stale_copies(existing, "column.css", "column.89abcdef.css") == ["column.0123abcd.css"]


def test_pages_link_the_fingerprinted_stylesheet_that_exists(site):
    source = ROOT / "theme/static/css/column.css"
    served = served_bytes("css/column.css", source.read_bytes())
    expected = fingerprinted_name("css/column.css", served)
    for page in ("", "2026/03/harbour-tunnel-bet/", "author/amara-okafor/"):
        href = site.page(page or "index.html").find("link", rel="stylesheet")["href"]
        assert href.endswith("theme/" + expected)
        linked = (site.output / page / href).resolve()
        assert linked.read_bytes() == served


def test_published_pages_use_absolute_fingerprinted_url(published_site):
    href = published_site.page("index.html").find("link", rel="stylesheet")["href"]
    assert href.startswith("https://northgate.example.org/theme/css/column.")
    assert is_fingerprinted(href)
    assert (published_site.output / href.split(".org/", 1)[1]).is_file()


def test_name_changes_when_the_stylesheet_changes(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    output = tmp_path / "output"
    first = build_site(output, overrides={"THEME": str(theme)})
    assert first.returncode == 0, first.log
    before = first.page("index.html").find("link", rel="stylesheet")["href"]

    css = theme / "static/css/column.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.edited { color: red }\n", "utf-8")
    second = build_site(output, overrides={"THEME": str(theme)})  # same folder, as `build` does
    assert second.returncode == 0, second.log
    after = second.page("index.html").find("link", rel="stylesheet")["href"]

    assert before != after
    assert (output / after).read_text(encoding="utf-8").endswith(".edited{color:red}")
    assert not (output / before).exists(), "the stale copy should be removed"
    assert sorted(p.name for p in (output / "theme/css").iterdir()) == sorted(
        ["column.css", Path(after).name]
    )


def test_unknown_asset_is_reported_with_the_theme(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates/base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("'css/column.css'|asset", "'css/colum.css'|asset"),
        encoding="utf-8",
    )
    build = build_site(tmp_path / "out", overrides={"THEME": str(theme)})
    assert "error: the template asks for asset 'css/colum.css'" in build.log
    assert build.log.count("[fingerprint-missing]") == 1  # once, not once per page
    assert "Traceback" not in build.log


def test_stylesheets_are_served_minified_other_files_as_they_are():
    css = b"/* a note */\nbody {\n  color: red;\n}\n"
    assert served_bytes("css/x.css", css) == b"body{color:red}"
    assert served_bytes("css/x.css", css, minify_css=False) == css
    assert served_bytes("js/x.js", b"/* kept */ x = 1;\n") == b"/* kept */ x = 1;\n"
