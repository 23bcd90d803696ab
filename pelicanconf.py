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
# fastbuild first: other plugins use its worker pool and cache (see "Build speed" below);
# content_types comes before the plugins that import it (disclaimers, checks, ...).
PLUGINS = ["fastbuild", "safe_metadata", "byline", "columnists", "content_types"]
PLUGINS += ["disclaimers", "feeds"]
PLUGINS += ["publish_guard"]
PLUGINS += ["fingerprint"]

# columnists: one profile per author in content/<AUTHOR_PROFILES_PATH>/<slug>.md
# (Name, Role, Photo, Photo_alt, Summary, Guest, Disclaimer, Order, Website, Email,
# Mastodon, Bluesky, X, LinkedIn; the body is the bio). Article authors must match a
# profile by name or slug: a warning in development builds, an error when publishing.
AUTHOR_PROFILES_PATH = "authors"
# How many other pieces the author box lists under "More from <name>".
AUTHOR_BOX_MORE = 3

# disclaimers: the text after each article, most specific wins: DISCLAIMER_DEFAULT,
# then the content type's (CONTENT_TYPES below: "disclaimer_text", or "disclaimer":
# "none" for none), then the author's profile `Disclaimer:`, then the article's own
# `Disclaimer:` (`none` switches it off, refused for "disclaimer": "required" types).
# Markdown with the placeholders {site}, {author} and {category}.
DISCLAIMER_DEFAULT = (
    "The views expressed in this column are solely those of {author} and do not "
    "necessarily reflect the views of {site}."
)
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
    # Each build makes its environments afresh, so templates never change under one;
    # checking every include's file for changes cost a stat per include, ~90,000 at
    # 4,000 articles.
    "auto_reload": False,
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

# --- Article page (plugins/article_page; README.md, "Article page") -------------
PLUGINS += ["article_page"]
# The label above the headline and the JSON-LD @type come from the article's content
# type (CONTENT_TYPES, plugins/content_types, below).
# "N min read": words of the body divided by this, rounded up.
READING_WORDS_PER_MINUTE = 230
# Support call to action after every article; no block while SUPPORT_URL is empty.
# SUPPORT_URL: a path on this site ("support/") or an absolute https:// address.
SUPPORT_URL = "support/"
SUPPORT_TEXT = "Help us grow: The Northgate Review is paid for by its readers, not advertisers."
SUPPORT_LINK_TEXT = "Become a member"
# Share links under every article, in this order (e-mail, mastodon, bluesky, x,
# facebook, linkedin); Mastodon links open this instance's share form.
SHARE_SERVICES = ["email", "mastodon", "bluesky", "x", "facebook", "linkedin"]
MASTODON_SHARE_INSTANCE = "mastodon.social"
# Publisher logo in the JSON-LD, a path on this site ("images/logo.png"); "" for none.
PUBLISHER_LOGO = ""
# Page listing every correction, newest first (None: not written), and the page
# explaining the corrections policy, linked from every correction notice.
CORRECTIONS_URL = "corrections/"
CORRECTIONS_SAVE_AS = "corrections/index.html"
CORRECTIONS_POLICY_SLUG = "corrections-policy"

# --- Reader search (plugins/site_search; README.md, "Search") ----------------
# Once the articles are read, Pagefind indexes the headline and body of every published
# article (from a search record of each, while Pelican writes the pages) into a static
# index that the browser fetches in small pieces. Filters: columnist, column, year; sort: date.
PLUGINS += ["site_search"]
# The search page (a direct template): Pagefind's UI, reading ?q= from the header's box.
DIRECT_TEMPLATES += ["search"]
SEARCH_URL = "search/"  # theme setting: where the header's search box goes
SEARCH_SAVE_AS = "search/index.html"
# Folder inside the output for the index and Pagefind's UI files; emptied on each build.
SEARCH_BUNDLE_DIR = "pagefind"
# Never indexed, even inside an article's body (disclaimers are the publication's words).
SEARCH_EXCLUDE_SELECTORS = [".notices", ".disclaimer"]


# --- Editorial checks (plugins/checks; README.md, "Checks") ---------------------
# checks: report problems in the content, keep unbuildable files out of the build.
# atomic_output: publish builds replace output/ only when they succeed.
PLUGINS += ["checks", "atomic_output"]
# Rule ids switched off for the whole site; for one article write "Check-ignore: rule-id".
CHECKS_DISABLED = []
# Warn when a headline / summary is longer than search results show (characters).
CHECK_TITLE_MAX = 70
CHECK_SUMMARY_MAX = 160
# Words that mark unfinished copy; whole words, case-sensitive.
CHECK_EDIT_MARKS = ["TK", "TKTK", "TODO", "FIXME", "XXX"]
# Words that may stand twice in a row ("what it had had").
CHECK_DOUBLED_WORDS_ALLOWED = ["had", "that"]
# Sentences shorter than this many words may repeat.
CHECK_REPEAT_MIN_WORDS = 4
# The columns a "Category:" may name (None: any). Add a column here before using it.
KNOWN_CATEGORIES = ["Opinion", "Analysis", "News"]
# Log warnings in builds (`invoke preview` turns this off: it has just printed them).
CHECKS_LOG_WARNINGS = True
# atomic_output: build into a fresh sibling folder, swap it into OUTPUT_PATH only when the
# build succeeded (on in publishconf.py; development builds update output/ in place).
ATOMIC_OUTPUT = False

# --- Comments and Content-Security-Policy (plugins/comments; README.md, "Comments") ---
PLUGINS += ["comments"]
# "isso": a "What do you think?" section under every article (an article's
# `Comments: off` line closes it) and comment counts in listings, served by our own
# Isso server. None: no comment section, no script, no mention of Isso on any page.
COMMENTS_PROVIDER = "isso"
# The Isso server as readers' browsers reach it. `invoke comments` starts one here
# for previews; publishconf.py points at the production one.
ISSO_URL = "http://127.0.0.1:8080"
# New comments wait for an editor's approval (the page says so); `invoke comments`
# and `invoke comments-config` write this into Isso's configuration.
COMMENTS_MODERATION = True
# <meta http-equiv="Content-Security-Policy"> on every page: scripts, styles, images
# and requests only from this site and the comment host.
CSP_META = True
# Extra CSP sources per directive for other features: search (Pagefind) runs
# WebAssembly and its UI draws icons as data: images.
CSP_EXTRA_SOURCES = {"script-src": ["'wasm-unsafe-eval'"], "img-src": ["data:"]}

# --- Workflow: fingerprinted assets, drafts, scheduled articles ------------------
# fingerprint: templates name theme assets with `{{ 'css/column.css'|asset }}`, which
# gives `theme/css/column.<8 hex digits of its SHA-256>.css` and writes that copy, so
# hosts may cache it for a year (FINGERPRINT_ASSETS = False: plain names;
# FINGERPRINT_LENGTH: digits of the hash, 8). Stylesheets are written minified
# (FINGERPRINT_MINIFY_CSS = True); the plain css/column.css copy stays readable.
FINGERPRINT_ASSETS = True
# An article dated in the future is scheduled: Pelican treats it as a draft until its
# date, so a development build shows it only at drafts/<slug>/ (unlisted, no feeds)
# and the publish build leaves it out (publishconf.py) until a build after that date.
WITH_FUTURE_DATES = False

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

# --- Build speed (plugins/fastbuild; README.md, "Build speed") ---------------------
# Processes that convert articles (Markdown, typogrify), run the per-file checks, enrich
# articles and write pages at once: 0 = one per CPU core, 1 = one by one in the build
# process as stock Pelican does.
# Either way the site is byte for byte the same.
BUILD_WORKERS = 0
# Keep each article's conversion in CACHE_PATH, keyed by the file's bytes and everything
# that could change it (settings, plugin code, library versions), and what each page's
# templates read: a rebuild converts only the files that changed and renders only the
# pages that show something that changed (the theme's files are part of that key).
# Off in publishconf.py: the public site is always converted and rendered afresh.
BUILD_CACHE = True
CACHE_PATH = "cache"
# When pages note what they read, for the next build: "warm" = in builds that found their
# cache from an earlier one (a cold build has nothing to compare with, and saves about a
# tenth of its time; the build after it notes), True = always (the live preview, tasks.py),
# False = never.
BUILD_PAGE_MEMO = "warm"
# A progress bar on long builds: "auto" = when stderr is a terminal and CI is not set.
BUILD_PROGRESS = "auto"
# Partials rendered once per build for each set of values they read, and reused wherever
# they are included with the same ones: a listing card once per article and folder depth,
# not once per listing that shows it. Only partials that read nothing that changes while
# pages render (articles and settings do not). Default: none.
BUILD_SHARED_PARTIALS = [
    "partials/card.html",
    "partials/header.html",
    "partials/footer.html",
    "partials/standards.html",
    "partials/support.html",
]

# --- Trust: publisher policies and backstories (plugins/policies; README.md, "Trust") ---
PLUGINS += ["policies"]
# The publisher's policies, each a page in content/pages named by its slug: linked from
# the end of every article ("Our standards") and carried by the publisher's JSON-LD
# (a NewsMediaOrganization: ethicsPolicy, publishingPrinciples, correctionsPolicy,
# diversityPolicy, actionableFeedbackPolicy, ownershipFundingInfo, masthead,
# contactPoint). Kinds: ethics, principles (default: the ethics page), corrections,
# diversity, feedback, ownership, masthead, contact. A slug with no page is an error:
# the publish build refuses. (Plugin default: {}.)
PUBLISHER_POLICIES = {
    "ethics": "ethics-policy",
    "corrections": CORRECTIONS_POLICY_SLUG,
    "diversity": "diversity-policy",
    "feedback": "feedback",
    "ownership": "ownership-funding",
    "masthead": "masthead",
    "contact": "contact",
}
# Heading of the policy links under every article.
PUBLISHER_POLICIES_TITLE = "Our standards"
# Heading of the box an article's `Backstory:` line fills (why and how it was written).
BACKSTORY_LABEL = "Why we wrote this"

# --- Quotes and their sources (plugins/sourcing; README.md, "Quotes and their sources") ---
# A block quote followed by its attribution line ("— Varra Press Agency, 2 October 2026",
# "— [Agency](https://...), date", or "> — Agency" as the quote's last line) is written
# as <figure class="quote"> with the attribution in <figcaption>, the source in <cite>.
# The plugin adds its Markdown extension ("sourcing.extension") to MARKDOWN itself.
# The checks report a block quote without one ([quote-unattributed], a warning).
PLUGINS += ["sourcing"]
# False: block quotes and attribution lines stay as Markdown writes them. (Default: True.)
SOURCING_FIGURES = True

# --- Page budgets (plugins/page_budget; README.md, "Page budgets") -----------------
# After the site is written, every article page is weighed: its HTML plus each
# stylesheet and script from this site that it loads. A page over the budget, or one
# that makes browsers request anything from another host, is an error that stops the
# publish build (output/ is left as it was); development builds warn and keep the pages.
PLUGINS += ["page_budget"]
# False: no weighing (Default: True.)
PAGE_BUDGET_ENABLED = True
# HTML + CSS + JS of one article page, in bytes (images and fonts are not counted).
PAGE_BUDGET_BYTES = 40_000
# Hosts besides this site's own that pages may request ("cdn.example.org"). The comment
# host (ISSO_URL, while COMMENTS_PROVIDER is set) is always allowed. (Default: [].)
PAGE_BUDGET_ALLOWED_HOSTS = []

# --- Content types (plugins/content_types; README.md, "Content types") ----------------
# Every article is one type of work, from its `Type:` line, else its column's type
# (CONTENT_TYPE_BY_CATEGORY), else CONTENT_TYPE_DEFAULT. The type alone decides the
# label above the headline, the JSON-LD @type, the disclaimer policy, the Atom
# <category> and the sitemap the article is listed in. A `Type:` not in the table is
# an error naming the file and line (that article is not built; publishing refuses).
# (content_types is loaded near the top of PLUGINS: other plugins import it.)
# key (matched ignoring case, spaces, hyphens: "Guest essay" is "guest-essay") -> fields:
#   label            shown above the headline and on cards (required)
#   schema_type      the JSON-LD @type, a schema.org Article type (required)
#   disclaimer       "default" (the site's text; authors/articles may change it),
#                    "required" (`Disclaimer: none` refused) or "none" (no disclaimer)
#   disclaimer_text  replaces DISCLAIMER_DEFAULT for this type (Markdown, placeholders)
#   notice           a notice of its own, headed by the label, before the others
#   feed_term        the Atom <category term>; the key unless set
# Letters are OpinionNewsArticle: schema.org has no letter type, and a published
# letter is a reader's opinion piece (`Comment` is for replies attached to a work).
CONTENT_TYPES = {
    "news": {"label": "News", "schema_type": "NewsArticle", "disclaimer": "none"},
    "analysis": {
        "label": "Analysis",
        "schema_type": "AnalysisNewsArticle",
        "disclaimer_text": (
            "Analysis interprets the news. The conclusions are those of {author}, not a "
            "position of {site}."
        ),
    },
    "opinion": {"label": "Opinion", "schema_type": "OpinionNewsArticle", "disclaimer": "required"},
    "guest-essay": {
        "label": "Guest essay",
        "schema_type": "OpinionNewsArticle",
        "disclaimer": "required",
    },
    "letter": {
        "label": "Letter to the editor",
        "schema_type": "OpinionNewsArticle",
        "disclaimer": "required",
        "disclaimer_text": "Letters are the views of their writers, not of {site}.",
    },
    "sponsored": {
        "label": "Sponsored",
        "schema_type": "AdvertiserContentArticle",
        "disclaimer": "none",
        "notice": (
            "This article was paid for by an advertiser. It was not written or edited by "
            "the journalists of {site}."
        ),
    },
}
# Type of an article without `Type:`, by column (plugin default: these three).
CONTENT_TYPE_BY_CATEGORY = {"Opinion": "opinion", "Analysis": "analysis", "News": "news"}
# Type in a column not listed above (plugin default "opinion": calling news opinion
# costs less trust than the reverse).
CONTENT_TYPE_DEFAULT = "opinion"
# Atom <category scheme="..."> (RSS: domain) of the type, to tell it from the tags.
CONTENT_TYPE_FEED_SCHEME = "urn:column:content-type"
