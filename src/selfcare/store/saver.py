"""The single saver: every write of the vault and of the draft sidecar goes through here.

It holds a lock so a snapshot and a draft write never interleave, refuses to replace a
vault file that something else has replaced, makes the backup generation on the first
save of a session, and removes the sidecar only when the snapshot holds its text.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfcare.store import vault
from selfcare.store.errors import CannotWrite
from selfcare.store.paths import DRAFT_TEMP_PREFIX, StorePaths


@dataclass(frozen=True)
class Snapshot:
    """A packed (not yet sealed) body, taken on the app's thread."""

    body: bytes
    generation: int
    draft_seq: int
    changes: int = 0
    """The connection's change counter when it was taken (to know what it holds)."""


def _signature(st: os.stat_result | None) -> tuple[int, int, int] | None:
    return None if st is None else (st.st_ino, st.st_size, st.st_mtime_ns)


def _quietly_remove(path: Path | None) -> None:
    if path is not None:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _stat(path: os.PathLike[str]) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


class Saver:
    """Seals and writes snapshots and drafts; safe to call from a worker thread."""

    def __init__(
        self,
        paths: StorePaths,
        header: dict[str, Any],
        dek: bytearray,
        *,
        make_backup: bool,
        draft_seq: int,
        generation: int = 0,
        ops: vault.FileOps | None = None,
        on_phase: vault.PhaseHook | None = None,
    ) -> None:
        self.paths = paths
        self.header = header
        self.dek = dek
        self.ops = ops or vault.FileOps()
        self.on_phase = on_phase
        self._lock = threading.Lock()
        self._make_backup = make_backup
        self._expected = _signature(_stat(paths.vault))
        self._snapshot_seq = draft_seq
        self._draft_seq = draft_seq
        self._generation = generation
        self._closed = False

    def close(self) -> None:
        """No more writes: the session is closing and its key is about to be wiped.

        Waits for a write in progress, so none ever seals with a wiped key.
        """
        with self._lock:
            self._closed = True

    def _stale(self, generation: int) -> bool:
        """A write that must not happen: closed, or older than what is on disk."""
        return self._closed or generation <= self._generation

    def write_snapshot(self, snap: Snapshot) -> None:
        """Seal and write a snapshot atomically.

        Raises:
            CannotWrite: the write failed, or the vault file was replaced by something else.
        """
        with self._lock:
            if self._stale(snap.generation):
                return  # a newer snapshot already landed (or the session closed)
            if _signature(_stat(self.paths.vault)) != self._expected:
                raise CannotWrite(
                    "The store file was changed by something else, so selfcare did not "
                    "overwrite it; your data is still in memory."
                )
            data = vault.seal(self.header, self.dek, snap.body)
            st = vault.write_atomic(
                self.paths,
                self.paths.vault,
                data,
                backup_from=self.paths.vault if self._make_backup else None,
                ops=self.ops,
                on_phase=self.on_phase,
            )
            self._make_backup = False
            self._generation = snap.generation
            self._expected = _signature(st)
            self._snapshot_seq = snap.draft_seq
            if self._draft_seq <= snap.draft_seq:
                try:
                    self.paths.draft.unlink()
                except OSError:
                    pass  # harmless: its sequence number is not newer than the vault's

    def write_rekeyed(
        self,
        current: bytes,
        backup: bytes | None,
        header: dict[str, Any],
        dek: bytearray,
        draft_seq: int,
        generation: int,
    ) -> None:
        """Replace the current file and the backup generation with files under a new key.

        Both temp files are written and synced, then the current file is replaced: from
        that moment the change has landed and this never raises. Then the backup is
        replaced (or removed, if it could not be re-sealed or its replace fails, so an old
        passphrase opens nothing we keep), and the draft sidecar, sealed under the old key,
        is removed when the snapshot holds its text. A crash in between is settled on the
        next open (``keyops.settle_backup``).

        Raises:
            CannotWrite: the change did not land; the old files stand, temp files removed.
        """
        hook = self.on_phase or (lambda _phase: None)
        with self._lock:
            if self._stale(generation):
                raise CannotWrite("The store is closing; the new keys were not written.")
            if _signature(_stat(self.paths.vault)) != self._expected:
                raise CannotWrite(
                    "The store file was changed by something else, so selfcare did not "
                    "overwrite it; your data is still in memory."
                )
            tmp_current: Path | None = None
            tmp_backup: Path | None = None
            try:
                tmp_current = vault.write_temp(self.paths, current, self.ops)
                hook("current-written")
                if backup is not None:
                    tmp_backup = vault.write_temp(self.paths, backup, self.ops)
                    hook("backup-written")
                self.ops.replace(tmp_current, self.paths.vault)
            except OSError as exc:
                for tmp in (tmp_current, tmp_backup):
                    if tmp is not None:
                        tmp.unlink(missing_ok=True)
                raise vault.cannot_write(exc) from exc
            hook("current-replaced")
            self.header, self.dek = header, dek
            self._make_backup = False
            self._generation = generation
            self._expected = _signature(_stat(self.paths.vault))
            self._snapshot_seq = max(self._snapshot_seq, draft_seq)
            try:
                if tmp_backup is not None:
                    self.ops.replace(tmp_backup, self.paths.backup)
                else:
                    self.paths.backup.unlink(missing_ok=True)
            except OSError:
                _quietly_remove(tmp_backup)
                _quietly_remove(self.paths.backup)
            hook("backup-replaced")
            if self._draft_seq <= draft_seq:
                _quietly_remove(self.paths.draft)
            vault.sync_dir(self.paths, self.ops)

    def write_draft(self, seq: int, sealed: bytes) -> None:
        """Write the sealed draft sidecar, unless a snapshot already holds newer text.

        Raises:
            CannotWrite: the write failed; the previous sidecar stands.
        """
        with self._lock:
            if self._closed or seq <= self._snapshot_seq or seq <= self._draft_seq:
                return
            tmp: Path | None = None
            try:
                tmp = vault.write_temp(self.paths, sealed, self.ops, prefix=DRAFT_TEMP_PREFIX)
                self.ops.replace(tmp, self.paths.draft)
            except OSError as exc:
                _quietly_remove(tmp)
                raise vault.cannot_write(exc) from exc
            vault.sync_dir(self.paths, self.ops)
            self._draft_seq = seq
