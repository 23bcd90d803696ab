"""Reader search (plugins/site_search): the pure parts, then real builds read back.

What Pagefind indexed is read from its own files: each fragment holds the text of one
indexed page, so "not in any fragment" means "no search can find it".
"""

from __future__ import annotations

import gzip
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, ROOT, article_output_path, build_site, sample_articles, write_articles
from fastbuild.workers import yielding
from search_sites import article, build_regions_site
from site_search import glue
from site_search.config import SettingError, bundle_dir, exclude_selectors, index_config
from site_search.indexer import JEMALLOC_CONF_VARIABLE, IndexRun, pagefind_environment
from site_search.records import (
    SearchRecord,
    indexed_body,
    record_html,
    record_path,
    write_records,
)
from site_search.report import BundleSize, human_size, indexed_pages, measure, summary
from site_search.settings import DEFAULTS
from site_search.stable import ENTRY, UnknownLayout, pack, stabilise, unpack

ARTICLES = sample_articles()


def authors_of(meta: dict[str, str]) -> list[str]:
    names = meta.get("authors") or meta.get("author", "")
    return [n.strip() for n in names.split(",") if n.strip()]


def fragments(output: Path) -> dict[str, dict]:
    """Every indexed page, by URL, as Pagefind stored it (text, filters, meta)."""
    pages = {}
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        fragment = json.loads(raw[len(b"pagefind_dcd") :])
        pages[fragment["url"]] = fragment
    return pages


def indexed_words(output: Path) -> set[str]:
    text = " ".join(f["content"] for f in fragments(output).values())
    return set(re.findall(r"\w+", text.lower()))


# --- settings ---------------------------------------------------------------------


def test_bundle_dir_must_stay_inside_the_output():
    assert str(bundle_dir({"SEARCH_BUNDLE_DIR": "pagefind"})) == "pagefind"
    assert str(bundle_dir({"SEARCH_BUNDLE_DIR": "/assets/search/"})) == "assets/search"
    for bad in ("", "  ", ".", "..", "../site", "a/../../b", None, 3):
        with pytest.raises(SettingError, match="SEARCH_BUNDLE_DIR"):
            bundle_dir({"SEARCH_BUNDLE_DIR": bad})


def test_exclude_selectors_are_a_list_of_selectors():
    assert exclude_selectors({"SEARCH_EXCLUDE_SELECTORS": [" .disclaimer ", "aside"]}) == [
        ".disclaimer",
        "aside",
    ]
    assert exclude_selectors({}) == []
    for bad in (".disclaimer", [".a", ""], [None], {"a": 1}):
        with pytest.raises(SettingError, match="SEARCH_EXCLUDE_SELECTORS"):
            exclude_selectors({"SEARCH_EXCLUDE_SELECTORS": bad})


def test_index_config_checks_every_setting():
    settings = {"SEARCH_BUNDLE_DIR": "pagefind", "SEARCH_EXCLUDE_SELECTORS": [".disclaimer"]}
    assert index_config(settings) == {"exclude_selectors": [".disclaimer"]}
    with pytest.raises(SettingError):
        index_config({**settings, "SEARCH_BUNDLE_DIR": ".."})


# --- the build's report -----------------------------------------------------------


def test_measure_splits_index_from_runtime():
    size = measure(
        [
            ("pagefind-entry.json", 100),
            ("pagefind.en_0123456789.pf_meta", 400),
            ("fragment/en_abc.pf_fragment", 1000),
            ("index/en_def.pf_index", 2000),
            ("filter/en_123.pf_filter", 50),
            ("pagefind-ui.js", 120_000),
            ("wasm.en.pagefind", 70_000),
        ]
    )
    assert size == BundleSize(
        index_files=5, index_bytes=3550, runtime_files=2, runtime_bytes=190_000
    )
    assert size.total_bytes == 193_550


def test_sizes_and_summary_read_naturally():
    assert human_size(999) == "999 B"
    assert human_size(55_100) == "55.1 kB"
    assert human_size(2_500_000) == "2.5 MB"
    line = summary(13, 40, 0.314, BundleSize(19, 55_100, 12, 645_200), "output/pagefind/")
    assert line == (
        "Search index: 13 pages indexed (of 40 read) in 0.31 s; index 55.1 kB in 19 files "
        "+ Pagefind runtime and UI 645.2 kB (700.3 kB in output/pagefind/)"
    )
    assert summary(1, 1, 0, BundleSize(4, 10, 0, 0), "x/").startswith("Search index: 1 page ")


def test_indexed_pages_adds_up_languages():
    entry = {"languages": {"en": {"page_count": 12}, "nb": {"page_count": 3}}}
    assert indexed_pages(entry) == 15
    with pytest.raises(ValueError, match="languages"):
        indexed_pages({"version": "1.5.2"})


# --- stable output ----------------------------------------------------------------


def _bundle(filter_values: dict[str, list], sorts: list, lang: str = "en") -> dict[str, bytes]:
    """A bundle shaped like Pagefind 1.5's, filters in the order given."""
    files, filters = {}, []
    for n, (name, values) in enumerate(filter_values.items()):
        data, _ = pack([name, values])
        files[f"filter/{lang}_{n:07d}.pf_filter"] = data
        filters.append([name, f"{lang}_{n:07d}"])
    meta = ["1.5.2", [[f"{lang}_aaaaaaa", 10]], [["a", "z", f"{lang}_bbbbbbb"]], filters, sorts]
    data, _ = pack([*meta, ["title"]])
    files[f"pagefind.{lang}_0000000000.pf_meta"] = data
    entry = {
        "version": "1.5.2",
        "languages": {lang: {"hash": f"{lang}_0000000000", "wasm": lang, "page_count": 1}},
    }
    files[ENTRY] = json.dumps(entry).encode()
    return files


def _apply(files: dict[str, bytes]) -> dict[str, bytes]:
    changes = stabilise(files)
    result = {k: v for k, v in files.items() if k not in changes.delete}
    return {**result, **changes.write}


def test_stabilise_makes_hash_map_order_irrelevant():
    one = _bundle(
        {"columnist": [["Tomás", [1]], ["Amara", [0, 2]]], "year": [["2026", [0, 1, 2]]]},
        [["date", [2, 0, 1]]],
    )
    other = _bundle(
        {"year": [["2026", [0, 1, 2]]], "columnist": [["Amara", [0, 2]], ["Tomás", [1]]]},
        [["date", [2, 0, 1]]],
    )
    assert one != other
    assert _apply(one) == _apply(other)

    stable = _apply(one)
    entry = json.loads(stable[ENTRY])
    meta_name = f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    meta = unpack(stable[meta_name])
    assert [name for name, _ in meta[3]] == ["columnist", "year"]
    assert meta[5] == ["title"], "fields Pagefind wrote after the sorts are kept"
    columnist = unpack(stable[f"filter/{meta[3][0][1]}.pf_filter"])
    assert columnist == ["columnist", [["Amara", [0, 2]], ["Tomás", [1]]]]
    # Named as Pagefind names them: language, then the payload's SHA-1 prefix.
    assert re.fullmatch(r"en_[0-9a-f]{7}", meta[3][0][1])
    assert re.fullmatch(r"en_[0-9a-f]{10}", entry["languages"]["en"]["hash"])
    # Nothing stale left behind, and a second pass changes nothing.
    assert sorted(k for k in stable if k.startswith("filter/")) == sorted(
        f"filter/{h}.pf_filter" for _, h in meta[3]
    )
    assert _apply(stable) == stable


def test_stabilise_refuses_an_unknown_layout():
    files = _bundle({"year": [["2026", [0]]]}, [])
    files["pagefind.en_0000000000.pf_meta"] = pack(["1.5.2", []])[0]
    with pytest.raises(UnknownLayout):
        stabilise(files)
    files["pagefind.en_0000000000.pf_meta"] = gzip.compress(b"not pagefind")
    with pytest.raises(UnknownLayout, match="signature"):
        stabilise(files)


# --- search records ---------------------------------------------------------------


def record_article(slug: str, **fields) -> SimpleNamespace:
    """What prepare_index reads of an article, as Pelican's Article has it."""
    values = {
        "status": "published",
        "save_as": f"2026/02/{slug}/index.html",
        "title": "Ferries &amp; the&nbsp;valley",
        "_content": "<p>The <em>ferry</em> runs late.</p>",
        "authors": ["Ann <Lee>", "Bo Ek"],
        "category": "Opinion & more",
        "date": datetime(2026, 2, 3, 12, 30, tzinfo=UTC),
        "locale_date": "3 February 2026",
    }
    return SimpleNamespace(**{**values, **fields})


def test_a_record_holds_the_headline_and_body_and_escapes_the_details():
    record = glue.article_record(record_article("one"), "en")
    html = record_html(record)
    doc = BeautifulSoup(html, "html.parser")
    assert doc.html["lang"] == "en"
    h1, body = doc.select("[data-pagefind-body]")
    assert (h1.name, body.name) == ("h1", "div")
    assert "Ferries &amp; the&nbsp;valley" in html, "the headline is the page's own HTML"
    assert body.em.get_text() == "ferry"

    def values(kind: str) -> list[tuple[str, str]]:
        return [
            (el[f"data-pagefind-{kind}"], el.get_text())
            for el in doc.select(f"[data-pagefind-{kind}]")
        ]

    assert values("filter") == [
        ("columnist", "Ann <Lee>"),
        ("columnist", "Bo Ek"),
        ("column", "Opinion & more"),
        ("year", "2026"),
    ]
    assert values("sort") == [("date", str(int(record_article("one").date.timestamp())))]
    assert values("meta") == [
        ("columnist", "Ann <Lee> and Bo Ek"),
        ("column", "Opinion & more"),
        ("date", "3 February 2026"),
    ]
    assert "<Lee>" not in html, "author names are text, not markup"
    assert not doc.select("nav, header, footer, img")


def test_the_indexed_body_keeps_the_text_and_headings_and_drops_the_images():
    html = (
        '<h2 id="the-ferry">The ferry</h2>\n<p>Runs <a href="{filename}other.md">late</a>'
        '<img alt="A ferry" src="{static}/images/ferry.jpg">, often.</p>\n'
        '<figure><IMG SRC="{static}/a.png" alt="x"/><figcaption>Old Quay</figcaption></figure>'
        "<pre><code>&lt;img src=&quot;x&quot;&gt;</code></pre>"
    )
    body = indexed_body(html)
    doc = BeautifulSoup(body, "html.parser")
    assert not doc.select("img")
    assert doc.select_one("h2")["id"] == "the-ferry", "Pagefind's sub-results need the ids"
    assert doc.get_text() == BeautifulSoup(html, "html.parser").get_text()
    assert "&lt;img" in body, "an image shown as code is text, and stays"
    assert indexed_body("<p>No image.</p>") == "<p>No image.</p>"


def test_an_image_in_an_article_is_neither_warned_about_nor_a_search_result_picture(tmp_path):
    """The records are written before Pelican knows the static files: reading the
    body's {static} address then made Pelican warn "Unable to find" for every image,
    in every build, and gave the result a picture at a broken address."""
    content = write_articles(
        tmp_path,
        pictured=article("![A ferry]({static}/images/ferry.svg)\n\nThe ferry runs late.", "p"),
    )
    (content / "images").mkdir()
    (content / "images" / "ferry.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"></svg>', encoding="utf-8"
    )
    build = build_site(tmp_path / "output", content)
    assert build.returncode == 0, build.log
    assert "Unable to find" not in build.log
    page = BeautifulSoup(
        (build.output / "2026/02/p/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.select_one("article img[alt='A ferry']")["src"].endswith("images/ferry.svg")
    [fragment] = fragments(build.output).values()
    assert "ferry runs late" in fragment["content"]
    assert "image" not in fragment["meta"] and "{static}" not in json.dumps(fragment)


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "without-fork"])
def test_the_background_index_is_written_from_the_articles(tmp_path, monkeypatch, fork):
    """The live preview's records are written by the background process itself (forked
    from the build), or here where there is no fork; a record that cannot be written is
    reported by the next build."""
    if not fork:
        monkeypatch.delattr(glue.os, "fork")
    output = tmp_path / "output"
    bundle = output / "pagefind"
    output.mkdir()
    articles = [
        record_article("one", _content="<p>The ferry runs late.</p>"),
        record_article("two", title="Tides", _content="<p>Harbour tides turn.</p>"),
    ]
    glue.index_in_background(articles, "en", bundle, index_config(DEFAULTS))
    deadline = time.monotonic() + 120
    while not (bundle / ENTRY).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    pages = fragments(output)
    assert sorted(pages) == ["/2026/02/one/", "/2026/02/two/"]
    assert "ferry runs late" in pages["/2026/02/one/"]["content"]
    while glue.building_marker(bundle).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not glue.failure_note(bundle).exists()

    glue.index_in_background(
        [record_article("bad", save_as="../outside.html")], "en", bundle, index_config(DEFAULTS)
    )
    note, marker = glue.failure_note(bundle), glue.building_marker(bundle)
    while (marker.exists() or not note.exists()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "the search records were not written" in note.read_text(encoding="utf-8")
    assert "inside the output" in note.read_text(encoding="utf-8")
    assert not marker.exists()
    assert (bundle / ENTRY).exists(), "the index before stays in place"


def test_a_record_stays_inside_its_folder(tmp_path):
    assert record_path(tmp_path, "/2026/02/one/index.html") == tmp_path / "2026/02/one/index.html"
    for bad in ("../one.html", "2026/../../one.html", ""):
        with pytest.raises(ValueError, match="inside the output"):
            record_path(tmp_path, bad)


def test_records_go_to_memory_only_with_room_to_spare(monkeypatch):
    monkeypatch.setattr(
        glue.os, "statvfs", lambda path: SimpleNamespace(f_bavail=1000, f_frsize=4096)
    )
    monkeypatch.setattr(glue.os, "access", lambda path, mode: True)
    assert glue._memory_folder(1_000_000) == "/dev/shm"
    assert glue._memory_folder(3_000_000) is None, "4 MB free: the system's temporary folder"

    def missing(path):
        raise FileNotFoundError(path)

    monkeypatch.setattr(glue.os, "statvfs", missing)
    assert glue._memory_folder(1) is None


def test_pagefind_starts_on_the_records_as_soon_as_the_articles_are_read(tmp_path, monkeypatch):
    """Before any page is written: Pagefind reads the records, not the pages."""
    started = []

    class Run:
        def __init__(self, site, bundle, config, workdir=None, one_core=False):
            pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
            started.append((pages, Path(bundle), config, one_core))

        def stop(self):
            pass

    monkeypatch.setattr(glue, "IndexRun", Run)
    settings = {**DEFAULTS, "DEFAULT_LANG": "en", "BUILD_WORKERS": 2}
    glue.set_defaults(SimpleNamespace(settings=settings))
    generator = SimpleNamespace(
        articles=[record_article("one")],
        translations=[record_article("two"), record_article("draft", status="draft")],
        settings=settings,
        output_path=str(tmp_path / "output"),
    )
    glue.prepare_index(generator)
    [(pages, bundle, config, one_core)] = started
    assert one_core, "the build's workers have the other cores"
    assert yielding(), "and yield to Pagefind on its core"
    assert [p for p in pages if p.endswith(".html")] == [
        "2026/02/one/index.html",
        "2026/02/two/index.html",
    ]
    assert config == {"exclude_selectors": [".disclaimer"]}
    # Beside the output folder, so nothing that cleans the output can touch it.
    assert bundle.parent.parent == tmp_path and bundle.parent.name.startswith(".output-search-")
    records = glue._build["records"]
    glue._discard()
    assert not records.exists() and not bundle.parent.exists()
    assert not yielding()


@pytest.mark.parametrize(
    ("converting", "cached", "more", "forecast"),
    [
        (40, 0, {}, True),
        (40, 0, {"SEARCH_INDEX_IN_BACKGROUND": True}, False),  # the live preview
        (40, 0, {"BUILD_WORKERS": 1}, False),  # no workers to ride on
        (39, 1, {}, False),  # the cache answers for some: their records are not forecast
        (0, 0, {}, False),
        (40, 0, {"SEARCH_EXCLUDE_SELECTORS": "main"}, False),  # a wrong setting
    ],
)
def test_the_workers_forecast_the_records_only_when_they_convert_every_article(
    converting, cached, more, forecast
):
    settings = {**DEFAULTS, "DEFAULT_LANG": "en", "BUILD_WORKERS": 2, **more}
    glue.set_defaults(SimpleNamespace(settings=settings))
    glue.forecast_records(SimpleNamespace(settings=settings), converting, cached)
    flat = glue._build["flat"]
    try:
        assert (flat is not None) == forecast
        if forecast:
            assert flat.is_dir() and flat.name.startswith("column-search-forecast-")
    finally:
        glue._discard()
    assert flat is None or not flat.exists()


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_a_build_ended_by_sigterm_leaves_nothing_behind(tmp_path, settings):
    """A process manager's or a timeout's SIGTERM while Pagefind indexes: the build stops
    Pagefind and its workers, removes its search records, Pagefind's staging folder and
    (publish build) the half-written site, and dies of the signal; the site that was
    there stays as it was."""
    from benchmarks.build_bench import prepare_content  # noqa: PLC0415 - a generated site
    from benchmarks.corpus import generate  # noqa: PLC0415

    prepare_content(generate(400, seed=3), tmp_path / "content")
    output, temp = tmp_path / "output", tmp_path / "tmp"
    output.mkdir()
    (output / "index.html").write_text("the site as it was", encoding="utf-8")
    temp.mkdir()
    memory = Path("/dev/shm")
    in_memory = set(memory.iterdir()) if memory.is_dir() else set()
    cmd = [sys.executable, "-m", "pelican", str(tmp_path / "content"), "-o", str(output)]
    cmd += ["-s", str(ROOT / settings), "-q", "-e", f'CACHE_PATH="{tmp_path / "cache"}"']
    build = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    staging = ".output*-search-*"  # beside the output, or beside a publish build's new folder
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(staging)) and build.poll() is None:
        assert time.monotonic() < deadline, "Pagefind never started"
        time.sleep(0.01)
    assert build.poll() is None, "the build ended before Pagefind started: give it more articles"
    build.send_signal(signal.SIGTERM)
    _, errors = build.communicate(timeout=60)
    assert build.returncode == -signal.SIGTERM
    assert "Traceback" not in errors  # no worker left to find its parent gone
    time.sleep(1)  # a Pagefind left running would write its bundle meanwhile
    assert {p.name for p in tmp_path.iterdir()} <= {"cache", "content", "output", "tmp"}
    # Folders: Python's first look for a temporary folder writes and deletes a probe
    # file, which a signal at that very moment leaves behind; not this build's doing.
    assert [p.name for p in temp.iterdir() if p.is_dir()] == []
    if memory.is_dir():
        made = {p for p in memory.iterdir() if p.name.startswith("column-search-")}
        assert made <= in_memory
    if settings == "publishconf.py":
        assert [p.name for p in output.iterdir()] == ["index.html"]


# --- the sample site --------------------------------------------------------------


def test_article_pages_carry_no_pagefind_markup(site):
    """The records are what is indexed: pages need no hidden filters or regions."""
    for page in site.html_files():
        rel = page.relative_to(site.output).as_posix()
        markup = site.page(rel).select(
            "[data-pagefind-body], [data-pagefind-filter], [data-pagefind-meta], "
            "[data-pagefind-sort], [data-pagefind-ignore]"
        )
        assert markup == [], rel


@pytest.mark.parametrize(("path", "meta"), ARTICLES, ids=[p.stem for p, _ in ARTICLES])
def test_filters_and_meta_of_each_article(site, path, meta):
    url = "/" + article_output_path(meta).removesuffix("index.html")
    fragment = fragments(site.output)[url]
    assert fragment["filters"] == {
        "columnist": authors_of(meta),
        "column": [meta["category"]],
        "year": [meta["date"][:4]],
    }
    assert fragment["meta"]["columnist"] == " and ".join(authors_of(meta))
    assert fragment["meta"]["column"] == meta["category"]
    assert fragment["meta"]["date"]
    assert fragment["meta"]["title"]
    # The headline opens the indexed text; the byline and standfirst are not in it.
    assert fragment["content"].startswith(" ".join(fragment["meta"]["title"].split()))
    # The date shown is the page's own.
    doc = site.page(article_output_path(meta))
    assert fragment["meta"]["date"] == doc.select_one("time.dt-published").get_text(strip=True)


def test_the_index_names_a_columnist_as_the_profile_does(tmp_path):
    """An article may name its columnist by the profile's slug: the filters and result
    details give the profile's name, as the byline does (the records are written after
    plugins/columnists has swapped the names)."""
    content = write_articles(
        tmp_path, slugged=article("A column.", "slugged", author="amara-okafor")
    )
    shutil.copytree(CONTENT / "authors", content / "authors")
    build = build_site(tmp_path / "output", content, overrides={"BUILD_WORKERS": 2}, args=("-v",))
    [fragment] = fragments(build.output).values()
    assert fragment["filters"]["columnist"] == ["Amara Okafor"]
    assert fragment["meta"]["columnist"] == "Amara Okafor"
    # The conversion workers wrote the record before the name was swapped: the build
    # found it different from its own, and Pagefind started again on the right one.
    assert "Pagefind started on the conversion workers' records" in build.log
    assert "records differ from the articles as built (the record of " in build.log


def test_navigation_and_footer_words_are_not_indexed(site):
    doc = site.page("index.html")
    chrome = " ".join(
        el.get_text(" ") for el in doc.select(".skip-link, .site-header, .site-footer")
    )
    words = indexed_words(site.output)
    # Words that exist only in the page furniture: none may be found by a search.
    assert {"archives", "atom", "skip"} <= set(re.findall(r"\w+", chrome.lower()))
    assert not {"archives", "atom", "skip"} & words


def test_index_holds_every_published_article_and_is_stable(site):
    entry = json.loads((site.output / "pagefind" / ENTRY).read_text())
    assert entry["languages"]["en"]["page_count"] == len(ARTICLES)
    assert len(fragments(site.output)) == len(ARTICLES)
    # Pagefind's UI is served by the site itself.
    for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "wasm.en.pagefind"):
        assert (site.output / "pagefind" / name).is_file()
    # Filter values sorted, so the files are the same from one build to the next.
    for path in (site.output / "pagefind" / "filter").glob("*.pf_filter"):
        name, values = unpack(path.read_bytes())
        assert [v for v, _ in values] == sorted(v for v, _ in values), name


def test_build_prints_index_time_and_size(site):
    [line] = [ln for ln in site.log.splitlines() if ln.startswith("Search index:")]
    assert re.fullmatch(
        rf"Search index: {len(ARTICLES)} pages indexed \(of \d+ read\) in \d+\.\d\d s; "
        r"index [\d.]+ kB in \d+ files \+ Pagefind runtime and UI [\d.]+ kB "
        r"\([\d.]+ kB in .*pagefind/\)",
        line,
    ), line


def test_search_page_and_header_box(site):
    doc = site.page("search/")
    assert doc.h1.get_text(strip=True) == "Search"
    assert doc.select_one("link[rel=stylesheet][href$='pagefind/pagefind-ui.css']")
    scripts = [s["src"] for s in doc.select("script[src]")]
    assert [s.rsplit("/", 2)[-2:] for s in scripts] == [
        ["pagefind", "pagefind-ui.js"],
        ["js", "search.js"],
    ]
    assert all(not re.match(r"^(https?:)?//", s) for s in scripts), "served by the site itself"
    fallback = doc.select_one("noscript .search-fallback a[href$='archives/']")
    assert fallback is not None
    assert doc.select_one(".site-search") is None, "Pagefind's own box is on this page"

    for rel in ("index.html", article_output_path(ARTICLES[0][1]), "archives/index.html"):
        form = site.page(rel).select_one("header form.site-search[role=search]")
        assert form is not None, rel
        assert form["method"] == "get"
        assert form["action"].endswith("search/")
        assert form.select_one("input[type=search][name=q]")["id"] == form.label["for"]


def test_publish_build_indexes_with_absolute_urls(published_site):
    doc = published_site.page("search/")
    css = doc.select_one("link[href$='pagefind-ui.css']")["href"]
    assert css == "https://northgate.example.org/pagefind/pagefind-ui.css"
    assert len(fragments(published_site.output)) == len(ARTICLES)


# --- small sites built for one question -------------------------------------------


@pytest.fixture(scope="module")
def regions_site(tmp_path_factory):
    return build_regions_site(tmp_path_factory.mktemp("regions"))


def test_only_headline_and_body_words_are_found(regions_site):
    words = indexed_words(regions_site.output)
    assert {"zephyrine", "marmoreal", "bridge"} <= words
    page = (regions_site.output / "2026/02/body/index.html").read_text(encoding="utf-8")
    for word in ("gallimaufry", "flibbertigibbet", "quokkaesque", "marzipan"):
        assert word in page, f"the test page should show {word!r} somewhere"
    outside = {
        "gallimaufry",  # disclaimer after the body
        "flibbertigibbet",  # disclaimer inside the body (SEARCH_EXCLUDE_SELECTORS)
        "quokkaesque",  # standfirst
        "marzipan",  # tag list
        "kumquats",  # navigation
        "obsidianite",  # footer
        "xylophonic",  # a draft
        "vexillology",  # a hidden article
    }
    assert not outside & words


def test_drafts_and_hidden_articles_stay_out_of_the_index(regions_site):
    assert list(fragments(regions_site.output)) == ["/2026/02/body/"]
    assert "Search index: 1 page indexed" in regions_site.log


def test_a_site_without_articles_gets_no_index(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "about.md").write_text("Title: About\nSlug: about\n\nUs.\n")
    # Output left over from an earlier build: its index must not survive.
    stale = tmp_path / "output" / "pagefind" / "fragment"
    stale.mkdir(parents=True)
    (stale / "en_old.pf_fragment").write_bytes(b"old")
    build = build_site(tmp_path / "output", content=content)
    assert build.returncode == 0, build.log
    assert "Search index: not built, no published article to index." in build.log
    assert not (build.output / "pagefind").exists()


def test_rebuilding_replaces_the_index(tmp_path):
    content = write_articles(tmp_path, one=article("First zephyrine text.", "one"))
    build_site(tmp_path / "output", content=content)
    (content / "articles" / "one.md").write_text(article("Second marmoreal text.", "one"))
    build = build_site(tmp_path / "output", content=content)
    assert build.returncode == 0, build.log
    words = indexed_words(build.output)
    assert "marmoreal" in words and "zephyrine" not in words
    assert len(fragments(build.output)) == 1


def test_a_bad_setting_is_reported_and_refuses_the_publish_build(tmp_path):
    content = write_articles(tmp_path, one=article("Text.", "one"))
    overrides = {"SEARCH_BUNDLE_DIR": "../elsewhere"}
    build = build_site(tmp_path / "dev", content=content, overrides=overrides)
    assert build.returncode == 0
    assert "pelicanconf.py: error: SEARCH_BUNDLE_DIR must be a folder" in build.log
    assert "[search-settings]" in build.log and "Traceback" not in build.log
    assert not (tmp_path / "elsewhere").exists()

    build = build_site(
        tmp_path / "pub", content=content, settings="publishconf.py", overrides=overrides
    )
    assert build.returncode == 1
    assert "Refusing to publish: 1 error above" in build.log


@pytest.mark.skipif(
    not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="needs a platform that holds a process to cores, and two of them",
)
def test_pagefind_beside_the_build_runs_on_one_core_and_alone_on_all(tmp_path, monkeypatch):
    seen = tmp_path / "seen.jsonl"
    fake = tmp_path / "pagefind"
    fake.write_text(
        f"#!{sys.executable}\nimport json, os, sys\n"
        f"with open({str(seen)!r}, 'a') as fh:\n"
        "    fh.write(json.dumps([sorted(os.sched_getaffinity(0)), sys.argv[1:]]) + '\\n')\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    (tmp_path / "site").mkdir()
    IndexRun(tmp_path / "site", tmp_path / "beside", {}, one_core=True).wait()
    IndexRun(tmp_path / "site", tmp_path / "alone", {}).wait()
    beside, alone = (json.loads(line) for line in seen.read_text().splitlines())
    cores = sorted(os.sched_getaffinity(0))
    assert beside == [[cores[-1]], ["--silent"]]
    assert alone == [cores, ["--silent"]]


def test_pagefind_s_allocator_keeps_freed_blocks_and_options_set_by_hand_win():
    environ = {"PATH": "/usr/bin"}
    assert pagefind_environment(environ) == {
        "PATH": "/usr/bin",
        JEMALLOC_CONF_VARIABLE: "tcache_max:131072",
    }
    assert environ == {"PATH": "/usr/bin"}  # a copy, not the build's own environment
    # jemalloc takes the last value of an option: the one set by hand.
    mine = pagefind_environment({JEMALLOC_CONF_VARIABLE: "tcache_max:32768,narenas:1"})
    assert mine[JEMALLOC_CONF_VARIABLE] == "tcache_max:131072,tcache_max:32768,narenas:1"


def test_pagefind_touches_fewer_new_pages_with_its_blocks_kept(tmp_path, monkeypatch):
    """The real binary on 300 generated articles: with freed blocks kept for reuse, it
    touches at least a fifth fewer new pages (about a third fewer at 300 and at 4,000)."""
    from benchmarks.corpus import generate  # noqa: PLC0415 - only this test needs it

    pages = []
    for a in generate(300, seed=3):
        body = "".join(f"<p>{p}</p>" for p in a.body.split("\n\n"))
        record = SearchRecord(f"{a.slug}/index.html", "en", a.title, body)
        pages.append((record.path, record_html(record)))
    write_records(tmp_path / "site", pages)

    def faults(bundle: str) -> int:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
        assert IndexRun(tmp_path / "site", tmp_path / bundle, {}).wait() == 300
        return resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt - before

    kept = faults("kept")
    monkeypatch.setenv(JEMALLOC_CONF_VARIABLE, "tcache_max:32768")  # jemalloc's default
    assert kept < 0.8 * faults("default")


def test_pagefind_failure_is_reported_by_name(tmp_path, monkeypatch):
    content = write_articles(tmp_path, one=article("Text.", "one"))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    build = build_site(tmp_path / "dev", content=content)
    assert build.returncode == 0, "a development build keeps the pages it wrote"
    assert "error: the search index could not be built:" in build.log
    assert "[search-index]" in build.log and "Traceback" not in build.log
    assert (build.output / "2026/02/one/index.html").exists()

    build = build_site(tmp_path / "pub", content=content, settings="publishconf.py")
    assert build.returncode == 1
    assert "error: the search index could not be built:" in build.log


def test_live_preview_builds_the_same_index_in_the_background(tmp_path):
    """`invoke livereload` returns before Pagefind has run; the index it swaps in
    afterwards is the one a build that waits for it would have written."""
    waited = build_site(tmp_path / "waited")
    preview = build_site(tmp_path / "preview", overrides={"SEARCH_INDEX_IN_BACKGROUND": True})
    assert preview.returncode == 0, preview.log
    assert "Search index: rebuilding in the background" in preview.log
    entry = preview.output / "pagefind" / ENTRY
    deadline = time.monotonic() + 120
    while not entry.exists() and time.monotonic() < deadline:
        time.sleep(0.2)

    def bundle(root: Path) -> dict[str, bytes]:
        folder = root / "pagefind"
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*")
            if p.is_file()
        }

    assert bundle(preview.output) == bundle(waited.output)
    assert not [p for p in preview.output.iterdir() if p.name.startswith(".pagefind")]
