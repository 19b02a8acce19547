"""Fixtures for Pilot tests: an app built on a temporary store, fast keys, fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from selfcare.app import SelfCareApp
from selfcare.store import keys
from selfcare.store.paths import StorePaths
from selfcare.store.settings import Settings
from support import FixedClock

AppFactory = Callable[..., SelfCareApp]


@pytest.fixture
def make_app(paths: StorePaths, clock: FixedClock, tmp_path: Path) -> AppFactory:
    """Build an app on the test store; keyword arguments override the defaults."""

    def build(**overrides: Any) -> SelfCareApp:
        options: dict[str, Any] = {
            "paths": paths,
            "settings": Settings(),
            "settings_path": tmp_path / "config.toml",
            "clock": clock,
            "kdf_params": keys.FAST_TEST_PARAMS,
            "allow_weak": True,
            "idle_poll": 0.05,
        }
        options.update(overrides)
        return SelfCareApp(**options)

    return build


async def settle(pilot: Pilot[None]) -> None:
    """Let messages, workers and refreshes finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key (spaces and newlines by name)."""
    for char in text:
        await pilot.press({" ": "space", "\n": "enter"}.get(char, char))
