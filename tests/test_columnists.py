"""Author profiles as data: parsing, validation and lookup, without Pelican."""

import pytest
from columnists.profiles import Directory, header_lines, more_from, parse_profile


def parse(meta, existing=("images/a.svg",)):
    return parse_profile("amara-okafor", meta, photo_exists=lambda p: p in existing)


def rules(problems):
    return [(p.rule, p.severity) for p in problems]


def test_complete_profile():
    profile, problems = parse(
        {
            "name": "Amara Okafor",
            "role": "Columnist, city hall",
            "photo": "{static}/images/a.svg",
            "photo_alt": "Portrait of Amara Okafor",
            "website": "https://a.example.org",
            "email": "a@example.org",
            "mastodon": "https://social.example.org/@a",
            "order": "2",
        }
    )
    assert problems == []
    assert profile.name == "Amara Okafor"
    assert profile.role == "Columnist, city hall"
    assert profile.photo == "images/a.svg"
    assert profile.photo_alt == "Portrait of Amara Okafor"
    assert [(link.label, link.url, link.rel_me) for link in profile.links] == [
        ("Website", "https://a.example.org", True),
        ("Email", "mailto:a@example.org", False),
        ("Mastodon", "https://social.example.org/@a", True),
    ]
    assert profile.order == 2
    assert not profile.guest


def test_no_name_is_unusable():
    profile, problems = parse({"role": "Columnist"})
    assert profile is None
    assert rules(problems) == [("profile-name", "error")]
    assert '"Name: Full Name"' in problems[0].message


def test_guest_gets_the_guest_role_by_default():
    profile, problems = parse({"name": "H", "guest": "yes"})
    assert problems == []
    assert profile.guest
    assert profile.role == "Guest writer"
    assert parse({"name": "H"})[0].role == "Columnist"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"guest": "maybe"}, [("profile-guest", "error")]),
        ({"photo": "images/missing.svg", "photo_alt": "x"}, [("profile-photo", "error")]),
        ({"photo": "images/a.svg"}, [("profile-photo-alt", "error")]),
        ({"photo_alt": "x"}, [("profile-photo-alt", "warning")]),
        ({"website": "a.example.org"}, [("profile-website", "error")]),
        ({"email": "not an address"}, [("profile-email", "error")]),
        ({"order": "first"}, [("profile-order", "error")]),
        ({"webiste": "https://a.example.org"}, [("profile-webiste", "warning")]),
    ],
)
def test_each_problem_is_reported(meta, expected):
    profile, problems = parse({"name": "Amara Okafor", **meta})
    assert profile is not None
    assert rules(problems) == expected


def test_misspelt_field_suggests_the_right_one():
    _, [problem] = parse({"name": "A", "webiste": "https://a.example.org"})
    assert 'did you mean "Website:"' in problem.message


def test_missing_photo_is_dropped_not_linked():
    profile, _ = parse({"name": "A", "photo": "images/missing.svg", "photo_alt": "x"})
    assert profile.photo is None and profile.photo_alt is None


def make(slug, name, order=0, guest=False):
    profile, _ = parse_profile(
        slug, {"name": name, "order": str(order), "guest": "yes" if guest else "no"}, bool
    )
    return profile


def test_directory_finds_by_name_or_slug_ignoring_case_and_spaces():
    directory = Directory([make("tomas-herrera", "Tomás Herrera")])
    assert directory.find("Tomás Herrera").slug == "tomas-herrera"
    assert directory.find("tomás  herrera").slug == "tomas-herrera"
    assert directory.find("tomas-herrera").slug == "tomas-herrera"
    assert directory.find("Tomas Herrera") is None


def test_directory_order_is_explicit_then_by_name():
    directory = Directory([make("z", "Zoe", order=1), make("b", "Bo", order=2), make("a", "Al")])
    assert [p.slug for p in directory.profiles] == ["a", "z", "b"]
    assert not Directory([])


def test_header_lines():
    text = "Title: T\nAuthor: A\nSummary: has: colon\n\nBody: not metadata\n"
    assert header_lines(text) == {"title": 1, "author": 2, "summary": 3}


def test_more_from_excludes_the_article_and_keeps_order():
    arts = ["new", "mid", "this", "old", "older"]
    result = more_from({"a": arts, "b": ["this"]}, "this", ["a", "b", "c"], limit=3)
    assert result == {"a": ["new", "mid", "old"], "b": [], "c": []}
