"""Where files live. Nothing here touches the disk until asked."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "selfcare"
VAULT_NAME = "selfcare.vault"
BACKUP_NAME = "selfcare.vault.bak"
DRAFT_NAME = "selfcare.draft"
LOCK_NAME = "selfcare.lock"
TEMP_PREFIX = "selfcare.vault.tmp-"
DRAFT_TEMP_PREFIX = "selfcare.draft.tmp-"


@dataclass(frozen=True)
class StorePaths:
    """The files of one store, all in one data directory."""

    data_dir: Path

    @property
    def vault(self) -> Path:
        """The current generation."""
        return self.data_dir / VAULT_NAME

    @property
    def backup(self) -> Path:
        """The previous session's last generation."""
        return self.data_dir / BACKUP_NAME

    @property
    def draft(self) -> Path:
        """The sealed sidecar of unsaved text."""
        return self.data_dir / DRAFT_NAME

    @property
    def lock(self) -> Path:
        """The ``flock`` file."""
        return self.data_dir / LOCK_NAME

    def temp_files(self) -> list[Path]:
        """Leftover temporary files of interrupted saves."""
        if not self.data_dir.is_dir():
            return []
        return sorted(
            p
            for p in self.data_dir.iterdir()
            if p.name.startswith((TEMP_PREFIX, DRAFT_TEMP_PREFIX))
        )

    def exists(self) -> bool:
        """A store exists when any of its files (vault, backup, draft, temp) exists."""
        return (
            self.vault.exists()
            or self.backup.exists()
            or self.draft.exists()
            or bool(self.temp_files())
        )

    def ensure_dir(self) -> None:
        """Make the data directory (mode 0700) if it is missing."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o700)


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """The data directory: ``--data-dir``, then ``SELFCARE_DATA_DIR``, then platformdirs."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("SELFCARE_DATA_DIR")
    if env:
        return Path(env).expanduser()
    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if data == Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)):
        # macOS puts both in Application Support: keep the store's folder to itself.
        return data / "store"
    return data


def resolve_config_file(cli_value: str | None = None) -> Path:
    """The settings file: ``--config``, then ``SELFCARE_CONFIG``, then platformdirs."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("SELFCARE_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
