"""selfcare: a private wellbeing companion in the terminal."""

from __future__ import annotations

__version__ = "0.1.0"
