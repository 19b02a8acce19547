"""Demo data: made-up, deterministic, dates relative to the injected clock's today.

One module per area; ``seed`` fills a store through all of them from one random source,
so the same seed and the same clock always give the same data (row ids aside).
"""

from __future__ import annotations

import random

from selfcare.demo import actions, journal
from selfcare.store.session import Session

SEED = 20261124


def seed(session: Session) -> None:
    """Fill a new store with about four months of made-up data."""
    rng = random.Random(SEED)
    journal.seed(session, rng)
    actions.seed(session, rng)
