"""Getting into a store: the write lock, unlocking, creating.

``unlock`` only reads and decrypts (no SQL), so the app runs it in a worker thread; the
session is then built on the app's thread.
"""

from __future__ import annotations

import fcntl
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfcare.store import keys, vault
from selfcare.store.errors import AlreadyOpen, Damaged, NoStore, WrongPassphrase
from selfcare.store.paths import StorePaths


class StoreLock:
    """An exclusive ``flock`` on ``selfcare.lock``; the kernel drops it if the process dies."""

    def __init__(self, paths: StorePaths) -> None:
        self._paths = paths
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise ``AlreadyOpen``."""
        self._paths.ensure_dir()
        fd = os.open(self._paths.lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise AlreadyOpen() from exc
        self._fd = fd

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def release(self) -> None:
        """Drop the lock (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@dataclass
class Unlocked:
    """A decrypted generation, ready to become a session."""

    dek: bytearray
    header: dict[str, Any]
    meta: dict[str, Any]
    db_image: bytes
    source: Path
    stat: os.stat_result


def slot_of(header: dict[str, Any], kind: str) -> dict[str, Any]:
    for slot in header["keyslots"]:
        if isinstance(slot, dict) and slot.get("type") == kind:
            return slot
    raise Damaged("The store file is damaged (a key slot is missing) and could not be read.")


def read_generation(paths: StorePaths, use_backup: bool = False) -> tuple[Path, bytes]:
    """The bytes of the current file, or of the backup generation.

    Raises:
        NoStore: the file is not there.
    """
    path = paths.backup if use_backup else paths.vault
    try:
        return path, vault.read_file(path)
    except FileNotFoundError as exc:
        if use_backup:
            raise NoStore("There is no backup generation to open.") from exc
        if paths.exists():
            raise Damaged(
                "The store's main file is missing; 'selfcare check --use-backup' may open "
                "the backup generation."
            ) from exc
        raise NoStore() from exc


def open_bytes(
    data: bytes, passphrase: str | None = None, *, recovery_code: str | None = None
) -> tuple[bytearray, dict[str, Any], dict[str, Any], bytes]:
    """Check a file's header, derive the key, unwrap the data key and decrypt the body.

    Returns:
        The data key, the header, the body's meta and the SQLite image.

    Raises:
        Damaged, NewerFormat, WrongPassphrase, WrongRecoveryCode.
    """
    parsed = vault.parse(data)
    header = parsed.header
    if recovery_code is not None:
        dek = keys.open_recovery_slot(recovery_code, slot_of(header, "recovery"))
    elif passphrase is not None:
        params = keys.KdfParams.from_json(header.get("kdf"))
        passphrase_slot = slot_of(header, "passphrase")
        keys.check_slot(passphrase_slot)
        kek = keys.derive_key(passphrase, params, allow_weak=True)
        try:
            dek = keys.open_passphrase_slot(kek, passphrase_slot)
        finally:
            keys.wipe(kek)
    else:
        raise WrongPassphrase("A passphrase is needed to open the store.")
    meta, image = vault.unpack_body(vault.open_body(parsed, dek))
    return dek, header, meta, image


def unlock(
    paths: StorePaths,
    passphrase: str | None = None,
    *,
    recovery_code: str | None = None,
    use_backup: bool = False,
) -> Unlocked:
    """Read the current (or backup) generation and decrypt it; no SQL, so worker-safe.

    Raises:
        NoStore, Damaged, NewerFormat, WrongPassphrase, WrongRecoveryCode.
    """
    path, data = read_generation(paths, use_backup)
    stat = os.stat(path)
    dek, header, meta, image = open_bytes(data, passphrase, recovery_code=recovery_code)
    return Unlocked(dek=dek, header=header, meta=meta, db_image=image, source=path, stat=stat)


def new_header(
    passphrase: str, dek: bytearray, recipient: bytes, params: keys.KdfParams, *, allow_weak: bool
) -> dict[str, Any]:
    """A header with fresh salt, a passphrase keyslot and a recovery keyslot."""
    params = keys.KdfParams(t=params.t, p=params.p, m=params.m, salt=os.urandom(keys.SALT_BYTES))
    kek = keys.derive_key(passphrase, params, allow_weak=allow_weak)
    try:
        slots = [keys.passphrase_slot(kek, dek), keys.recovery_slot(recipient, dek)]
    finally:
        keys.wipe(kek)
    return {
        "format": vault.FORMAT_VERSION,
        "id": secrets.token_hex(8),
        "kdf": params.to_json(),
        "keyslots": slots,
    }
