"""The JSON-LD of an article page, built as a plain dict.

Templates serialise it with Jinja's `tojson`, which escapes `<`, `>`, `&` and `'`
as \\u003c and so on: a headline containing `</script>` stays inside its string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .corrections import Correction


@dataclass(frozen=True)
class Person:
    name: str
    url: str
    #: From the author's profile (plugins/columnists), when there is one.
    job_title: str | None = None
    image: str | None = None
    same_as: tuple[str, ...] = ()
    knows_about: tuple[str, ...] = ()

    def jsonld(self) -> dict:
        node = {"@type": "Person", "name": self.name, "url": self.url}
        if self.job_title:
            node["jobTitle"] = self.job_title
        if self.image:
            node["image"] = self.image
        if self.knows_about:
            node["knowsAbout"] = list(self.knows_about)
        if self.same_as:
            # Profile links and `Same_as:` may repeat an address: each once, first wins.
            node["sameAs"] = list(dict.fromkeys(self.same_as))
        return node


def _organization(
    name: str, url: str, logo_url: str | None, policies: Mapping[str, str] | None = None
) -> dict:
    """The publisher: a NewsMediaOrganization carrying its policy pages (plugins/policies
    gives {schema.org property: absolute URL}; "contactPoint" becomes a ContactPoint)."""
    org = {"@type": "NewsMediaOrganization", "name": name, "url": url}
    if logo_url:
        org["logo"] = {"@type": "ImageObject", "url": logo_url}
    for prop, policy_url in sorted((policies or {}).items()):
        if prop == "contactPoint":
            org[prop] = {"@type": "ContactPoint", "contactType": "editorial", "url": policy_url}
        else:
            org[prop] = policy_url
    return org


def article_jsonld(
    *,
    schema_type: str,
    headline: str,
    url: str,
    published: dt.datetime,
    modified: dt.datetime | None,
    authors: Sequence[Person],
    publisher_name: str,
    publisher_url: str,
    publisher_logo_url: str | None = None,
    description: str | None = None,
    image_url: str | None = None,
    section: str | None = None,
    keywords: Sequence[str] = (),
    corrections: Sequence[Correction] = (),
    language: str | None = None,
    publisher_policies: Mapping[str, str] | None = None,
    backstory: str | None = None,
) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "headline": headline,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published.isoformat(),
        "dateModified": (modified or published).isoformat(),
        "author": [a.jsonld() for a in authors],
        "publisher": _organization(
            publisher_name, publisher_url, publisher_logo_url, publisher_policies
        ),
    }
    if description:
        data["description"] = description
    if image_url:
        data["image"] = [image_url]
    if section:
        data["articleSection"] = section
    if keywords:
        data["keywords"] = list(keywords)
    if language:
        data["inLanguage"] = language
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": c.date.isoformat(), "text": c.text}
            for c in corrections
        ]
    if backstory:
        data["backstory"] = backstory
    return data
