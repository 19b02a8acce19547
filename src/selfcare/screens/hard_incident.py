"""After a hard incident: one line tonight, who to tell, what to record; write at length later."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from selfcare.domain.prompts import HARD_INCIDENT
from selfcare.domain.vocab import Perspective
from selfcare.models import new_id
from selfcare.screens.base import AppScreen
from selfcare.screens.keys import help_now_first
from selfcare.store import journal
from selfcare.widgets.app_header import AppHeader

LINE_HINT = "Enter or Ctrl+S keeps it in your journal; Esc closes without keeping it."


def _points(lines: tuple[str, ...]) -> ComposeResult:
    """A bulleted list; wrapped lines hang under the text, not under the bullet."""
    for line in lines:
        with Horizontal(classes="point"):
            yield Static("•", classes="bullet")
            yield Static(line, classes="point-text")


class HardIncidentScreen(AppScreen[None]):
    """The short alternative to long writing, for the first hours after a hard incident."""

    CSS_PATH = "hard_incident.tcss"
    AUTO_FOCUS = ""  # focused in on_mount, without scrolling the intro out of view
    PALETTE_AREA = "Journal"
    BINDINGS = [
        help_now_first("hard-incident"),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="hard-incident-save",
            priority=True,
            tooltip="Keep the line in your journal and close",
        ),
        Binding(
            "escape",
            "close",
            "Close",
            id="hard-incident-close",
            tooltip="Close without keeping the line",
        ),
    ]

    def __init__(self, entry_id: str | None = None, line: str = "") -> None:
        super().__init__(id="hard-incident")
        self.entry_id = entry_id or new_id()
        self.line = line

    @property
    def draft_key(self) -> str:
        """The draft sidecar key: the line is kept like any journal text until closed."""
        return f"journal:{self.entry_id}"

    def compose(self) -> ComposeResult:
        text = HARD_INCIDENT
        yield AppHeader(current="journal")
        with VerticalScroll(id="hard-incident-panel", can_focus=False):
            yield Static(text.title, id="hard-incident-title")
            yield Static(text.intro, id="hard-incident-intro")
            yield Static(text.name_it, classes="question")
            yield Input(self.line, placeholder="One line", id="incident-line", max_length=300)
            yield Static(LINE_HINT, classes="hint")
            yield Static("Who to tell", classes="question")
            with Vertical(id="hard-incident-tell", classes="points"):
                yield from _points(text.tell)
            yield Static("What to record at work", classes="question")
            with Vertical(id="hard-incident-record", classes="points"):
                yield from _points(text.record)
            yield Static("Later", classes="question")
            yield Static(text.later, id="hard-incident-later")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#incident-line", Input).focus(scroll_visible=False)

    @on(Input.Changed, "#incident-line")
    def _changed(self, event: Input.Changed) -> None:
        keeper = self.selfcare.keeper
        if keeper is not None:
            fields: dict[str, object] = {
                "body": event.value,
                "prompt_key": journal.HARD_INCIDENT_PROMPT,
            }
            keeper.stage_draft(self.draft_key, "journal", None, fields)

    @on(Input.Submitted, "#incident-line")
    def _submitted(self) -> None:
        self.action_save()

    def save(self) -> str | None:
        """Keep the line as a journal entry; returns its id, or None when nothing was typed."""
        keeper = self.selfcare.keeper
        line = self.query_one("#incident-line", Input).value.strip()
        if keeper is None:
            return None
        keeper.session.drop_draft(self.draft_key)
        if not line:
            return None
        journal.save_writing(
            keeper.session,
            self.entry_id,
            body=line,
            prompt_key=journal.HARD_INCIDENT_PROMPT,
            prompt_text=HARD_INCIDENT.name_it,
            perspective=Perspective.FIRST.value,
            minutes=0,
        )
        keeper.request_snapshot()
        return self.entry_id

    def action_save(self) -> None:
        """Keep the line (if there is one) and close."""
        self.save()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close without keeping anything (the draft of the line goes too)."""
        if self.selfcare.keeper is not None:
            self.selfcare.keeper.session.drop_draft(self.draft_key)
        self.dismiss(None)
