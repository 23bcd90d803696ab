"""The search records the conversion workers write (plugins/site_search/early.py),
without Pelican: in whatever order they arrive, they end up as write_records would
have written them, and any difference from the build's own records is found."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from site_search.early import FAILED, arrange, differences, write_flat
from site_search.records import write_records

PAGES = [
    ("2026/02/b/index.html", "<p>b</p>"),
    ("2026/01/a/index.html", "<p>a</p>"),
    ("2026/02/a/index.html", "<p>a, February</p>"),
    ("2025/12/z/index.html", "<p>z</p>"),
    ("opinion/caf%C3%A9 & co/index.html", "<p>quoted</p>"),
    ("2026/02/a/print.html", "<p>beside another</p>"),
]


def _listing(root: Path) -> list[str]:
    """Every file and folder in the order the file system lists them, which is the
    order Pagefind numbers the pages in."""
    found = []
    for top, folders, names in os.walk(root):
        found += [Path(top, n).relative_to(root).as_posix() for n in [*folders, *names]]
    return found


@pytest.fixture
def memory(tmp_path):
    """A folder in memory where the system has one: there a folder lists its files in
    the order they arrived, which is what arrange must get right."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        return tmp_path
    folder = tempfile.TemporaryDirectory(prefix="column-search-test-", dir=shm)
    yield Path(folder.name)
    folder.cleanup()


@pytest.mark.parametrize("order", [1, -1], ids=["as-listed", "reversed"])
def test_records_arriving_in_any_order_are_arranged_as_written_in_order(memory, order):
    expected = memory / "expected"
    write_records(expected, PAGES)
    flat, tree = memory / "flat", memory / "tree"
    flat.mkdir()
    for path, html in PAGES[::order]:
        write_flat(flat, path, html)
    assert arrange(flat, tree) == len(PAGES)
    assert os.listdir(flat) == []
    assert _listing(tree) == _listing(expected)
    for path, html in PAGES:
        assert (tree / path).read_text(encoding="utf-8") == html
    assert differences(tree, PAGES) is None


def test_a_page_address_written_twice_fails_the_whole_forecast(tmp_path):
    flat = tmp_path / "flat"
    flat.mkdir()
    write_flat(flat, "2026/01/a/index.html", "<p>one</p>")
    write_flat(flat, "2026/01/a/index.html", "<p>other</p>")
    assert (flat / FAILED).exists()
    with pytest.raises(ValueError, match="could not write"):
        arrange(flat, tmp_path / "tree")


def test_a_record_that_cannot_be_written_fails_the_whole_forecast(tmp_path):
    write_flat(tmp_path / "gone", "2026/01/a/index.html", "<p>one</p>")
    assert not (tmp_path / "gone").exists()
    flat = tmp_path / "flat"
    flat.mkdir()
    write_flat(flat, "2026/01/a/index.html", "\udc80 not encodable")
    with pytest.raises(ValueError):
        arrange(flat, tmp_path / "tree")


def test_an_address_leaving_the_folder_is_refused(tmp_path):
    flat = tmp_path / "flat"
    flat.mkdir()
    write_flat(flat, "../outside.html", "<p>x</p>")
    with pytest.raises(ValueError, match="inside the output"):
        arrange(flat, tmp_path / "tree")
    assert not (tmp_path / "outside.html").exists()


def test_every_difference_from_the_builds_records_is_found(tmp_path):
    write_records(tmp_path, PAGES)
    assert differences(tmp_path, PAGES) is None
    assert differences(tmp_path, list(reversed(PAGES))) is None
    changed = [(p, h + " ") if p.startswith("2026/01") else (p, h) for p, h in PAGES]
    assert differences(tmp_path, changed) == "the record of 2026/01/a/index.html differs"
    assert differences(tmp_path, [*PAGES, ("2027/01/new/index.html", "<p>new</p>")]) == (
        "no record for 2027/01/new/index.html"
    )
    dropped = [page for page in PAGES if not page[0].startswith("2025")]
    assert differences(tmp_path, dropped) == (
        "1 record(s) for no published article, such as 2025/12/z/index.html"
    )
    twice = [*PAGES, (PAGES[0][0], "<p>another article, same address</p>")]
    assert differences(tmp_path, twice) == "two articles are saved as one page"
