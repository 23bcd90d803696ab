"""Two of Pelican's pure helpers, each worked out once per argument.

Each article gets Category, Tag and Author objects of its own, and each works out its
slug the first time it is hashed or linked: Markup.striptags, Unicode normalisation,
unidecode and the SLUG_REGEX_SUBSTITUTIONS, about 17,000 times for 4,000 articles,
for a few dozen names. And Pelican works out an article's source path relative to the
content folder (os.path.relpath of two absolute paths) four or five times per article:
when the article is made, when the generator notes it, and each time its address is
formatted. Both ran in the build process between the end of the conversion and the
start of Pagefind, which waits for them: 0.3 s of that second at 4,000 articles.

Both are pure functions of their arguments (and of the working directory, for the
path), so remembering their answers gives the very same slugs and paths
(tests/test_fastbuild_remembered.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache

from pelican import contents, urlwrappers, utils

#: Answers remembered of each; a site asks for far fewer distinct ones.
REMEMBERED = 65536


@lru_cache(maxsize=REMEMBERED)
def _slug(value: str, regex_subs: tuple, preserve_case: bool, use_unicode: bool) -> str:
    return utils.slugify(value, regex_subs, preserve_case, use_unicode)


def remembered_slugify(
    value: str,
    regex_subs: Iterable[tuple[str, str]] = (),
    preserve_case: bool = False,
    use_unicode: bool = False,
) -> str:
    """utils.slugify's answer, from memory when asked before."""
    try:
        key = tuple(tuple(pair) for pair in regex_subs)
        hash((value, key))
    except TypeError:  # something unhashable: ask slugify itself
        return utils.slugify(value, regex_subs, preserve_case, use_unicode)
    return _slug(value, key, bool(preserve_case), bool(use_unicode))


_stock_relative_source_path = contents.Content.get_relative_source_path


@lru_cache(maxsize=REMEMBERED)
def _relative(content: str, source: str, cwd: str) -> str:
    # `cwd`: abspath() reads it; part of the key, so a changed directory is asked anew.
    return utils.posixize_path(
        os.path.relpath(os.path.abspath(os.path.join(content, source)), os.path.abspath(content))
    )


def remembered_relative_source_path(self, source_path: str | None = None) -> str | None:
    """Content.get_relative_source_path's answer, from memory when asked before."""
    if not source_path:
        source_path = self.source_path
    if source_path is None:
        return None
    content = self.settings["PATH"]
    if not (isinstance(content, str) and isinstance(source_path, str)):
        return _stock_relative_source_path(self, source_path)
    return _relative(content, source_path, os.getcwd())


def install() -> None:
    """URLWrapper.slug calls the slugify its module imported; every content object
    calls the method."""
    urlwrappers.slugify = remembered_slugify
    contents.Content.get_relative_source_path = remembered_relative_source_path
