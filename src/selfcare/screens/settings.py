"""Settings (placeholder until the settings screen lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from selfcare.widgets.app_header import AppHeader


class SettingsScreen(Screen[None]):
    """Theme, timers, nation, personal contacts, keys."""

    BINDINGS = [Binding("escape", "dismiss", "Back", id="settings-back")]

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static("Settings")
        yield Footer()
