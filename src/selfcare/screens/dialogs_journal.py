"""The journal's one dialog: confirming a delete (never in front of the writing area)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

DELETE = "Delete this entry? It is removed from this computer at the next save."
LET_GO = (
    "Let this entry go? Letting go removes it completely, on purpose: from the store, the "
    "search index and the next save. It cannot be brought back, and that is all right."
)


class ConfirmDelete(ModalScreen[bool]):
    """Returns True to delete."""

    BINDINGS = [Binding("escape", "keep", "Keep it", id="delete-keep", tooltip="Keep the entry")]
    DEFAULT_CSS = """
    ConfirmDelete { align: center middle; }
    ConfirmDelete #delete-panel {
        width: 70; height: auto; padding: 1 2; border: round $warning; background: $surface;
    }
    ConfirmDelete #delete-buttons { height: auto; margin: 1 0 0 0; }
    ConfirmDelete Button { margin: 0 1 0 0; }
    """

    def __init__(self, *, let_go: bool) -> None:
        super().__init__(id="confirm-delete")
        self.let_go = let_go

    def compose(self) -> ComposeResult:
        with Vertical(id="delete-panel"):
            yield Static(LET_GO if self.let_go else DELETE, id="delete-question")
            with Horizontal(id="delete-buttons"):
                yield Button(
                    "Let it go" if self.let_go else "Delete", id="delete-yes", variant="warning"
                )
                yield Button("Keep it", id="delete-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#delete-no").focus()

    def action_keep(self) -> None:
        """Keep the entry."""
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer."""
        event.stop()
        self.dismiss(event.button.id == "delete-yes")
