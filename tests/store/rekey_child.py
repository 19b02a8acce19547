"""A child process for ``test_rekey_faults.py``: passphrase changes to be killed.

Usage: ``python rekey_child.py DATA_DIR serve``. The server imports everything once,
prints ``ready``, then for each line of stdin forks one worker, waits for it and prints
``exited PID STATUS`` (the raw wait status). ``quit`` or end of input stops it. Commands:

- ``step TAG WHICH PHASE``: one round from passphrase ``PASSPHRASES[WHICH]``; at
  ``PHASE`` of the rekey the worker prints ``phase PHASE`` and waits on stdin, to be
  killed there. A round that ends without reaching ``PHASE`` prints ``missed`` and waits.
- ``free TAG WHICH``: rounds in a loop, as fast as they go, flipping the passphrase each
  round (phases are printed, nothing is waited for), until killed.
- ``spin TAG WHICH``: the same, but all rounds in one session, opened once (so a kill at
  a random moment lands in ``rekey`` far more often).

A round: ``round TAG WHICH``; open the store writable; ``adding entry-TAG`` and add that
entry (committed in memory, not saved); ``staging draft-TAG``, stage it as an open
editor's draft and write the sidecar; ``draft-written draft-TAG``; ``rekey`` to the other
passphrase, printing ``phase NAME`` at each phase; ``rekeyed``; close. Every line goes out
in one ``os.write``, so nothing sits in a buffer that a fork could duplicate.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support.py

from selfcare.store.api import open_store  # noqa: E402
from selfcare.store.keyops import rekey  # noqa: E402
from selfcare.store.paths import StorePaths  # noqa: E402
from selfcare.store.session import Session  # noqa: E402
from support import PASSPHRASE, add_entry, make_store  # noqa: E402

NEW_PASSPHRASE = "a different passphrase ✓ 🌿 après"
PASSPHRASES = (PASSPHRASE, NEW_PASSPHRASE)
"""Index 0 is the passphrase the store is made with; rounds flip between the two."""
DRAFT_KEY = "journal:new"


def emit(line: str) -> None:
    """Write one whole line to stdout, unbuffered."""
    os.write(1, (line + "\n").encode("utf-8"))


def read_line() -> str | None:
    """One line from stdin, byte by byte so nothing meant for a later command is read."""
    raw = b""
    while not raw.endswith(b"\n"):
        byte = os.read(0, 1)
        if not byte:
            return None
        raw += byte
    return raw.decode("utf-8").strip()


def wait_for_kill() -> None:
    """Block until killed; end quietly if the parent goes away."""
    while os.read(0, 1):
        pass
    os._exit(3)


def one_round(
    paths: StorePaths, tag: str, which: int, stop_at: str | None, session: Session | None = None
) -> None:
    """Open with ``PASSPHRASES[which]`` (unless ``session`` is given), add an entry and a
    draft, change the passphrase, close (unless ``session`` was given)."""

    def on_phase(phase: str) -> None:
        emit(f"phase {phase}")
        if phase == stop_at:
            wait_for_kill()

    emit(f"round {tag} {which}")
    own = session is None
    if session is None:
        session = open_store(paths, PASSPHRASES[which], on_phase=on_phase)
    try:
        emit(f"adding entry-{tag}")
        add_entry(session, f"entry-{tag}")
        emit(f"staging draft-{tag}")
        session.stage_draft(DRAFT_KEY, "journal", None, {"body": f"draft-{tag}"})
        session.write_draft_now()
        emit(f"draft-written draft-{tag}")
        rekey(session, new_passphrase=PASSPHRASES[1 - which], allow_weak=True)
        emit("rekeyed")
    finally:
        if own:
            session.close()


def worker(paths: StorePaths, command: list[str]) -> None:
    """Run one command's rounds (see the module docstring)."""
    emit(f"pid {os.getpid()}")
    mode, tag, which = command[0], command[1], int(command[2])
    if mode == "step":
        one_round(paths, tag, which, command[3])
        emit("missed")
        wait_for_kill()
    session = None
    if mode == "spin":
        session = open_store(paths, PASSPHRASES[which], on_phase=lambda p: emit(f"phase {p}"))
    n = 0
    while True:
        one_round(paths, f"{tag}-{n}", which, None, session)
        which, n = 1 - which, n + 1


def warm_up() -> None:
    """One passphrase change in a scratch store, so forked workers start warm."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch_paths = StorePaths(Path(scratch) / "data")
        session, _ = make_store(scratch_paths)
        session.close()
        one_round(scratch_paths, "warm-up", 0, None)


def serve(paths: StorePaths) -> int:
    """Fork one worker per command line; report how each ended."""
    saved = os.dup(1)
    os.dup2(2, 1)  # the warm-up's lines are not for the parent
    try:
        warm_up()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    emit("ready")
    while True:
        line = read_line()
        if line is None or line == "quit":
            return 0
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                worker(paths, line.split())
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
            finally:
                os._exit(70)
        _, status = os.waitpid(pid, 0)
        emit(f"exited {pid} {status}")


def main(argv: list[str]) -> int:
    """Run the server; see the module docstring."""
    if len(argv) != 2 or argv[1] != "serve":
        print("usage: rekey_child.py DATA_DIR serve", file=sys.stderr)
        return 2
    return serve(StorePaths(Path(argv[0])))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
