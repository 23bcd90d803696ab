"""Trust indicators without Pelican: the PUBLISHER_POLICIES setting, backstories,
author expertise in profiles, and the JSON-LD nodes they become."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from article_page.structured_data import Person, article_jsonld
from columnists.profiles import parse_profile, split_topics, value_line
from disclaimers.render import sanitise
from jinja2 import Environment
from markdown import Markdown
from policies.backstory import backstory, source_text
from policies.policies import (
    POLICY_PROPERTIES,
    PageRef,
    check_setting,
    footer_links,
    jsonld_urls,
    resolve,
)

PAGES = {
    slug: PageRef(slug, title, f"{slug}/")
    for slug, title in [
        ("ethics-policy", "Ethics policy"),
        ("corrections-policy", "Corrections policy"),
        ("contact", "Contact"),
        ("masthead", "Masthead"),
    ]
}


# --- PUBLISHER_POLICIES --------------------------------------------------------------


def test_setting_keeps_known_kinds_and_names_the_bad_entries():
    kinds, problems = check_setting(
        {"ethics": " ethics-policy ", "ethcs": "x", "masthead": "", "contact": 3}
    )
    assert kinds == {"ethics": "ethics-policy"}
    messages = [p.message for p in problems]
    assert messages[0].startswith('PUBLISHER_POLICIES["ethcs"]: unknown policy kind; use one of')
    assert "ethics, principles, corrections" in messages[0]
    assert messages[1].startswith('PUBLISHER_POLICIES["masthead"] must be the slug of a page')
    assert messages[2].startswith('PUBLISHER_POLICIES["contact"] must be the slug')
    assert {p.rule for p in problems} == {"policy-setting"}
    assert check_setting(None) == ({}, [])
    [problem] = check_setting(["ethics-policy"])[1]
    assert "must be a dict of policy kind to page slug" in problem.message


def test_missing_page_is_a_problem_that_says_how_to_fix_it():
    kinds = {"masthead": "masthead", "ethics": "ethics-policy", "diversity": "diversity-policy"}
    policies, problems = resolve(kinds, PAGES, pages_folder="content/pages")
    assert [(p.kind, p.page.slug) for p in policies] == [
        ("ethics", "ethics-policy"),
        ("masthead", "masthead"),
    ], "in the order of POLICY_PROPERTIES, not of the setting"
    [problem] = problems
    assert problem.rule == "policy-page-missing"
    assert problem.message == (
        'PUBLISHER_POLICIES["diversity"] names a page the site does not have; no page has '
        'the slug "diversity-policy": write content/pages/diversity-policy.md (with "Title:" '
        'and "Slug: diversity-policy"), or point PUBLISHER_POLICIES["diversity"] at an '
        "existing page, or remove the entry"
    )
    _, [draft] = resolve({"diversity": "diversity-policy"}, PAGES, drafts={"diversity-policy"})
    assert 'is a draft: publish it (remove its "Status: draft" line)' in draft.message


def test_footer_lists_each_page_once_and_jsonld_gets_absolute_urls():
    kinds = {"ethics": "ethics-policy", "principles": "ethics-policy", "contact": "contact"}
    policies, _ = resolve(kinds, PAGES)
    assert [p.slug for p in footer_links(policies)] == ["ethics-policy", "contact"]
    urls = jsonld_urls(policies, lambda url: f"https://e.org/{url}")
    assert urls == {
        "ethicsPolicy": "https://e.org/ethics-policy/",
        "publishingPrinciples": "https://e.org/ethics-policy/",
        "contactPoint": "https://e.org/contact/",
    }


def test_principles_fall_back_to_the_ethics_policy_only():
    policies, _ = resolve({"ethics": "ethics-policy"}, PAGES)
    urls = jsonld_urls(policies, str)
    assert urls["publishingPrinciples"] == urls["ethicsPolicy"] == "ethics-policy/"
    policies, _ = resolve({"masthead": "masthead"}, PAGES)
    assert jsonld_urls(policies, str) == {"masthead": "masthead/"}


def test_every_kind_maps_to_a_schema_org_property():
    assert set(POLICY_PROPERTIES.values()) == {
        "ethicsPolicy",
        "publishingPrinciples",
        "correctionsPolicy",
        "diversityPolicy",
        "actionableFeedbackPolicy",
        "ownershipFundingInfo",
        "masthead",
        "contactPoint",
    }


# --- backstory -----------------------------------------------------------------------


def _render(text: str) -> str:
    """What a build does (disclaimers.render), without typogrify."""
    return sanitise(Markdown(output_format="html5").convert(text))


def test_backstory_is_markdown_made_safe_and_plain_text_for_search_engines():
    story = backstory("We read *all* [the report](https://e.org/r) & asked twice.", _render)
    assert story.html == (
        '<p>We read <em>all</em> <a href="https://e.org/r">the report</a> &amp; asked twice.</p>'
    )
    assert story.text == "We read all the report & asked twice."


def test_hostile_backstory_loses_its_markup_but_keeps_its_words():
    story = backstory(
        '<script>alert(1)</script><img src=x onerror="alert(2)">[x](javascript:alert(3)) b',
        _render,
    )
    assert "<script" not in story.html and "onerror" not in story.html
    assert "javascript:" not in story.html and "alert(1)" not in story.html
    assert "<a>x</a> b" in story.html
    written = backstory("a &lt;/script&gt; b", _render)
    assert written.html == "<p>a &lt;/script&gt; b</p>"
    assert written.text == "a </script> b", "plain text for tojson, which escapes it"


def test_backstory_over_several_lines_is_one_text_and_blank_is_none():
    assert source_text(["First line,", "  second line."]) == "First line,\nsecond line."
    assert backstory(["First line,", "second line."], _render).text == "First line, second line."
    assert backstory("   ", _render) is None
    assert backstory(None, _render) is None
    assert backstory("<script>only()</script>", _render) is None


# --- author expertise in profiles ----------------------------------------------------


def _parse(meta):
    return parse_profile("amara-okafor", {"name": "Amara Okafor", **meta}, lambda _: True)


def test_job_title_is_the_field_and_role_its_older_name():
    assert _parse({"job_title": "Political columnist"})[0].job_title == "Political columnist"
    profile, problems = _parse({"role": "Columnist, city hall"})
    assert profile.job_title == profile.role == "Columnist, city hall"
    assert problems == []
    profile, [problem] = _parse({"job_title": "Political columnist", "role": "Columnist"})
    assert profile.role == "Political columnist"
    assert (problem.field, problem.severity) == ("role", "warning")
    assert 'Job_title is used; remove the "Role:" line' in problem.message
    assert _parse({"job_title": "Columnist", "role": "columnist"})[1] == []


def test_knows_about_splits_on_commas_and_lines_keeping_each_topic_once():
    profile, problems = _parse({"knows_about": "housing, Tenants'  rights,,housing\nculture"})
    assert profile.knows_about == ("housing", "Tenants' rights", "culture")
    assert problems == []
    assert split_topics(" , ") == ()


def test_same_as_adds_web_links_after_the_profile_links():
    profile, problems = _parse(
        {
            "website": "https://amara.example.org",
            "same_as": [
                "https://www.wikidata.example.org/wiki/Q1, https://amara.example.org",
                "http://courier.example.org/staff/amara",
            ],
        }
    )
    assert problems == []
    assert [(link.label, link.url, link.rel_me) for link in profile.links] == [
        ("Website", "https://amara.example.org", True),
        ("wikidata.example.org", "https://www.wikidata.example.org/wiki/Q1", True),
        ("courier.example.org", "http://courier.example.org/staff/amara", True),
    ]


@pytest.mark.parametrize("bad", ["ftp://e.org/x", "e.org/amara", "https://", "javascript:x"])
def test_same_as_that_is_not_a_web_address_is_an_error(bad):
    profile, [problem] = _parse({"same_as": f"https://ok.example.org, {bad}"})
    assert [link.url for link in profile.links] == ["https://ok.example.org"]
    assert (problem.field, problem.severity, problem.rule) == (
        "same_as",
        "error",
        "profile-same-as",
    )
    assert problem.value == bad
    assert problem.message.startswith(f'"Same_as: {bad}" is not a web address: start each')


def test_value_line_finds_the_continuation_line_of_a_bad_address():
    text = (
        "Name: A\nSame_as: https://a.example.org\n    https://b.example.org\n"
        "    ftp://bad\nOrder: 1\n\nftp://bad in the body\n"
    )
    assert value_line(text, "same_as", "ftp://bad") == 4
    assert value_line(text, "same_as", "https://a.example.org") == 2
    assert value_line(text, "same_as", "not there") == 2
    assert value_line(text, "knows_about", "x") is None


# --- JSON-LD --------------------------------------------------------------------------

WHEN = dt.datetime(2026, 10, 2, 16, 20, tzinfo=dt.UTC)


def _article(**overrides):
    args = {
        "schema_type": "NewsArticle",
        "headline": "H",
        "url": "https://e.org/a/",
        "published": WHEN,
        "modified": None,
        "authors": [Person("A", "https://e.org/author/a/")],
        "publisher_name": "The Review",
        "publisher_url": "https://e.org/",
    }
    return article_jsonld(**{**args, **overrides})


def test_publisher_is_a_news_media_organization_with_its_policies():
    data = _article(
        publisher_policies={
            "ethicsPolicy": "https://e.org/ethics/",
            "masthead": "https://e.org/masthead/",
            "contactPoint": "https://e.org/contact/",
        }
    )
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "The Review",
        "url": "https://e.org/",
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "editorial",
            "url": "https://e.org/contact/",
        },
        "ethicsPolicy": "https://e.org/ethics/",
        "masthead": "https://e.org/masthead/",
    }
    assert list(data["publisher"])[3:] == ["contactPoint", "ethicsPolicy", "masthead"]
    plain = _article()
    assert plain["publisher"]["@type"] == "NewsMediaOrganization"
    assert "ethicsPolicy" not in plain["publisher"] and "backstory" not in plain


def test_people_carry_expertise_and_several_authors_are_an_array():
    amara = Person(
        "Amara",
        "https://e.org/author/amara/",
        job_title="Political columnist",
        same_as=("https://a.example.org", "https://w.example.org/Q1", "https://a.example.org"),
        knows_about=("city budget", "harbour"),
    )
    data = _article(authors=[amara, Person("Tomás", "https://e.org/author/tomas/")])
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Amara",
            "url": "https://e.org/author/amara/",
            "jobTitle": "Political columnist",
            "knowsAbout": ["city budget", "harbour"],
            "sameAs": ["https://a.example.org", "https://w.example.org/Q1"],
        },
        {"@type": "Person", "name": "Tomás", "url": "https://e.org/author/tomas/"},
    ]


def test_backstory_and_expertise_stay_inside_their_json_strings():
    hostile = "</script><script>alert(1)</script>"
    data = _article(
        backstory=f"Why: {hostile}",
        authors=[Person("A", "https://e.org/a/", knows_about=(hostile,))],
    )
    html = Environment(autoescape=True).from_string("{{ d|tojson }}").render(d=data)
    assert "<" not in html and ">" not in html
    assert json.loads(html)["backstory"] == f"Why: {hostile}"
    assert json.loads(html)["author"][0]["knowsAbout"] == [hostile]
