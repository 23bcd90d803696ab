"""Sitemaps grouped by content type, under one sitemap index (publish build)."""

from .glue import register

__all__ = ["register"]
