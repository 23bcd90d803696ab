"""Never publish an article whose byline would be empty or half-empty."""

from .glue import register

__all__ = ["register"]
