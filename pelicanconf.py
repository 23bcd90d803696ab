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
PLUGINS = ["safe_metadata", "byline", "feeds", "publish_guard"]
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

# --- Related stories (plugins/related; defaults in plugins/related/settings.py) ------
PLUGINS += ["related"]
# Related stories under each article; `Related: slug-a, slug-b` in an article pins those
# first, in that order.
RELATED_COUNT = 3
# Weight of each signal (each scores 0..1): TF-IDF text similarity of title and body,
# shared tags weighted by rarity, same column, closeness in time.
RELATED_WEIGHTS = {"text": 0.65, "tags": 0.25, "category": 0.03, "time": 0.07}
# Days after which the time signal has halved.
RELATED_TIME_HALF_LIFE = 180
# Computed picks scoring below this are not shown (pins always are).
RELATED_MIN_SCORE = 0.2
# Slugs whose candidates and per-signal scores are printed during the build (debugging);
# `invoke related-explain <slug>` prints the same without building.
RELATED_EXPLAIN = []
