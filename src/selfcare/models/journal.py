"""Journal entries and their links to emotions and work areas."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from selfcare.domain.vocab import Perspective
from selfcare.models.base import new_id


class JournalEntry(SQLModel, table=True):
    """One piece of end-of-shift writing."""

    __tablename__ = "journal_entry"

    id: str = Field(default_factory=new_id, primary_key=True)
    created: datetime
    """When the entry was started (injected clock)."""
    updated: datetime
    """When the entry was last changed (injected clock)."""
    prompt_key: str | None = None
    """Key of the prompt shown, if any."""
    prompt_text: str = ""
    """The prompt as it was shown, so later rewording does not change old entries."""
    body: str = ""
    """What was written."""
    perspective: str = Perspective.FIRST.value
    """``first`` or ``third`` person."""
    minutes: int = 5
    """Minutes chosen for the timer."""
    doing: str = ""
    """What I was doing."""
    with_roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    """Who I was with, as role keys (never names)."""
    tone: str | None = None
    """Mostly ``hard``, mostly ``good``, or ``mixed``; None when not said."""
    mood_before: int | None = None
    """Optional mood 0-10 before writing."""
    mood_after: int | None = None
    """Optional mood 0-10 after writing."""


class JournalEmotion(SQLModel, table=True):
    """An emotion named on an entry, with its intensity 0-10."""

    __tablename__ = "journal_emotion"

    id: str = Field(default_factory=new_id, primary_key=True)
    entry_id: str = Field(foreign_key="journal_entry.id", index=True)
    emotion: str
    """Emotion key from the shared catalogue."""
    intensity: int = 5
    """0-10."""


class JournalWorkArea(SQLModel, table=True):
    """A work area (and optional sub-tag) an entry touched."""

    __tablename__ = "journal_work_area"

    id: str = Field(default_factory=new_id, primary_key=True)
    entry_id: str = Field(foreign_key="journal_entry.id", index=True)
    area: str
    """Work-area key."""
    subtag: str | None = None
    """Sub-tag key within the area, or None for the area as a whole."""
