"""Help now: crisis and support contacts, one key away from every screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from selfcare.domain.contacts import (
    NOT_A_CRISIS_SERVICE,
    OWN_CONTACTS_AFTER_UNLOCK,
    Nation,
    tiers_for,
)
from selfcare.models import PersonalContact


class HelpNowScreen(ModalScreen[None]):
    """The tiers of contacts for the chosen nation, then the person's own contacts."""

    CSS_PATH = "help_now.tcss"
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help-now-close", tooltip="Close Help now"),
    ]

    def __init__(self, nation: Nation, personal: list[PersonalContact] | None) -> None:
        super().__init__(id="help-now")
        self.nation = nation
        self.personal = personal

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-now-panel"):
            yield Static(f"Help now · {self.nation.label}", id="help-now-title")
            yield Static(NOT_A_CRISIS_SERVICE, classes="help-note")
            for tier in tiers_for(self.nation):
                yield Static(tier.title, classes="tier-title")
                for contact in tier.contacts:
                    yield Static(f"[b]{contact.name}[/b]: {contact.how}", classes="contact")
                    yield Static(contact.note, classes="contact-note", markup=False)
            yield Static("Your own contacts", classes="tier-title")
            if self.personal is None:
                yield Static(OWN_CONTACTS_AFTER_UNLOCK, classes="help-note", id="own-locked")
            elif not self.personal:
                yield Static(
                    "None yet. Add people or places you would turn to in Settings (F6).",
                    classes="help-note",
                    id="own-empty",
                )
            for person in self.personal or []:
                line = f"{person.name}: {person.how}" if person.how else person.name
                yield Static(line, classes="contact own-contact", markup=False)
                if person.note:
                    yield Static(person.note, classes="contact-note", markup=False)
            yield Button("Close (Esc)", id="help-now-close-button")

    def on_mount(self) -> None:
        self.query_one("#help-now-panel").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        event.stop()
        self.dismiss(None)
