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

# Comments: the production Isso server (README.md, "Comments"). COLUMN_ISSO_URL=""
# publishes without comments.
ISSO_URL = os.environ.get("COLUMN_ISSO_URL", "https://comments.northgate.example.org")
if not ISSO_URL:
    COMMENTS_PROVIDER = None
