"""Signal glue: add the Markdown extension to the site's MARKDOWN setting.

Pelican's Markdown reader turns every key of MARKDOWN["extension_configs"] into an
extension when it is created (after `initialized`), so adding ours there is all it
takes; the site's pelicanconf.py needs only the plugin in PLUGINS. The extension
works on the element tree; Pelican runs typogrify on the resulting HTML afterwards,
so quotes and captions get the same typography as the rest of the body.
"""

from __future__ import annotations

from pelican import signals

from . import settings as defaults


def add_extension(pelican):
    settings = pelican.settings
    if not defaults.get(settings, "SOURCING_FIGURES"):
        return
    markdown = dict(settings.get("MARKDOWN") or {})
    configs = dict(markdown.get("extension_configs") or {})
    configs.setdefault(defaults.EXTENSION, {})
    markdown["extension_configs"] = configs
    settings["MARKDOWN"] = markdown


def register():
    signals.initialized.connect(add_extension)
