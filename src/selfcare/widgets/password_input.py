"""A password input that never copies or cuts its text."""

from __future__ import annotations

from textual.widgets import Input


class PasswordInput(Input):
    """An ``Input`` with ``password=True`` whose copy and cut do nothing.

    Textual copies through OSC 52 into the terminal's clipboard, so a copied passphrase
    would sit in the system clipboard in plain text.
    """

    DEFAULT_CSS = """
    PasswordInput { width: 1fr; }
    """

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, password=True, id=id)

    def action_copy(self) -> None:
        """Copying a passphrase is refused."""

    def action_cut(self) -> None:
        """Cutting a passphrase is refused."""
