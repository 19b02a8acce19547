"""The clock is injected everywhere, so tests and the demo can fix 'now'."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]
"""Returns the current local time, timezone-aware (sqlmodel refuses naive times)."""


def system_clock() -> datetime:
    """The real local time, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)
