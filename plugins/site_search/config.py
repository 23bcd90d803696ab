"""Check the site_search settings and turn them into Pagefind's index configuration.

Pure functions, tested without Pelican: a wrong setting must be reported with its
name and the fix before any page is written, not surface later as a Pagefind
error or, worse, as an index written over part of the site.
"""

from __future__ import annotations

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

    Pagefind reads only the search records (records.py), one per published article,
    so its default glob is right; this adds what must be cut out of the indexed
    regions.
    """
    bundle_dir(settings)
    return {"exclude_selectors": exclude_selectors(settings)}


def bundle_path(output: Path, settings: Mapping[str, object]) -> Path:
    return Path(output, *bundle_dir(settings).parts)
