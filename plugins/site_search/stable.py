"""Make Pagefind's output byte-identical from one build of the same site to the next.

Pagefind 1.5 writes each filter's values, and the list of filters in its meta file,
in the order of a Rust hash map, which is seeded at random on every run (upstream
marks it "TODO: Change filter indexes to BTree to give them a stable hash"). The
files' names are hashes of their contents, so every build renamed the filter files,
the meta file and the entry's reference to it, breaking our rule "same input, same
bytes" and making every deploy upload them again.

This module rewrites just those files in sorted order, naming them the way Pagefind
does (the first hex digits of the SHA-1 of the uncompressed payload). Everything
else Pagefind wrote (fragments, word index, runtime) is already stable and left
alone. Pure functions over file contents, tested without Pelican or Pagefind.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import cbor2

#: Every compressed Pagefind file starts, once gunzipped, with this signature.
SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
#: Hex digits Pagefind keeps of a SHA-1 in file names: meta files, filter files.
META_HASH_LENGTH = 10
FILTER_HASH_LENGTH = 7


class UnknownLayout(ValueError):
    """Pagefind's files are not shaped as this module knows (a new Pagefind version?)."""


@dataclass
class Changes:
    """Files to write (relative path -> bytes) and to delete, inside the bundle."""

    write: dict[str, bytes] = field(default_factory=dict)
    delete: set[str] = field(default_factory=set)


def unpack(data: bytes) -> object:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise UnknownLayout("a Pagefind index file lacks its pagefind_dcd signature")
    return cbor2.loads(raw[len(SIGNATURE) :])


def pack(value: object) -> tuple[bytes, str]:
    """Gzipped file contents (no timestamp in the header) and the payload's SHA-1."""
    payload = cbor2.dumps(value)
    digest = hashlib.sha1(payload, usedforsecurity=False).hexdigest()
    return gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0), digest


def _unique_name(lang: str, digest: str, length: int, taken: set[str]) -> str:
    """Pagefind's rule: the short hash, lengthened while it collides."""
    while f"{lang}_{digest[:length]}" in taken and length < len(digest):
        length += 1
    return f"{lang}_{digest[:length]}"


def _filters_of(meta: object) -> tuple[list, list]:
    # pf_meta in Pagefind 1.5: [version, pages, index_chunks, filters, sorts, meta_keys]
    if not (isinstance(meta, list) and len(meta) >= 5 and isinstance(meta[0], str)):
        raise UnknownLayout("the pf_meta file is not [version, pages, chunks, filters, ...]")
    filters, sorts = meta[3], meta[4]
    pairs_ok = all(isinstance(f, list) and len(f) == 2 and isinstance(f[1], str) for f in filters)
    if not (isinstance(filters, list) and isinstance(sorts, list) and pairs_ok):
        raise UnknownLayout(f"pf_meta of Pagefind {meta[0]} has no [filter, hash] list")
    return filters, sorts


def stabilise(files: Mapping[str, bytes]) -> Changes:
    """What to rewrite so the bundle no longer depends on hash-map order.

    `files` maps relative paths to contents; it must hold pagefind-entry.json and,
    for each language, its pf_meta file and the filter files that meta names.
    """
    changes = Changes()
    entry = json.loads(files[ENTRY])
    for lang_key, language in sorted(entry.get("languages", {}).items()):
        meta_path = f"pagefind.{language['hash']}.pf_meta"
        meta = unpack(files[meta_path])
        filters, sorts = _filters_of(meta)
        lang = language["hash"].rsplit("_", 1)[0]

        renamed, taken = [], set()
        for name, old_hash in sorted(filters, key=lambda f: f[0]):
            old_path = f"filter/{old_hash}.pf_filter"
            index = unpack(files[old_path])
            if not (isinstance(index, list) and len(index) == 2 and index[0] == name):
                raise UnknownLayout(f"{old_path} is not [filter name, values]")
            index = [name, sorted(index[1], key=lambda value: value[0])]
            data, digest = pack(index)
            new_hash = _unique_name(lang, digest, FILTER_HASH_LENGTH, taken)
            taken.add(new_hash)
            renamed.append([name, new_hash])
            changes.delete.add(old_path)
            changes.write[f"filter/{new_hash}.pf_filter"] = data

        meta = [*meta[:3], renamed, sorted(sorts, key=lambda s: s[0]), *meta[5:]]
        data, digest = pack(meta)
        new_meta_hash = f"{lang}_{digest[:META_HASH_LENGTH]}"
        changes.delete.add(meta_path)
        changes.write[f"pagefind.{new_meta_hash}.pf_meta"] = data
        entry["languages"][lang_key]["hash"] = new_meta_hash

    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    changes.write[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    changes.delete -= changes.write.keys()
    return changes
