"""Made-up action items: a few things for oneself, and a few to ask of others.

Items from the journal point at the most recent entry that touched the matching work
area, so run this after ``journal.seed``. Due dates count from the injected clock's today.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session as OrmSession
from sqlmodel import col, select

from selfcare.domain.vocab import ActionKind, ActionSource, ActionStatus
from selfcare.models import ActionItem, JournalEntry, JournalWorkArea
from selfcare.store.session import Session


@dataclass(frozen=True, slots=True)
class DemoAction:
    """One made-up action item.

    Attributes:
        text: What to do or ask.
        kind: repair / maintain / improve, or ask.
        source: Where it came from.
        status: open, done or let-go.
        created: Days before today it was made.
        due: Days from today it is due (negative: in the past), or None.
        subtag: For journal items, the work-area sub-tag of the entry it came from.
    """

    text: str
    kind: ActionKind
    source: ActionSource
    status: ActionStatus
    created: int
    due: int | None
    subtag: str | None = None


# fmt: off
ACTIONS: tuple[DemoAction, ...] = (
    DemoAction(
        "Ask for supervision to be rebooked, for a date that won't move",
        ActionKind.ASK, ActionSource.JOURNAL, ActionStatus.OPEN, 9, 3,
        "supervision-cancelled",
    ),
    DemoAction(
        "Raise the out-of-hours staffing gap at the team meeting",
        ActionKind.ASK, ActionSource.JOURNAL, ActionStatus.OPEN, 5, 6, "staffing-gaps",
    ),
    DemoAction(
        "Write down the extra hours for a month, then take the numbers to my manager",
        ActionKind.ASK, ActionSource.JOURNAL, ActionStatus.OPEN, 20, 11, "unpaid-hours",
    ),
    DemoAction(
        "Chase IT about the recording system logging out mid-save",
        ActionKind.ASK, ActionSource.JOURNAL, ActionStatus.DONE, 40, -30, "paperwork-it",
    ),
    DemoAction(
        "Ask for travel time between calls to be put on the rota",
        ActionKind.ASK, ActionSource.PLAN, ActionStatus.OPEN, 60, 14,
    ),
    DemoAction(
        "Walk at lunch twice a week",
        ActionKind.MAINTAIN, ActionSource.PLAN, ActionStatus.OPEN, 60, 2,
    ),
    DemoAction(
        "Leave the work phone in the car at weekends",
        ActionKind.MAINTAIN, ActionSource.PLAN, ActionStatus.DONE, 75, -50,
    ),
    DemoAction(
        "Swim before work on Mondays",
        ActionKind.MAINTAIN, ActionSource.PLAN, ActionStatus.LET_GO, 90, -45,
    ),
    DemoAction(
        "Book a day's leave after the court deadline",
        ActionKind.REPAIR, ActionSource.JOURNAL, ActionStatus.DONE, 35, -21,
    ),
    DemoAction(
        "Set up a fortnightly peer debrief coffee with two colleagues",
        ActionKind.IMPROVE, ActionSource.PLAN, ActionStatus.OPEN, 14, 10,
    ),
)
# fmt: on
"""The demo's action items."""


def _entry_with(db: OrmSession, subtag: str) -> str | None:
    """The id of the most recent journal entry tagged with ``subtag``, if any."""
    query = (
        select(JournalEntry.id)
        .join(JournalWorkArea, col(JournalWorkArea.entry_id) == col(JournalEntry.id))
        .where(JournalWorkArea.subtag == subtag)
        .order_by(col(JournalEntry.created).desc())
    )
    return db.exec(query).first()


def _at(today: datetime, days_back: int, rng: random.Random) -> datetime:
    day = (today - timedelta(days=days_back)).date()
    return datetime.combine(day, time(rng.randint(17, 21), rng.randrange(60)), today.tzinfo)


def seed(session: Session, rng: random.Random) -> None:
    """Write the demo's action items.

    Args:
        session: An open, writable store, already holding the demo journal.
        rng: The demo's random source.
    """
    now = session.clock()
    today = now.date()
    with session.orm() as db:
        for item in ACTIONS:
            created = _at(now, item.created, rng)
            due = None if item.due is None else today + timedelta(days=item.due)
            updated = created
            if item.status is not ActionStatus.OPEN and due is not None:
                # Marked done, or let go, around the time it was due.
                updated = min(_at(now, (today - due).days, rng), now)
            db.add(
                ActionItem(
                    created=created,
                    updated=max(updated, created),
                    text=item.text,
                    kind=item.kind.value,
                    source=item.source.value,
                    source_id=_entry_with(db, item.subtag) if item.subtag else None,
                    due=due,
                    status=item.status.value,
                )
            )
        db.commit()
