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
# pelican-sitemap writes sitemap.xml; theme/templates/robots.html points crawlers at it.
PLUGINS = [*PLUGINS, "pelican.plugins.sitemap"]
SITEMAP = {"format": "xml", "exclude": [r"^robots\.txt$"]}
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
