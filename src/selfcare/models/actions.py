"""Action items, shared by the plan, the audit, the journal and the thinking tagger."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from selfcare.domain.vocab import ActionKind, ActionSource, ActionStatus
from selfcare.models.base import new_id


class ActionItem(SQLModel, table=True):
    """Something to do, or something to ask of a manager, team or organisation."""

    __tablename__ = "action_item"

    id: str = Field(default_factory=new_id, primary_key=True)
    created: datetime
    updated: datetime
    text: str
    kind: str = ActionKind.MAINTAIN.value
    """repair / maintain / improve (for oneself) or ask (of others)."""
    source: str = ActionSource.JOURNAL.value
    """plan, audit, journal or thinking."""
    source_id: str | None = None
    """Id of the row it came from, when there is one."""
    due: date | None = None
    status: str = ActionStatus.OPEN.value
    """open, done or let-go."""
