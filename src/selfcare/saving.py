"""Autosave: the app's timer drives the keeper; sealing and writing run in a worker."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from selfcare.keeper import SessionKeeper
from selfcare.store.saver import Snapshot

if TYPE_CHECKING:
    from selfcare.app import SelfCareApp


class Autosave:
    """Draft sidecar about every second, full snapshots when quiet, idle lock."""

    def __init__(self, app: SelfCareApp) -> None:
        self.app = app
        self._writing = False

    async def tick(self) -> None:
        """Called on the app's thread every poll interval."""
        app = self.app
        held = app.held
        if held is not None and app.keeper is None and not self._writing:
            # Locked while a save was failing: retry, with the back-off, then let go.
            if held.retry_allowed() and held.save_now():
                held.session.close()
                app.held = None
            return
        keeper = app.keeper
        if keeper is None:
            return
        minutes = app.settings.idle_lock_minutes
        if app.lock_enabled and minutes > 0 and keeper.last_input is not None:
            idle = (app.clock() - keeper.last_input).total_seconds()
            if idle >= minutes * 60:
                await app.action_lock()
                return
        if keeper.draft_due():
            seq, sealed = keeper.sealed_draft()
            app.run_worker(
                partial(self._write_draft, keeper, seq, sealed),
                thread=True,
                group="draft",
                exit_on_error=False,
            )
        if not self._writing and keeper.snapshot_due():
            snap = keeper.take_snapshot()
            if snap is not None:
                self._writing = True
                app.run_worker(
                    partial(self._write, keeper, snap),
                    thread=True,
                    group="save",
                    exit_on_error=False,
                )

    def _write_draft(self, keeper: SessionKeeper, seq: int, sealed: bytes) -> None:
        problem = keeper.write_draft(seq, sealed)
        if problem is not None:
            self.app.call_from_thread(self._say, problem)

    def _write(self, keeper: SessionKeeper, snap: Snapshot) -> None:
        try:
            problem = keeper.write(snap)
        except Exception as exc:  # noqa: BLE001 - never leave autosave stuck
            problem = f"Saving failed ({type(exc).__name__}), so changes are not saved yet."
        self.app.call_from_thread(self._written, keeper, snap, problem)

    def _written(self, keeper: SessionKeeper, snap: Snapshot, problem: str | None) -> None:
        self._writing = False
        keeper.written(snap, problem)
        if problem is not None:
            self._say(problem)

    def _say(self, problem: str) -> None:
        self.app.notify(problem, title="Not saved yet", severity="warning", timeout=8)

    def close(self, keeper: SessionKeeper) -> bool:
        """Save synchronously; close the session only if it saved. Returns whether saved."""
        if keeper.save_now():
            keeper.session.close()
            return True
        return False

    def close_all(self) -> None:
        """On quit, signals and crashes: save what we hold (the draft file first), then close."""
        for keeper in (self.app.keeper, self.app.held):
            if keeper is not None:
                keeper.save_now()
                keeper.session.close()
        self.app.keeper = None
        self.app.held = None
