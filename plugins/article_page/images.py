"""The featured image named by `Image:` and described by `Image_alt:`.

The image is shown above the article and offered to social networks, so it must
exist and it must have a text alternative; a missing one is an error, not a
silent gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from byline.policy import Problem as MetadataProblem

EXAMPLE = "Image: images/harbour.jpg  and  Image_alt: What the picture shows"


@dataclass(frozen=True)
class FeaturedImage:
    path: str  # relative to the content folder, as Pelican copies it to the output
    alt: str


@dataclass(frozen=True)
class Problem(MetadataProblem):
    topic: str = "image"


def _normalise(value: str) -> str:
    """Accept what authors write in the body too: `{static}/images/x.png`, `/images/x.png`."""
    value = value.strip().removeprefix("{static}").lstrip("/")
    return PurePosixPath(value).as_posix() if value else ""


def featured_image(
    image: str | None, alt: str | None, content: Path
) -> FeaturedImage | Problem | None:
    """The featured image, the problem with it, or None when the article has none."""
    image = (image or "").strip()
    alt = " ".join((alt or "").split())
    if not image:
        if alt:
            return Problem("missing", f'"Image_alt:" without "Image:"; add both, e.g. {EXAMPLE}')
        return None
    path = _normalise(image)
    if ".." in PurePosixPath(path).parts or not (content / path).is_file():
        return Problem(
            "missing",
            f'"Image: {image}": no such file in the content folder; give the path '
            f"relative to it, e.g. {EXAMPLE}",
        )
    if not alt:
        return Problem(
            "alt",
            f'"Image: {image}" has no text alternative; add a line "Image_alt: ..." '
            "describing what the picture shows",
        )
    return FeaturedImage(path, alt)
