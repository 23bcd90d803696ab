"""The publisher's policies as data: which page states which policy.

Readers and search engines judge a publication by whether it says how it works
(ethics, corrections, who owns and funds it, who edits it). Each policy is a page
of the site named in PUBLISHER_POLICIES; this module checks the setting and ties
each kind to its page, so the article footer and the publisher's JSON-LD come
from one place and can never point at a page that does not exist.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

SETTING = "PUBLISHER_POLICIES"

#: Policy kinds, in the order the article footer lists them, and the schema.org
#: property of NewsMediaOrganization each fills ("contact" becomes a contactPoint).
POLICY_PROPERTIES: dict[str, str] = {
    "ethics": "ethicsPolicy",
    "principles": "publishingPrinciples",
    "corrections": "correctionsPolicy",
    "diversity": "diversityPolicy",
    "feedback": "actionableFeedbackPolicy",
    "ownership": "ownershipFundingInfo",
    "masthead": "masthead",
    "contact": "contactPoint",
}

EXAMPLE = 'PUBLISHER_POLICIES = {"ethics": "ethics-policy", "corrections": "corrections-policy"}'


@dataclass(frozen=True)
class Problem:
    message: str
    rule: str


@dataclass(frozen=True)
class PageRef:
    """What this module needs of a Pelican page."""

    slug: str
    title: str
    url: str  # relative to the site, as Pelican gives it ("ethics-policy/")


@dataclass(frozen=True)
class Policy:
    kind: str
    page: PageRef

    @property
    def schema_property(self) -> str:
        return POLICY_PROPERTIES[self.kind]


def check_setting(value: object) -> tuple[dict[str, str], list[Problem]]:
    """The usable {kind: slug} pairs of the setting, and what is wrong with the rest."""
    if value is None:
        return {}, []
    if not isinstance(value, Mapping):
        return {}, [
            Problem(
                f"{SETTING} must be a dict of policy kind to page slug, e.g. {EXAMPLE}",
                "policy-setting",
            )
        ]
    kinds, problems = {}, []
    for kind, slug in value.items():
        if kind not in POLICY_PROPERTIES:
            problems.append(
                Problem(
                    f'{SETTING}["{kind}"]: unknown policy kind; use one of '
                    f"{', '.join(POLICY_PROPERTIES)}",
                    "policy-setting",
                )
            )
        elif not isinstance(slug, str) or not slug.strip():
            problems.append(
                Problem(
                    f'{SETTING}["{kind}"] must be the slug of a page in the content\'s pages '
                    f'folder, e.g. "{kind}-policy"',
                    "policy-setting",
                )
            )
        else:
            kinds[kind] = slug.strip()
    return kinds, problems


def resolve(
    kinds: Mapping[str, str],
    pages: Mapping[str, PageRef],
    drafts: Collection[str] = (),
    pages_folder: str = "pages",
) -> tuple[list[Policy], list[Problem]]:
    """Each configured policy with its page, in POLICY_PROPERTIES order, and each policy
    whose page is missing. `pages` holds the pages that are written, by slug."""
    policies, problems = [], []
    for kind in POLICY_PROPERTIES:
        slug = kinds.get(kind)
        if slug is None:
            continue
        page = pages.get(slug)
        if page is not None:
            policies.append(Policy(kind, page))
            continue
        if slug in drafts:
            how = f'the page "{slug}" is a draft: publish it (remove its "Status: draft" line)'
        else:
            how = (
                f'no page has the slug "{slug}": write {pages_folder}/{slug}.md (with '
                f'"Title:" and "Slug: {slug}"), or point {SETTING}["{kind}"] at an existing '
                "page, or remove the entry"
            )
        problems.append(
            Problem(
                f'{SETTING}["{kind}"] names a page the site does not have; {how}',
                "policy-page-missing",
            )
        )
    return policies, problems


def footer_links(policies: list[Policy]) -> list[PageRef]:
    """The pages to link from the article footer: each once, in policy order."""
    seen, links = set(), []
    for policy in policies:
        if policy.page.slug not in seen:
            seen.add(policy.page.slug)
            links.append(policy.page)
    return links


def jsonld_urls(policies: list[Policy], absolute) -> dict[str, str]:
    """{schema.org property: absolute URL}; publishingPrinciples falls back to the ethics
    policy, which is what most publications publish as their principles."""
    urls = {p.schema_property: absolute(p.page.url) for p in policies}
    if "publishingPrinciples" not in urls and "ethicsPolicy" in urls:
        urls["publishingPrinciples"] = urls["ethicsPolicy"]
    return urls
