"""Fixtures for the SVG snapshots: an app on a temporary store, fast keys, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from selfcare.app import SelfCareApp
from selfcare.store import keys
from selfcare.store.paths import StorePaths
from selfcare.store.settings import Settings
from support import FixedClock

AppFactory = Callable[..., SelfCareApp]

SIZES = [(80, 24), (120, 40)]
"""Every screen is pictured at the smallest supported terminal and a roomy one."""


@pytest.fixture(params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    """The terminal size (columns, rows) of the snapshot."""
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def make_app(paths: StorePaths, clock: FixedClock, tmp_path: Path) -> AppFactory:
    """Build an app on the test store; keyword arguments override the defaults.

    Everything time-dependent reads the fixed clock, and the idle poll is slow enough
    that no background save runs while a picture is taken.
    """

    def build(**overrides: Any) -> SelfCareApp:
        options: dict[str, Any] = {
            "paths": paths,
            "settings": Settings(),
            "settings_path": tmp_path / "config.toml",
            "clock": clock,
            "kdf_params": keys.FAST_TEST_PARAMS,
            "allow_weak": True,
        }
        options.update(overrides)
        return SelfCareApp(**options)

    return build
