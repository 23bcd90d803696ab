"""Refuse to write a production site when reading the content logged any error."""

from .guard import register

__all__ = ["register"]
