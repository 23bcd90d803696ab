"""Content-hash names for theme assets (`{{ 'css/column.css'|asset }}`), so hosts can cache them
for a year and a changed file still reaches readers at once."""

from .glue import register

__all__ = ["register"]
