"""The recovery code, shown once."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from selfcare.widgets.app_header import AppHeader

WARNING = (
    "This is your recovery code. It is shown only this once. Write it down and keep it "
    "somewhere safe, away from this computer. If you forget your passphrase, this code "
    "lets you set a new one.\n\n"
    "If you lose both your passphrase and this code, nobody can open your store: not you, "
    "and not us."
)


class CodeShownScreen(Screen[None]):
    """Show the code; "I have stored it" goes on."""

    CSS_PATH = "gate.tcss"
    BINDINGS = [("escape", "noop", "")]

    def __init__(self, code: str) -> None:
        super().__init__(id="code-shown")
        self.code = code

    def compose(self) -> ComposeResult:
        yield AppHeader(locked=True)
        with VerticalScroll(classes="gate-panel"):
            yield Static(WARNING, classes="gate-intro")
            yield Static(self.code, id="recovery-code")
            yield Button("I have stored it", id="stored", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stored").focus()

    def action_noop(self) -> None:
        """Escape does not skip the code."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Go on; the code is gone from the screen."""
        event.stop()
        self.query_one("#recovery-code", Static).update("")
        self.code = ""
        self.dismiss(None)
