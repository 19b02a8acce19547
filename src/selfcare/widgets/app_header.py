"""The header: area tabs on the left, a clickable "Help now" on the right."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

AREAS: tuple[tuple[str, str, str], ...] = (
    ("journal", "Journal", "f2"),
    ("plan", "Plan", "f3"),
    ("thinking", "Thinking", "f4"),
    ("audit", "Audit", "f5"),
)


class HeaderLink(Static):
    """A one-line clickable label that runs an app action."""

    def __init__(self, label: str, action: str, *, id: str, classes: str = "") -> None:
        super().__init__(label, id=id, classes=classes)
        self.action = action

    async def on_click(self, event: events.Click) -> None:
        """Run the action."""
        event.stop()
        await self.app.run_action(self.action)


class AppHeader(Horizontal):
    """Tabs for the four areas (hidden while locked) and the Help now link."""

    DEFAULT_CSS = """
    AppHeader {
        height: 1;
        dock: top;
        background: $panel;
    }
    AppHeader .tab {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    AppHeader .tab:hover {
        background: $boost;
    }
    AppHeader .tab.-current {
        color: $text;
        text-style: bold underline;
    }
    AppHeader #app-title {
        width: 1fr;
        content-align: center middle;
        color: $text-muted;
    }
    AppHeader #help-now-link {
        width: auto;
        padding: 0 1;
        background: $warning-muted;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, current: str | None = None, *, locked: bool = False) -> None:
        super().__init__(id="app-header")
        self.current = current
        self.locked = locked

    def compose(self) -> ComposeResult:
        if not self.locked:
            for key, label, fkey in AREAS:
                tab = HeaderLink(
                    f"{label} {fkey.upper()}", f"area('{key}')", id=f"tab-{key}", classes="tab"
                )
                tab.tooltip = f"Open {label} ({fkey.upper()})"
                if key == self.current:
                    tab.add_class("-current")
                yield tab
        yield Static("selfcare" + (" · locked" if self.locked else ""), id="app-title")
        link = HeaderLink("Help now F1", "help_now", id="help-now-link")
        link.tooltip = "Crisis and support contacts (F1 or Ctrl+G)"
        yield link
