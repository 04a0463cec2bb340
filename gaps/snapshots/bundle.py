"""A snapshot's bundle as it is downloaded: one JSON document with its date, data version, counts, gap figures and
public dataset, written in one canonical form (sorted keys, no spaces, UTF-8) so that the SHA-256 the snapshot's page
shows is the digest of the downloaded file itself (``sha256sum bundle.json``)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gaps.snapshots.models import Snapshot

BUNDLE_FORMAT_VERSION = 1


def bundle_of(snapshot: Snapshot) -> dict[str, Any]:
    """The bundle of a snapshot as a document; its title is left out, as the title may be corrected later."""
    return {
        "format_version": snapshot.format_version,
        "slug": snapshot.slug,
        "taken_on": snapshot.taken_on.isoformat(),
        "taken_at": snapshot.taken_at.isoformat(),
        "data_version": snapshot.data_version,
        "counts": snapshot.counts,
        "figures": snapshot.figures,
        "dataset": snapshot.dataset,
    }


def canonical_json(document: Any) -> bytes:
    """The one byte form of a document: the same on SQLite and PostgreSQL (jsonb does not keep key order)."""
    return json.dumps(
        document, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()


def bundle_bytes(snapshot: Snapshot) -> bytes:
    return canonical_json(bundle_of(snapshot))


def bundle_digest(snapshot: Snapshot) -> str:
    """The SHA-256 of the bundle file, hexadecimal."""
    return hashlib.sha256(bundle_bytes(snapshot)).hexdigest()
