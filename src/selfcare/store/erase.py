"""Erase everything selfcare keeps on this computer: the store's files and the settings.

Call only after the session is closed (its lock released): ``erase_all`` takes the lock
itself, so a store open in another selfcare window is refused rather than pulled away.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from selfcare.store.access import StoreLock
from selfcare.store.paths import StorePaths


@dataclass(frozen=True)
class Erased:
    """What ``erase_all`` did."""

    removed: list[Path] = field(default_factory=list)
    """Files that were there and are now gone."""
    left: list[Path] = field(default_factory=list)
    """Files that could not be removed (permissions, a read-only disk)."""

    @property
    def complete(self) -> bool:
        """Whether nothing was left behind."""
        return not self.left


def store_files(paths: StorePaths) -> list[Path]:
    """Every file of a store that exists now: vault, backup, draft, temp files, lock."""
    named = [paths.vault, paths.backup, paths.draft, *paths.temp_files(), paths.lock]
    return [p for p in named if p.exists() or p.is_symlink()]


def _remove(path: Path, erased: Erased) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError:
        erased.left.append(path)
        return
    erased.removed.append(path)


def erase_all(paths: StorePaths, config_path: Path | None) -> Erased:
    """Delete the store (vault, backup, draft, temp files, lock) and the settings file.

    The data directory is removed too when nothing else is left in it. The settings
    file's own temporary file, if a save was interrupted, goes with it. Copies made
    with ``selfcare backup`` and exports live elsewhere and are not touched.

    Args:
        paths: The store's files.
        config_path: The settings file, or None (the demo has none).

    Returns:
        What was removed and what could not be.

    Raises:
        AlreadyOpen: another selfcare process holds the store.
    """
    erased = Erased()
    lock: StoreLock | None = None
    if paths.data_dir.is_dir():
        lock = StoreLock(paths)
        lock.acquire()
    try:
        for path in store_files(paths):
            if path != paths.lock:
                _remove(path, erased)
        _remove(paths.lock, erased)  # last: held until the rest is gone
    finally:
        if lock is not None:
            lock.release()
    if config_path is not None:
        _remove(config_path, erased)
        _remove(config_path.with_name(config_path.name + ".tmp"), erased)
    with contextlib.suppress(OSError):
        os.rmdir(paths.data_dir)  # only when empty
    return erased
