"""Reader search: a Pagefind index of article headlines and bodies, built after Pelican."""

from .glue import register

__all__ = ["register"]
