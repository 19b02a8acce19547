"""Journal benchmark: unlock-time index build, search, filters and listing over years.

Run: ``.venv/bin/python bench/journal.py`` (``--entries 365 3650 7300`` to choose sizes).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from selfcare.models import JournalEmotion, JournalEntry, JournalWorkArea, new_id
from selfcare.store import journal, keys, search
from selfcare.store.api import create_store
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session

WORDS = (
    "shift handover caseload visit family colleague tired proud supervision rota harbour "
    "panel discharge ward review referral waiting list staffing night duty manager"
).split()
NOW = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def median_ms(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median milliseconds over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fill(session: Session, count: int) -> None:
    """``count`` daily entries of 150-400 words with some emotions and areas."""
    rng = random.Random(count)
    with session.orm() as db:
        for day in range(count):
            when = NOW - timedelta(days=day)
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(150, 400)))
            entry = JournalEntry(id=new_id(), created=when, updated=when, body=body)
            db.add(entry)
            db.flush()
            db.add(JournalEmotion(entry_id=entry.id, emotion=rng.choice(["pride", "guilt"])))
            db.add(JournalWorkArea(entry_id=entry.id, area=rng.choice(["demands", "support"])))
        db.commit()


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, nargs="+", default=[365, 3650, 7300])
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}\n"
    )
    head = ("entries", "index build ms", "search ms", "search+filters ms", "list newest 500 ms")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for count in args.entries:
        with tempfile.TemporaryDirectory() as tmp:
            session, _ = create_store(
                StorePaths(Path(tmp) / "d"),
                "bench",
                params=keys.FAST_TEST_PARAMS,
                allow_weak=True,
            )
            fill(session, count)
            build = median_ms(lambda s=session: search.install(s.conn), 3)
            text = median_ms(lambda s=session: journal.browse(s, journal.Filters(text="harb")))
            both = journal.Filters(
                text="panel",
                emotion="pride",
                area="support",
                since=(NOW - timedelta(days=365)).date(),
            )
            filtered = median_ms(lambda s=session, f=both: journal.browse(s, f))
            listing = median_ms(lambda s=session: journal.browse(s))
            session.close()
            row = (f"{count}", f"{build:.0f}", f"{text:.1f}", f"{filtered:.1f}", f"{listing:.1f}")
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
