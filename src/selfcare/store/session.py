"""An open store: the in-memory database, its drafts and its saver.

All SQL runs on the thread that made the session (the app's thread). ``take_snapshot``
runs there too; ``Saver.write_snapshot`` and ``Saver.write_draft`` may run in a worker.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session as OrmSession
from sqlmodel import col, create_engine, delete, select

import selfcare
from selfcare.domain.clock import Clock, system_clock
from selfcare.models import DraftText
from selfcare.store import drafts, keys, migrations, search, vault
from selfcare.store.access import StoreLock, Unlocked
from selfcare.store.errors import Damaged
from selfcare.store.paths import StorePaths
from selfcare.store.saver import Saver, Snapshot


def _connect(image: bytes | None) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    try:
        if image is not None:
            conn.deserialize(image)
        # Not saved in the image: set on every open.
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA foreign_keys=ON")
        row = conn.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise Damaged("The store's database is damaged and could not be read.") from exc
    return conn


class Session:
    """An unlocked store. Use ``open_store`` or ``create_store`` to get one."""

    def __init__(
        self,
        paths: StorePaths,
        unlocked: Unlocked | None,
        *,
        header: dict[str, Any],
        dek: bytearray,
        writable: bool,
        lock: StoreLock | None,
        clock: Clock = system_clock,
        ops: vault.FileOps | None = None,
        on_phase: vault.PhaseHook | None = None,
    ) -> None:
        meta = unlocked.meta if unlocked else {"generation": 0, "draft_seq": 0}
        self.meta: dict[str, Any] = dict(meta)
        """The sealed body's meta as opened (generation, app, draft sequence, ...)."""
        self.paths = paths
        self.header = header
        self.dek = dek
        self.writable = writable
        self.clock = clock
        self.generation: int = int(meta["generation"])
        self.source = unlocked.source if unlocked else paths.vault
        self.conn = _connect(unlocked.db_image if unlocked else None)
        self.engine: Engine = create_engine(
            "sqlite://", creator=lambda: self.conn, poolclass=StaticPool, hide_parameters=True
        )
        self.schema_before = migrations.migrate(self.conn, self.engine)
        search.install(self.conn)
        self._lock = lock
        self._staged: dict[str, drafts.DraftItem] = {}
        self._draft_seq = int(meta.get("draft_seq", 0))
        self.recovered_drafts: list[str] = self._apply_sidecar()
        migrated = self.schema_before < migrations.SCHEMA_VERSION
        self._saved_changes = -1 if self.recovered_drafts or migrated else self.conn.total_changes
        self._taken: int = self.generation
        self._saved_seq = self._draft_seq
        self.saver = Saver(
            paths,
            header,
            dek,
            make_backup=writable and self.source == paths.vault,
            draft_seq=self._draft_seq,
            generation=self.generation,
            ops=ops,
            on_phase=on_phase,
        )

    # --- database ------------------------------------------------------------------

    def orm(self) -> OrmSession:
        """A new SQLModel session on the in-memory database (use as a context manager)."""
        return OrmSession(self.engine, expire_on_commit=False)

    @property
    def store_id(self) -> str:
        """The random id of this store (not secret)."""
        return str(self.header.get("id", ""))

    # --- drafts --------------------------------------------------------------------

    def _apply_sidecar(self) -> list[str]:
        try:
            data = self.paths.draft.read_bytes()
        except OSError:
            return []
        found = drafts.open_draft(data, self.dek, self.store_id)
        if found is None or found.seq <= self._draft_seq:
            return []
        self._draft_seq = found.seq
        with self.orm() as db:
            for key, item in found.items.items():
                self._upsert_draft(db, key, item)
                # Kept staged, so every later sidecar still holds it until it is closed
                # or deleted: a second crash before the next snapshot must not lose it.
                self._staged[key] = item
            db.commit()
        return sorted(found.items)

    @staticmethod
    def _upsert_draft(db: OrmSession, key: str, item: drafts.DraftItem) -> None:
        row = db.get(DraftText, key)
        updated = datetime.fromisoformat(item.updated)
        if row is None:
            row = DraftText(id=key, kind=item.kind, ref_id=item.ref_id, updated=updated)
        row.fields = dict(item.fields)
        row.updated = updated
        db.add(row)

    def stage_draft(self, key: str, kind: str, ref_id: str | None, fields: dict[str, Any]) -> int:
        """Record an open editor's unsaved fields; returns the new draft sequence number."""
        self._staged[key] = drafts.DraftItem(
            kind=kind, ref_id=ref_id, fields=dict(fields), updated=self.clock().isoformat()
        )
        self._draft_seq += 1
        return self._draft_seq

    def drop_draft(self, key: str) -> None:
        """The editor closed and its text is saved elsewhere: forget its draft."""
        self._staged.pop(key, None)
        with self.orm() as db:
            db.exec(delete(DraftText).where(col(DraftText.id) == key))
            db.commit()
        self._draft_seq += 1

    def drafts(self, kind: str | None = None) -> list[DraftText]:
        """Interrupted drafts held in the database, newest first."""
        with self.orm() as db:
            query = select(DraftText)
            if kind is not None:
                query = query.where(DraftText.kind == kind)
            return sorted(db.exec(query).all(), key=lambda d: d.updated, reverse=True)

    def sealed_draft(self) -> tuple[int, bytes]:
        """The sidecar bytes for the staged drafts (cheap: independent of store size)."""
        draft = drafts.DraftMap(seq=self._draft_seq, items=dict(self._staged))
        return self._draft_seq, drafts.seal_draft(draft, self.dek, self.store_id)

    def write_draft_now(self) -> None:
        """Write the sidecar on this thread (the app may do it in a worker instead)."""
        self.saver.write_draft(*self.sealed_draft())

    # --- snapshots -----------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether anything changed since the last snapshot."""
        return self.conn.total_changes != self._saved_changes or self._draft_seq != self._saved_seq

    def take_snapshot(self, extra_meta: dict[str, Any] | None = None) -> Snapshot | None:
        """Flush staged drafts, then serialise; None when a transaction is open.

        ``serialize()`` would include flushed but uncommitted rows, so this never runs
        inside a transaction.
        """
        if self.conn.in_transaction:
            return None
        if self._staged:
            with self.orm() as db:
                for key, item in self._staged.items():
                    self._upsert_draft(db, key, item)
                db.commit()
        self._taken = max(self._taken, self.generation) + 1
        meta = {
            "generation": self._taken,
            "app": selfcare.__version__,
            "draft_seq": self._draft_seq,
            **(extra_meta or {}),
        }
        return Snapshot(
            body=vault.pack_body(self.conn.serialize(), meta),
            generation=self._taken,
            draft_seq=self._draft_seq,
            changes=self.conn.total_changes,
        )

    def snapshot_written(self, snap: Snapshot) -> None:
        """Record that ``snap`` reached the disk (call on the app's thread)."""
        if snap.generation > self.generation:
            self.generation = snap.generation
            self._saved_changes, self._saved_seq = snap.changes, snap.draft_seq

    def snapshot_failed(self) -> None:
        """A snapshot did not reach the disk: its generation number is free again."""
        self._taken = self.generation

    def save(self, *, force: bool = False) -> bool:
        """Take and write a snapshot now, on this thread, if anything changed.

        Returns:
            Whether a snapshot was written.

        Raises:
            CannotWrite: the disk refused; everything stays in memory.
        """
        if not self.writable or not (force or self.dirty):
            return False
        snap = self.take_snapshot()
        if snap is None:
            return False
        try:
            self.saver.write_snapshot(snap)
        except BaseException:
            self.snapshot_failed()
            raise
        self.snapshot_written(snap)
        return True

    def close(self) -> None:
        """Drop the database, the key and the lock. Does not save."""
        self.saver.close()  # waits for a write in progress; refuses any later one
        self.engine.dispose()
        self.conn.close()
        keys.wipe(self.dek)
        if self._lock is not None:
            self._lock.release()
            self._lock = None
