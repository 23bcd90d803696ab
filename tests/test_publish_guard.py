"""The publish build refuses to write a site when reading it logged any error."""

from conftest import build_site, write_articles
from publish_guard.guard import refusal

GOOD = "Title: Good\nDate: 2026-02-01 10:00\nCategory: Opinion\nAuthor: Amara Okafor\n\nFine.\n"
# No date: reported by Pelican itself, not by one of our plugins.
UNDATED = "Title: Undated\nCategory: Opinion\nAuthor: Amara Okafor\n\nWhen?\n"


def test_refusal_counts_errors():
    assert refusal(1).startswith("Refusing to publish: 1 error above.")
    assert refusal(3).startswith("Refusing to publish: 3 errors above.")


def test_any_logged_error_refuses_the_publish_build(tmp_path):
    content = write_articles(tmp_path, good=GOOD, undated=UNDATED)
    # plugins/checks would report the missing date first and keep the file from Pelican
    build = build_site(
        tmp_path / "out",
        content=content,
        settings="publishconf.py",
        overrides={"CHECKS_DISABLED": ["missing-date"]},
    )
    assert build.returncode == 1
    assert "could not find information about 'date'" in build.log
    assert "Refusing to publish: 1 error above" in build.log
    assert "Traceback" not in build.log
    assert not list(build.output.rglob("*.html"))


def test_development_build_reports_and_goes_on(tmp_path):
    content = write_articles(tmp_path, good=GOOD, undated=UNDATED)
    build = build_site(
        tmp_path / "out", content=content, overrides={"CHECKS_DISABLED": ["missing-date"]}
    )
    assert build.returncode == 0
    assert "could not find information about 'date'" in build.log
    assert "Refusing" not in build.log
    assert (build.output / "2026/02/good/index.html").exists()


def test_clean_publish_build_writes_the_site(tmp_path):
    build = build_site(
        tmp_path / "out", content=write_articles(tmp_path, good=GOOD), settings="publishconf.py"
    )
    assert build.returncode == 0, build.log
    assert (build.output / "2026/02/good/index.html").exists()
