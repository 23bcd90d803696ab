"""Site settings for development builds (`invoke build`, `invoke livereload`).

`publishconf.py` imports everything here and overrides what production needs.
Every setting is a Pelican setting unless its comment says it belongs to one of
our plugins or to the theme; see README.md, "Settings".
"""

SITENAME = "The Northgate Review"
SITESUBTITLE = "Independent opinion from Northgate and the Varra Valley"
SITEDESCRIPTION = (
    "Columns, analysis and news from Northgate and the Varra Valley, "
    "written by independent columnists."
)
# Absolute address used in feeds; pages use relative links while RELATIVE_URLS is on,
# so `invoke serve` works from any folder.
SITEURL = "http://localhost:8000"
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"
OUTPUT_PATH = "output"

TIMEZONE = "Europe/Oslo"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# An article must say when it was written: no fallback to the file's mtime,
# which would make builds depend on the checkout.
DEFAULT_DATE = None

# Categories are the columns ("Opinion", "Analysis", "News"). They must be written
# in each article; no guessing from folders and no "misc" fallback, so a missing
# category is reported by the byline plugin instead of printing an empty byline.
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = ""

# --- Plugins (plugins/<name>/, each a package with register()) ----------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["safe_metadata", "byline", "columnists", "disclaimers", "feeds", "publish_guard"]
PLUGINS += ["fingerprint"]

# columnists: one profile per author in content/<AUTHOR_PROFILES_PATH>/<slug>.md
# (Name, Role, Photo, Photo_alt, Summary, Guest, Disclaimer, Order, Website, Email,
# Mastodon, Bluesky, X, LinkedIn; the body is the bio). Article authors must match a
# profile by name or slug: a warning in development builds, an error when publishing.
AUTHOR_PROFILES_PATH = "authors"
# How many other pieces the author box lists under "More from <name>".
AUTHOR_BOX_MORE = 3

# disclaimers: the text after each article, most specific wins: DISCLAIMER_DEFAULT,
# then DISCLAIMER_BY_CATEGORY (None: the column has none), then the author's profile
# `Disclaimer:`, then the article's own `Disclaimer:` (`none` switches it off).
# Markdown with the placeholders {site}, {author} and {category}.
DISCLAIMER_DEFAULT = (
    "The views expressed in this column are solely those of {author} and do not "
    "necessarily reflect the views of {site}."
)
DISCLAIMER_BY_CATEGORY = {
    "Analysis": (
        "Analysis interprets the news. The conclusions are those of {author}, not a "
        "position of {site}."
    ),
    "News": None,
}
# Columns whose articles can never go out without a disclaimer.
DISCLAIMER_REQUIRED_CATEGORIES = ["Opinion"]
# Shown for authors whose profile says `Guest: yes` ({author}: the guests).
DISCLAIMER_GUEST_NOTE = "{author} is a guest writer and not a member of staff at {site}."
# publish_guard: stop before writing when errors were logged (on in publishconf.py).
FAIL_ON_ERRORS = False

# --- Markdown and typography --------------------------------------------------
TYPOGRIFY = True
MARKDOWN = {
    "extension_configs": {
        # footnotes, tables, abbreviations, attribute lists, fenced code, ...
        "markdown.extensions.extra": {},
        # [TOC] where the author asks for it; ids on every heading for fragment links
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
    },
    "output_format": "html5",
}
SUMMARY_MAX_LENGTH = 40

# The theme turns autoescaping on: everything is escaped unless the template marks
# it safe, and only HTML our reader produced (body, summary, typographic title) is.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": [],
}

# --- URLs: clean folder URLs that any static host serves ----------------------
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_URL = "archives/"  # theme setting: Pelican has *_SAVE_AS only
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_URL = "categories/"  # theme setting
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"  # theme setting
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_URL = "authors/"  # theme setting
AUTHORS_SAVE_AS = "authors/index.html"
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors"]

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}

# --- Feeds (Atom): whole site, per category (column), per author ----------------
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/author/{slug}.atom.xml"
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = False

# --- Theme settings (documented in README.md, "Theme settings") -----------------
# Links in the header navigation, after the columns: (label, URL relative to the site).
MENU_LINKS = [("Archives", ARCHIVES_URL), ("Columnists", AUTHORS_URL)]
# Show every category (column) in the header navigation, before MENU_LINKS...
DISPLAY_CATEGORIES_ON_MENU = True
# ...those named here first, in this order, then the others alphabetically.
MENU_CATEGORY_ORDER = ["Opinion", "Analysis", "News"]
# Pages linked from the footer, by slug, in this order.
FOOTER_PAGES = ["about", "contact", "corrections-policy"]

# Reproducible output: same input, same bytes.
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION = []
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# --- Workflow: fingerprinted assets, drafts, scheduled articles ------------------
# fingerprint: templates name theme assets with `{{ 'css/column.css'|asset }}`, which
# gives `theme/css/column.<8 hex digits of its SHA-256>.css` and writes that copy, so
# hosts may cache it for a year (FINGERPRINT_ASSETS = False: plain names;
# FINGERPRINT_LENGTH: digits of the hash, 8).
FINGERPRINT_ASSETS = True
# An article dated in the future is scheduled: Pelican treats it as a draft until its
# date, so a development build shows it only at drafts/<slug>/ (unlisted, no feeds)
# and the publish build leaves it out (publishconf.py) until a build after that date.
WITH_FUTURE_DATES = False
