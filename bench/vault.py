"""Vault benchmark: open, save and draft-sidecar time and peak memory by store size.

Run: ``.venv/bin/python bench/vault.py`` (add ``--sizes 1 10`` for a quicker run).
Stores use fast key derivation so the table shows the vault's own cost; the Argon2id
cost (constant, about 0.5-1 s by design) is printed once, separately.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from selfcare.models import JournalEntry
from selfcare.store import keys
from selfcare.store.api import create_store, open_store
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session

PASSPHRASE = "benchmark passphrase"
WORDS = "shift handover caseload visit family colleague tired proud supervision rota".split()
NOW = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds and peak traced MiB over ``repeat`` runs."""
    times, peaks = [], []
    for _ in range(repeat):
        tracemalloc.start()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
        tracemalloc.stop()
    return statistics.median(times), max(peaks)


def build(paths: StorePaths, megabytes: int) -> int:
    """A store of about ``megabytes`` MB of synthetic entries; returns the entry count."""
    rng = random.Random(megabytes)
    session, _ = create_store(paths, PASSPHRASE, params=keys.FAST_TEST_PARAMS, allow_weak=True)
    count, size = 0, 0
    with session.orm() as db:
        while size < megabytes * 1_000_000:
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(80, 400)))
            db.add(JournalEntry(created=NOW, updated=NOW, body=body))
            size += len(body)
            count += 1
        db.commit()
    session.save()
    session.close()
    return count


def run(sizes: list[int], repeat: int) -> None:
    """Print the table."""
    print(
        f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )
    start = time.perf_counter()
    keys.derive_key("x", keys.KdfParams(t=3, p=4, m=64 * 1024, salt=bytes(16)))
    print(f"Argon2id at the floor (m=64 MiB, t=3, p=4): {time.perf_counter() - start:.3f} s\n")
    head = (
        "store MB",
        "entries",
        "file MB",
        "open s",
        "open MiB",
        "save s",
        "save MB/s",
        "save MiB",
        "draft ms",
        "draft MiB",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for mb in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            paths = StorePaths(Path(tmp) / "data")
            count = build(paths, mb)
            file_mb = paths.vault.stat().st_size / 1e6

            def do_open(paths: StorePaths = paths) -> None:
                open_store(paths, PASSPHRASE, writable=False).close()

            open_s, open_mib = measure(do_open, repeat)
            session = open_store(paths, PASSPHRASE)
            save_s, save_mib = measure(lambda s=session: s.save(force=True), repeat)
            text = " ".join(WORDS) * 40  # an open editor with about 3,000 words

            def do_draft(session: Session = session, text: str = text) -> None:
                session.stage_draft("journal:bench", "journal", None, {"body": text})
                session.write_draft_now()

            draft_s, draft_mib = measure(do_draft, repeat * 3)
            session.close()
            row = (
                f"{mb}",
                f"{count}",
                f"{file_mb:.1f}",
                f"{open_s:.3f}",
                f"{open_mib:.0f}",
                f"{save_s:.3f}",
                f"{file_mb / save_s:.0f}",
                f"{save_mib:.0f}",
                f"{draft_s * 1000:.1f}",
                f"{draft_mib:.2f}",
            )
            print("| " + " | ".join(row) + " |")


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run(args.sizes, args.repeat)


if __name__ == "__main__":
    main()
