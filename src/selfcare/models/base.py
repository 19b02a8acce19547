"""Helpers shared by the tables."""

from __future__ import annotations

import uuid


def new_id() -> str:
    """A fresh random UUID as 32 hex characters: the key of every row."""
    return uuid.uuid4().hex
