"""Remembered answers are Pelican's own: the same slug as utils.slugify for every name
and setting, on a site's categories, tags and authors, and the same relative source
path as Content.get_relative_source_path, wherever the build runs from."""

from __future__ import annotations

import random

import pytest
from fastbuild import remembered
from pelican import contents, urlwrappers, utils
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag

NAMES = [
    "Tomás Herrera", "Amara Okafor", "Opinion & more", "C++", "<em>Big</em> Ideas",
    "  spaced   out  ", "Ærøskøbing", "東京", "ﬁsh ligature", "Ampersand &amp; co",
    "UPPER lower", "dash-es — and – quotes ’", "", "-", "Čeština",
]  # fmt: skip
SUBSTITUTIONS = [
    (),
    DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"],
    [["[^\\w\\s-]", ""], ["(?u)\\A\\s*", ""], ["[-\\s]+", "_"]],  # lists, as JSON gives
    [("c\\+\\+", "cpp"), ("&", "and")],
]


@pytest.mark.parametrize("subs", SUBSTITUTIONS)
@pytest.mark.parametrize("preserve_case", [False, True])
@pytest.mark.parametrize("use_unicode", [False, True])
def test_the_same_slug_as_slugify_asked_twice(subs, preserve_case, use_unicode):
    for name in NAMES:
        expected = utils.slugify(name, subs, preserve_case, use_unicode)
        for _ in range(2):  # the second answer comes from memory
            assert remembered.remembered_slugify(name, subs, preserve_case, use_unicode) == expected


def test_random_names():
    rng = random.Random(7)
    letters = "aZé &-_'’<>/.+ñß東"
    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    for _ in range(2000):
        name = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        assert remembered.remembered_slugify(name, subs) == utils.slugify(name, subs)


def test_wrappers_get_the_same_slugs(monkeypatch):
    monkeypatch.setattr(urlwrappers, "slugify", utils.slugify)
    monkeypatch.setattr(
        contents.Content, "get_relative_source_path", remembered._stock_relative_source_path
    )
    settings = {**DEFAULT_CONFIG, "TAG_REGEX_SUBSTITUTIONS": [("ß", "ss")]}
    kinds = (Category, Tag, Author)
    stock = [cls(name, settings).slug for cls in kinds for name in NAMES]
    remembered.install()
    assert urlwrappers.slugify is remembered.remembered_slugify
    assert [cls(name, settings).slug for cls in kinds for name in NAMES] == stock
    renamed = Tag("Straße", settings)
    assert renamed.slug == "strasse"
    renamed.name = "Gasse"
    assert renamed.slug == "gasse", "a renamed wrapper works its slug out again"


def test_the_same_relative_source_paths_from_any_folder(tmp_path, monkeypatch):
    stock = remembered._stock_relative_source_path
    (tmp_path / "site" / "content" / "articles").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    sources = [
        "articles/one.md", "./articles/../articles/two.md", "pages/about.md", "three.md",
        str(tmp_path / "site" / "content" / "articles" / "four.md"), str(tmp_path / "outside.md"),
        "../sibling/five.md", "articles//six.md", "ünïcode/sept.md",
    ]  # fmt: skip
    for folder in (tmp_path / "site", tmp_path / "elsewhere", tmp_path / "site" / "content"):
        monkeypatch.chdir(folder)
        for path_setting in ("content", str(tmp_path / "site" / "content"), "./content/"):
            page = contents.Page("", settings={**DEFAULT_CONFIG, "PATH": path_setting})
            for source in sources:
                page.source_path = source
                expected = stock(page)
                for _ in range(2):  # the second answer comes from memory
                    assert remembered.remembered_relative_source_path(page) == expected
                    assert remembered.remembered_relative_source_path(page, source) == expected
    page.source_path = None
    assert remembered.remembered_relative_source_path(page) is None


def test_content_objects_use_the_remembered_path_once_installed(monkeypatch):
    monkeypatch.setattr(
        contents.Content, "get_relative_source_path", remembered._stock_relative_source_path
    )
    remembered.install()
    page = contents.Page("", settings={**DEFAULT_CONFIG, "PATH": "content"}, source_path="x.md")
    assert contents.Content.get_relative_source_path is remembered.remembered_relative_source_path
    assert page.get_relative_source_path() == "x.md"
    assert page.get_relative_source_path("articles/y.md") == "articles/y.md"
