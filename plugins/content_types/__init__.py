"""One content type per article (`Type:`): label, JSON-LD type, disclaimers, feeds, sitemaps."""

from .glue import register

__all__ = ["register"]
