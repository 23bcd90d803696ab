"""Author profiles as data: parse and validate one profile's metadata, match names.

Pure functions, tested without Pelican. Pelican only knows an author's name; a
profile adds what readers judge a columnist by (role, photo, bio, links) and what
other plugins need (a disclaimer override, the guest flag).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: Link fields a profile may carry, in the order the theme shows them, with labels.
LINK_FIELDS = {
    "website": "Website",
    "email": "Email",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "x": "X",
    "linkedin": "LinkedIn",
}

#: Every metadata key a profile file may use (lower case, as Pelican reads them).
KNOWN_FIELDS = frozenset(
    {"name", "role", "photo", "photo_alt", "summary", "guest", "disclaimer", "order", "slug"}
    | set(LINK_FIELDS)
    | {"job_title", "knows_about", "same_as"}  # expertise (issue 13)
)

_TRUE = {"yes", "true", "on", "1"}
_FALSE = {"no", "false", "off", "0", ""}
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_URL = re.compile(r"^https?://[^\s<>\"]+$")


@dataclass(frozen=True)
class ProfileProblem:
    field: str
    message: str
    severity: str = "error"
    #: The offending text, when the field holds several values (Same_as): its line is
    #: the one to fix, which may be a continuation line below the field's own.
    value: str | None = None

    @property
    def rule(self) -> str:
        return f"profile-{self.field.replace('_', '-')}"


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    rel_me: bool


@dataclass
class Profile:
    slug: str
    name: str
    role: str
    guest: bool = False
    photo: str | None = None
    photo_alt: str | None = None
    links: list[Link] = field(default_factory=list)
    disclaimer: str | None = None
    order: int = 0
    bio: str = ""  # HTML rendered by the Markdown reader
    summary: str = ""  # HTML: the one-line bio for the author box and the index
    source_path: str = ""
    #: `Knows_about:` topics as written, each once; schema.org `knowsAbout`.
    knows_about: tuple[str, ...] = ()

    @property
    def job_title(self) -> str:
        """`Job_title:` is the field's name since issue 13; `Role:` is its older alias.
        Both are shown under the name and are the Person's `jobTitle`."""
        return self.role

    @property
    def sort_key(self) -> tuple:
        return (self.order, self.name.casefold(), self.slug)


def parse_profile(
    slug: str,
    metadata: Mapping[str, str],
    photo_exists: Callable[[str], bool],
    default_role: str = "Columnist",
    guest_role: str = "Guest writer",
) -> tuple[Profile | None, list[ProfileProblem]]:
    """Build a profile from its raw `Key: value` metadata, or say what to fix.

    Returns no profile when it is unusable (no name): an author page without a
    name is the "in ," bug again. Other problems still return the profile.
    """
    problems: list[ProfileProblem] = []
    meta = {k.lower(): _text(v) for k, v in metadata.items()}

    for key in sorted(set(meta) - KNOWN_FIELDS):
        guess = difflib.get_close_matches(key, sorted(KNOWN_FIELDS), n=1)
        hint = f' (did you mean "{guess[0].capitalize()}:"?)' if guess else ""
        problems.append(
            ProfileProblem(key, f'unknown field "{key.capitalize()}:"{hint}', "warning")
        )

    name = meta.get("name", "")
    if not name:
        problems.append(
            ProfileProblem("name", 'no name: add a line "Name: Full Name" to the profile')
        )
        return None, problems

    guest_text = meta.get("guest", "").lower()
    if guest_text not in _TRUE | _FALSE:
        problems.append(ProfileProblem("guest", f'"Guest: {meta["guest"]}" must be yes or no'))
    guest = guest_text in _TRUE

    photo, photo_alt = _photo(meta, photo_exists, problems)
    links = _links(meta, problems)
    for link in _same_as(meta.get("same_as", ""), problems):
        if link.url not in {existing.url for existing in links}:
            links.append(link)
    role = _job_title(meta, problems) or (guest_role if guest else default_role)

    order = 0
    if meta.get("order"):
        try:
            order = int(meta["order"])
        except ValueError:
            problems.append(ProfileProblem("order", f'"Order: {meta["order"]}" must be a number'))

    profile = Profile(
        slug=slug,
        name=name,
        role=role,
        guest=guest,
        photo=photo,
        photo_alt=photo_alt,
        links=links,
        disclaimer=meta.get("disclaimer") or None,
        order=order,
        knows_about=split_topics(meta.get("knows_about", "")),
    )
    return profile, problems


def _text(value) -> str:
    """A metadata value as text. A field continued on indented lines (or repeated)
    reaches us as a list of lines; they are kept one per line."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return "\n".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def _job_title(meta, problems) -> str:
    job_title, role = meta.get("job_title", ""), meta.get("role", "")
    if job_title and role and name_key(job_title) != name_key(role):
        problems.append(
            ProfileProblem(
                "role",
                f'both "Job_title: {job_title}" and "Role: {role}": Job_title is used; '
                'remove the "Role:" line (Role is the older name of Job_title)',
                "warning",
            )
        )
    return job_title or role


def split_topics(value: str) -> tuple[str, ...]:
    """`Knows_about:` topics, comma- or line-separated; each once (any case), in order."""
    topics = {}
    for part in re.split(r"[,\n]", value):
        topic = " ".join(part.split())
        if topic:
            topics.setdefault(topic.casefold(), topic)
    return tuple(topics.values())


def _is_web_address(value: str) -> bool:
    if not _URL.match(value):
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.hostname)


def _same_as(value: str, problems) -> list[Link]:
    """`Same_as:` addresses (other pages about the same person: Wikipedia, a staff page
    elsewhere), separated by commas or one per line; http(s) only, each once."""
    links: dict[str, Link] = {}
    for url in re.split(r"[\s,]+", value):
        if not url:
            continue
        if not _is_web_address(url):
            problems.append(
                ProfileProblem(
                    "same_as",
                    f'"Same_as: {url}" is not a web address: start each address with '
                    "https:// and separate them with commas or put one per line",
                    value=url,
                )
            )
            continue
        host = urlsplit(url).hostname.removeprefix("www.")
        links.setdefault(url, Link(host, url, rel_me=True))
    return list(links.values())


def _photo(meta, photo_exists, problems) -> tuple[str | None, str | None]:
    photo = meta.get("photo") or None
    photo_alt = meta.get("photo_alt") or None
    if not photo:
        if photo_alt:
            problems.append(ProfileProblem("photo_alt", '"Photo_alt:" without "Photo:"', "warning"))
        return None, None
    photo = re.sub(r"^(\{static\}|\{filename\})?/*", "", photo)
    if not photo_exists(photo):
        problems.append(
            ProfileProblem(
                "photo",
                f'photo "{photo}" does not exist: put the file under content/ '
                "and give its path relative to content/",
            )
        )
        return None, None
    if not photo_alt:
        problems.append(
            ProfileProblem(
                "photo_alt", 'the photo has no alt text: add "Photo_alt: what the photo shows"'
            )
        )
    return photo, photo_alt


def _links(meta, problems) -> list[Link]:
    links = []
    for key, label in LINK_FIELDS.items():
        value = meta.get(key)
        if not value:
            continue
        if key == "email":
            if not _EMAIL.match(value):
                problems.append(ProfileProblem(key, f'"Email: {value}" is not an e-mail address'))
                continue
            url = f"mailto:{value}"
        elif _URL.match(value):
            url = value
        else:
            problems.append(
                ProfileProblem(
                    key, f'"{label}: {value}" is not a web address: start it with https://'
                )
            )
            continue
        links.append(Link(label, url, rel_me=key != "email"))
    return links


def name_key(text: str) -> str:
    """How author names are compared: any case, any run of spaces."""
    return " ".join(text.casefold().split())


class Directory:
    """Look up profiles by the name or slug an article gives for its author."""

    def __init__(self, profiles: Iterable[Profile]):
        self.profiles = sorted(profiles, key=lambda p: p.sort_key)
        self._index: dict[str, Profile] = {}
        for profile in self.profiles:
            self._index.setdefault(name_key(profile.name), profile)
            self._index.setdefault(name_key(profile.slug), profile)

    def __bool__(self) -> bool:
        return bool(self.profiles)

    def find(self, name: str) -> Profile | None:
        return self._index.get(name_key(name))


def header_lines(text: str) -> dict[str, int]:
    """Line number of each `Key:` in a Markdown metadata header (keys lower case).

    Pelican's reader does not keep line numbers; error messages need them.
    """
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        key, sep, _ = line.partition(":")
        if sep and key.strip() and " " not in key.strip():
            lines.setdefault(key.strip().lower(), number)
    return lines


def value_line(text: str, field: str, value: str) -> int | None:
    """Line number of the header line holding `value` in field `field` (its own line or
    an indented continuation line below it), for errors about one of several values."""
    start = header_lines(text).get(field)
    if start is None:
        return None
    lines = text.splitlines()
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            break
        if value in line:
            return number
    return start


def more_from(
    author_articles: Mapping[str, list], article, slugs: Iterable[str], limit: int
) -> dict[str, list]:
    """For each author slug: their newest `limit` pieces other than `article`."""
    result = {}
    for slug in slugs:
        others = [a for a in author_articles.get(slug, ()) if a is not article]
        result[slug] = others[:limit]
    return result
