"""Check the site_search settings and turn them into Pagefind's index configuration.

Pure functions, tested without Pelican: a wrong setting must be reported with its
name and the fix before any page is written, not surface later as a Pagefind
error or, worse, as an index written over part of the site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath


class SettingError(ValueError):
    """A site_search setting that cannot work; the message names it and the fix."""


def bundle_dir(settings: Mapping[str, object]) -> PurePosixPath:
    """SEARCH_BUNDLE_DIR as a relative path strictly inside the output folder.

    The plugin empties this folder before each build, so it must never be the output
    folder itself or lie outside it.
    """
    value = settings.get("SEARCH_BUNDLE_DIR")
    if not isinstance(value, str) or not value.strip():
        raise SettingError(
            f"SEARCH_BUNDLE_DIR must be a folder name inside the output folder, "
            f'such as "pagefind"; got {value!r}'
        )
    path = PurePosixPath(value.strip().strip("/"))
    if path.is_absolute() or not path.parts or any(p in {"..", "."} for p in path.parts):
        raise SettingError(
            f"SEARCH_BUNDLE_DIR must be a folder inside the output folder, without "
            f'".." or ".", such as "pagefind"; got {value!r}'
        )
    return path


def exclude_selectors(settings: Mapping[str, object]) -> list[str]:
    value = settings.get("SEARCH_EXCLUDE_SELECTORS", [])
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise SettingError(
            "SEARCH_EXCLUDE_SELECTORS must be a list of CSS selectors, "
            f'such as [".disclaimer"]; got {value!r}'
        )
    bad = [s for s in value if not isinstance(s, str) or not s.strip()]
    if bad:
        raise SettingError(
            f"SEARCH_EXCLUDE_SELECTORS must hold non-empty CSS selectors; got {bad!r}"
        )
    return [s.strip() for s in value]


def index_config(settings: Mapping[str, object]) -> dict[str, object]:
    """Pagefind's configuration for our settings (raises SettingError when one is wrong).

    The indexed regions themselves are chosen by the theme (`data-pagefind-body` on
    a published article's headline and body only); this adds what must be cut out
    of those regions.
    """
    bundle_dir(settings)
    return {"exclude_selectors": exclude_selectors(settings), "glob": article_glob(settings)}


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def article_glob(settings: Mapping[str, object]) -> str:
    """The files Pagefind reads: only article pages (ARTICLE_SAVE_AS and
    ARTICLE_LANG_SAVE_AS with each {placeholder} a wildcard), not the thousands of
    listing pages an archive has, which carry nothing to index. A pattern that missed
    an article would show in the build's count of indexed pages."""
    patterns = []
    for key in ("ARTICLE_SAVE_AS", "ARTICLE_LANG_SAVE_AS"):
        value = settings.get(key)
        if isinstance(value, str) and value.strip():
            patterns.append(_PLACEHOLDER.sub("*", value.strip().lstrip("/")))
    patterns = list(dict.fromkeys(patterns))
    if not patterns:
        return "**/*.{html}"
    return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"


def bundle_path(output: Path, settings: Mapping[str, object]) -> Path:
    return Path(output, *bundle_dir(settings).parts)
