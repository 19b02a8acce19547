"""One editable personal contact (Settings): name, how to reach, note, Remove."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input

Row = tuple[str, str, str]
"""(name, how to reach, note)."""


class ContactRow(Horizontal):
    """One personal contact: name, how to reach, note, and a Remove button."""

    def __init__(self, number: int, row: Row = ("", "", "")) -> None:
        super().__init__(id=f"contact-{number}", classes="contact-row")
        self.number = number
        self.row = row

    def compose(self) -> ComposeResult:
        n = self.number
        name, how, note = self.row
        fields = (
            ("name", name, "Who, e.g. Union rep", "Who they are", 60),
            ("how", how, "How to reach them", "A number, an extension or a place", 80),
            ("note", note, "Note (optional)", "When you would use it, in your words", 120),
        )
        for key, value, placeholder, tip, limit in fields:
            field = Input(value, placeholder=placeholder, id=f"contact-{n}-{key}", max_length=limit)
            field.tooltip = tip
            field.add_class(f"contact-{key}")
            yield field
        remove = Button("Remove", id=f"contact-{n}-remove", classes="contact-remove")
        remove.tooltip = "Remove this contact (saved when you press Save)"
        yield remove

    def values(self) -> Row:
        """The row as typed, trimmed."""
        n = self.number
        return cast(
            Row,
            tuple(
                self.query_one(f"#contact-{n}-{key}", Input).value.strip()
                for key in ("name", "how", "note")
            ),
        )
