"""Defaults for the columnists plugin; override any of them in pelicanconf.py."""

from __future__ import annotations

DEFAULTS = {
    # Folder, relative to the content path, holding one `<slug>.md` profile per
    # columnist. When it does not exist the site has no profiles and article
    # authors are not checked against them.
    "AUTHOR_PROFILES_PATH": "authors",
    # How many other pieces the author box lists under "More from <name>".
    "AUTHOR_BOX_MORE": 3,
    # Role shown when a profile gives none; guests get AUTHOR_GUEST_ROLE.
    "AUTHOR_DEFAULT_ROLE": "Columnist",
    "AUTHOR_GUEST_ROLE": "Guest writer",
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
