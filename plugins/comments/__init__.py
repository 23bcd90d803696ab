"""Reader comments on articles, served by a self-hosted Isso, and the page's CSP."""

from .glue import register

__all__ = ["register"]
