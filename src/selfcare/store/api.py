"""Opening, creating and checking stores: the functions the app and the command line call."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from selfcare.domain.clock import Clock, system_clock
from selfcare.store import keys, vault
from selfcare.store.access import StoreLock, Unlocked, new_header, unlock
from selfcare.store.errors import (
    NoStore,
    SelfcareError,
    StoreExists,
    UsageError,
)
from selfcare.store.keyops import settle_backup
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session


def remove_stale_temp_files(paths: StorePaths) -> int:
    """Remove temp files left by an interrupted save (only with the write lock held)."""
    count = 0
    for path in paths.temp_files():
        try:
            path.unlink()
            count += 1
        except FileNotFoundError:
            pass
    return count


def session_from(
    paths: StorePaths,
    unlocked: Unlocked,
    *,
    writable: bool,
    lock: StoreLock | None,
    clock: Clock = system_clock,
    ops: vault.FileOps | None = None,
    on_phase: vault.PhaseHook | None = None,
) -> Session:
    """Build a session from a decrypted generation (on the app's thread)."""
    try:
        return Session(
            paths,
            unlocked,
            header=unlocked.header,
            dek=unlocked.dek,
            writable=writable,
            lock=lock,
            clock=clock,
            ops=ops,
            on_phase=on_phase,
        )
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def begin_open(paths: StorePaths) -> StoreLock:
    """Take the write lock and clear stale temp files (app thread, before ``unlock``).

    Raises:
        NoStore, AlreadyOpen.
    """
    if not paths.exists():
        raise NoStore()
    lock = StoreLock(paths)
    lock.acquire()
    remove_stale_temp_files(paths)
    return lock


def finish_open(
    paths: StorePaths,
    unlocked: Unlocked,
    lock: StoreLock | None,
    *,
    clock: Clock = system_clock,
    ops: vault.FileOps | None = None,
    on_phase: vault.PhaseHook | None = None,
) -> Session:
    """Build the session from a decrypted generation and settle the backup (app thread)."""
    session = session_from(
        paths,
        unlocked,
        writable=lock is not None,
        lock=lock,
        clock=clock,
        ops=ops,
        on_phase=on_phase,
    )
    if lock is not None and "rekey" in session.meta:
        try:
            settle_backup(session, session.meta)
        except BaseException:
            session.close()
            raise
    return session


def open_store(
    paths: StorePaths,
    passphrase: str | None = None,
    *,
    recovery_code: str | None = None,
    use_backup: bool = False,
    writable: bool = True,
    clock: Clock = system_clock,
    ops: vault.FileOps | None = None,
    on_phase: vault.PhaseHook | None = None,
) -> Session:
    """Unlock a store and return its session.

    A writable session holds the lock and removes stale temp files; a read-only one
    takes no lock and writes nothing (a newer draft sidecar is applied in memory only).

    Raises:
        NoStore, AlreadyOpen, Damaged, NewerFormat, WrongPassphrase, WrongRecoveryCode.
    """
    lock = begin_open(paths) if writable else None
    try:
        unlocked = unlock(paths, passphrase, recovery_code=recovery_code, use_backup=use_backup)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return finish_open(paths, unlocked, lock, clock=clock, ops=ops, on_phase=on_phase)


@dataclass
class NewKeys:
    """A new store's header and data key, and its recovery code (shown once)."""

    header: dict[str, Any]
    dek: bytearray
    code: str


def prepare_keys(
    passphrase: str, *, params: keys.KdfParams | None = None, allow_weak: bool = False
) -> NewKeys:
    """Calibrate and derive (slow: run it in a worker). No disk, no SQL.

    Raises:
        UsageError: the passphrase is empty or the settings are below the floor.
    """
    if not passphrase:
        raise UsageError("The passphrase cannot be empty.")
    params = params or keys.calibrate()
    if not allow_weak and not keys.meets_floor(params):
        raise UsageError("Key settings below the safe floor are refused when writing.")
    code = keys.new_recovery_code()
    dek = keys.new_data_key()
    header = new_header(
        passphrase, dek, keys.recovery_public_key(code), params, allow_weak=allow_weak
    )
    return NewKeys(header=header, dek=dek, code=code)


def create_with_keys(
    paths: StorePaths,
    new: NewKeys,
    *,
    clock: Clock = system_clock,
    ops: vault.FileOps | None = None,
) -> Session:
    """Create the store from prepared keys and save its first generation (app thread).

    Raises:
        StoreExists: any piece of a store is already there.
        AlreadyOpen, CannotWrite.
    """
    lock = StoreLock(paths)
    lock.acquire()
    try:
        remove_stale_temp_files(paths)  # a first save that never finished left only these
        if paths.exists():
            raise StoreExists()
        session = Session(
            paths,
            None,
            header=new.header,
            dek=new.dek,
            writable=True,
            lock=lock,
            clock=clock,
            ops=ops,
        )
    except BaseException:
        lock.release()
        raise
    try:
        session.save(force=True)
    except BaseException:
        session.close()
        raise
    return session


def create_store(
    paths: StorePaths,
    passphrase: str,
    *,
    params: keys.KdfParams | None = None,
    allow_weak: bool = False,
    clock: Clock = system_clock,
    ops: vault.FileOps | None = None,
) -> tuple[Session, str]:
    """Create a new store and save its first generation.

    Args:
        paths: where.
        passphrase: the new passphrase.
        params: key-derivation settings; calibrated here when None.
        allow_weak: permit settings below the floor (tests and the demo only).
        clock: the injected clock.
        ops: injectable file operations.

    Returns:
        The open session and the recovery code, to be shown once.

    Raises:
        StoreExists: any piece of a store is already there.
        UsageError: the passphrase is empty or the settings are below the floor.
    """
    if paths.exists() and not paths.temp_files():
        raise StoreExists()
    new = prepare_keys(passphrase, params=params, allow_weak=allow_weak)
    return create_with_keys(paths, new, clock=clock, ops=ops), new.code


@dataclass(frozen=True)
class GenerationReport:
    """What ``check`` found for one file."""

    name: str
    present: bool
    ok: bool
    generation: int | None
    modified: datetime | None
    problem: str | None
    exit_code: int


def check_generation(paths: StorePaths, passphrase: str, *, use_backup: bool) -> GenerationReport:
    """Open one generation read-only and verify it (header, key, body, database)."""
    path = paths.backup if use_backup else paths.vault
    name = "backup generation" if use_backup else "current file"
    if not path.exists():
        return GenerationReport(name, False, False, None, None, "not present", 0)
    modified = datetime.fromtimestamp(os.stat(path).st_mtime).replace(microsecond=0)
    try:
        session = open_store(paths, passphrase, use_backup=use_backup, writable=False)
    except SelfcareError as err:
        return GenerationReport(name, True, False, None, modified, str(err), err.exit_code)
    generation = session.generation
    session.close()
    return GenerationReport(name, True, True, generation, modified, None, 0)
