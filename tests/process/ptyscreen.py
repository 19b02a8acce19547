"""Run a program in a pseudo-terminal and read its screen with pyte.

The master side is drained by a background thread (otherwise the child blocks once the
pty buffer fills), every byte is kept, and a pyte screen follows along. Tests poll for
text with a deadline (``wait_for``); they never rely on a single capture.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pyte

KEY_ENTER = b"\r"
KEY_CTRL_Q = b"\x11"
KEY_F9 = b"\x1b[20~"


def _take_terminal() -> None:  # pragma: no cover - runs in the child before exec
    """Make the pty (already on fd 0, in a new session) the controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyScreen:
    """One child process on a pty of ``columns`` x ``lines``, with its screen and output."""

    def __init__(self, columns: int = 100, lines: int = 30) -> None:
        self.columns = columns
        self.lines = lines
        self.screen = pyte.Screen(columns, lines)
        self._stream = pyte.ByteStream(self.screen)
        self._raw = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._master: int | None = None
        self._reader: threading.Thread | None = None
        self.proc: subprocess.Popen[bytes] | None = None

    # --- start and stop -------------------------------------------------------------

    def start(
        self, argv: Sequence[str], env: Mapping[str, str], cwd: Path | None = None
    ) -> PtyScreen:
        """Start ``argv`` with the pty as stdin, stdout and stderr (and controlling tty)."""
        master, slave = os.openpty()
        size = struct.pack("HHHH", self.lines, self.columns, 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
        full_env = dict(env)
        full_env.update(TERM="xterm-256color", COLUMNS=str(self.columns), LINES=str(self.lines))
        try:
            self.proc = subprocess.Popen(
                list(argv),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=full_env,
                cwd=cwd,
                start_new_session=True,
                preexec_fn=_take_terminal,  # makes the pty the controlling tty
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self._master = master
        self._reader = threading.Thread(target=self._drain, name="pty-drain", daemon=True)
        self._reader.start()
        return self

    def _drain(self) -> None:
        master = self._master
        assert master is not None
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(master, 65536)
            except OSError:  # EIO: every slave descriptor is closed (the child is gone)
                break
            if not data:
                break
            with self._lock:
                self._raw += data
                with contextlib.suppress(Exception):  # pyte is only the viewer
                    self._stream.feed(data)

    def _stop_reader(self) -> None:
        if self._reader is not None:
            self._stop.set()
            self._reader.join(timeout=5)
            self._reader = None

    def hang_up(self) -> None:
        """Close the terminal as a terminal emulator would: the kernel sends SIGHUP."""
        self._stop_reader()
        if self._master is not None:
            os.close(self._master)
            self._master = None

    def close(self) -> None:
        """Kill the child's whole session if it still runs, and release the pty."""
        proc = self.proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
        self.hang_up()

    def __enter__(self) -> PtyScreen:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- talking to the child -----------------------------------------------------------

    def send(self, keys: bytes) -> None:
        """Write bytes to the terminal, as if typed."""
        assert self._master is not None, "not started or already hung up"
        os.write(self._master, keys)

    def type_text(self, text: str) -> None:
        """Type text as UTF-8, one character per write (like a person, not a paste)."""
        for char in text:
            self.send(char.encode("utf-8"))
            time.sleep(0.005)

    def signal(self, sig: int) -> None:
        """Send a signal to the child process."""
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, timeout: float) -> int:
        """The exit status, waiting at most ``timeout`` seconds (then AssertionError).

        Also waits for the reader to take the last bytes the child wrote.
        """
        assert self.proc is not None
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"the process did not exit within {timeout} s\n{self.describe()}"
            ) from None
        if self._reader is not None:
            self._reader.join(timeout=5)
        return code

    def exited_within(self, timeout: float) -> bool:
        """Whether the child exits within ``timeout`` seconds (it is left running if not)."""
        assert self.proc is not None
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        if self._reader is not None:
            self._reader.join(timeout=5)
        return True

    @property
    def returncode(self) -> int | None:
        """The exit status, or None while the child runs."""
        assert self.proc is not None
        return self.proc.poll()

    # --- reading -------------------------------------------------------------------------

    def screen_text(self) -> str:
        """The screen as it is now, one line per row."""
        with self._lock:
            return "\n".join(line.rstrip() for line in self.screen.display)

    def output(self) -> str:
        """Everything the child wrote to the terminal so far, decoded."""
        with self._lock:
            return bytes(self._raw).decode("utf-8", "replace")

    def output_bytes(self) -> bytes:
        """Everything the child wrote to the terminal so far, raw."""
        with self._lock:
            return bytes(self._raw)

    def shows(self, text: str) -> bool:
        """Whether the screen shows ``text`` (also across a line wrap)."""
        screen = self.screen_text()
        flowing = " ".join(line.strip() for line in screen.splitlines() if line.strip())
        return text in screen or text in flowing

    def wait_for(self, text: str, timeout: float = 10.0) -> None:
        """Poll until the screen shows ``text``; AssertionError with the screen if not."""
        self.wait_for_any([text], timeout)

    def wait_for_any(self, texts: Sequence[str], timeout: float = 10.0) -> str:
        """Poll until the screen shows one of ``texts``; returns the one found."""
        deadline = time.monotonic() + timeout
        while True:
            for text in texts:
                if self.shows(text):
                    return text
            if self.proc is not None and self.proc.poll() is not None:
                if self._reader is not None:
                    self._reader.join(timeout=2)
                for text in texts:
                    if self.shows(text):
                        return text
                raise AssertionError(
                    f"the process exited ({self.proc.returncode}) before showing any of "
                    f"{list(texts)!r}\n{self.describe()}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"none of {list(texts)!r} shown within {timeout} s\n{self.describe()}"
                )
            time.sleep(0.05)

    def wait_gone(self, text: str, timeout: float = 10.0) -> None:
        """Poll until the screen no longer shows ``text`` (frames arrive in pieces)."""
        deadline = time.monotonic() + timeout
        while self.shows(text):
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} still shown after {timeout} s\n{self.describe()}")
            time.sleep(0.05)

    def describe(self) -> str:
        """The screen and the tail of the raw output, for failure messages."""
        tail = self.output()[-1500:]
        return f"--- screen ---\n{self.screen_text()}\n--- output tail ---\n{tail!r}"
