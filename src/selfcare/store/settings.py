"""Preferences in ``config.toml``: never personal content (contacts live in the vault)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import tomli_w

THEMES = ("selfcare-dark", "selfcare-light")
NATIONS = ("england", "wales", "scotland", "northern-ireland", "ireland")
WRITING_MINUTES = (3, 5, 10, 15, 20)


@dataclass(frozen=True)
class Settings:
    """What a person can change on the settings screen."""

    theme: str = "selfcare-dark"
    """The colour theme."""
    idle_lock_minutes: int = 10
    """Lock after this many minutes without a key, mouse or paste event (0: never)."""
    writing_minutes: int = 5
    """The journal timer's default length."""
    nation: str = "england"
    """Which nation's crisis numbers Help now shows."""
    word_count: bool = False
    """Show a word count while writing."""

    def validated(self) -> Settings:
        """A copy with every out-of-range value replaced by its default."""
        d = Settings()
        return replace(
            self,
            theme=self.theme if self.theme in THEMES else d.theme,
            idle_lock_minutes=self.idle_lock_minutes
            if 0 <= self.idle_lock_minutes <= 240
            else d.idle_lock_minutes,
            writing_minutes=self.writing_minutes
            if self.writing_minutes in WRITING_MINUTES
            else d.writing_minutes,
            nation=self.nation if self.nation in NATIONS else d.nation,
        )


def load_settings(path: Path) -> Settings:
    """Read settings; a missing, unreadable or odd file gives defaults for what is wrong."""
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    known: dict[str, Any] = {}
    for f in fields(Settings):
        value = data.get(f.name)
        if value is not None and isinstance(value, type(getattr(Settings(), f.name))):
            known[f.name] = value
    return Settings(**known).validated()


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically (mode 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        tomli_w.dump(asdict(settings), fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
