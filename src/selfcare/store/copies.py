"""Sealed copies: ``backup`` writes one, ``restore`` brings one back.

A backup copy is sealed under the same keys as the store, so it opens with the
passphrase (and recovery code) of the moment it was made; a later passphrase change does
not reach copies made before it.
"""

from __future__ import annotations

from pathlib import Path

from selfcare.store import vault
from selfcare.store.access import StoreLock, unlock
from selfcare.store.api import open_store, session_from
from selfcare.store.errors import CannotWrite, Damaged, SelfcareError, UsageError
from selfcare.store.exchange import write_private
from selfcare.store.keyops import open_for_passphrase_check
from selfcare.store.paths import StorePaths


def backup_to(paths: StorePaths, passphrase: str, out: Path, *, force: bool = False) -> None:
    """Write a sealed copy of the store, unsaved draft text included, to ``out``.

    Read-only: takes no lock and writes nothing in the data directory.
    """
    session = open_store(paths, passphrase, writable=False)
    try:
        snap = session.take_snapshot()
        if snap is None:  # pragma: no cover - a fresh read-only session has no transaction
            raise CannotWrite("The store is busy; please try again.")
        data = vault.seal(session.header, session.dek, snap.body)
    finally:
        session.close()
    write_private(out, data, force=force)


def restore_from(paths: StorePaths, source: Path, passphrase: str) -> None:
    """Make ``source`` the current store; the current store becomes the backup generation.

    Refuses while selfcare holds the store open, and when the file does not open with the
    passphrase. Unsaved draft text of the current store is saved into it first (which
    needs the same passphrase), so restoring never drops a word.

    Raises:
        AlreadyOpen, WrongPassphrase, Damaged, NewerFormat, UsageError, CannotWrite.
    """
    lock = StoreLock(paths)
    lock.acquire()
    try:
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise UsageError("That backup file could not be read.") from exc
        try:
            open_for_passphrase_check(data, passphrase)
        except Damaged as exc:
            raise Damaged("That backup file is damaged and could not be read.") from exc
        if paths.draft.exists():
            _save_draft_into_current(paths, passphrase)
        vault.write_atomic(
            paths,
            paths.vault,
            data,
            backup_from=paths.vault if paths.vault.exists() else None,
        )
        paths.draft.unlink(missing_ok=True)
    finally:
        lock.release()


def _save_draft_into_current(paths: StorePaths, passphrase: str) -> None:
    """Fold the draft sidecar into the current store (the caller holds the lock)."""
    try:
        unlocked = unlock(paths, passphrase)
    except SelfcareError as exc:
        raise UsageError(
            "The current store has unsaved text that this passphrase cannot open; "
            "open selfcare once so it is saved, then restore."
        ) from exc
    session = session_from(paths, unlocked, writable=True, lock=None)
    try:
        session.save(force=True)
    finally:
        session.close()
