"""Reading passphrases and recovery codes: never from arguments.

With ``--passphrase-stdin``, lines of standard input are read as UTF-8 whatever the
locale, only the line ending stripped, NFC-normalised (by the same function the app
uses). Without it, a terminal is asked with ``getpass``; with no terminal, it is refused.
"""

from __future__ import annotations

import getpass
import sys
from typing import BinaryIO

from selfcare.store.errors import UsageError
from selfcare.store.keys import normalize_passphrase


class SecretReader:
    """Answers the prompts of one command, from standard input or a terminal."""

    def __init__(self, from_stdin: bool, stdin: BinaryIO | None = None) -> None:
        self.from_stdin = from_stdin
        self._stdin = stdin
        self._lines: list[str] | None = None

    def _read_lines(self) -> list[str]:
        if self._lines is None:
            stream = self._stdin or sys.stdin.buffer
            try:
                text = stream.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UsageError("Standard input is not valid UTF-8 text.") from exc
            self._lines = [line.rstrip("\r") for line in text.split("\n")]
            if self._lines and self._lines[-1] == "" and text.endswith("\n"):
                self._lines.pop()
        return self._lines

    def ask(self, prompt: str, index: int, what: str = "passphrase") -> str:
        """The ``index``-th secret (0-based line with ``--passphrase-stdin``).

        Raises:
            UsageError: a line is missing, or there is no terminal and no flag.
        """
        if self.from_stdin:
            lines = self._read_lines()
            if index >= len(lines) or lines[index] == "":
                raise UsageError(
                    f"Standard input ended before the {what} (line {index + 1}) was given."
                )
            return normalize_passphrase(lines[index])
        if not sys.stdin.isatty():
            raise UsageError(
                "There is no terminal to ask for the passphrase; use --passphrase-stdin."
            )
        try:
            return normalize_passphrase(getpass.getpass(prompt))
        except EOFError as exc:
            raise UsageError(f"No {what} was given.") from exc

    def ask_new(self, index: int) -> str:
        """A new passphrase: typed twice on a terminal, one line from standard input."""
        first = self.ask("New passphrase: ", index)
        if not self.from_stdin and self.ask("Type it again: ", index) != first:
            raise UsageError("The two passphrases were not the same; nothing was changed.")
        return first
