"""Signal receivers: give templates the `asset` filter and write the fingerprinted copies.

The name is computed from the theme's source file when a template asks for it,
so no HTML has to be rewritten afterwards. The copy is written there and then, in
the process that rendered the page (plugins/fastbuild renders pages in several),
next to the plain copy Pelican makes of the theme's static files.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals

from . import settings as defaults
from .hashing import fingerprinted_name, served_bytes, stale_copies

logger = logging.getLogger(__name__)

#: Asset path -> its output path: every page asks, each file is read and hashed once.
_names: dict[str, str] = {}
#: Assets already reported missing in this build (one message, not one per page).
_missing: set[str] = set()


def _source(settings, relpath: str) -> Path | None:
    """The theme file Pelican copies to THEME_STATIC_DIR/<relpath>, if any."""
    theme = Path(settings["THEME"])
    for static in reversed(settings.get("THEME_STATIC_PATHS", ["static"])):
        candidate = theme / static / relpath
        if candidate.is_file():
            return candidate
    return None


def asset_url(settings, relpath: str) -> str:
    """Path of a theme asset from the site root, fingerprinted when enabled."""
    relpath = relpath.lstrip("/")
    static_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    plain = f"{static_dir}/{relpath}"
    if not defaults.get(settings, "FINGERPRINT_ASSETS"):
        return plain
    if relpath in _names:
        return _names[relpath]
    source = _source(settings, relpath)
    if source is None:
        if relpath in _missing:
            return plain
        _missing.add(relpath)
        logger.error(
            "%s: error: the template asks for asset '%s', which is not in the theme's "
            "static folder; fix the name in the template [fingerprint-missing]",
            os.path.relpath(settings["THEME"]),
            relpath,
        )
        return plain
    data = served_bytes(
        relpath, source.read_bytes(), defaults.get(settings, "FINGERPRINT_MINIFY_CSS")
    )
    name = fingerprinted_name(relpath, data, defaults.get(settings, "FINGERPRINT_LENGTH"))
    output = f"{static_dir}/{name}"
    _write_copy(Path(settings["OUTPUT_PATH"]) / output, source.name, data)
    _names[relpath] = output
    return output


def _write_copy(target: Path, source_name: str, data: bytes) -> None:
    """Atomic, so processes writing the same copy at once leave one whole file; older
    copies of the same asset go, so the folder does not fill with dead versions."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    for stale in stale_copies(os.listdir(target.parent), source_name, target.name):
        (target.parent / stale).unlink(missing_ok=True)


def start_build(pelican):
    _names.clear()
    _missing.clear()


def add_filter(generator):
    settings = generator.settings
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters["asset"] = lambda relpath: asset_url(settings, relpath)


def register():
    signals.initialized.connect(start_build)
    signals.generator_init.connect(add_filter)
