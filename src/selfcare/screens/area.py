"""An area that is not built yet says so, on one line, and nothing else."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from selfcare.widgets.app_header import AppHeader

NOT_BUILT = "This area is not built yet."


class AreaScreen(Screen[None]):
    """The base screen of an area (Journal, Plan, Thinking, Audit)."""

    CSS_PATH = "area.tcss"

    def __init__(self, area: str) -> None:
        super().__init__(name=area, id=f"area-{area}")
        self.area = area

    def compose(self) -> ComposeResult:
        yield AppHeader(current=self.area)
        yield Static(NOT_BUILT, id="not-built")
        yield Footer()
