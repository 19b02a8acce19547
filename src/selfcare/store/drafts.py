"""The draft sidecar: open editors' unsaved text, sealed with the data key.

Rewritten about once a second while someone types, so a killed terminal loses at most
about a second. Its cost depends only on the open editors' text, never on the store size.

Layout: magic (8) | nonce (12) | AES-256-GCM(payload JSON padded to 4 KiB steps) | tag (16);
the associated data is the magic plus the store's id, so a draft never lands in another store.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from selfcare.store.keys import NONCE_BYTES

DRAFT_MAGIC = b"SCDRAFT1"
DRAFT_STEP = 4096


@dataclass
class DraftItem:
    """One open editor's unsaved fields."""

    kind: str
    ref_id: str | None
    fields: dict[str, Any]
    updated: str
    """ISO time from the injected clock."""


@dataclass
class DraftMap:
    """Every open editor's unsaved text, with a sequence number that only grows."""

    seq: int = 0
    items: dict[str, DraftItem] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """The padded JSON payload."""
        raw = json.dumps(
            {
                "seq": self.seq,
                "items": {
                    key: {
                        "kind": item.kind,
                        "ref_id": item.ref_id,
                        "fields": item.fields,
                        "updated": item.updated,
                    }
                    for key, item in self.items.items()
                },
            },
            ensure_ascii=False,
        ).encode("utf-8")
        return raw + b" " * (-len(raw) % DRAFT_STEP)

    @classmethod
    def from_bytes(cls, raw: bytes) -> DraftMap:
        """Parse a payload; raises ValueError (or KeyError/TypeError) on a bad one."""
        data = json.loads(raw.decode("utf-8"))
        items = {
            str(key): DraftItem(
                kind=str(v["kind"]),
                ref_id=None if v["ref_id"] is None else str(v["ref_id"]),
                fields=dict(v["fields"]),
                updated=str(v["updated"]),
            )
            for key, v in dict(data["items"]).items()
        }
        seq = data["seq"]
        if type(seq) is not int:
            raise ValueError("bad sequence")
        return cls(seq=seq, items=items)


def seal_draft(draft: DraftMap, dek: bytes | bytearray, store_id: str) -> bytes:
    """Seal a draft map for the sidecar file."""
    nonce = os.urandom(NONCE_BYTES)
    aad = DRAFT_MAGIC + store_id.encode("ascii")
    return DRAFT_MAGIC + nonce + AESGCM(bytes(dek)).encrypt(nonce, draft.to_bytes(), aad)


def open_draft(data: bytes, dek: bytes | bytearray, store_id: str) -> DraftMap | None:
    """Open a sidecar, or None when it is damaged or belongs to another key or store."""
    if data[: len(DRAFT_MAGIC)] != DRAFT_MAGIC or len(data) < len(DRAFT_MAGIC) + NONCE_BYTES:
        return None
    nonce = data[len(DRAFT_MAGIC) : len(DRAFT_MAGIC) + NONCE_BYTES]
    aad = DRAFT_MAGIC + store_id.encode("ascii")
    try:
        plain = AESGCM(bytes(dek)).decrypt(nonce, data[len(DRAFT_MAGIC) + NONCE_BYTES :], aad)
        return DraftMap.from_bytes(plain)
    except (InvalidTag, ValueError, KeyError, TypeError, AttributeError):
        return None
