"""Read one content file as raw bytes and split it into metadata and body, keeping
line numbers, so that every finding can point at the line to fix.

Pelican reads the same files with Python-Markdown's `meta` extension; the header
rules below are that extension's, so what we check is what Pelican will see. A
file Pelican cannot read at all (not UTF-8, empty, binary) becomes one finding
here instead of Pelican's terse "Could not process".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding
from .rules import severity

MARKDOWN_EXTENSIONS = frozenset({"md", "markdown", "mkd", "mdown"})
#: Other formats Pelican reads itself; the checks leave them alone.
OTHER_READABLE = frozenset({"html", "htm", "rst"})
#: Files an article may link to with {static}/{attach}: never reported as stray.
ATTACHABLE = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "pdf", "csv", "mp3", "mp4"}
)
#: What the editor probably dropped in, to name it in the message.
KNOWN_TYPES = {
    "docx": "a Word document",
    "doc": "a Word document",
    "odt": "an OpenDocument text",
    "rtf": "a rich-text document",
    "pages": "a Pages document",
    "zip": "a zip archive",
    "xlsx": "a spreadsheet",
}

# Python-Markdown's meta extension (markdown/extensions/meta.py).
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass(frozen=True)
class Field:
    value: str
    line: int


@dataclass
class Document:
    """A Markdown file that could be decoded: its header fields and body lines."""

    path: Path
    relpath: str  # relative to the content folder, with forward slashes
    kind: str  # "article" or "page"
    lines: list[str]
    meta: dict[str, Field] = field(default_factory=dict)
    header_end: int = 1  # line where a missing field would go
    body_start: int = 1  # first line of the body (1-based)
    #: What several rules derive from the body (paragraphs, links), computed once.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def get(self, key: str) -> str | None:
        found = self.meta.get(key)
        return found.value if found else None

    def line_of(self, key: str) -> int:
        found = self.meta.get(key)
        return found.line if found else self.header_end

    @property
    def body(self) -> list[tuple[int, str]]:
        """(line number, text) of every body line."""
        return list(enumerate(self.lines[self.body_start - 1 :], start=self.body_start))

    @property
    def ignored(self) -> frozenset[str]:
        """Rules this article switches off with `Check-ignore: rule-id, ...`."""
        value = self.get("check-ignore") or ""
        return frozenset(r.strip() for r in re.split(r"[,;\s]+", value) if r.strip())

    def finding(self, rule: str, line: int, message: str) -> Finding:
        return Finding(self.path, line, rule, severity(rule), message)


def extension(path: Path | str) -> str:
    return Path(path).suffix[1:].lower()


def parse(path: Path, relpath: str, kind: str, data: bytes) -> Document | Finding:
    """Return the document, or the one finding that says why it cannot be read."""

    def bad(rule: str, line: int, message: str) -> Finding:
        return Finding(path, line, rule, severity(rule), message)

    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return bad(
            "file-binary",
            line,
            "binary data (NUL bytes) in a Markdown file: this is not text; "
            "replace it with the article saved as plain text",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        return bad(
            "file-encoding",
            line,
            f"not UTF-8 text (byte 0x{byte}): re-save the file as UTF-8 "
            "(in most editors: Save as... > Encoding > UTF-8)",
        )
    if not text.strip():
        return bad(
            "file-empty",
            1,
            "empty file: write the article (metadata, a blank line, the body) or delete the file",
        )
    return _split(Document(path, relpath, kind, text.splitlines()))


def _split(doc: Document) -> Document:
    lines = doc.lines
    i = 0
    if lines and BEGIN_RE.match(lines[0]):
        i = 1
    key = None
    while i < len(lines):
        line = lines[i]
        if not line.strip() or END_RE.match(line):
            doc.header_end = i + 1
            doc.body_start = i + 2
            return doc
        meta = META_RE.match(line)
        more = META_MORE_RE.match(line)
        if meta:
            key = meta["key"].lower()
            if key not in doc.meta:  # Pelican keeps the first of repeated keys
                doc.meta[key] = Field(meta["value"].strip(), i + 1)
        elif more and key:
            previous = doc.meta[key]
            joined = f"{previous.value} {more['value'].strip()}".strip()
            doc.meta[key] = Field(joined, previous.line)
        else:
            break  # the body starts without a blank line
        i += 1
    doc.header_end = i + 1
    doc.body_start = i + 1
    return doc


def metadata_only(data: bytes) -> dict[str, str]:
    """The header of a file known to be readable (author profiles)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}
    doc = _split(Document(Path(), "", "profile", text.splitlines()))
    return {key: f.value for key, f in doc.meta.items()}
