"""SQLModel tables: the shared models every screen reads and writes.

Importing this package registers every table on ``SQLModel.metadata``.
"""

from __future__ import annotations

from selfcare.models.actions import ActionItem
from selfcare.models.base import new_id
from selfcare.models.contacts import PersonalContact
from selfcare.models.drafts import DraftText
from selfcare.models.flags import Flag
from selfcare.models.journal import JournalEmotion, JournalEntry, JournalWorkArea

__all__ = [
    "ActionItem",
    "DraftText",
    "Flag",
    "JournalEmotion",
    "JournalEntry",
    "JournalWorkArea",
    "PersonalContact",
    "new_id",
]
