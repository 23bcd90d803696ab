"""`invoke check` and development builds over tests/broken/: one broken file per rule
and per bad-file case, next to clean articles that must still build."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from checks.glue import DEV_WARNINGS
from checks.rules import RULES, UNBUILDABLE
from conftest import ROOT, build_site, run_invoke

BROKEN = ROOT / "tests" / "broken"

#: file (relative to tests/broken/) -> the findings it must give: (rule, line)
EXPECTED = {
    "articles/date-invalid.md": [("date-invalid", 2)],
    "articles/doubled-word.md": [("doubled-word", 9)],
    "articles/duplicate-slug.md": [("duplicate-slug", 5)],
    "articles/edit-mark.md": [("edit-mark", 8)],
    "articles/file-binary-word.docx": [("file-binary", 1)],
    "articles/file-binary.md": [("file-binary", 3)],
    "articles/file-empty.md": [("file-empty", 1)],
    "articles/file-encoding.md": [("file-encoding", 8)],
    "articles/file-ignored.txt": [("file-ignored", 1)],
    "articles/image-alt.md": [("image-alt", 8)],
    "articles/image-missing.md": [("image-missing", 8)],
    "articles/link-unresolved.md": [("link-unresolved", 8)],
    "articles/metadata-empty.md": [("metadata-empty", 7)],
    "articles/missing-author.md": [("missing-author", 5)],
    "articles/missing-category.md": [("missing-category", 5)],
    "articles/missing-date.md": [("missing-date", 5)],
    "articles/missing-title-empty.md": [("missing-title", 1)],
    "articles/missing-title.md": [("missing-title", 5)],
    "articles/quote-unattributed.md": [("quote-unattributed", 10)],
    "articles/related-unknown.md": [("related-unknown", 7)],
    "articles/repeated-paragraph.md": [("repeated-paragraph", 12)],
    "articles/repeated-sentence.md": [("repeated-sentence", 9)],
    "articles/scheduled.md": [("scheduled", 2)],
    "articles/summary-length.md": [("summary-length", 6)],
    "articles/title-length.md": [("title-length", 1)],
    "articles/unknown-author.md": [("unknown-author", 4)],
    "articles/unknown-category.md": [("unknown-category", 3)],
    "articles/unknown-type.md": [("unknown-type", 4)],
    "pages/duplicate-path.md": [("duplicate-path", 2)],
}
#: Articles without an error that stops them: built in development builds.
BUILT = [
    "good",
    "good-too",
    "check-ignore",
    "doubled-word",
    "edit-mark",
    "image-alt",
    "image-missing",
    "link-unresolved",
    "metadata-empty",
    "quote-unattributed",
    "related-unknown",
    "repeated-paragraph",
    "repeated-sentence",
    "summary-length",
    "title-length",
    "unknown-author",
    "unknown-category",
]
NOT_BUILT = [
    "date-invalid",
    "duplicate-slug",
    "file-binary",
    "file-empty",
    "file-encoding",
    "missing-author",
    "missing-category",
    "missing-date",
    "missing-title",
    "missing-title-empty",
    "unknown-type",
]
LINE_RE = re.compile(
    r"^(?P<path>\S+?):(?P<line>\d+): (?P<severity>error|warning): (?P<message>.+) "
    r"\[(?P<rule>[a-z-]+)\]$"
)


def invoke_check(*args: str) -> subprocess.CompletedProcess:
    return run_invoke("check", *args)


def expected_lines() -> set[tuple[str, int, str, str]]:
    return {
        (f"tests/broken/{path}", line, RULES[rule][0], rule)
        for path, found in EXPECTED.items()
        for rule, line in found
    }


@pytest.fixture(scope="module")
def checked() -> subprocess.CompletedProcess:
    return invoke_check("--content", "tests/broken")


def test_every_rule_has_a_broken_example_named_after_it():
    rules = {rule for found in EXPECTED.values() for rule, _ in found}
    assert rules == set(RULES)
    for path, found in EXPECTED.items():
        assert Path(path).stem.startswith(found[0][0]), path
        assert (BROKEN / path).exists(), path


def test_check_reports_each_finding_with_rule_file_and_line(checked):
    assert checked.returncode == 1, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    *findings, total = lines
    parsed = [LINE_RE.match(line) for line in findings]
    assert all(parsed), [line for line, m in zip(findings, parsed, strict=True) if not m]
    got = {(m["path"], int(m["line"]), m["severity"], m["rule"]) for m in parsed}
    assert got == expected_lines()
    assert len(findings) == len(got), "one finding per problem"
    errors = sum(RULES[r][0] == "error" for found in EXPECTED.values() for r, _ in found)
    warnings = sum(len(found) for found in EXPECTED.values()) - errors
    assert total == f"{errors} errors, {warnings} warnings (33 files checked)."
    assert "Traceback" not in checked.stdout + checked.stderr


def test_findings_are_sorted_file_by_file(checked):
    findings = checked.stdout.splitlines()[:-1]
    keys = [(m["path"], int(m["line"])) for m in map(LINE_RE.match, findings)]
    assert keys == sorted(keys)


def test_messages_say_how_to_fix(checked):
    out = checked.stdout
    assert 'no profile for the author "Amara Okafer". Did you mean "Amara Okafor"?' in out
    assert '"Related: goood" is not the slug of any article. Did you mean "good"' in out
    assert "not UTF-8 text (byte 0xe9): re-save the file as UTF-8" in out
    assert 'the slug "doubled-word" is already used by articles/doubled-word.md' in out
    assert "written to archives/index.html, where the archives page is written" in out
    assert '"the the": the same word twice in a row' in out
    assert 'the same words twice in a row ("the dam will close for two years.")' in out
    assert "a Word document among the articles" in out


def test_check_passes_on_the_sample_site():
    result = invoke_check()
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("No problems found (")


def test_warnings_alone_do_not_fail_the_check(tmp_path):
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    for name in ("scheduled.md", "title-length.md", "good-too.md"):
        (folder / name).write_bytes((BROKEN / "articles" / name).read_bytes())
    result = invoke_check("--content", str(tmp_path / "content"))
    assert result.returncode == 0, result.stdout
    assert "0 errors, 2 warnings (3 files checked)." in result.stdout


def test_check_ignore_switches_a_rule_off_for_one_article(checked):
    text = (BROKEN / "articles" / "check-ignore.md").read_text()
    assert "very very" in text and "Check-ignore: doubled-word" in text
    assert "check-ignore.md" not in checked.stdout


def test_checks_disabled_switches_rules_off_for_the_site(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(BROKEN)!r}\n"
        f"CHECKS_DISABLED = {sorted(r for r in RULES if RULES[r][0] == 'error')!r}\n"
    )
    result = invoke_check("--settings", str(settings))
    assert result.returncode == 0, result.stdout
    assert "0 errors, 5 warnings" in result.stdout


@pytest.fixture(scope="module")
def dev_build(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("broken") / "output", content=BROKEN)


def log_records(log: str) -> list[str]:
    """One string per logged record (the logger wraps long lines and adds its source)."""
    flat = " ".join(log.split())
    return re.split(r" (?=(?:DEBUG|INFO|WARNING|ERROR|CRITICAL) )", flat)


def test_dev_build_prints_the_same_findings(dev_build):
    assert dev_build.returncode == 0, dev_build.log
    records = log_records(dev_build.log)
    for path, line, severity, rule in expected_lines():
        # An unknown author only warns while previewing: the article still builds.
        shown = "warning" if rule in DEV_WARNINGS else severity
        where = f"{path}:{line}: {shown}: "
        assert any(where in r and f"[{rule}]" in r for r in records), (path, rule)
    findings = [r for r in records if re.search(r"\.(md|txt|docx):\d+: (error|warning): ", r)]
    assert len(findings) == len(expected_lines())


def test_bad_files_give_one_clear_finding_and_no_traceback(dev_build):
    assert "Traceback" not in dev_build.log
    assert "Could not process" not in dev_build.log
    assert "could not find information" not in dev_build.log
    for name in ("file-encoding", "file-empty", "file-binary", "missing-title-empty"):
        assert dev_build.log.count(f"articles/{name}.md:") == 1, name


def test_one_broken_article_never_stops_the_others(dev_build):
    built = {p.parent.name for p in dev_build.output.glob("*/*/*/index.html")}
    assert set(BUILT) <= built
    assert not set(NOT_BUILT) & built
    doc = dev_build.page("2026/02/good/index.html")
    assert doc.h1.get_text(strip=True).replace("\xa0", " ") == "Harbour fees agreed"
    assert (dev_build.output / "about" / "index.html").exists()
    # the page that would have taken the archives' address is left out
    assert "Our archive" not in (dev_build.output / "archives" / "index.html").read_text()
    # the second article with the slug "doubled-word" did not replace the first
    assert (
        "slug another piece"
        not in (dev_build.output / "2026/02/doubled-word/index.html").read_text()
    )


def test_no_page_shows_an_empty_headline_or_byline(dev_build):
    for page in dev_build.html_files():
        doc = dev_build.page(str(page.relative_to(dev_build.output)))
        for h1 in doc.find_all("h1"):
            assert h1.get_text(strip=True), page
        for byline in doc.select(".byline"):
            assert not re.search(r"\bin\s*,", " ".join(byline.get_text(" ").split())), page


def test_unbuildable_rules_are_the_ones_left_out():
    left_out = {
        rule
        for path, found in EXPECTED.items()
        for rule, _ in found
        if Path(path).stem in NOT_BUILT
    }
    assert left_out <= UNBUILDABLE


def test_readme_documents_every_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Checks") :]
    for rule, (severity, _) in RULES.items():
        assert re.search(rf"\| `{re.escape(rule)}` \| {severity} \|", section), rule
