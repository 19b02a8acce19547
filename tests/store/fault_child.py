"""A child process for ``test_faults.py``: saves in a loop to be killed, or holds the lock.

Usage: ``python fault_child.py DATA_DIR MODE [TAG]`` with MODE one of

- ``step``: open, add an entry ``entry-TAG-N``, save, close, in a loop; at each phase of
  the atomic write print ``phase NAME`` and wait for one byte on stdin before going on.
- ``free``: the same loop, as fast as it goes (phases are printed, nothing waited for).
- ``serve``: import once, print ``ready``, then for each stdin line ``step TAG`` or
  ``free TAG`` fork a worker running that loop, wait for it and print
  ``exited PID STATUS`` (the raw wait status); ``quit`` or end of input stops. The parent
  kills the worker, not the server, so a kill costs a fork instead of a Python start-up.
- ``hold``: open the store writable, print ``ready``, wait until stdin closes.
- ``try-open``: try to open the store writable; print ``opened`` or the error's class name.

The saving loop prints ``pid N``, then per save ``adding BODY``, ``phase NAME``... and,
once ``save()`` has returned, ``saved BODY``. Every line goes out in one ``os.write``, so
lines never interleave and nothing sits in a buffer that a fork could duplicate.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support.py

from selfcare.store.api import open_store  # noqa: E402
from selfcare.store.paths import StorePaths  # noqa: E402
from support import PASSPHRASE, add_entry, make_store  # noqa: E402


def emit(line: str) -> None:
    """Write one whole line to stdout, unbuffered."""
    os.write(1, (line + "\n").encode("utf-8"))


def read_line() -> str | None:
    """One line from stdin, byte by byte so nothing meant for a worker is swallowed."""
    raw = b""
    while not raw.endswith(b"\n"):
        byte = os.read(0, 1)
        if not byte:
            return None
        raw += byte
    return raw.decode("utf-8").strip()


def saving_loop(paths: StorePaths, mode: str, tag: str) -> None:
    """Open, add one entry, save, close, for ever (until killed)."""

    def on_phase(phase: str) -> None:
        emit(f"phase {phase}")
        if mode == "step" and not os.read(0, 1):
            os._exit(3)  # the parent went away

    emit(f"pid {os.getpid()}")
    n = 0
    while True:
        body = f"entry-{tag}-{n}"
        emit(f"adding {body}")
        session = open_store(paths, PASSPHRASE, on_phase=on_phase)
        try:
            add_entry(session, body)
            if not session.save():
                raise RuntimeError("save() wrote nothing")
            emit(f"saved {body}")
        finally:
            session.close()
        n += 1


def warm_up() -> None:
    """One save in a scratch store, so forked workers start with warm caches."""
    with tempfile.TemporaryDirectory() as scratch:
        session, _ = make_store(StorePaths(Path(scratch) / "data"))
        add_entry(session, "warm-up")
        session.save()
        session.close()


def serve(paths: StorePaths) -> int:
    """Fork one saving worker per command line; report how each ended."""
    warm_up()
    emit("ready")
    while True:
        line = read_line()
        if line is None or line == "quit":
            return 0
        mode, tag = line.split()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                saving_loop(paths, mode, tag)
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        emit(f"exited {pid} {status}")


def main(argv: list[str]) -> int:
    """Run one mode; see the module docstring."""
    data_dir, mode = argv[0], argv[1]
    tag = argv[2] if len(argv) > 2 else str(os.getpid())
    paths = StorePaths(Path(data_dir))
    if mode in ("step", "free"):
        saving_loop(paths, mode, tag)
        return 0
    if mode == "serve":
        return serve(paths)
    if mode == "hold":
        session = open_store(paths, PASSPHRASE)
        emit("ready")
        while os.read(0, 1):
            pass
        session.close()
        return 0
    if mode == "try-open":
        try:
            open_store(paths, PASSPHRASE).close()
        except Exception as exc:  # noqa: BLE001 - the class name is the answer
            emit(type(exc).__name__)
        else:
            emit("opened")
        return 0
    print(f"unknown mode {mode!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
