"""Errors the store raises: each its own class, exit code and plain sentence.

Messages never hold user text, paths of user content, or key material, so they are safe
to print anywhere.
"""

from __future__ import annotations


class SelfcareError(Exception):
    """Base of every error meant for a person. ``str(err)`` is one plain sentence."""

    exit_code = 1
    default_message = "Something went wrong."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class UsageError(SelfcareError):
    """The request cannot be done as asked (exit 1)."""

    exit_code = 1
    default_message = "That request could not be done as asked."


class NoStore(SelfcareError):
    """There is no store in the data directory yet (exit 1)."""

    exit_code = 1
    default_message = "There is no selfcare store here yet; 'selfcare init' creates one."


class StoreExists(SelfcareError):
    """Creation refused because a store (or a piece of one) already exists (exit 1)."""

    exit_code = 1
    default_message = "A selfcare store already exists here, so a new one was not created."


class WrongPassphrase(SelfcareError):
    """The passphrase (or recovery code) did not open the keyslot (exit 2)."""

    exit_code = 2
    default_message = "That passphrase did not open the store. Nothing was changed."


class WrongRecoveryCode(WrongPassphrase):
    """The recovery code did not open the recovery keyslot (exit 2)."""

    default_message = "That recovery code did not open the store. Nothing was changed."


class Damaged(SelfcareError):
    """The file is damaged: its header checksum or its sealed body fails (exit 3)."""

    exit_code = 3
    default_message = "The store file is damaged and could not be read."


class AlreadyOpen(SelfcareError):
    """Another selfcare process holds the store for writing (exit 4)."""

    exit_code = 4
    default_message = "The store is already open in another selfcare window; close it first."


class CannotWrite(SelfcareError):
    """A save failed (disk full, permissions); the data is still in memory (exit 5)."""

    exit_code = 5
    default_message = "The store could not be written; your data is still in memory."


class NewerFormat(SelfcareError):
    """The store or export was made by a newer selfcare (exit 6)."""

    exit_code = 6
    default_message = "This was made by a newer version of selfcare; please update selfcare."
