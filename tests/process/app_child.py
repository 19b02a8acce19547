"""The real app in a pty, with a change made at unlock, for ``test_app_process.py``.

Usage: ``python app_child.py DATA_DIR MODE MARKER`` with MODE one of

- ``save``: once unlocked through the real unlock screen, stage a journal draft
  (``DRAFT_TEXT``) and commit a journal entry whose body is MARKER. The autosave timer
  is slowed to once an hour, so only quit, a signal or a crash can save them.
- ``stuck``: as ``save``, but Textual's shutdown never ends: ``WriterThread.stop`` blocks
  for ever, which is where a real closed terminal sometimes leaves it (its SIGCONT
  handler restarts application mode on hang-up; the new writer thread dies on EIO, its
  queue fills, ``stop()`` waits on ``put``). This makes that hang deterministic.
- ``crash``: as ``save``, plus F9 raises an exception whose message and local
  variables hold user text (``USER_TEXT``) and the passphrase.

It exits like ``selfcare`` does: ``sys.exit(app.return_code or 0)``.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support.py

from textual.drivers._writer_thread import WriterThread  # noqa: E402

import selfcare.app  # noqa: E402
from selfcare.app import SelfCareApp  # noqa: E402
from selfcare.crash import harden_process  # noqa: E402
from selfcare.models import JournalEntry  # noqa: E402
from selfcare.store.keys import FAST_TEST_PARAMS  # noqa: E402
from selfcare.store.paths import StorePaths  # noqa: E402
from selfcare.store.session import Session  # noqa: E402
from selfcare.store.settings import Settings  # noqa: E402
from support import NOW, PASSPHRASE  # noqa: E402

DRAFT_KEY = "journal:t"
DRAFT_TEXT = "words before the hangup ✍"
USER_TEXT = "USER-TEXT-MARKER"


class ChangingApp(SelfCareApp):
    """Makes an unsaved change as soon as the store is unlocked."""

    # Textual resolves a relative CSS_PATH against the file of the *subclass*.
    CSS_PATH = str(Path(selfcare.app.__file__).with_name(SelfCareApp.CSS_PATH))
    marker = ""

    def unlocked(self, session: Session) -> None:
        """Unlock as usual, then add an entry and stage a draft (both unsaved)."""
        super().unlocked(session)
        assert self.keeper is not None
        with self.keeper.session.orm() as db:
            db.add(JournalEntry(created=NOW, updated=NOW, body=self.marker))
            db.commit()
        self.keeper.stage_draft(DRAFT_KEY, "journal", None, {"body": DRAFT_TEXT})


class CrashingApp(ChangingApp):
    """F9 raises an error that quotes user text, with the passphrase in a local."""

    BINDINGS = [("f9", "boom", "")]

    def action_boom(self) -> None:
        """Fail the way a careless handler would."""
        passphrase = PASSPHRASE
        secret = USER_TEXT
        raise RuntimeError(f"failed on {secret} with {passphrase}")


def stop_never(self: object) -> None:
    """Stands in for ``WriterThread.stop`` on a terminal that has gone away."""
    threading.Event().wait()


def main() -> None:
    """Run the app; exit with its status."""
    data_dir, mode, marker = sys.argv[1:4]
    harden_process()
    stacks = os.environ.get("APP_CHILD_STACKS")
    if stacks:  # SIGUSR1 writes every thread's stack (file, line, function: no values)
        faulthandler.register(signal.SIGUSR1, open(stacks, "w"), all_threads=True)
    app_class = {"save": ChangingApp, "stuck": ChangingApp, "crash": CrashingApp}[mode]
    if mode == "stuck":
        WriterThread.stop = stop_never  # type: ignore[method-assign]
    app_class.marker = marker
    app = app_class(
        paths=StorePaths(Path(data_dir)),
        settings=Settings(),
        settings_path=None,
        kdf_params=FAST_TEST_PARAMS,
        allow_weak=True,
        idle_poll=3600.0,
    )
    app.run()
    sys.exit(app.return_code or 0)


if __name__ == "__main__":
    main()
