"""Helpers shared by the tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from selfcare.models import JournalEntry
from selfcare.store.api import create_store
from selfcare.store.keys import FAST_TEST_PARAMS
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session

PASSPHRASE = "correct horse ✓ pâté 🌱"
"""A non-ASCII passphrase used across the tests."""

NOW = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += timedelta(seconds=seconds)


def make_store(paths: StorePaths, passphrase: str = PASSPHRASE) -> tuple[Session, str]:
    """A new store with fast key derivation (tests only)."""
    return create_store(
        paths, passphrase, params=FAST_TEST_PARAMS, allow_weak=True, clock=FixedClock()
    )


def add_entry(session: Session, body: str, **fields: object) -> str:
    """Add a journal entry and commit; returns its id."""
    with session.orm() as db:
        entry = JournalEntry(created=NOW, updated=NOW, body=body, **fields)  # type: ignore[arg-type]
        db.add(entry)
        db.commit()
        return entry.id


def cli_env(paths: StorePaths, tmp: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """An environment for running the command line against a test store."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")}
    env["SELFCARE_DATA_DIR"] = str(paths.data_dir)
    env["SELFCARE_CONFIG"] = str(tmp / "config.toml")
    env["TMPDIR"] = str(tmp / "tmp")
    (tmp / "tmp").mkdir(exist_ok=True)
    env.pop("COLUMNS", None)
    if extra:
        env.update(extra)
    return env


def run_cli(
    args: list[str],
    paths: StorePaths,
    tmp: Path,
    stdin: str | bytes = b"",
    extra_env: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m selfcare ARGS`` in a subprocess; stdout and stderr as text."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "selfcare", *args],
        input=data,
        capture_output=True,
        env=cli_env(paths, tmp, extra_env),
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def all_bytes_under(*dirs: Path) -> list[tuple[Path, bytes]]:
    """Every regular file below the given folders, with its bytes."""
    found: list[tuple[Path, bytes]] = []
    for top in dirs:
        for root, _dirs, files in os.walk(top):
            for name in files:
                path = Path(root) / name
                if path.is_file() and not path.is_symlink():
                    found.append((path, path.read_bytes()))
    return found
