"""Fixtures shared by every test."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import FixedClock, make_store


@pytest.fixture(autouse=True)
def private_tmpdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private TMPDIR per test, so plaintext scans see only this test's files."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    for name in ("SELFCARE_DATA_DIR", "SELFCARE_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    yield tmp


@pytest.fixture
def paths(tmp_path: Path) -> StorePaths:
    """The files of a store in a fresh data directory (not yet created)."""
    return StorePaths(tmp_path / "data")


@pytest.fixture
def clock() -> FixedClock:
    """A fixed, steerable clock."""
    return FixedClock()


@pytest.fixture
def store(paths: StorePaths) -> Iterator[tuple[Session, str]]:
    """A new, open, writable store with fast key derivation; closed after the test."""
    session, code = make_store(paths)
    yield session, code
    session.close()
