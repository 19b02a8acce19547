"""Unsaved editor text that has reached the vault."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class DraftText(SQLModel, table=True):
    """Text from an editor that was not closed: a crash, a killed terminal or a lock.

    The draft sidecar holds these between snapshots; on open they land here, so every
    interrupted draft is kept until the person closes or deletes it.
    """

    __tablename__ = "draft_text"

    id: str = Field(primary_key=True)
    """The editor's key (e.g. ``journal:<entry id>``)."""
    kind: str
    """Which area wrote it, e.g. ``journal``."""
    ref_id: str | None = None
    """The row the editor was editing, when there is one."""
    fields: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """The editor's unsaved fields (text, prompt, ...)."""
    updated: datetime
