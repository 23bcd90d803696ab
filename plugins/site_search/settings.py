"""Defaults of the site_search settings (each can be overridden in pelicanconf.py).

The plugin fills in any that the settings file leaves out, so the theme and the
indexer always see a value.
"""

#: Theme setting: where the header's search box sends the reader (the search page).
SEARCH_URL = "search/"
#: Pelican setting for the `search` direct template: where the search page is written.
SEARCH_SAVE_AS = "search/index.html"
#: Folder, inside the output folder, for Pagefind's index and its UI files. The plugin
#: owns it: it is emptied before every index build so no stale fragment survives.
SEARCH_BUNDLE_DIR = "pagefind"
#: CSS selectors never indexed even inside an article's headline or body (e.g. a
#: disclaimer placed inside the body by a template or an author).
SEARCH_EXCLUDE_SELECTORS = [".disclaimer"]

#: Build the index in a process of its own after the build returns, swapping it in
#: when complete (`invoke livereload` sets it: a preview is ready seconds sooner and
#: search catches up). False: the build waits for the index.
SEARCH_INDEX_IN_BACKGROUND = False

DEFAULTS = {
    "SEARCH_INDEX_IN_BACKGROUND": SEARCH_INDEX_IN_BACKGROUND,
    "SEARCH_URL": SEARCH_URL,
    "SEARCH_SAVE_AS": SEARCH_SAVE_AS,
    "SEARCH_BUNDLE_DIR": SEARCH_BUNDLE_DIR,
    "SEARCH_EXCLUDE_SELECTORS": SEARCH_EXCLUDE_SELECTORS,
}
