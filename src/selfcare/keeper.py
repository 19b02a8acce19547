"""The session keeper: owns the open session and decides when to save.

No textual here, so the policy is tested without a terminal. The app calls
``take_snapshot`` on its own thread and ``write`` in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from selfcare.domain.clock import Clock
from selfcare.store.errors import CannotWrite
from selfcare.store.paths import StorePaths
from selfcare.store.saver import Snapshot
from selfcare.store.session import Session

QUIET_SECONDS = 6.0
"""A full snapshot after this long without typing."""
DRAFT_SECONDS = 1.0
"""The draft sidecar is rewritten at most this often while someone types."""
RETRY_SECONDS = (5.0, 15.0, 60.0)
"""Back-off after a failed save."""


@dataclass
class SessionKeeper:
    """Holds an open session and its save schedule."""

    session: Session
    clock: Clock
    failures: int = 0
    """Snapshot writes that failed in a row (for the back-off)."""
    last_input: datetime | None = None
    last_draft: datetime | None = None
    draft_pending: bool = False
    _retry_at: datetime | None = None
    _snapshot_requested: bool = False

    def request_snapshot(self) -> None:
        """An entry or form was closed: snapshot at the next tick, quiet or not."""
        self._snapshot_requested = True

    @property
    def paths(self) -> StorePaths:
        """The store's files."""
        return self.session.paths

    def touched(self) -> None:
        """Someone typed, clicked or pasted."""
        self.last_input = self.clock()

    def stage_draft(
        self, key: str, kind: str, ref_id: str | None, fields: dict[str, object]
    ) -> None:
        """An editor's text changed: keep it for the sidecar."""
        self.session.stage_draft(key, kind, ref_id, dict(fields))
        self.draft_pending = True

    def draft_due(self) -> bool:
        """Whether the sidecar should be rewritten now."""
        if not self.draft_pending:
            return False
        now = self.clock()
        return self.last_draft is None or (now - self.last_draft).total_seconds() >= DRAFT_SECONDS

    def sealed_draft(self) -> tuple[int, bytes]:
        """The sidecar bytes (app thread); then ``write_draft`` (any thread)."""
        self.draft_pending = False
        self.last_draft = self.clock()
        return self.session.sealed_draft()

    def write_draft(self, seq: int, sealed: bytes) -> str | None:
        """Write the sidecar (any thread); returns the failure sentence, or None.

        On failure the text stays in memory and the next tick tries again.
        """
        try:
            self.session.saver.write_draft(seq, sealed)
        except CannotWrite as err:
            self.draft_pending = True
            return str(err)
        return None

    def retry_allowed(self) -> bool:
        """Whether the back-off after a failed save has passed."""
        return self._retry_at is None or self.clock() >= self._retry_at

    def snapshot_due(self) -> bool:
        """A snapshot is due: changes, quiet for a while, and not waiting to retry."""
        if not self.session.writable or not self.session.dirty or not self.retry_allowed():
            return False
        now = self.clock()
        if self._snapshot_requested:
            return True
        return self.last_input is None or (now - self.last_input).total_seconds() >= QUIET_SECONDS

    def take_snapshot(self) -> Snapshot | None:
        """On the app's thread."""
        self._snapshot_requested = False
        return self.session.take_snapshot()

    def write(self, snap: Snapshot) -> str | None:
        """Seal and write (any thread); returns the failure sentence, or None."""
        try:
            self.session.saver.write_snapshot(snap)
        except CannotWrite as err:
            return str(err)
        return None

    def written(self, snap: Snapshot, problem: str | None) -> None:
        """Record the outcome on the app's thread."""
        if problem is None:
            self.session.snapshot_written(snap)
            self.failures = 0
            self._retry_at = None
            return
        self.session.snapshot_failed()
        self.failures += 1
        delay = RETRY_SECONDS[min(self.failures, len(RETRY_SECONDS)) - 1]
        self._retry_at = self.clock() + timedelta(seconds=delay)

    def save_now(self) -> bool:
        """Save synchronously (lock, quit, signals). Returns whether everything is saved."""
        if self.draft_pending:
            self.write_draft(*self.sealed_draft())
        if not self.session.writable or not self.session.dirty:
            return True
        snap = self.take_snapshot()
        if snap is None:
            return False
        problem = self.write(snap)
        self.written(snap, problem)
        return problem is None
