"""Production settings (`invoke preview`, `invoke publish`).

Imports the development settings and changes only what differs in production.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

# The public address of the site. Overridable for staging: COLUMN_SITEURL=https://staging.example.org
SITEURL = os.environ.get("COLUMN_SITEURL", "https://northgate.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# Any error while reading the content stops the build before a page is written
# (plugins/publish_guard). Development builds report the same errors and go on.
FAIL_ON_ERRORS = True

# Start from an empty output folder so nothing stale is published.
DELETE_OUTPUT_DIRECTORY = True

# --- Sitemap and robots.txt: offered to crawlers by the public site only ----------
# plugins/sitemaps writes the sitemap index sitemap.xml (SITEMAP_INDEX_SAVE_AS) and one
# sitemap per content type, sitemaps/type-<key>.xml, plus sitemaps/pages.xml for every
# other page (SITEMAP_SAVE_AS = "sitemaps/{group}.xml"); theme/templates/robots.html
# points crawlers at the index.
PLUGINS = [*PLUGINS, "sitemaps"]
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "robots"]
ROBOTS_SAVE_AS = "robots.txt"
ROBOTS_URL = "robots.txt"

# plugins/atomic_output: write into a fresh output.tmp-XXXXXXXX folder next to output/ and
# replace output/ only when the whole build succeeded; a failed build leaves output/ as it was.
ATOMIC_OUTPUT = True

# Comments: the production Isso server (README.md, "Comments"). COLUMN_ISSO_URL=""
# publishes without comments.
ISSO_URL = os.environ.get("COLUMN_ISSO_URL", "https://comments.northgate.example.org")
if not ISSO_URL:
    COMMENTS_PROVIDER = None

# --- Workflow: drafts and scheduled articles are never published ---------------------
# `Status: draft` articles, and articles dated in the future (WITH_FUTURE_DATES = False in
# pelicanconf.py makes them drafts until their date), are not written at all: Pelican
# skips an empty *_SAVE_AS. Development builds keep them at drafts/<slug>/ for preview.
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_URL = ""
DRAFT_LANG_SAVE_AS = ""

# --- Deploy (`invoke publish`, deploy/) --------------------------------------------------
# Where `invoke publish` sends the publish build; COLUMN_DEPLOY_TARGET (or, for rsync,
# COLUMN_RSYNC_TARGET) overrides it:
#   "deploy@example.org:/srv/www/column/" or "/srv/www/column/"  rsync (over SSH for host:path)
#   "ghpages:origin" or "ghpages:git@github.com:org/site.git"     ghp-import to gh-pages
#   "s3://bucket/prefix"                                           S3 (boto3; AWS_* credentials)
DEPLOY_TARGET = os.environ.get("COLUMN_DEPLOY_TARGET") or os.environ.get("COLUMN_RSYNC_TARGET", "")
# ghp-import: the branch to publish to (GitHub Pages serves gh-pages by default).
DEPLOY_GHPAGES_BRANCH = "gh-pages"
# S3: endpoint of an S3-compatible host (None: AWS, region from AWS_DEFAULT_REGION).
DEPLOY_S3_ENDPOINT_URL = os.environ.get("COLUMN_S3_ENDPOINT_URL") or None
# Cache-Control per kind of file: fingerprinted assets never change under their name,
# HTML and feeds must show corrections quickly, anything else (images) in between.
DEPLOY_CACHE_CONTROL = {
    "fingerprinted": "public, max-age=31536000, immutable",
    "html": "public, max-age=300, must-revalidate",
    "other": "public, max-age=86400",
}

# --- Build speed (plugins/fastbuild) -------------------------------------------------------
# The public site is converted afresh from its sources, never from a development build's
# cache; workers still convert and write in parallel (the output is the same either way).
BUILD_CACHE = False
