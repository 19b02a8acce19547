"""An inline banner: a note in the flow of the screen, never a dialog in front of it."""

from __future__ import annotations

from textual.widgets import Static


class Banner(Static):
    """Hidden until it has something to say."""

    DEFAULT_CSS = """
    Banner {
        display: none;
        height: auto;
        max-height: 8;
        padding: 0 1;
        margin: 0 0 1 0;
        border-left: thick $accent;
        background: $surface;
        color: $text;
    }
    Banner.-shown {
        display: block;
    }
    """

    def say(self, text: str) -> None:
        """Show ``text`` (plain, no markup)."""
        self.update(text)
        self.set_class(bool(text), "-shown")

    def clear(self) -> None:
        """Hide."""
        self.say("")
