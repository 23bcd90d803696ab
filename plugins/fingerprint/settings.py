"""Defaults for the fingerprint plugin; override any of them in pelicanconf.py."""

from __future__ import annotations

DEFAULTS = {
    # Give theme assets named with the `asset` filter a content-hash name
    # (css/column.1a2b3c4d.css). False: the filter returns the plain name.
    "FINGERPRINT_ASSETS": True,
    # How many hex digits of the SHA-256 go into the name.
    "FINGERPRINT_LENGTH": 8,
    # Write the fingerprinted stylesheets minified (rcssmin): about a fifth lighter.
    # The plain copy Pelican makes (css/column.css) stays as written, for reading.
    "FINGERPRINT_MINIFY_CSS": True,
}


def get(settings, name):
    return settings.get(name, DEFAULTS[name])
