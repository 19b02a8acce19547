"""Made-up journal entries: people named by role or initial, never graphic."""

from __future__ import annotations

import random
from datetime import timedelta

from selfcare.models import JournalEntry
from selfcare.store.session import Session

BODIES = (
    "Long shift. The visit to Mr K ran over because the care package still isn't in place, "
    "and I spent the drive home rehearsing what I should have said to the panel.",
    "A good moment today: J's daughter thanked me for explaining the discharge plan slowly. "
    "It reminded me why I came into this work.",
)


def seed(session: Session, rng: random.Random) -> None:
    """About one shift in three over three months."""
    today = session.clock()
    with session.orm() as db:
        for day in range(90, 0, -1):
            if rng.random() > 1 / 3:
                continue
            when = (today - timedelta(days=day)).replace(hour=rng.choice((18, 19, 20, 21)))
            db.add(JournalEntry(created=when, updated=when, body=rng.choice(BODIES)))
        db.commit()
